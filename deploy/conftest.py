"""Fixtures for deployment tests (marked `deploy`): Consortia as an administrator runs it.

The wheel is built from the source tree, installed with its dependencies into a fresh
virtual environment outside the checkout, and its `consortia` command is started as
real processes: with a clean environment, in a temporary directory, on free ports of
127.0.0.1. Every process is stopped in the teardown of the test that started it.

Requests go straight to gunicorn but say `X-Forwarded-Proto: https`, as a proxy that
terminates TLS would, so they pass the SSL redirect and get Secure cookies; cookies
are carried by hand because Python's cookie jar sends no Secure cookie over http.

The scaling test needs PostgreSQL and Redis on 127.0.0.1: without them it is skipped
with the reason, except when the environment variable CI is set, where it fails.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parent.parent
# The name every request carries, as behind a load balancer: allauth's sign-in rate
# limit keys on it, so two instances on two ports count the same attempts.
HOST = "consortia.test"
POSTGRES_URL = os.environ.get("DEPLOY_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379")
START_TIMEOUT = 120  # seconds; `serve` runs collectstatic first, on a busy machine
PASSWORD = "a-long-deploy-password"
ACCESS_LOG_MARK = "access:"  # starts gunicorn's access log lines, which name the worker


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def require(problem: str | None) -> None:
    """Skip with the reason, or fail in CI, where nothing may pass by skipping."""
    if problem is None:
        return
    if in_ci():
        pytest.fail(f"Deployment tests cannot run in CI: {problem}", pytrace=False)
    pytest.skip(f"Deployment test skipped: {problem}")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture: the processes get a clean environment, so a second pass with
    # DATABASE_URL set (make test on PostgreSQL) would repeat this one exactly, and the
    # scaling test makes its own PostgreSQL database anyway.
    if item.get_closest_marker("deploy") is not None and os.environ.get("DATABASE_URL"):
        pytest.skip("Deployment tests run once, in the pass without DATABASE_URL")
    # Before the wheel is built (a session fixture, set up first): no point building it
    # for a test that cannot run.
    if "postgres_url" in item.fixturenames:
        require(_postgres_problem())
    if "redis_url" in item.fixturenames:
        require(_redis_problem())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def tail(self, lines: int = 40) -> str:
        return f"--- last lines of {self.name} ({self.log}) ---\n" + "\n".join(
            self.output().splitlines()[-lines:]
        )

    def stop(self) -> None:
        if self.popen.poll() is not None:
            return
        # Its own session: the signal reaches gunicorn's workers too, and nothing else.
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=5)


@dataclass
class Installation:
    """The wheel installed in a virtual environment of its own."""

    venv: Path
    home: Path
    started: list[Process] = field(default_factory=list)

    def env(self, **variables: str) -> dict[str, str]:
        """Only what an administrator would set: no checkout, no DJANGO_SETTINGS_MODULE."""
        return {
            "PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            **variables,
        }

    def run(self, *args: str, cwd: Path, env: dict[str, str], timeout: int = 180) -> str:
        result = subprocess.run(
            [str(self.venv / "bin" / "consortia"), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"consortia {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout + result.stderr

    def start(self, name: str, *args: str, cwd: Path, env: dict[str, str]) -> Process:
        log = cwd / f"{name}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen(
                [str(self.venv / "bin" / "consortia"), *args],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process = Process(name=name, popen=popen, log=log)
        self.started.append(process)
        return process

    def serve(self, name: str, *, cwd: Path, env: dict[str, str]) -> "Site":
        """`consortia serve` on a free port, once /healthz answers 200."""
        return self.serve_start(name, cwd=cwd, env=env).wait_until_healthy()

    def serve_start(self, name: str, *, cwd: Path, env: dict[str, str]) -> "Site":
        """`consortia serve` on a free port. Its access log names the worker (process id)
        that answered each request."""
        port = free_port()
        process = self.start(
            name,
            "serve",
            "--access-logformat",
            f"{ACCESS_LOG_MARK} %(p)s %(m)s %(U)s %(s)s",
            cwd=cwd,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
        )
        return Site(port=port, process=process)

    def add_user(self, email: str, *, cwd: Path, env: dict[str, str]) -> None:
        """A user whose address is verified (sign-in will require it) and who is the
        admin of an organisation named after the address."""
        self.run("shell", "-c", USER_SCRIPT.format(email=email, password=PASSWORD), cwd=cwd, env=env)

    def login_failures_allowed(self, *, cwd: Path, env: dict[str, str]) -> int:
        """Failed sign-ins for one address before allauth refuses it: 5 of "10/m/ip,5/5m/key"."""
        show = "from django.conf import settings; print(settings.ACCOUNT_RATE_LIMITS['login_failed'])"
        limits = self.run("shell", "-c", show, cwd=cwd, env=env)
        return int(re.search(r"(\d+)/\w+/key", limits)[1])

    def stop_all(self) -> None:
        for process in reversed(self.started):
            process.stop()
        self.started.clear()


USER_SCRIPT = """
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from consortia.organisations.models import Organisation
from consortia.organisations.services import organisation_create

