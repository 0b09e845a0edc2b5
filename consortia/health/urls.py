"""The health pages under partnerships/<uuid:uuid>/health/ (every view receives the
partnership's uuid)."""

from django.urls import path

from . import views

app_name = "health"

R = "<uuid:round_uuid>/"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("open/", views.round_open, name="open"),
    path(R, views.round_detail, name="round"),
    path(f"{R}answer/", views.answer, name="answer"),
    path(f"{R}ratings/", views.ratings, name="ratings"),
    path(f"{R}ratings/<uuid:rater_uuid>/<uuid:rated_uuid>/", views.rate, name="rate"),
    path(f"{R}ratings/<uuid:rater_uuid>/<uuid:rated_uuid>/withdraw/", views.unrate, name="unrate"),
    path(f"{R}close/", views.round_close, name="close"),
    path(f"{R}results.csv", views.export, name="export"),
]
