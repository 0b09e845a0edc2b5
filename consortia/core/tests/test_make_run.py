"""`make run` is the whole system: on the port PORT names, the web server and the task
worker together (a password-reset email goes out through the worker), the recurring
jobs scheduled, and one Ctrl-C stops every process it started.

It runs the README's command itself, in the checkout, against a SQLite database in a
temporary DATA_DIR (so it never touches the checkout's own db.sqlite3).
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

CHECKOUT = Path(settings.PACKAGE_DIR).parent
DEMO_EMAIL = "priya.shah@carers-centre.example.org"

pytestmark = pytest.mark.skipif(
    not (CHECKOUT / "Makefile").exists(), reason="`make run` needs the checkout (not an installed wheel)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


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
    env.update(PORT=str(port), DATA_DIR=str(tmp_path), WEB_CONCURRENCY="2", LOG_FORMAT="console")
    log = tmp_path / "make-run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=CHECKOUT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal would give it
        )
    try:
        yield process, f"http://127.0.0.1:{port}", log
    finally:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def answers(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except OSError:
        return None


def request_password_reset(base: str, email: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/accounts/password/reset/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": email}).encode()
    request = urllib.request.Request(
        f"{base}/accounts/password/reset/", data=data, headers={"Referer": f"{base}/accounts/password/reset/"}
    )
    with opener.open(request, timeout=10) as response:
        return response.status


def test_make_run_serves_on_port_with_its_worker_and_ctrl_c_stops_everything(make_run):
    process, base, log = make_run

    wait_for(lambda: answers(f"{base}/healthz") == 200, 180, "the web server on PORT")
    assert request_password_reset(base, DEMO_EMAIL) == 200

    # The email is sent by a task, so it reaches the console only through the worker.
    wait_for(lambda: f"To: {DEMO_EMAIL}" in log.read_text(), 60, "the worker to send the email")
    assert "Scheduled 'close due polls'" in log.read_text()

    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in the terminal
    process.wait(timeout=60)
    wait_for(lambda: not group_alive(process.pid), 30, "every process of `make run` to stop")
