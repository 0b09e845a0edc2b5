"""Production settings: security headers, HTTPS with DEBUG off, `check --deploy`, and
where files go.

Which pages say `Cache-Control: private, no-store` is checked for every page of the
access table (test_access.py); here: the Content-Security-Policy, the
Permissions-Policy, HTTPS (redirect and HSTS) with DEBUG off, `check --deploy`, and
the S3 switch for uploaded files.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from consortia.core.testing import signed_in

TEMPLATES = Path(settings.PACKAGE_DIR) / "templates"


def policy(response) -> dict[str, set[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def test_every_page_carries_a_content_security_policy_without_inline_script(client, db):
    csp = policy(client.get("/accounts/login/"))

    assert csp["default-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"}
    assert csp["style-src"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'none'"}
    assert csp["form-action"] == {"'self'"}
    assert not any("unsafe" in value for values in csp.values() for value in values)


def test_a_signed_in_page_carries_the_policy_too(world):
    response = signed_in(world.users["convener_admin"]).get(f"/partnerships/{world.partnership.uuid}/")

    assert response.status_code == 200
    assert policy(response)["script-src"] == {"'self'"}


def test_every_page_carries_a_permissions_policy_that_allows_no_device(client, db):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in header.split(","))

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_no_template_has_an_inline_script_style_or_event_handler():
    """The policy forbids them, so a template that used one would break in browsers.
    (The agreement's PDF template has a <style>: WeasyPrint reads it, no browser.)"""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name.endswith("_pdf.html"):
            continue
        source = re.sub(r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S)
        for found in re.finditer(r"<script\b[^>]*>", source):
            if "src=" not in found.group(0):
                offenders.append(f"{path.name}: inline <script>")
        if re.search(r"<style\b", source):
            offenders.append(f"{path.name}: <style>")
        if re.search(r"\sstyle=", source):
            offenders.append(f"{path.name}: style attribute")
        if re.search(r"\son[a-z]+=", source):
            offenders.append(f"{path.name}: event handler attribute")
        if "javascript:" in source:
            offenders.append(f"{path.name}: javascript: URL")

    assert offenders == []


# --- production settings: a fresh interpreter with DEBUG off ----------------------------------


def production(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """`consortia <args>` with DEBUG off and only SECRET_KEY and ALLOWED_HOSTS set."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "consortia.example.org",
        **extra_env,
    }
    command = [sys.executable, "-m", "consortia.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_reports_nothing_with_only_the_secret_key_and_hosts_set():
    result = production("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


SETTINGS = (
    "from django.conf import settings as s;"
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
    " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
)


def test_https_is_on_by_default_when_debug_is_off():
    result = production("shell", "--no-imports", "-c", SETTINGS)

    assert result.stdout.split() == ["True", "31536000", "True", "True", "True"], result.stderr


def test_https_redirect_and_hsts_can_be_switched_off_for_a_plain_http_setup():
    result = production(
        "shell", "--no-imports", "-c", SETTINGS, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0"
    )

    assert result.stdout.split()[:2] == ["False", "0"], result.stderr


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_with_https_on_plain_http_is_redirected_and_https_says_hsts(https_only, db):
    client = Client()
    plain = client.get("/accounts/login/")
    secure = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_a_load_balancer_can_check_health_over_plain_http(https_only, db):
    assert Client().get("/healthz").status_code == 200


STORAGE = (
    "from django.conf import settings as s; d = s.STORAGES['default']; print(d['BACKEND'], d.get('OPTIONS'))"
)


def test_files_go_to_an_s3_compatible_bucket_when_one_is_named():
    """Scaling out: uploads kept outside the machine are a setting, not a change of code."""
    local = production("shell", "--no-imports", "-c", STORAGE)
    bucket = production(
        "shell",
        "--no-imports",
        "-c",
        STORAGE,
        S3_BUCKET="consortia-files",
        S3_ENDPOINT_URL="https://s3.example.org",
    )

    assert local.stdout.startswith("django.core.files.storage.FileSystemStorage"), local.stderr
    assert bucket.stdout.startswith("storages.backends.s3.S3Storage"), bucket.stderr
    assert "'bucket_name': 'consortia-files'" in bucket.stdout
    assert "'default_acl': None" in bucket.stdout


CLIENT_IP = """
from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

def ip(**meta):
    return get_adapter().get_client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta))

print(ip(HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9"))
try:
    print(ip())
except PermissionDenied:
    print(403)
"""


def test_sign_in_limits_count_the_visitor_not_the_load_balancer():
    """Behind one proxy, allauth's limits count the address the proxy saw (the last
    in X-Forwarded-For), as our own limits do; with none, the socket's address. A
    request without the proxy's header is refused (403), not a 500."""
    behind = production("shell", "--no-imports", "-c", CLIENT_IP, TRUSTED_PROXIES="1")
    direct = production("shell", "--no-imports", "-c", CLIENT_IP)

    assert behind.stdout.split() == ["203.0.113.9", "403"], behind.stderr
    assert direct.stdout.split()[0] == "10.0.0.2", direct.stderr
