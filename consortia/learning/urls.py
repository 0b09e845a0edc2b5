"""A partnership's learning log under partnerships/<uuid:uuid>/lessons/ (every view
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "learning"

L = "<uuid:lesson_uuid>/"

urlpatterns = [
    path("", views.lesson_list, name="list"),
    path("new/", views.lesson_new, name="new"),
    path(L, views.lesson_detail, name="detail"),
    path(f"{L}edit/", views.lesson_edit, name="edit"),
    path(f"{L}status/", views.lesson_status, name="status"),
    path(f"{L}reviewed/", views.lesson_reviewed, name="reviewed"),
]
