"""The progress pages under partnerships/<uuid:uuid>/progress/ (every view receives the
partnership's uuid)."""

from django.urls import path

from . import views

app_name = "progress"

M = "measurements/<uuid:measurement_uuid>/"

urlpatterns = [
    path("", views.outcomes, name="outcomes"),
    path("measurements/new/", views.measurement_record, name="record"),
    path(f"{M}edit/", views.measurement_edit, name="measurement_edit"),
    path(f"{M}remove/", views.measurement_remove, name="measurement_remove"),
    path("advantage/", views.advantage_page, name="advantage"),
    path("advantage.pdf", views.advantage_pdf, name="advantage_pdf"),
]
