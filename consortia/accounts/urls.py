"""Our versions of allauth's pages, listed before allauth's own URLs (which they
replace under the same names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("signup/", views.signup, name="account_signup"),
]
