"""The practice library: a partnership's under partnerships/<uuid:uuid>/library/ (every
view receives the partnership's uuid), and the public library of published entries
under library/, for anyone."""

from django.urls import path

from . import views

app_name = "library"

P = "partnerships/<uuid:uuid>/library/"
E = f"{P}<uuid:entry_uuid>/"
A = f"{E}attachments/<uuid:attachment_uuid>/"

urlpatterns = [
    path(P, views.library_page, name="list"),
    path(f"{P}new/", views.entry_new, name="new"),
    path(E, views.entry_detail, name="detail"),
    path(f"{E}edit/", views.entry_edit, name="edit"),
    path(f"{E}versions/<int:number>/", views.version_detail, name="version"),
    path(f"{E}attachments/", views.attachment_upload, name="attachments"),
    path(A, views.attachment_download, name="attachment"),
    path(f"{A}shareable/", views.attachment_shareable, name="shareable"),
    path(f"{E}publish/", views.entry_publish, name="publish"),
    path(f"{E}unpublish/", views.entry_unpublish, name="unpublish"),
    path(f"{E}copy/", views.entry_copy, name="copy"),
    path("library/", views.directory, name="directory"),
    path("library/<uuid:entry_uuid>/", views.public_entry, name="public_entry"),
    path(
        "library/<uuid:entry_uuid>/attachments/<uuid:attachment_uuid>/",
        views.public_attachment,
        name="public_attachment",
    ),
]