user = get_user_model().objects.create_user(email={email!r}, password={password!r})
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
kind = Organisation._meta.get_field("kind").choices[0][0]
organisation_create(actor=user, name="Organisation of " + {email!r}, kind=kind)
"""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Site:
    """One running instance, reached over a new connection for every request, so each
    request may land on any of gunicorn's workers. `cookies` is a visitor's cookie jar
    (name to value), updated from each answer's Set-Cookie headers."""

    port: int
    process: Process

    def request(
        self, method: str, path: str, cookies: dict[str, str], data: dict[str, str] | None = None
    ) -> Response:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Origin": f"https://{HOST}"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        cookies[name] = morsel.value
                    else:  # Django deletes a cookie with an empty value and max-age=0
                        cookies.pop(name, None)
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            connection.close()

    def wait_until_healthy(self) -> "Site":
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.popen.poll() is None, (
                f"{self.process.name} exited early\n{self.process.tail()}"
            )
            try:
                if self.get("/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"{self.process.name} did not answer /healthz in {START_TIMEOUT}s\n{self.process.tail()}")

    def workers_that_answered(self, method: str, path: str) -> set[str]:
        """The process ids of the workers that answered these requests, from the access log."""
        return {
            fields[1]
            for line in self.process.output().splitlines()
            if (fields := line.split())[:1] == [ACCESS_LOG_MARK] and fields[2:4] == [method, path]
        }

    def get(self, path: str, cookies: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, {} if cookies is None else cookies)

    def post_form(self, path: str, data: dict[str, str], cookies: dict[str, str]) -> Response:
        """Fetch the form for its CSRF token (and cookie), then post it."""
        page = self.get(path, cookies)
        assert page.status == 200, f"GET {path}: {page.status}\n{self.process.tail()}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, f"no CSRF token in {path}"
        return self.request("POST", path, cookies, {"csrfmiddlewaretoken": token[1], **data})

    def sign_in(self, email: str, password: str, cookies: dict[str, str]) -> bool:
        """Through the real allauth form; True when it redirects with a new session."""
        before = cookies.get("sessionid")
        response = self.post_form("/accounts/login/", {"login": email, "password": password}, cookies)
        assert response.status in (200, 302, 429), (
            f"sign-in answered {response.status}\n{self.process.tail()}"
        )
        return response.status == 302 and cookies.get("sessionid") not in (None, before)


def signed_in_as(response: Response, email: str) -> bool:
    return response.status == 200 and f"Signed in as </span>{email}" in response.body


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)  # 67 characters: check --deploy wants 50 or more


def _source_copy(destination: Path) -> Path:
    """The source tree as git sees it (tracked and new files, not ignored ones), so a
    stale build/ or egg-info in the checkout cannot slip into the wheel."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / name.decode()
        if source.is_file():
            target = destination / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def _quietly(*command) -> None:
    """Run a build step; its output only when it fails."""
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="session")
def installation(tmp_path_factory) -> Iterator[Installation]:
    """The wheel, built with `pip wheel --no-deps` and installed with its dependencies
    into a new virtual environment (pip's cache makes the second time quick)."""
    root = tmp_path_factory.mktemp("installation")
    source = _source_copy(root / "source")
    _quietly(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", root / "dist", source)
    (wheel,) = (root / "dist").glob("consortia-*.whl")
    shutil.rmtree(source)
    _quietly(sys.executable, "-m", "venv", root / "venv")
    _quietly(root / "venv" / "bin" / "python", "-m", "pip", "install", wheel)
    home = root / "home"
    home.mkdir()
    installation = Installation(venv=root / "venv", home=home)
    yield installation
    installation.stop_all()
    shutil.rmtree(root, ignore_errors=True)  # 200 MB a run


@pytest.fixture
def consortia(installation: Installation) -> Iterator[Installation]:
    """The installation; every process a test starts is stopped when it ends."""
    yield installation
    installation.stop_all()


def _postgres_problem() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(f"{POSTGRES_URL}/template1", connect_timeout=3):
            return None
    except psycopg.Error as error:
        return f"PostgreSQL does not answer at {POSTGRES_URL}: {str(error).strip()}"


def _redis_problem() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:
        return f"Redis does not answer at {REDIS_URL} (redis-server): {error}"
    return None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database of this test's own, dropped afterwards."""
    import psycopg

    name = f"wt_deploy_{secrets.token_hex(4)}"
    with psycopg.connect(f"{POSTGRES_URL}/template1", autocommit=True) as connection:
        # From template0, which takes no connections: another client connected to
        # template1 (the usual template) would make CREATE DATABASE fail.
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield f"{POSTGRES_URL}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES_URL}/template1", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url() -> str:
    """Redis, in one of its numbered databases other than the usual 0: the sign-in limit
    per client address (127.0.0.1 for every test) lasts a minute and outlives the test."""
    return f"{REDIS_URL}/{secrets.choice(range(1, 16))}"
