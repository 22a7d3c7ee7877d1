"""Newsbase settings. Every value comes from the environment, with a safe default for a laptop.

With nothing set, Newsbase runs on a SQLite file with tasks executed in-process. Production (and CI) differ only
by environment variables: DATABASE_URL for PostgreSQL, CELERY_BROKER_URL for Celery on Redis, REDIS_URL for the
cache, and DEBUG=false with a real SECRET_KEY and ALLOWED_HOSTS.
"""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue
from pythonjsonlogger import core as json_logging

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is convenient on a laptop; the real environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# DEBUG is on for a laptop's first run; production sets DEBUG=false, which switches on every HTTPS protection below.
DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-newsbase-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "companies",
    "articles",
]

MIDDLEWARE = [
    # First, so that every log line of the request, even a redirect's, carries its id.
    "newsbase.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsbase.middleware.PathPolicyCSPMiddleware",
    # WhiteNoise serves the static files from the app itself: no CDN, no separate web server needed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsbase.urls"
WSGI_APPLICATION = "newsbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
# Unset: a SQLite file beside manage.py. Production and CI: postgres://user:password@host:5432/name (psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'newsbase.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an ingestion writes; IMMEDIATE avoids "database is locked" on lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The indexes' INCLUDE columns let PostgreSQL answer from the index alone; SQLite builds the same indexes without
    # them, which is right for it, so its warning about that (models.W040) says nothing a newcomer must act on.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------------------
# Unset: per-process memory. Set (redis://host:6379/1): shared by every web and worker process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsbase"}}

# --- Celery ---------------------------------------------------------------------------------------------------
# Unset: tasks run in-process, at once (a laptop needs no broker). Set (redis://host:6379/0): real workers.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else None
)
CELERY_RESULT_EXPIRES = 3600
# A task is acknowledged only after it ran, and a worker holds one message at a time: a killed worker loses
# nothing, its message goes back to the queue. Every task is idempotent, so running one twice is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# With acks_late, Redis redelivers a message nobody acknowledged after this long; keep it above the time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
# A worker started without -Q consumes every queue listed here.
CELERY_TASK_QUEUES = (Queue("default"), Queue("ingest"), Queue("linking"), Queue("feeds"))
# Each task's queue, by name: linking can get workers of its own when it is the bottleneck.
CELERY_TASK_ROUTES = {
    "articles.ingest_*": {"queue": "ingest"},
    "articles.link_*": {"queue": "linking"},
    "articles.poll_*": {"queue": "feeds"},
}
CELERY_TIMEZONE = "UTC"

# --- Internationalisation ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production (collectstatic); plain names on a laptop and in tests.
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}

# --- Security ---------------------------------------------------------------------------------------------------
# Every protection is on whenever DEBUG is off; each can still be turned off explicitly behind a TLS proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that sets this header itself; otherwise clients could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /healthz over plain HTTP from inside the network; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp): scripts, styles, images and fonts only from this site, no inline script or
# style, no plugins, no framing, forms posted only here. The pages keep to it: scripts and styles are static files.
INSTALLED_APPS += ["csp"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}


