"""A partnership's actions under partnerships/<uuid:uuid>/actions/ (every view there
receives the partnership's uuid), and "My actions" at actions/."""

from django.urls import path

from . import views

app_name = "actions"

P = "partnerships/<uuid:uuid>/actions/"

urlpatterns = [
    path("actions/", views.my_actions_page, name="mine"),
    path(P, views.action_list_page, name="list"),
    path(f"{P}new/", views.action_create, name="create"),
    path(f"{P}<uuid:action_uuid>/", views.action_detail, name="detail"),
    path(f"{P}<uuid:action_uuid>/edit/", views.action_edit, name="edit"),
    path(f"{P}<uuid:action_uuid>/done/", views.action_done, name="done"),
    path(f"{P}<uuid:action_uuid>/drop/", views.action_drop, name="drop"),
    path(f"{P}<uuid:action_uuid>/reopen/", views.action_reopen, name="reopen"),
]
