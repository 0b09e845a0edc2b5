"""Benchmark: requests per second of Consortia's main pages as a ratio of a bare Django
page (R0) served by the same server, middleware and settings, measured in the same run.
Not a test: it reports, it never asserts.

    .venv/bin/python benchmarks/throughput.py [--duration 3] [--rounds 2] [--connections 10]
    REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python benchmarks/throughput.py
    .venv/bin/python benchmarks/throughput.py --profile partnership   # where one page's CPU goes

What it does, all on 127.0.0.1 and inside a temporary DATA_DIR it deletes afterwards:
- migrates a new SQLite database (or DATABASE_URL if set, at your own risk: it adds the
  demo's rows there) and loads the demo through the services, so every page has the
  events, memberships and content of real use;
- signs in the demo's convener (Priya Shah) by making a session, as a browser would have;
- starts `consortia serve` (gunicorn, DEBUG=0) with benchmarks/throughput_settings.py,
  which are Consortia's settings plus one bare page at /_benchmark/bare (R0), and the
  same page for a signed-in viewer at /_benchmark/signed-in ("floor": it loads the
  session and the user, as every signed-in page must, and nothing else);
- drives R0 and each page alternately with a load generator (`wrk`: `apt-get install
  wrk`; without it, a slower load generator in Python; compare ratios only from the same
  load generator), and prints each page's requests/s divided by the mean of the R0
  measurements just before and after it, with the page's database queries per request
  (counted in this process on a warm cache; with the database cache, cache reads are
  queries too);
- stops the server (its whole process group) and removes the directory, also on Ctrl-C.

Absolute figures depend on the machine and what else runs on it; the ratios to R0
measured in the same run are what to compare. Every request carries
`X-Forwarded-Proto: https`, as from the TLS proxy Consortia expects with DEBUG=0.
With REDIS_URL set, the cache (sessions, page fragments) is that Redis: use a database
of its own (e.g. /15), as the benchmark leaves its fragments there to expire.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWER = "priya.shah@carers-centre.example.org"  # the demo's convener admin
PAGES = [
    "floor",
    "dashboard",
    "partnership",
    "canvas",
    "agreement",
    "decisions",
    "poll",
    "organisation",
    "directory",
    "radar",
    "signals",
    "advantage",
]
SERVER_START_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(data_dir: str, port: int, settings: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATA_DIR": data_dir,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{data_dir}/db.sqlite3")
    return env


def _seed() -> tuple[dict[str, str], str]:
    """Migrate, load the demo and sign the viewer in; return the page paths and the
    session cookie's value."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from consortia.accounts.models import User
    from consortia.decisions.models import Poll
    from consortia.partnerships.models import Partnership

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)
    viewer = User.objects.get(email=VIEWER)
    partnership = Partnership.objects.filter(partners__organisation__memberships__user=viewer).earliest("id")
    poll = Poll.objects.filter(partnership=partnership).earliest("id")
    organisation = viewer.memberships.select_related("organisation").get().organisation
    client = Client()
    client.force_login(viewer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    paths = {
        "floor": "/_benchmark/signed-in",
        "dashboard": reverse("home"),
        "partnership": reverse("partnerships:detail", args=[partnership.uuid]),
        "canvas": reverse("canvas:overview", args=[partnership.uuid]),
        "agreement": reverse("agreements:detail", args=[partnership.uuid]),
        "decisions": reverse("decisions:list", args=[partnership.uuid]),
        "poll": reverse("decisions:detail", args=[partnership.uuid, poll.uuid]),
        "organisation": reverse("organisations:detail", args=[organisation.uuid]),
        "directory": reverse("organisations:directory"),
        "radar": reverse("radar:radar", args=[partnership.uuid]),
        "signals": reverse("activity:signals", args=[partnership.uuid]),
        "advantage": reverse("progress:advantage", args=[partnership.uuid]),
    }
    connections.close_all()  # the server's workers open their own
    return paths, cookie


def _headers(cookie: str) -> dict[str, str]:
    from django.conf import settings

    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "X-Forwarded-Proto": "https"}


