from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("directory/", views.directory, name="directory"),
    path("invitations/for-you/<uuid:invitation_uuid>/", views.invitation_respond, name="invitation_for_user"),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
    path("<uuid:uuid>/", views.organisation_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.organisation_edit, name="edit"),
    path("<uuid:uuid>/leave/", views.member_leave, name="leave"),
    path("<uuid:uuid>/members/invite/", views.member_invite, name="member_invite"),
    path("<uuid:uuid>/members/<uuid:membership_uuid>/remove/", views.member_remove, name="member_remove"),
    path("<uuid:uuid>/members/<uuid:membership_uuid>/role/", views.member_role, name="member_role"),
    path(
        "<uuid:uuid>/invitations/<uuid:invitation_uuid>/revoke/",
        views.member_invitation_revoke,
        name="invitation_revoke",
    ),
    path("<uuid:uuid>/offers/new/", views.offer_add, name="offer_add"),
    path("<uuid:uuid>/offers/<uuid:offer_uuid>/remove/", views.offer_remove, name="offer_remove"),
]
