"""Sign-in rate limits hold across gunicorn's workers: they count in the shared default
cache (here the database cache on SQLite), not in each process's memory."""

import pytest

from .conftest import HOST, PASSWORD, Installation, new_secret_key

pytestmark = pytest.mark.deploy

WORKERS = 4
TRIES = 10


def test_it_refuses_the_right_password_on_every_worker_after_the_limit(consortia: Installation, tmp_path):
    env = consortia.env(
        DEBUG="0",
        SECRET_KEY=new_secret_key(),
        ALLOWED_HOSTS=HOST,
        DATA_DIR=str(tmp_path),
        WEB_CONCURRENCY=str(WORKERS),
    )
    consortia.run("migrate", "--noinput", cwd=tmp_path, env=env)
    failures_allowed = consortia.login_failures_allowed(cwd=tmp_path, env=env)
    consortia.add_user("grace@example.org", cwd=tmp_path, env=env)
    site = consortia.serve("serve", cwd=tmp_path, env=env)
    # The right password works before the limit (a success does not count against it).
    assert site.sign_in("grace@example.org", PASSWORD, {}), site.process.tail()

    # Each attempt is a new visitor on a new connection, so gunicorn hands it to any worker.
    for _ in range(failures_allowed):
        assert not site.sign_in("grace@example.org", "a-wrong-password", {})
    signed_in = sum(site.sign_in("grace@example.org", PASSWORD, {}) for _ in range(TRIES))

    # With per-process counting (the in-memory cache, before the shared default cache)
    # the right password still signed in here on 10 of 10 tries.
    assert signed_in == 0, f"the right password signed in on {signed_in} of {TRIES} tries after the limit"
    answered = site.workers_that_answered("POST", "/accounts/login/")
    assert len(answered) > 1, (
        f"one worker answered every sign-in, so this shows nothing\n{site.process.tail()}"
    )
