"""Mounted at the site's root: the convener's pages sit under the poll they consult on
(every view receives the partnership's `uuid` and the `poll_uuid`), the public ones
under consult/, which need no account. The paths are those the consultations had
inside `decisions`: links already sent and printed keep working."""

from django.urls import path

from . import views

app_name = "consultations"

POLL = "partnerships/<uuid:uuid>/decisions/<uuid:poll_uuid>/consultation/"

urlpatterns = [
    path(POLL, views.consultation_manage, name="manage"),
    path(f"{POLL}open/", views.consultation_open, name="open"),
    path(f"{POLL}link/renew/", views.consultation_link_renew, name="link_renew"),
    path(f"{POLL}links/", views.consultation_links, name="links"),
    path(f"{POLL}close/", views.consultation_close, name="close"),
    path(f"{POLL}responses/<uuid:response_uuid>/hide/", views.response_hide, name="response_hide"),
    path(f"{POLL}personal-data/delete/", views.personal_data_delete, name="personal_data_delete"),
    # A personal single-use link; before "consult/<str:token>/" so that pattern cannot catch it.
    path("consult/link/<str:token>/", views.consultation_link, name="link"),
    path("consult/<str:token>/", views.consultation_answer, name="answer"),
    path("consult/<str:token>/code/<uuid:code_uuid>/", views.consultation_code, name="code"),
]
