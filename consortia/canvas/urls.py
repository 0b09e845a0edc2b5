"""Mounted at partnerships/<uuid:uuid>/canvas/: every view receives the partnership's uuid."""

from django.urls import path

from . import views

app_name = "canvas"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("purpose/", views.purpose, name="purpose"),
    path("purpose/edit/", views.purpose_edit, name="purpose_edit"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes/new/", views.outcome_add, name="outcome_add"),
    path("outcomes/<uuid:outcome_uuid>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<uuid:outcome_uuid>/remove/", views.outcome_remove, name="outcome_remove"),
    path("outcomes/<uuid:outcome_uuid>/indicators/new/", views.indicator_add, name="indicator_add"),
    path("indicators/<uuid:indicator_uuid>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<uuid:indicator_uuid>/remove/", views.indicator_remove, name="indicator_remove"),
    path("needs/", views.needs, name="needs"),
    path("needs/new/", views.need_add, name="need_add"),
    path("needs/<uuid:need_uuid>/edit/", views.need_edit, name="need_edit"),
    path("needs/<uuid:need_uuid>/remove/", views.need_remove, name="need_remove"),
    path("pledges/", views.pledges, name="pledges"),
    path("partners/<uuid:partner_uuid>/pledges/new/", views.pledge_add, name="pledge_add"),
    path("partners/<uuid:partner_uuid>/statement/", views.statement_edit, name="statement_edit"),
    path("pledges/<uuid:pledge_uuid>/edit/", views.pledge_edit, name="pledge_edit"),
    path("pledges/<uuid:pledge_uuid>/remove/", views.pledge_remove, name="pledge_remove"),
    path("steps/<slug:step>/complete/", views.step_complete, name="step_complete"),
    path("steps/<slug:step>/comments/", views.comment_add, name="comment_add"),
    path("gaps/", views.gaps, name="gaps"),
    path("export/<slug:section>.csv", views.export_csv, name="export_csv"),
    path("export/canvas.json", views.export_json, name="export_json"),
]
