"""A partnership's glossary under partnerships/<uuid:uuid>/glossary/ (every view
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "glossary"

T = "<uuid:term_uuid>/"

urlpatterns = [
    path("", views.glossary_page, name="list"),
    path("suggest/", views.term_suggest, name="suggest"),
    path("stewards/", views.stewards, name="stewards"),
    path(f"{T}edit/", views.term_edit, name="edit"),
    path(f"{T}approve/", views.term_approve, name="approve"),
    path(f"{T}reject/", views.term_reject, name="reject"),
    path(f"{T}retire/", views.term_retire, name="retire"),
]
