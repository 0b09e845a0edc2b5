"""A partnership's exchanges under partnerships/<uuid:uuid>/exchanges/ (every view
receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "exchanges"

E = "<uuid:exchange_uuid>/"

urlpatterns = [
    path("", views.exchange_list_page, name="list"),
    path("new/", views.exchange_create, name="create"),
    path(E, views.exchange_detail, name="detail"),
    path(f"{E}agree/", views.exchange_agree, name="agree"),
    path(f"{E}dbs/", views.exchange_dbs_confirm, name="dbs_confirm"),
    path(f"{E}people/", views.participant_add, name="participant_add"),
    path(f"{E}complete/", views.exchange_complete, name="complete"),
    path(f"{E}cancel/", views.exchange_cancel, name="cancel"),
    path(f"{E}reflect/", views.reflection_write, name="reflect"),
    path(
        f"{E}reflections/<uuid:reflection_uuid>/to-library/",
        views.reflection_to_library,
        name="reflection_to_library",
    ),
]
