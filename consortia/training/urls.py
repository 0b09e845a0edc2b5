"""A partnership's training courses under partnerships/<uuid:uuid>/training/ (every
view receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "training"

C = "<uuid:course_uuid>/"

urlpatterns = [
    path("", views.course_list_page, name="list"),
    path("new/", views.course_create, name="create"),
    path(C, views.course_detail, name="detail"),
    path(f"{C}edit/", views.course_edit, name="edit"),
    path(f"{C}cancel/", views.course_cancel, name="cancel"),
    path(f"{C}book/", views.place_book, name="book"),
    path(f"{C}places/<uuid:place_uuid>/cancel/", views.place_cancel, name="place_cancel"),
    path(f"{C}attendance/", views.attendance, name="attendance"),
]
