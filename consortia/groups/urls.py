"""Mounted at partnerships/<uuid:uuid>/groups/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list_page, name="list"),
    path("new/", views.group_create, name="create"),
    path("<uuid:group_uuid>/", views.group_detail, name="detail"),
    path("<uuid:group_uuid>/edit/", views.group_edit, name="edit"),
    path("<uuid:group_uuid>/join/", views.join, name="join"),
    path("<uuid:group_uuid>/leave/", views.leave, name="leave"),
    path("<uuid:group_uuid>/archive/", views.archive, name="archive"),
    path("<uuid:group_uuid>/reopen/", views.reopen, name="reopen"),
    path("<uuid:group_uuid>/members/add/", views.member_add, name="member_add"),
    path("<uuid:group_uuid>/members/<uuid:member_uuid>/remove/", views.member_remove, name="member_remove"),
]
