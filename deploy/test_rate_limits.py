"""Sign-in rate limits hold across gunicorn's workers: they count in the shared default
cache (here the database cache on SQLite), not in each process's memory."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import HOST, PASSWORD, Installation, new_secret_key

pytestmark = pytest.mark.deploy

WORKERS = 4
MIN_TRIES = 12
BURSTS = 5  # with the 6 sign-ins before, under allauth's 30 sign-ins a minute from one address


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
    # Sign-ins one after another can all land on the worker that went idle last, so the
    # right password is tried in bursts of simultaneous visitors, until more than one
    # worker has answered and at least MIN_TRIES were made.
    signed_in = tries = 0
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for _ in range(BURSTS):
            burst = pool.map(lambda _: site.sign_in("grace@example.org", PASSWORD, {}), range(WORKERS))
            signed_in += sum(burst)
            tries += WORKERS
            if tries >= MIN_TRIES and len(site.workers_that_answered("POST", "/accounts/login/")) > 1:
                break

    # With per-process counting (the in-memory cache, before the shared default cache)
    # the right password still signed in here on every try that reached another worker.
    assert signed_in == 0, f"the right password signed in on {signed_in} of {tries} tries after the limit"
    answered = site.workers_that_answered("POST", "/accounts/login/")
    assert len(answered) > 1, (
        f"one worker answered every sign-in, so this shows nothing\n{site.process.tail()}"
    )
