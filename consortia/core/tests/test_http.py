"""client_address: the address rate limits count, with and without trusted proxies."""

import pytest
from django.test import RequestFactory

from consortia.core.http import client_address


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", None, 0, "203.0.113.7"),
        # Without trusted proxies the header is the client's to write: ignored.
        ("203.0.113.7", "198.51.100.1", 0, "203.0.113.7"),
        # Behind one proxy: the address that proxy saw, the header's last entry, even
        # when the client sent a header of its own to pose as someone else.
        ("10.0.0.2", "198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.2", "192.0.2.99, 198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.2", "192.0.2.99, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"),
        ("10.0.0.2", "", 1, ""),  # a proxy that should have said, and did not
        ("10.0.0.2", "not-an-address", 1, ""),
        # One household's IPv6 addresses share a /64: they count as one.
        ("2001:db8:1:2:aaaa::1", None, 0, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", None, 0, "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", None, 0, "203.0.113.7"),
    ],
)
def test_client_address(settings, remote, forwarded, proxies, expected):
    settings.TRUSTED_PROXIES = proxies

    assert client_address(request_from(remote, forwarded)) == expected
