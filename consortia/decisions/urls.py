"""Mounted at partnerships/<uuid:uuid>/decisions/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.poll_list_page, name="list"),
    path("new/", views.poll_create, name="create"),
    path("<uuid:poll_uuid>/", views.poll_detail, name="detail"),
    path("<uuid:poll_uuid>/vote/", views.vote, name="vote"),
    path("<uuid:poll_uuid>/close/", views.close, name="close"),
    path("<uuid:poll_uuid>/outcome/", views.outcome, name="outcome"),
]
