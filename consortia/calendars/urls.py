from django.urls import path

from . import views

app_name = "calendars"
# Mounted at the site's root: the feed's address is short, for pasting into a calendar.
urlpatterns = [
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("accounts/calendar/", views.feed_settings, name="settings"),
    path("accounts/calendar/new/", views.feed_make, name="make"),
    path("accounts/calendar/stop/", views.feed_revoke, name="revoke"),
]
