"""Mounted at partnerships/<uuid:uuid>/assets/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "assets"

A = "<uuid:asset_uuid>/"
B = "bookings/<uuid:booking_uuid>/"
urlpatterns = [
    path("", views.asset_list_page, name="list"),
    path("new/", views.asset_create, name="create"),
    path(A, views.asset_detail, name="detail"),
    path(f"{A}edit/", views.asset_edit, name="edit"),
    path(f"{A}book/", views.booking_create, name="book"),
    path(B, views.booking_detail, name="booking"),
    path(f"{B}approve/", views.booking_approve, name="approve"),
    path(f"{B}decline/", views.booking_decline, name="decline"),
    path(f"{B}cancel/", views.booking_cancel, name="cancel"),
]
