"""A partnership's questions under partnerships/<uuid:uuid>/questions/ (every view
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "questions"

Q = "<uuid:question_uuid>/"
A = "answers/<uuid:answer_uuid>/"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.question_ask, name="ask"),
    path(Q, views.question_detail, name="detail"),
    path(f"{Q}answer/", views.answer_post, name="answer"),
    path(f"{Q}{A}accept/", views.answer_accept, name="accept"),
    path(f"{Q}{A}unaccept/", views.answer_unaccept, name="unaccept"),
    path(f"{Q}{A}to-library/", views.answer_to_library, name="to_library"),
    path(f"{Q}widen/", views.question_widen, name="widen"),
    path(f"{Q}close/", views.question_close, name="close"),
    path(f"{Q}route/<uuid:user_uuid>/", views.question_route, name="route"),
]
