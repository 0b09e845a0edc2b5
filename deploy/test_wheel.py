"""The built wheel, installed outside the checkout, serves the full site with DEBUG=0
and nothing set but SECRET_KEY and ALLOWED_HOSTS."""

import re

import pytest

from .conftest import HOST, PASSWORD, Installation, new_secret_key, signed_in_as

pytestmark = pytest.mark.deploy


def test_it_serves_the_site_signed_in_and_styled(consortia: Installation, tmp_path):
    env = consortia.env(DEBUG="0", SECRET_KEY=new_secret_key(), ALLOWED_HOSTS=HOST)
    shown = consortia.run("shell", "-c", "import consortia; print(consortia.__file__)", cwd=tmp_path, env=env)
    where = shown.strip().splitlines()[-1]
    assert where.startswith(str(consortia.venv / "lib")), f"consortia imported from {where}"
    consortia.run("migrate", "--noinput", cwd=tmp_path, env=env)
    consortia.add_user("ada@example.org", cwd=tmp_path, env=env)
    site = consortia.serve("serve", cwd=tmp_path, env=env)

    health = site.get("/healthz")
    assert health.status == 200 and '"status": "ok"' in health.body, health.body

    visitor: dict[str, str] = {}
    assert site.sign_in("ada@example.org", PASSWORD, visitor), site.process.tail()
    home = site.get("/", visitor)
    assert signed_in_as(home, "ada@example.org"), f"{home.status}\n{home.body[:2000]}\n{site.process.tail()}"
    organisations = site.get("/organisations/", visitor)
    assert signed_in_as(organisations, "ada@example.org"), site.process.tail()
    assert "Organisation of ada@example.org" in organisations.body

    # The manifest storage's hashed name, from the served page.
    stylesheet = re.search(r'href="(/static/consortia/consortia\.min\.[0-9a-f]{12}\.css)"', home.body)
    assert stylesheet, "the page links no hashed consortia.min.<hash>.css"
    css = site.get(stylesheet[1])
    assert css.status == 200 and css.headers["content-type"].startswith("text/css"), css.headers
    assert "govuk" in css.body

    # Everything it made is in its own directory, none in the checkout.
    assert (tmp_path / "db.sqlite3").exists() and (tmp_path / "staticfiles" / "staticfiles.json").exists()


def test_it_passes_the_deployment_checks_with_only_a_secret_key_and_hosts(consortia: Installation, tmp_path):
    env = consortia.env(DEBUG="0", SECRET_KEY=new_secret_key(), ALLOWED_HOSTS=HOST)
    output = consortia.run("check", "--deploy", cwd=tmp_path, env=env)
    assert "System check identified no issues" in output, output
