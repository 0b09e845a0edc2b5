"""django-allauth's account adapter (settings.ACCOUNT_ADAPTER), for the one thing we
change: the address its sign-in, sign-up and reset limits count by."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .http import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The same address our own limits use (core.http.client_address): behind
        TRUSTED_PROXIES, the one the nearest proxy saw, so visitors behind a load
        balancer do not share its one counter. allauth's own reading raises
        ImproperlyConfigured (a 500) when X-Forwarded-For is shorter than expected;
        an address that cannot be known is a 403 instead, as allauth does for none."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address
