"""Mounted at partnerships/<uuid:uuid>/threads/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "threads"

urlpatterns = [
    path("", views.thread_list_page, name="list"),
    path("new/", views.thread_create, name="create"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("polls/<uuid:poll_uuid>/discuss/", views.poll_discuss, name="poll_discuss"),
    path("<uuid:thread_uuid>/", views.thread_detail, name="detail"),
    path("<uuid:thread_uuid>/reply/", views.reply, name="reply"),
    path("<uuid:thread_uuid>/pin/", views.pin, name="pin"),
    path("<uuid:thread_uuid>/unpin/", views.unpin, name="unpin"),
    path("<uuid:thread_uuid>/poll/", views.thread_poll, name="poll"),
    path("<uuid:thread_uuid>/posts/<uuid:post_uuid>/edit/", views.post_edit, name="post_edit"),
    path(
        "<uuid:thread_uuid>/attachments/<uuid:attachment_uuid>/",
        views.attachment_download,
        name="attachment",
    ),
]
