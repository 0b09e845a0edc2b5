"""The activity pages under partnerships/<uuid:uuid>/activity/ (every view receives the
partnership's uuid)."""

from django.urls import path

from . import views

app_name = "activity"

# "signals/", not "": partnerships/<uuid>/activity/ itself is the partnership's
# activity feed (partnerships:activity), which is matched first.
urlpatterns = [
    path("signals/", views.signals_page, name="signals"),
    path("network/", views.network_page, name="network"),
]
