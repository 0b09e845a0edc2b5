"""The progress pages under partnerships/<uuid:uuid>/progress/ (every view receives the
partnership's uuid)."""

from django.urls import path  # noqa: F401  (the patterns come with the views)

app_name = "progress"

urlpatterns: list = []
