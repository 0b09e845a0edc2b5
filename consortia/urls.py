from django.contrib import admin
from django.urls import include, path

from consortia.core import views as core_views

urlpatterns = [
    path("", include("consortia.home.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("consortia.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organisations/", include("consortia.organisations.urls")),
    path("partnerships/", include("consortia.partnerships.urls")),
    path("notifications/", include("consortia.notifications.urls")),
    path("", include("consortia.calendars.urls")),
    path("search/", include("consortia.search.urls")),
    path("partnerships/<uuid:uuid>/canvas/", include("consortia.canvas.urls")),
    path("partnerships/<uuid:uuid>/agreement/", include("consortia.agreements.urls")),
    path("partnerships/<uuid:uuid>/decisions/", include("consortia.decisions.urls")),
    path("partnerships/<uuid:uuid>/threads/", include("consortia.threads.urls")),
    path("partnerships/<uuid:uuid>/meetings/", include("consortia.meetings.urls")),
    path("partnerships/<uuid:uuid>/assets/", include("consortia.assets.urls")),
    path("partnerships/<uuid:uuid>/groups/", include("consortia.groups.urls")),
    path("partnerships/<uuid:uuid>/contributions/", include("consortia.contributions.urls")),
    path("partnerships/<uuid:uuid>/fund/", include("consortia.fund.urls")),
    path("partnerships/<uuid:uuid>/training/", include("consortia.training.urls")),
    path("partnerships/<uuid:uuid>/pool/", include("consortia.pool.urls")),
    path("partnerships/<uuid:uuid>/progress/", include("consortia.progress.urls")),
    path("partnerships/<uuid:uuid>/health/", include("consortia.health.urls")),
    path("partnerships/<uuid:uuid>/activity/", include("consortia.activity.urls")),
    path("partnerships/<uuid:uuid>/radar/", include("consortia.radar.urls")),
    path("partnerships/<uuid:uuid>/expertise/", include("consortia.expertise.urls")),
    # "How we work": an organisation's profile under organisations/<uuid>/how-we-work/, its partners' under partnerships/<uuid>/how-we-work/.
    path("", include("consortia.workingprofiles.urls")),
    path("partnerships/<uuid:uuid>/glossary/", include("consortia.glossary.urls")),
    path("partnerships/<uuid:uuid>/exchanges/", include("consortia.exchanges.urls")),
    path("partnerships/<uuid:uuid>/lessons/", include("consortia.learning.urls")),
    # Ask the partnership: its questions under partnerships/<uuid>/questions/, those widened to the directory at questions/.
    path("partnerships/<uuid:uuid>/questions/", include("consortia.questions.urls")),
    path("questions/", include("consortia.questions.directory_urls")),
    path("partnerships/<uuid:uuid>/needs/", include("consortia.matching.urls")),
    # A partnership's actions under partnerships/<uuid>/actions/, and "My actions" at actions/.
    path("", include("consortia.actions.urls")),
    # A poll's consultation: the convener's pages under the poll, the public ones under consult/.
    path("", include("consortia.consultations.urls")),
    # The practice library: a partnership's under partnerships/<uuid>/library/, the published entries at library/.
    path("", include("consortia.library.urls")),
    path("admin/", admin.site.urls),
]