def _get(url: str, headers: dict[str, str]) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_for_server(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped while starting:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if _get(f"{base}/healthz", {"X-Forwarded-Proto": "https"}) == 200:
                return
        time.sleep(0.5)
    sys.exit(f"The server did not answer /healthz within {SERVER_START_SECONDS} s.")


def _stop(server: subprocess.Popen) -> None:
    """Stop gunicorn's arbiter and workers: the process group started for them."""
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- load generators --------------------------------------------------------------------


def _wrk(url: str, headers: dict[str, str], seconds: float, connections: int) -> tuple[float, int]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    failed = (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
    if rate is None:
        sys.exit(f"Could not read wrk's output:\n{output}")
    return float(rate.group(1)), failed


def _python_load(url: str, headers: dict[str, str], seconds: float, connections: int) -> tuple[float, int]:
    """A fallback when wrk is missing: `connections` threads, each one request at a
    time. The GIL makes it slower than wrk, so its ratios are lower bounds."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    counts = [0] * connections
    failures = [0] * connections
    stop = time.monotonic() + seconds

    def run(i: int) -> None:
        while time.monotonic() < stop:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            try:
                conn.request("GET", parts.path, headers=headers)
                response = conn.getresponse()
                response.read()
                counts[i] += 1
                failures[i] += response.status >= 400
            except OSError:
                failures[i] += 1
            finally:
                conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), sum(failures)


# --- measuring --------------------------------------------------------------------------


def _query_count(path: str, cookie: str) -> int:
    """Database queries for one request on a warm cache, in this process (same settings)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path)  # warm, as the load does
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    connection.close()
    if status != 200:
        sys.exit(f"{path} answered {status} in process.")
    return len(queries)


def _profile(path: str, cookie: str, requests: int) -> None:
    """Where one page's CPU goes, in this process with DEBUG=0 settings (cProfile)."""
    import cProfile
    import pstats

    from django.conf import settings
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path)
    started = time.process_time()
    for _ in range(requests):
        client.get(path)
    print(f"{path}: {(time.process_time() - started) / requests * 1000:.1f} ms CPU per request (no profiler)")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def _measure(pages, base, paths, headers, args, load) -> tuple[dict[str, list[float]], list[float]]:
    ratios: dict[str, list[float]] = {page: [] for page in pages}
    rates: dict[str, list[float]] = {page: [] for page in pages}
    bare_url = f"{base}/_benchmark/bare"
    # R0 without the session cookie: an anonymous visitor, so nothing reads the session
    # (middleware that asks whether the visitor is signed in would otherwise load it).
    bare_headers = {name: value for name, value in headers.items() if name != "Cookie"}
    r0_rates = []
    previous_r0, failed = load(bare_url, bare_headers, args.duration, args.connections)
    r0_rates.append(previous_r0)
    for _ in range(args.rounds):
        for page in pages:
            rate, page_failed = load(f"{base}{paths[page]}", headers, args.duration, args.connections)
            next_r0, r0_failed = load(bare_url, bare_headers, args.duration, args.connections)
            failed += page_failed + r0_failed
            rates[page].append(rate)
            ratios[page].append(rate / ((previous_r0 + next_r0) / 2))
            r0_rates.append(next_r0)
            previous_r0 = next_r0
    if failed:
        print(f"WARNING: {failed} requests failed or answered 4xx/5xx during the load.")
    return {page: [statistics.mean(rates[page]), statistics.mean(ratios[page])] for page in pages}, r0_rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=3, help="seconds per measurement (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="measurements of each page (default 2)")
    parser.add_argument("--connections", type=int, default=10, help="concurrent connections (default 10)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, from {','.join(PAGES)}")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page in process instead")
    parser.add_argument(
        "--settings",
        default="benchmarks.throughput_settings",
        help="settings module to try a change with (import * from benchmarks.throughput_settings)",
    )
    args = parser.parse_args()
    pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    if unknown := set(pages + ([args.profile] if args.profile else [])) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    load = _python_load if args.python_load or not shutil.which("wrk") else _wrk
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("Stopped."))  # clean up as on Ctrl-C

    data_dir = tempfile.mkdtemp(prefix="consortia-throughput-")
    port = _free_port()
    os.environ.update(_environment(data_dir, port, args.settings))
    server = None
    cookie = ""
    try:
        import django

        django.setup()
        paths, cookie = _seed()
        headers = _headers(cookie)
        if args.profile:
            from django.core.management import call_command

            call_command("collectstatic", "--noinput", verbosity=0)  # the manifest storage needs it
            _profile(paths[args.profile], cookie, 100)
            return
        log = Path(data_dir) / "server.log"
        with open(log, "w") as log_file:
            server = subprocess.Popen(
                [sys.executable, "-m", "consortia.cli", "serve"],
                env=os.environ.copy(),
                stdout=subprocess.DEVNULL,  # gunicorn's access log
                stderr=log_file,
                start_new_session=True,  # its own process group, stopped as one
            )
        base = f"http://127.0.0.1:{port}"
        _wait_for_server(base, server, log)
        for page in pages:
            if (status := _get(f"{base}{paths[page]}", headers)) != 200:
                sys.exit(f"{page} ({paths[page]}) answered {status}, not 200.")
        queries = {page: _query_count(paths[page], cookie) for page in pages}
        for page in pages:  # warm every worker's caches, as a running site has
            load(f"{base}{paths[page]}", headers, 1, args.connections)
        results, r0_rates = _measure(pages, base, paths, headers, args, load)
        database = os.environ["DATABASE_URL"].split(":", 1)[0]
        cache = "Redis" if os.environ.get("REDIS_URL") else "database cache"
        print(
            f"\n{database}, {cache}, load by {'wrk' if load is _wrk else 'Python'}, {args.connections} "
            f"connections, {args.duration:g} s, {args.rounds} rounds per page"
        )
        print(
            f"R0 (bare page): {statistics.mean(r0_rates):,.0f} requests/s "
            f"(min {min(r0_rates):,.0f}, max {max(r0_rates):,.0f})\n"
        )
        print(f"{'page':<14} {'requests/s':>10} {'x R0':>6} {'queries':>8}")
        for page in pages:
            rate, ratio = results[page]
            print(f"{page:<14} {rate:>10,.0f} {ratio:>6.3f} {queries[page]:>8}")
    finally:
        if server is not None:
            _stop(server)
        if cookie:  # a shared cache (Redis) keeps sessions: remove ours
            from importlib import import_module

            from django.conf import settings

            with contextlib.suppress(Exception):  # cleaning up must not hide the real error
                import_module(settings.SESSION_ENGINE).SessionStore().delete(cookie)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
