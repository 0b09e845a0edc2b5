"""Matching's pages under partnerships/<uuid:uuid>/needs/ (every view receives the
partnership's uuid)."""

from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("who-could-help/", views.needs_who_could_help, name="needs"),
]
