"""The resource pool's own pages under partnerships/<uuid:uuid>/pool/ (every view receives
the partnership's uuid)."""

from django.urls import path

from . import views

app_name = "pool"

urlpatterns = [
    path("fair-shares/", views.fair_shares_page, name="shares"),
]
