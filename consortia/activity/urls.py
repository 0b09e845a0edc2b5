"""The activity pages under partnerships/<uuid:uuid>/activity/ (every view receives the
partnership's uuid)."""

from django.urls import path  # noqa: F401  (the patterns come with the views)

app_name = "activity"

urlpatterns: list = []
