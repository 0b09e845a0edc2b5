"""Consortia settings: one module, driven by environment variables.

Everything has a safe default for `make run` on a laptop (SQLite, console email,
DEBUG on). Production sets SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and DEBUG=0.
"""

import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url

# Everything the site needs (templates, static files, translations) ships inside the
# package, so an installed wheel serves the whole site from any directory.
PACKAGE_DIR = Path(__file__).resolve().parent
# Where this installation keeps its own files: the SQLite database, collected static
# files and uploads. The current directory unless DATA_DIR says otherwise (`make run`
# starts in the checkout, so its database is the checkout's db.sqlite3).
DATA_DIR = Path(os.environ.get("DATA_DIR") or Path.cwd()).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "consortia.core",
    "consortia.accounts",
    "consortia.organisations",
    "consortia.partnerships",
    "consortia.notifications",
    "consortia.calendars",
    "consortia.search",
    "consortia.canvas",
    "consortia.agreements",
    "consortia.groups",
    "consortia.decisions",
    "consortia.consultations",
    "consortia.threads",
    "consortia.actions",
    "consortia.meetings",
    "consortia.contributions",
    "consortia.fund",
    "consortia.assets",
    "consortia.training",
    "consortia.pool",
    "consortia.progress",
    "consortia.health",
    "consortia.activity",
    "consortia.radar",
    "consortia.expertise",
    "consortia.workingprofiles",
    "consortia.glossary",
    "consortia.learning",
    "consortia.matching",
    "consortia.exchanges",
    "consortia.questions",
    "consortia.library",
    "consortia.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "consortia.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "consortia.urls"
WSGI_APPLICATION = "consortia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortia.notifications.context_processors.unread",
            ],
        },
    },
]
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default, now
FORM_RENDERER = "consortia.core.form_rendering.GovukFormRenderer"

# Database: SQLite by default (tuned for a web app), PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests (CONN_MAX_AGE), as on PostgreSQL: opening
    # one reads the schema and runs the PRAGMAs below, about 1 ms of CPU, the largest
    # cost of a page served from the page cache (benchmarks/throughput.py).
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
        # timeout instead of one failing half way with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a file, not SQLite's shared in-memory database: threads in the
    # concurrency tests need real file locks (shared-cache memory databases fail
    # at once with "table is locked" instead of waiting). One file per process, so
    # two test runs in the same checkout do not delete each other's database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_NAME")
        or str(Path(tempfile.gettempdir()) / f"consortia-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login; no usernames.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "consortia.accounts.forms.SignupForm"}
# Nobody can learn from sign-up, sign-in or reset whether an address has an account:
# sign-up with a taken address shows the same "check your email" page as a new one
# (allauth emails the owner instead), which needs verification to be mandatory.
# Verification is by a link; it signs the person in when opened in the same browser.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Its sign-in, sign-up and reset limits count by our client address (core.http).
ACCOUNT_ADAPTER = "consortia.core.account_adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Consortia] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"

# Email: console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Consortia <no-reply@consortia.local>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Background tasks: django-tasks with the database backend; `consortia worker` runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Recurring jobs, enqueued by `consortia worker` (core/scheduler.py): a name, the
# dotted path of a task, and when, as a cron expression in TIME_ZONE.
# Notifications fan out from every event the table (notifications/table.py) has rows
# for; the tests turn this off except where they test notifications (conftest.py).
NOTIFICATIONS_FAN_OUT = True
SCHEDULED_TASKS = {
    # Each poll also gets a task at its closing time; this catches any that missed it
    # (a worker that was down, a deadline moved).
    "close due polls": {"task": "consortia.decisions.services.poll_close_due", "cron": "*/5 * * * *"},
    # Each person's daily digest of notifications (those who chose it), at 7am.
    "notification digests": {
        "task": "consortia.notifications.tasks.notifications_digest_send",
        "cron": "0 7 * * *",
    },
    # Reminders of actions due in two days and today, before the morning's digests.
    "action reminders": {"task": "consortia.actions.services.action_reminders_send", "cron": "30 6 * * *"},
    # Owners of lessons due today are told, before the morning's digests.
    "lesson reminders": {"task": "consortia.learning.services.lesson_reminders_send", "cron": "35 6 * * *"},
    # Delivered bookings of shared assets count in the contributions ledger (idempotent).
    "asset bookings to the ledger": {
        "task": "consortia.assets.services.bookings_count_delivered",
        "cron": "5 * * * *",
    },
    # Waiting lists move up once a course's unused quota places are released (booking
    # does the same on the spot; this catches a course nobody touched).
    "training places release": {
        "task": "consortia.training.services.course_places_release",
        "cron": "5 * * * *",
    },
    # The search index follows every save; this rebuilds it nightly for what saves
    # do not show (bulk updates, changes made by hand).
    "search reindex": {"task": "consortia.search.tasks.search_reindex", "cron": "30 3 * * *"},
    # A spending request decided by a poll is settled when its poll closes (fund/apps.py
    # listens for poll.closed); this catches any the listener missed (a worker down).
    "fund spending settle": {
        "task": "consortia.fund.services.spending_requests_settle_due",
        "cron": "*/15 * * * *",
    },
    # The activity signals read the events written since their last run (activity/computation.py).
    "activity signals": {"task": "consortia.activity.services.signals_update_due", "cron": "*/15 * * * *"},
    # Health check rounds close themselves the day after their last day to answer
    # (idempotent; the convener may close one sooner).
    "health rounds close": {"task": "consortia.health.services.rounds_close_due", "cron": "10 0 * * *"},
}

# The default cache is shared by every web and worker process and survives restarts,
# so rate limits (sign-in, consultations) hold across gunicorn's workers: Redis when
# REDIS_URL is set, else a table in the database (made by `consortia migrate`).
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "consortia_cache",
            # Culling scans the table; do it rarely and keep the table small.
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    )
}

