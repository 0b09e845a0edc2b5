from django.contrib import admin
from django.urls import include, path

from consortia.core import views as core_views
from consortia.decisions import urls as decisions_urls

urlpatterns = [
    path("", include("consortia.home.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("consortia.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organisations/", include("consortia.organisations.urls")),
    path("partnerships/", include("consortia.partnerships.urls")),
    path("partnerships/<uuid:uuid>/canvas/", include("consortia.canvas.urls")),
    path("partnerships/<uuid:uuid>/agreement/", include("consortia.agreements.urls")),
    path("partnerships/<uuid:uuid>/decisions/", include("consortia.decisions.urls")),
    path("consult/", include((decisions_urls.public_urlpatterns, "consult"))),
    path("admin/", admin.site.urls),
]
