"""Middleware of our own (the third-party ones are listed in settings.MIDDLEWARE)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Every response to a signed-in person says `Cache-Control: private, no-store`.

    Their pages, exports and PDFs hold a partnership's content: a shared cache (a
    proxy, a CDN) must never keep one and serve it to someone else, and the
    browser should not keep it on a shared computer either. `Vary: Cookie` alone
    does not stop that. Static files are served by whitenoise before this runs,
    so they stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
