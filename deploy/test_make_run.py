"""`make run` is the whole system: on the port PORT names, the web server and the task
worker together (an invitation email goes out through the worker), the recurring jobs
scheduled, and one Ctrl-C stops every process it started.

It runs the README's command itself, in the checkout (not the wheel: `make run` is
how a developer tries Consortia), against a SQLite database in a temporary DATA_DIR,
so it never touches the checkout's own db.sqlite3.
"""

import os
import re
import signal
import subprocess
import time

import pytest

from .conftest import HOST, REPO, Process, Site, free_port

pytestmark = pytest.mark.deploy

DEMO_EMAIL = "priya.shah@carers-centre.example.org"  # an admin of the demo's carers centre
DEMO_PASSWORD = "consortia-demo"
INVITEE = "new.volunteer@example.org"


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def make_run(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        PORT=str(port),
        DATA_DIR=str(tmp_path),
        WEB_CONCURRENCY="2",
        LOG_FORMAT="console",
        # The requests name the site as a proxy in front of it would (conftest.Site).
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
    )
    log = tmp_path / "make-run.log"
    with log.open("wb") as out:
        popen = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal would give it
        )
    process = Process(name="make run", popen=popen, log=log)
    try:
        yield Site(port=port, process=process)
    finally:
        if group_alive(popen.pid):
            os.killpg(popen.pid, signal.SIGKILL)
        popen.wait(timeout=30)


def test_make_run_serves_on_port_with_its_worker_and_ctrl_c_stops_everything(make_run: Site):
    make_run.wait_until_healthy()
    visitor: dict[str, str] = {}
    assert make_run.sign_in(DEMO_EMAIL, DEMO_PASSWORD, visitor), make_run.process.tail()
    organisations = make_run.get("/organisations/", visitor)
    organisation = re.search(r'href="/organisations/([0-9a-f-]{36})/"', organisations.body)
    assert organisation, organisations.body[:2000]
    invited = make_run.post_form(
        f"/organisations/{organisation[1]}/members/invite/", {"email": INVITEE, "role": "member"}, visitor
    )
    assert invited.status == 302, make_run.process.tail()

    # The web process only enqueues the email (core/mail.py); the worker sends it.
    wait_for(lambda: f"To: {INVITEE}" in make_run.process.output(), 60, "the worker to send the email")
    assert "Scheduled 'close due polls'" in make_run.process.output()

    pgid = make_run.process.popen.pid
    os.killpg(pgid, signal.SIGINT)  # Ctrl-C in the terminal
    make_run.process.popen.wait(timeout=60)
    wait_for(lambda: not group_alive(pgid), 30, "every process of `make run` to stop")