def _inline_style_hash(style: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"


# Sources added for the paths that start with a prefix: only for third-party pages that cannot work without them.
CONTENT_SECURITY_POLICY_BY_PATH: dict[str, dict[str, list[str]]] = {
    # django-simple-history's history page has one style attribute (its paginator's): that exact value, no other.
    "/admin/": {"style-src-attr": [csp.UNSAFE_HASHES, _inline_style_hash("border-top: 0")]},
    # drf-spectacular's Swagger UI page configures itself in an inline script that it renders with the schema's URL
    # and the CSRF token; our copy of its template gives that script (and its one inline style) this request's
    # nonce, so nothing else inline can run. Swagger UI draws its icons as data: images.
    "/api/docs/": {"script-src": [csp.NONCE], "style-src": [csp.NONCE], "img-src": ["data:"]},
    # ReDoc styles itself with styled-components, which inserts <style> elements at run time (no nonce possible),
    # and parses the schema in a blob: web worker. Its page has no user content and no form.
    "/api/redoc/": {
        "script-src": [csp.NONCE],
        "style-src": [csp.UNSAFE_INLINE],
        "img-src": ["data:"],
        "worker-src": ["blob:"],
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Logging ----------------------------------------------------------------------------------------------------
# One JSON object per line on standard error, for any log collector: time, level, logger, message, and the request id
# (during a request) or the task id and name (inside a Celery task). LOG_FORMAT=plain gives readable lines instead.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"log_context": {"()": "newsbase.log_context.LogContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            # Django's request logger passes the request object itself: its headers (the API key) are never written.
            "reserved_attrs": [*json_logging.RESERVED_ATTRS, "request"],
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["log_context"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own loggers write through the root handler too, rather than through their plain-text defaults.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Newsbase ---------------------------------------------------------------------------------------------------
# Documents larger than this are refused with a clear reason (a news story is rarely over 100 kB).
NEWSBASE_MAX_DOCUMENT_BYTES = env.int("NEWSBASE_MAX_DOCUMENT_BYTES", default=5 * 1024 * 1024)
# One uploaded file (API or admin) is read this far at most: a zip archive of many documents may be larger than one.
NEWSBASE_MAX_UPLOAD_BYTES = env.int("NEWSBASE_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
# Mentions linked in one article: the first this many by offset; the rest are dropped with a warning on the article.
# Real articles name a few dozen (54 at most in the BBC and Reuters corpora); a document repeating one name would
# otherwise store a hundred thousand and cost minutes of worker CPU.
NEWSBASE_MAX_MENTIONS_PER_ARTICLE = env.int("NEWSBASE_MAX_MENTIONS_PER_ARTICLE", default=1000)

# --- Website ----------------------------------------------------------------------------------------------------
# The public pages: template tags, search and the page cache live in the project package, installed as an app.
INSTALLED_APPS += ["newsbase.apps.WebsiteConfig"]
# Readers' pages are cached this long at most; any change to the knowledge base makes them stale at once.
WEBSITE_PAGE_CACHE_SECONDS = env.int("WEBSITE_PAGE_CACHE_SECONDS", default=600)
# The site's name in titles, feeds and Open Graph tags.
WEBSITE_NAME = env.str("WEBSITE_NAME", default="Newsbase")

# --- API --------------------------------------------------------------------------------------------------------
# API keys (accounts): created by staff in the admin, stored hashed, sent as `Authorization: Bearer <key>`.
INSTALLED_APPS += ["accounts"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.PublicReadKeyWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.AnonymousRateThrottle", "accounts.throttling.ApiKeyRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # Per client address without a key, and per key: generous for integrations, a brake on scrapers.
        "anon": env.str("API_THROTTLE_ANONYMOUS", default="120/minute"),
        "key": env.str("API_THROTTLE_KEY", default="1200/minute"),
    },
    # JSON only: the interactive documentation at /api/docs/ replaces DRF's browsable pages.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "newsbase.api.pagination.KeysetPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "newsbase.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Proxies in front (gunicorn behind nginx) count as one hop; the client address is the last one they add.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
}

# Public detail answers are cached this long at most; any change to the knowledge base makes them stale at once.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=600)

SPECTACULAR_SETTINGS = {
    "TITLE": "Newsbase API",
    "DESCRIPTION": (
        "Technology news as data: companies, the deals between them, and the articles that report them. "
        "Reads are public; writes need an API key with write access, sent as `Authorization: Bearer <key>`. "
        "Lists are paginated by cursor (follow `next`). Every error has the same shape: status, code, detail, fields."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation's scripts and styles come from drf-spectacular-sidecar: served by us, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DealStatusEnum": "companies.models.DealStatus",
        "DealKindEnum": "companies.models.DealKind",
        "CompanyKindEnum": "companies.models.CompanyKind",
        "AliasKindEnum": "companies.models.AliasKind",
        "CompanyStatusEnum": "companies.models.CompanyStatus",
        "ReviewStateEnum": "articles.models.ReviewState",
        "IngestItemStatusEnum": "articles.models.ItemStatus",
        "IngestRunStatusEnum": "articles.models.RunStatus",
        "LinkStatusEnum": "articles.models.LinkStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "newsbase.api.schema.add_error_responses",
    ],
}

# --- Feeds ------------------------------------------------------------------------------------------------------
# Celery beat asks this often which feeds are due; each feed's own interval decides whether it is polled.
NEWSBASE_FEEDS_BEAT_SECONDS = env.int("NEWSBASE_FEEDS_BEAT_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {
        "task": "articles.poll_feeds",
        "schedule": NEWSBASE_FEEDS_BEAT_SECONDS,
        # A check nobody picked up before the next one is worthless: let it expire rather than pile up.
        "options": {"expires": NEWSBASE_FEEDS_BEAT_SECONDS},
    },
}
# One poll's whole fetch (connecting, redirects, reading the body) must finish within this many seconds.
NEWSBASE_FEED_TIMEOUT_SECONDS = env.float("NEWSBASE_FEED_TIMEOUT_SECONDS", default=10.0)
# A feed larger than this is not read past the limit; the poll fails and says so.
NEWSBASE_FEED_MAX_BYTES = env.int("NEWSBASE_FEED_MAX_BYTES", default=5 * 1024 * 1024)
# Redirects followed per poll, each one checked like the feed's own URL.
NEWSBASE_FEED_MAX_REDIRECTS = env.int("NEWSBASE_FEED_MAX_REDIRECTS", default=5)
# Off: feeds are fetched only from public addresses, so a registered URL cannot reach the private network or the
# cloud metadata service. On only for tests against a local server and for private deployments that need it.
NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES = env.bool("NEWSBASE_FEEDS_ALLOW_PRIVATE_ADDRESSES", default=False)

# --- Editors ----------------------------------------------------------------------------------------------------
# History of editors' changes to companies, deals and articles (django-simple-history), with the user who made them.
INSTALLED_APPS += ["simple_history"]
MIDDLEWARE += ["simple_history.middleware.HistoryRequestMiddleware"]

# --- Login limits -----------------------------------------------------------------------------------------------
# django-axes: after AXES_FAILURE_LIMIT failed password logins from one client address, or for one username, further
# logins from that address or for that username are refused for the cool-off, even with the right password. The
# username rule stops guessing spread over many addresses; an editor it locks out can be freed at once with
# `manage.py axes_reset_username NAME`. Failures are kept in the database, so every web process sees them.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "newsbase.login_limits.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Last: it turns a refused login into the lockout answer (429).
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# The address the API's rate limits use too: REMOTE_ADDR, or the client's behind API_NUM_PROXIES proxies.
AXES_CLIENT_IP_CALLABLE = "newsbase.login_limits.client_address"
# A successful login is already in the admin's history; axes records only the failures.
AXES_DISABLE_ACCESS_LOG = True

# --- Health -----------------------------------------------------------------------------------------------------
# /healthz waits at most this long for each of Redis and a worker's answer to a ping.
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=1.0)
