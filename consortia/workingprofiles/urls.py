from django.urls import path

from . import views

app_name = "workingprofiles"

urlpatterns = [
    path("partnerships/<uuid:uuid>/how-we-work/", views.partners_page, name="partners"),
    path("organisations/<uuid:uuid>/how-we-work/", views.profile_page, name="detail"),
    path("organisations/<uuid:uuid>/how-we-work/edit/", views.profile_edit, name="edit"),
    path("organisations/<uuid:uuid>/how-we-work/reviewed/", views.profile_reviewed, name="review"),
]
