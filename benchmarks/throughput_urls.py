"""Consortia's URLs plus the benchmark's bare page (R0): a tiny view rendering a minimal
template through the same middleware, context processors and server as every page."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

BARE_PATH = "_benchmark/bare"
FLOOR_PATH = "_benchmark/signed-in"

_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title></head>'
    "<body><p>{{ title }}</p></body></html>"
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_TEMPLATE.render({"title": "R0"}, request))


def signed_in(request: HttpRequest) -> HttpResponse:
    """The bare page for a signed-in viewer: the session and the user are loaded, as on
    every signed-in page, and nothing else. The floor under the main pages."""
    return HttpResponse(_TEMPLATE.render({"title": request.user.get_username()}, request))


urlpatterns = [
    path(BARE_PATH, bare),
    path(FLOOR_PATH, signed_in),
    path("", include("consortia.urls")),
]
