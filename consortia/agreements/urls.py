from django.urls import path

from . import views

app_name = "agreements"

# Mounted at partnerships/<uuid:uuid>/agreement/: every view receives the partnership's uuid.
urlpatterns = [
    path("", views.agreement_detail, name="detail"),
    path("readiness/", views.readiness, name="readiness"),
    path("drafts/new/", views.draft_start, name="draft_start"),
    path("versions/<uuid:version_uuid>/", views.version_detail, name="version"),
    path("versions/<uuid:version_uuid>/changes/", views.changes, name="changes"),
    path("versions/<uuid:version_uuid>/print/", views.version_print, name="print"),
    path("versions/<uuid:version_uuid>/pdf/", views.version_pdf, name="pdf"),
    path("versions/<uuid:version_uuid>/edit/", views.draft_edit, name="draft_edit"),
    path("versions/<uuid:version_uuid>/objectives/add/", views.objective_add, name="objective_add"),
    path(
        "versions/<uuid:version_uuid>/objectives/<uuid:objective_uuid>/remove/",
        views.objective_remove,
        name="objective_remove",
    ),
    path("versions/<uuid:version_uuid>/roles/<uuid:partner_uuid>/", views.role_set, name="role_set"),
    path("versions/<uuid:version_uuid>/weights/", views.weights_set, name="weights_set"),
    path("versions/<uuid:version_uuid>/publish/", views.publish, name="publish"),
    path("versions/<uuid:version_uuid>/endorse/<uuid:partner_uuid>/", views.endorse, name="endorse"),
]
