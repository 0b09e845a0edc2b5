"""Consortia's URLs plus the benchmark's bare page (R0): a tiny view rendering a minimal
template through the same middleware, context processors and server as every page."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

BARE_PATH = "_benchmark/bare"

_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title></head>'
    "<body><p>{{ title }}</p></body></html>"
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_TEMPLATE.render({"title": "R0"}, request))


urlpatterns = [
    path(BARE_PATH, bare),
    path("", include("consortia.urls")),
]
