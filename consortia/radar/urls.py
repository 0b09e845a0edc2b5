"""The radar pages under partnerships/<uuid:uuid>/radar/ (every view receives the
partnership's uuid)."""

from django.urls import path

from . import views

app_name = "radar"

urlpatterns = [
    path("", views.radar, name="radar"),
    path("remedies/", views.remedy_add, name="remedy_add"),
]