# Sessions are read from that cache on every request and written through to the
# database, so a cache that is emptied signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LANGUAGE_CODE = "en-gb"
# Our own wording for some of django-allauth's strings (sentence case); the .mo is
# committed, rebuilt with `msgfmt -o consortia/locale/en_GB/LC_MESSAGES/django.mo ….po`.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or DATA_DIR / "staticfiles")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or DATA_DIR / "media")
# Files (uploads) go through Django's storage API: the local MEDIA_ROOT by default, or
# an S3-compatible bucket when S3_BUCKET is set (`pip install "consortia[s3]"`, which
# brings django-storages and boto3; credentials from the usual AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, S3_ENDPOINT_URL for a provider other than AWS). Objects stay
# private: the bucket's own policy, no public ACL, and signed links.
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["S3_BUCKET"],
                "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("S3_REGION") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if os.environ.get("S3_BUCKET")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers; the secure-cookie settings switch on with DEBUG off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Reverse proxies in front of Consortia that append to X-Forwarded-For (0: none; the
# client's address is the socket's). Rate limits count requests per client address.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
# HTTPS only when DEBUG is off: plain HTTP is redirected, and browsers are told to
# use HTTPS for a year. Behind a proxy that terminates TLS and sets
# X-Forwarded-Proto, keep these on; switch them off only where Consortia is
# reached over plain HTTP on purpose (SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0).
# Health checks from a load balancer come over plain HTTP, so /healthz is exempt.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Content-Security-Policy (django-csp): our own files only. The templates have no
# inline scripts or styles (GOV.UK's inline script is replaced by app.js; htmx's
# indicator styles are in our CSS), so neither 'unsafe-inline' nor 'unsafe-eval' is
# needed. Images may be data: URIs (the QR codes on personal consultation links).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): Consortia uses none of these
# browser features, so no page (nor anything injected into one) may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Invitations expire after this many days.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

# Structured logging: one JSON object per line (set LOG_FORMAT=console for plain text).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# Secrets that travel in URL paths, kept out of every log (core/logging.py): the group
# named `secret` of each pattern is replaced. A calendar feed's token is in its path
# because a calendar client can be given nothing but a URL.
LOG_SECRET_PATTERNS = [r"(?<!/accounts)/calendar/(?P<secret>[^/\s\"'?#.]+)"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "console": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"redact_secrets": {"()": "consortia.core.logging.RedactSecrets"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "json"),
            "filters": ["redact_secrets"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's own handlers (its console one while DEBUG, runserver's) are replaced by
        # the one above, so every line, "Not Found: <path>" included, passes the filter
        # that keeps secrets out (core/logging.py) and is written once.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
