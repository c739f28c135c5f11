"""Production: everything secret or machine-specific comes from the environment, and the site
refuses to start without a SECRET_KEY rather than run with a guessable one."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
        "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Web processes and workers coordinate through the cache (coalesced tasks, the content cache,
# sessions): a per-process cache would serve stale quizzes and delay coverage figures.
if CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):  # noqa: F405
    raise ImproperlyConfigured(
        "CACHE_URL is not set to a shared cache. The web processes and the workers need one: "
        "set CACHE_URL, for example redis://127.0.0.1:6379/1."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind nginx (one proxy) set TRUSTED_PROXY_COUNT=1: rate limits then count the client's
# address from X-Forwarded-For, not the proxy's (which would put every learner in one bucket).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
