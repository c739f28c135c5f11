"""Settings shared by every environment. Values that differ between machines come from the
environment (django-environ); the defaults are the embedded ones: SQLite, in-process tasks,
local-memory cache and a local media folder."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps first so their templates override the packages' ones.
    "elearning.accounts",
    "elearning.geo",
    "elearning.progress",
    "elearning.h5p",
    "elearning.dissemination",
    "elearning.coverage",
    "elearning.community",
    "elearning.health",
    "cms.core",
    "cms.campaigns",
    "cms.legal",
    "cms.learning",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts: allauth for every login, the admin's included.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_celery_beat",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin writes "3 seconds ago" with humanize's naturaltime; installed, its
    # catalogue says it in Vietnamese.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Each request reads the content cache's generation from Redis once, not on every read.
    "common.generation_cache.GenerationPerRequestMiddleware",
    # Public pages for visitors without cookies, before anything else runs; what it keeps
    # carries the headers the others add (cms/core/page_cache.py; what it keeps and when it is
    # emptied is said there). In production its WSGI front answers hits (config/wsgi.py).
    "cms.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A Content-Security-Policy on every response that does not set its own.
    "elearning.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A guest who signs up or in on the same device: their guest activity moves to the account.
    "elearning.accounts.middleware.GuestCarryOverMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the busy timeout rides out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault(
        "CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True)
    )
# Parameters bound by the server and statements prepared once per connection: PostgreSQL
# then skips parsing and planning the statements every request repeats (a quiz submission's
# PostgreSQL CPU fell by about two thirds, bench/README.md). Behind a pooler in transaction mode
# without prepared-statement support, set DATABASE_PREPARED_STATEMENTS=False.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "server_side_binding": True,
            "prepare_threshold": 5 if env.bool("DATABASE_PREPARED_STATEMENTS", True) else None,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://chung-tay")}
# django-environ names django-redis for redis:// when it is installed, Django's own otherwise.
REDIS_CACHES = ("django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache")
if CACHES["default"]["BACKEND"] in REDIS_CACHES:
    # django-redis keeps its Redis client; Django's own backend builds one per operation, a
    # measurable cost on a quiz submission (four cache operations). Ours on top of it keeps
    # learners served while Redis is down (elearning/resilient_cache.py), and short socket
    # timeouts bound the one wait a request may have on a Redis that does not answer.
    CACHES["default"]["BACKEND"] = "elearning.resilient_cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
            "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.5),
        }
    )
# A Redis outage degrades to cache misses (sessions from the database, pages rebuilt, tasks
# queued without coalescing) and is logged, instead of failing every request.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The anonymous page cache (cms/core/page_cache.py): the page types it may keep, how long an
# entry may live in Redis at most (changes empty it at once; this bounds a change no signal
# announces, e.g. a deleted snippet) and how long a CDN or nginx may keep a page.
PAGE_CACHE_PAGE_TYPES = [
    "core.HomePage",
    "campaigns.CampaignIndexPage",
    "campaigns.CampaignPage",
    "legal.LegalIndexPage",
    "legal.LegalDocumentPage",
    "learning.CourseIndexPage",
    "learning.CoursePage",
    "learning.LessonPage",
]
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=30)
# Sessions are read from the cache (Redis in production) and written through to the database:
# one query less on every signed-in request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "elearning.accounts.backends.ModelBackend",
    "elearning.accounts.backends.AuthenticationBackend",
    # The login form's "username or phone number" box also accepts a phone number.
    "elearning.accounts.backends.PhoneNumberBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username"}
# Sign-up asks a phone number (LearnerSignupForm), an optional email and a password; the
# username is made up (AccountAdapter.populate_username). People sign in with either one
# (PhoneNumberBackend), so allauth's "username must be asked at sign-up" warning is silenced.
ACCOUNT_SIGNUP_FIELDS = ["email", "password1*", "password2*"]
# models.W040: SQLite ignores an index's INCLUDE columns; the index (coverage_rollup_unit_months)
# is there for PostgreSQL, and SQLite still gets its key columns.
SILENCED_SYSTEM_CHECKS = ["account.W001", "models.W040"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "elearning.accounts.adapter.AccountAdapter"
# Nobody learns from a form who has an account (password reset, email change). Sign-up does not
# verify addresses, so allauth would still refuse a taken one there: LearnerSignupForm leaves a
# taken phone number or address out of the new account and its owner gets an email.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "elearning.accounts.forms.LearnerSignupForm"}
MFA_ADAPTER = "elearning.accounts.adapter.MFAAdapter"
# Failed logins are limited per IP and per account (allauth's defaults, spelled out).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Endpoints open to anyone, limited per client (elearning/rate_limits.py). Generous: many
# learners can share one address (a commune hall's wifi, a mobile carrier's NAT).
CLIENT_RATE_LIMITS = {
    "commune_search": "120/m/ip",
    "site_search": "60/m/ip",
    "h5p_xapi": "300/m/ip",
    "h5p_state": "300/m/ip",
    # Check-ins to community sessions: a hall on one wifi shares an address, so a minute's
    # limit above a large meeting's arrivals; a script making "new phones" gets no further.
    # Only wrong short codes count (guessing a code of 31^6 then takes years).
    "community_check_in": "120/m/ip,600/h/ip",
    "community_check_in_code": "20/m/ip,100/h/ip",
    # The check quiz after checking in: its own budget, so a hall's answers never use up its
    # check-ins'.
    "community_check_quiz": "120/m/ip,600/h/ip",
    # Campaign poster scans counted per commune: a scripted address inflates no count beyond
    # this (a scan over it still reaches the page, uncounted).
    "campaign_poster_scan": "60/m/ip,600/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Chung Tay"

# Wagtail's own login and password screens are replaced by allauth's.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "static_root"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]
# Served at the site's root by WhiteNoise: /favicon.ico, which browsers ask for on every page.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
FONT_DIR = BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"

# Any Django storage backend: STORAGE_BACKEND=storages.backends.s3.S3Storage with the AWS_*
# variables puts media and H5P files on object storage.
STORAGES = {
    "default": {
        "BACKEND": env("STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chung Tay"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.CustomDocument"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
# PostgreSQL full text with the "simple" configuration (no English stemming): the site search
# indexes plain ASCII words (cms/core/search.py) and matches them as SQLite's FTS5 does.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# No broker configured: run tasks in-process, so `make run` needs nothing but Python.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# How long a coalesced task (rollup refreshes) waits in the queue, gathering changes.
COALESCED_TASK_DELAY = env.int("COALESCED_TASK_DELAY", default=5)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
# With the broker down, a web request gives up queueing at once (one try, short connect
# timeout) instead of retrying for many seconds; what was not queued is counted by the nightly
# reconciliation. Workers reconnect on their own (broker_connection_retry).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=0.5)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "max_retries": 1,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_BROKER_CONNECTION_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 2.0
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "elearning.health.tasks.record_heartbeat",
        "schedule": 60.0,
    },
    # Scheduled pages (the 30/7 campaign) go live within a minute of their time.
    "publish-scheduled-pages": {
        "task": "cms.campaigns.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    # Coverage rollups recomputed from the raw rows every night; drift is corrected and logged.
    "coverage-reconcile-rollups": {
        "task": "elearning.coverage.tasks.reconcile_rollups",
        "schedule": crontab(hour=2, minute=30),
    },
}

# The legal documents whose reading counts as "legal texts disseminated" (a selector returning
# live pages; read receipts are recorded against these page ids).
COVERAGE_DISSEMINATION_DOCUMENTS = "cms.legal.dissemination.documents_for_dissemination"
# More sheets of the coverage report's XLSX, each called with (book=, area=).
COVERAGE_XLSX_SHEETS = ["elearning.community.report.xlsx_sheet"]

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's search-index and reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Eager tasks (no broker) would log every run at INFO.
        "celery": {"level": "WARNING"},
    },
}
