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

# --- public consultations (consultation_views.py) -----------------------------------------------
from . import consultation_views  # noqa: E402

urlpatterns += [
    path("<uuid:poll_uuid>/consultation/", consultation_views.consultation_manage, name="consultation"),
    path(
        "<uuid:poll_uuid>/consultation/open/", consultation_views.consultation_open, name="consultation_open"
    ),
    path(
        "<uuid:poll_uuid>/consultation/link/renew/",
        consultation_views.consultation_link_renew,
        name="consultation_link_renew",
    ),
    path(
        "<uuid:poll_uuid>/consultation/links/",
        consultation_views.consultation_links,
        name="consultation_links",
    ),
    path(
        "<uuid:poll_uuid>/consultation/close/",
        consultation_views.consultation_close,
        name="consultation_close",
    ),
    path(
        "<uuid:poll_uuid>/consultation/responses/<uuid:response_uuid>/hide/",
        consultation_views.response_hide,
        name="consultation_response_hide",
    ),
    path(
        "<uuid:poll_uuid>/consultation/personal-data/delete/",
        consultation_views.personal_data_delete,
        name="consultation_personal_data_delete",
    ),
]

# Mounted at consult/ (consortia/urls.py) with the namespace "consult": no account needed.
public_urlpatterns = [
    # A personal single-use link; before "<str:token>/" so that pattern cannot catch it.
    path("link/<str:token>/", consultation_views.consultation_link, name="link"),
    path("<str:token>/", consultation_views.consultation_answer, name="answer"),
    path("<str:token>/code/<uuid:code_uuid>/", consultation_views.consultation_code, name="code"),
]
