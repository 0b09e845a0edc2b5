"""Mounted at partnerships/<uuid:uuid>/meetings/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "meetings"

M = "<uuid:meeting_uuid>/"
urlpatterns = [
    path("", views.meeting_list_page, name="list"),
    path("new/", views.meeting_create, name="create"),
    path(M, views.meeting_detail, name="detail"),
    path(f"{M}meeting.ics", views.meeting_ics, name="ics"),
    path(f"{M}edit/", views.meeting_edit, name="edit"),
    path(f"{M}cancel/", views.meeting_cancel, name="cancel"),
    path(f"{M}agenda/new/", views.agenda_add, name="agenda_add"),
    path(f"{M}agenda/<uuid:item_uuid>/", views.agenda_edit, name="agenda_edit"),
    path(f"{M}agenda/<uuid:item_uuid>/move/", views.agenda_move, name="agenda_move"),
    path(f"{M}agenda/<uuid:item_uuid>/remove/", views.agenda_remove, name="agenda_remove"),
    path(f"{M}attendance/", views.attendance, name="attendance"),
    path(f"{M}apologies/", views.apologies, name="apologies"),
    path(f"{M}minutes/", views.minutes_edit, name="minutes"),
    path(f"{M}minutes/open/", views.minutes_open, name="minutes_open"),
    path(f"{M}minutes/correction/", views.correction, name="correction"),
    path(f"{M}minutes/publish/", views.minutes_publish, name="minutes_publish"),
    path(f"{M}minutes/approve/<uuid:partner_uuid>/", views.minutes_approve, name="minutes_approve"),
    path(f"{M}minutes/decisions/new/", views.decision_add, name="decision_add"),
    path(f"{M}minutes/actions/new/", views.action_add, name="action_add"),
]
