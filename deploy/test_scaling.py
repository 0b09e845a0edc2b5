"""Consortia scales out: two `consortia serve` instances and one `consortia worker`
share one PostgreSQL database and one Redis, and nothing else (each instance has its
own directory, as on its own machine). Needs PostgreSQL and Redis on 127.0.0.1."""

import hashlib
import re
import secrets
import time

import pytest

from .conftest import HOST, PASSWORD, Installation, Process, new_secret_key, signed_in_as

pytestmark = pytest.mark.deploy

TASK_TIMEOUT = 60  # seconds for the worker to pick up and run an email task


def wait_for_output(process: Process, text: str) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT
    while text not in process.output():
        assert process.popen.poll() is None, f"{process.name} exited\n{process.tail()}"
        assert time.monotonic() < deadline, f"{text!r} not in {process.name}'s output\n{process.tail()}"
        time.sleep(0.5)


def test_it_runs_as_two_instances_and_a_worker_on_postgresql_and_redis(
    postgres_url: str, redis_url: str, consortia: Installation, tmp_path
):
    env = consortia.env(
        DEBUG="0",
        SECRET_KEY=new_secret_key(),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=postgres_url,
        REDIS_URL=redis_url,
        WEB_CONCURRENCY="2",
    )
    a_dir, b_dir, worker_dir = (tmp_path / name for name in ("a", "b", "worker"))
    for directory in (a_dir, b_dir, worker_dir):
        directory.mkdir()
    # Fresh addresses: Redis outlives the test, and with it the rate-limit counts.
    run = secrets.token_hex(4)
    ada, grace, invitee = (f"{name}-{run}@example.org" for name in ("ada", "grace", "invitee"))
    consortia.run("migrate", "--noinput", cwd=a_dir, env=env)
    consortia.add_user(ada, cwd=a_dir, env=env)
    consortia.add_user(grace, cwd=a_dir, env=env)
    a = consortia.serve_start("serve-a", cwd=a_dir, env=env)
    b = consortia.serve_start("serve-b", cwd=b_dir, env=env)
    worker = consortia.start("worker", "worker", cwd=worker_dir, env=env)
    a.wait_until_healthy()
    b.wait_until_healthy()
    assert '"vendor": "postgresql"' in b.get("/healthz").body

    # A session made on A works on B.
    visitor: dict[str, str] = {}
    assert a.sign_in(ada, PASSWORD, visitor), a.process.tail()
    organisations = b.get("/organisations/", visitor)
    assert signed_in_as(organisations, ada), f"{organisations.status}\n{b.process.tail()}"

    # A task enqueued on A runs in the worker: the invitation email (console backend).
    organisation = re.search(r'href="/organisations/([0-9a-f-]{36})/"', organisations.body)
    assert organisation, organisations.body[:2000]
    invited = a.post_form(
        f"/organisations/{organisation[1]}/members/invite/", {"email": invitee, "role": "member"}, visitor
    )
    assert invited.status == 302, f"{invited.status}\n{a.process.tail()}"
    wait_for_output(worker, f"To: {invitee}")
    assert f"To: {invitee}" not in a.process.output() + b.process.output()

    # The sign-in limit is shared: failures split across A and B reach it together.
    assert b.sign_in(grace, PASSWORD, {}), b.process.tail()
    failures_allowed = consortia.login_failures_allowed(cwd=a_dir, env=env)
    for attempt in range(failures_allowed):
        assert not (a, b)[attempt % 2].sign_in(grace, "a-wrong-password", {})
    assert not any(site.sign_in(grace, PASSWORD, {}) for site in (a, b, a, b, a, b))
    # …counted in Redis (allauth keys the limit on the host name and the address).
    import redis

    key = hashlib.sha256(f"{HOST}:{grace}".encode()).hexdigest()
    assert redis.Redis.from_url(redis_url).keys(f"*allauth:rl:*login_failed*{key}")
