"""A partnership's contributions ledger under partnerships/<uuid:uuid>/contributions/
(every view receives the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("", views.ledger_page, name="ledger"),
    path("new/", views.entry_create, name="create"),
    path("ledger.csv", views.ledger_csv, name="export_csv"),
    path("rates/", views.rates_page, name="rates"),
    path("rates/new/", views.rate_create, name="rate_create"),
    path("pledged-and-delivered/", views.delivery_page, name="delivery"),
    path("<uuid:entry_uuid>/", views.entry_detail, name="entry"),
    path("<uuid:entry_uuid>/reverse/", views.entry_reverse, name="reverse"),
]
