"""The `consortia` command.

consortia serve     production server: gunicorn, static files by whitenoise,
                    PORT (default 8000) and DATABASE_URL from the environment
consortia worker    runs background tasks (email, scheduled jobs)
consortia demo      loads the demo partnerships into an empty database
consortia <other>   any Django management command (migrate, createsuperuser, ...)
"""

import os
import sys


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
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        *args,
    ]
    run()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.settings")
    command, *rest = sys.argv[1:] or ["help"]
    if command == "serve":
        serve(rest)
    elif command == "worker":
        _django(["db_worker", *rest])
    elif command in ("help", "--help", "-h"):
        print(__doc__)
    else:
        _django([command, *rest])


if __name__ == "__main__":
    main()
