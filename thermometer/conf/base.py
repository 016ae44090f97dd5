"""Settings, all read from the environment through ``config()``.

Variables (all optional in development):
- ``DEBUG``: 1/0, default 0.
- ``SECRET_KEY``: required when DEBUG is off.
- ``ALLOWED_HOSTS``: comma-separated, default ``localhost,127.0.0.1`` in debug.
- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/db``; default SQLite ``db.sqlite3``.
  ``DATABASE_CONN_MAX_AGE``: seconds a connection is kept open between requests (default 60).
  ``DATABASE_PREPARED_STATEMENTS``: 1/0, default 1; PostgreSQL prepares repeated
  statements (set 0 behind a pooler in transaction mode).
- Mail: ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``,
  ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``, ``DEFAULT_FROM_EMAIL``; without
  ``EMAIL_HOST`` mail is written to the console.
- ``SECURE_SSL_REDIRECT``: default on when DEBUG is off (set 0 behind a proxy that
  already redirects).
- ``SITE_URL``: public address used in links sent to respondents.
- ``MEDIA_ROOT``: where uploads are stored; ``STATIC_ROOT``: where collectstatic writes.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from .env import config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "thermometer"

DEBUG = config("DEBUG", False, cast=bool)
SECRET_KEY = config("SECRET_KEY", "insecure-development-key-only" if DEBUG else None)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [], split=True
)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], split=True)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "thermometer.core",
    "thermometer.accounts",
    "thermometer.organisations",
    "thermometer.municipalities",
    "thermometer.methods",
    "thermometer.scans",
    "thermometer.participants",
    "thermometer.questionnaires",
    "thermometer.sources",
    "thermometer.coding",
    "thermometer.goals",
    "thermometer.findings",
    "thermometer.advice",
    "thermometer.reports",
    "thermometer.live",
    "thermometer.journeys",
    "thermometer.frameworks",
    "thermometer.finances",
    "thermometer.analysis",
    "thermometer.audit",
    "thermometer.privacy",
    "thermometer.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "thermometer.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "thermometer.core.middleware.ControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thermometer.accounts.sessions.SessionLifetimeMiddleware",
    "thermometer.accounts.two_factor.TwoFactorMiddleware",
    "thermometer.core.throttling.ThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: a locked-out sign-in is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]


ROOT_URLCONF = "thermometer.urls"
WSGI_APPLICATION = "thermometer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "thermometer.access.context_processors.administration",
            ],
        },
    },
]

_database_url = config("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        # Connections stay open between requests (checked before use). For SQLite too:
        # opening one costs more than a respondent's page, and the last one to close
        # copies the write-ahead log back into the database.
        conn_max_age=config("DATABASE_CONN_MAX_AGE", 60, cast=int),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and config(
    "DATABASE_PREPARED_STATEMENTS", True, cast=bool
):
    # Parameters bound by the server and a statement run five times on a connection
    # prepared, so PostgreSQL plans the hot queries once. Set the variable to 0
    # behind a pooler in transaction mode (PgBouncer), which cannot keep them.
    # Added to what the URL's query string set (e.g. sslmode).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web process use the file at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: a locked-out sign-in is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "scans:list"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
# Each app keeps its own locale/ folder with its translations.
LOCALE_PATHS = []
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(config("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht/design-tokens/dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org/dist"),
    ("vendor/vega", NODE_MODULES / "vega/build"),
    ("vendor/vega-lite", NODE_MODULES / "vega-lite/build"),
    ("vendor/vega-embed", NODE_MODULES / "vega-embed/build"),
]
STATICFILES_FINDERS = [
    "thermometer.core.staticfiles.VendorFileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "thermometer.core.staticfiles.ManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(config("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A task that works on a document or report writes a heartbeat at least this often
# while it lives; older, its worker is taken for dead (core.leases, manage.py worker).
TASK_LEASE_SECONDS = config("TASK_LEASE_SECONDS", 300, cast=int)
# The security log keeps its events this long (manage.py purge_security_log).
SECURITY_LOG_DAYS = config("SECURITY_LOG_DAYS", 365, cast=int)

# Django 6.1 configures mail through MAILERS. In development without EMAIL_HOST
# mail (password resets, invitations) is printed; in production it goes to the
# SMTP server named, or to a local mail server on port 25.
_email_host = config("EMAIL_HOST", "")
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG and not _email_host
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host or "localhost",
            "port": config("EMAIL_PORT", 587 if _email_host else 25, cast=int),
            "username": config("EMAIL_HOST_USER", ""),
            "password": config("EMAIL_HOST_PASSWORD", ""),
            "use_tls": config("EMAIL_USE_TLS", bool(_email_host), cast=bool),
        },
    }
}
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "Thermometer <noreply@localhost>")

# Two-step sign-in (accounts.two_factor): the issuer an authenticator app shows.
OTP_TOTP_ISSUER = "Thermometer"

# Throttling (core.throttling, django-ratelimit) counts in the default cache: this
# process's memory, or a Redis server every web process shares when REDIS_URL is set.
_redis_url = config("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if not _redis_url:
    # One process's memory is no shared counter; that is what REDIS_URL is for.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
THROTTLE_RATES = {
    "wrong_link": config("THROTTLE_WRONG_LINK", "20/m"),
    "password_reset_address": config("THROTTLE_PASSWORD_RESET_ADDRESS", "10/h"),
    "password_reset_account": config("THROTTLE_PASSWORD_RESET_ACCOUNT", "3/h"),
    # A room of people behind one address (the town hall's Wi-Fi) joins together: the
    # limits per address leave room for a council or a panel, those per link or
    # session stop a script.
    "open_link_join": config("THROTTLE_OPEN_LINK_JOIN", "50/10m"),
    "open_link_join_link": config("THROTTLE_OPEN_LINK_JOIN_LINK", "60/10m"),
    "live_join": config("THROTTLE_LIVE_JOIN", "50/10m"),
    "live_join_session": config("THROTTLE_LIVE_JOIN_SESSION", "60/m"),
    "device_post": config("THROTTLE_DEVICE_POST", "20/m"),
    "device_post_session": config("THROTTLE_DEVICE_POST_SESSION", "200/m"),
}
# Sign-in (django-axes): five wrong passwords lock the account, and separately the
# address, for a quarter of an hour; the Dutch 429 page says so.
AXES_FAILURE_LIMIT = config("AXES_FAILURE_LIMIT", 5, cast=int)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=config("AXES_COOLOFF_MINUTES", 15, cast=int))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "thermometer.audit.security.locked_out"
AXES_USERNAME_CALLABLE = "thermometer.core.throttling.account_of"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
# A sign-in ends after half an hour without a request, and after ten hours however
# active (accounts.sessions); the cookie itself lasts no longer.
SESSION_IDLE_SECONDS = config("SESSION_IDLE_SECONDS", 30 * 60, cast=int)
SESSION_ABSOLUTE_SECONDS = config("SESSION_ABSOLUTE_SECONDS", 10 * 3600, cast=int)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script anywhere; inline style only in <style> elements with the request's
# nonce (the code colours, the report's own CSS). Charts draw without eval (vega's
# expression interpreter) and without injected styles; htmx injects none either.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Features no page uses are switched off for every page (core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = config("SECURE_SSL_REDIRECT", True, cast=bool)
    SECURE_HSTS_SECONDS = config("SECURE_HSTS_SECONDS", 31536000, cast=int)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The public address of this site, for links in e-mails, letters and exports.
SITE_URL = config("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Upload limits: participant lists are small; larger files are refused with a message.
PARTICIPANT_IMPORT_MAX_BYTES = config("PARTICIPANT_IMPORT_MAX_BYTES", 2 * 1024 * 1024, cast=int)
# Documents: a file over the limit, or unpacking to more than the second limit, is refused.
SOURCE_MAX_BYTES = config("SOURCE_MAX_BYTES", 50 * 1024 * 1024, cast=int)
SOURCE_MAX_UNCOMPRESSED_BYTES = config("SOURCE_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024, cast=int)
LIMESURVEY_MAX_BYTES = config("LIMESURVEY_MAX_BYTES", 20 * 1024 * 1024, cast=int)
PARTICIPANT_IMPORT_MAX_ROWS = config("PARTICIPANT_IMPORT_MAX_ROWS", 5000, cast=int)

# Where the method definitions live; a consultancy may add a folder of its own.
# The meaning of passages (embedding model shipped in the install); 0 judges by words alone.
EMBEDDINGS = config("EMBEDDINGS", True, cast=bool)
METHOD_DIRS = [PACKAGE_DIR / "methods" / "definitions", *config("METHOD_DIRS", [], split=True)]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No token of a personal link reaches a log (audit.security).
    "filters": {"mask_tokens": {"()": "thermometer.audit.security.MaskTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO; its warnings still show.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
