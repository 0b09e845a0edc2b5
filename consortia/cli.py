"""The `consortia` command.

consortia serve     production server: gunicorn, static files by whitenoise,
                    PORT (default 8000) and DATABASE_URL from the environment
consortia worker    runs background tasks (email) and enqueues the recurring ones
consortia run       the web server and the worker together, as `make run` does;
                    Ctrl-C stops both
consortia demo      loads the demo partnerships into an empty database
consortia <other>   any Django management command (migrate, createsuperuser, ...)
"""

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import NoReturn


def _django(args: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["consortia", *args])


def serve(args: list[str]) -> None:
    import django
    from django.conf import settings

    django.setup()
    if not settings.DEBUG:
        # The manifest storage needs collected, hashed files before the first request.
        _django(["collectstatic", "--noinput", "--verbosity", "0"])
    from gunicorn.app.wsgiapp import run

    host = os.environ.get("HOST", "0.0.0.0" if not settings.DEBUG else "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", str(min(2 * (os.cpu_count() or 1) + 1, 9)))
    sys.argv = [
        "gunicorn",
        "consortia.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        workers,
        "--access-logfile",
        "-",
        # The access log without the secrets in URL paths (calendar feed tokens).
        "--logger-class",
        "consortia.core.access_log.RedactingLogger",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        *args,
    ]
    run()


def run_all(args: list[str]) -> None:
    """`consortia serve` and `consortia worker` as two child processes. When either
    stops, or this process is interrupted (Ctrl-C) or terminated, both stop."""

    def interrupted(signum: int, frame: FrameType | None) -> NoReturn:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    me = [sys.executable, "-m", "consortia.cli"]
    children = [subprocess.Popen([*me, "serve", *args]), subprocess.Popen([*me, "worker"])]
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    sys.exit(0 if all(child.returncode == 0 for child in children) else 1)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.settings")
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve(rest)
    elif command == "run":
        run_all(rest)
    elif command in ("help", "--help", "-h"):
        print(__doc__)
    else:
        _django([command, *rest])


if __name__ == "__main__":
    main()
