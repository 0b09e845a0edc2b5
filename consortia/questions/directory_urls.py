"""The questions widened to the directory, at site level under questions/: for anyone
signed in who belongs to an organisation."""

from django.urls import path

from . import views

app_name = "directory_questions"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("<uuid:question_uuid>/", views.directory_detail, name="detail"),
    path("<uuid:question_uuid>/answer/", views.directory_answer, name="answer"),
]
