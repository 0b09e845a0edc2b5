"""A partnership's expertise under partnerships/<uuid:uuid>/expertise/ (every view
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "expertise"

E = "<uuid:expertise_uuid>/"

urlpatterns = [
    path("", views.expertise_map_page, name="map"),
    path("add/", views.expertise_add, name="add"),
    path("topics/merge/", views.topic_merge, name="merge"),
    path(f"{E}remove/", views.expertise_remove, name="remove"),
    path(f"{E}endorse/", views.expertise_endorse, name="endorse"),
]
