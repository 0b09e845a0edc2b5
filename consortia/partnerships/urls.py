from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("invitations/for-you/<uuid:invitation_uuid>/", views.invitation_respond, name="invitation_for_user"),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
    path("<uuid:uuid>/", views.partnership_detail, name="detail"),
    path("<uuid:uuid>/activity/", views.activity, name="activity"),
    path("<uuid:uuid>/edit/", views.partnership_edit, name="edit"),
    path("<uuid:uuid>/invite/", views.invite, {"kind": "organisation"}, name="invite"),
    path("<uuid:uuid>/invite-participant/", views.invite, {"kind": "individual"}, name="invite_participant"),
    path(
        "<uuid:uuid>/invitations/<uuid:invitation_uuid>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<uuid:uuid>/hand-over/", views.hand_over, name="hand_over"),
    path("<uuid:uuid>/partners/<uuid:partner_uuid>/role/", views.partner_role, name="partner_role"),
    path(
        "<uuid:uuid>/partners/<uuid:partner_uuid>/representatives/",
        views.representatives,
        name="representatives",
    ),
    path(
        "<uuid:uuid>/partners/<uuid:partner_uuid>/representatives/<uuid:representative_uuid>/remove/",
        views.representative_remove,
        name="representative_remove",
    ),
    path("<uuid:uuid>/partners/<uuid:partner_uuid>/leave/", views.partner_leave, name="partner_leave"),
    path(
        "<uuid:uuid>/participants/<uuid:participant_uuid>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
]
