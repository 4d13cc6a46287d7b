"""Settings for Convene.

All configuration comes from environment variables, read here and nowhere else.
Every variable is listed, with its default, in `.env.example` at the top of the
repository.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # src/convene
PROJECT_DIR = BASE_DIR.parent.parent  # repository root
VAR_DIR = Path(os.environ.get("CONVENE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("CONVENE_DEBUG")
TESTING = env_bool("CONVENE_TESTING")

SECRET_KEY = os.environ.get("CONVENE_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "convene-insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "CONVENE_SECRET_KEY must be set when CONVENE_DEBUG is off (see .env.example)."
        )

ALLOWED_HOSTS = env_list("CONVENE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CONVENE_CSRF_TRUSTED_ORIGINS")
# Absolute address of the site, used in emails and calendar feeds.
SITE_URL = os.environ.get("CONVENE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The name emails are signed with.
SITE_NAME = os.environ.get("CONVENE_SITE_NAME", "Convene")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.forms",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.mediawiki",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "convene.core",
    "convene.accounts",
    "convene.events",
    "convene.documents",
    "convene.discussion",
    "convene.qanda",
    "convene.organizations",
    "convene.prioritization",
    "convene.openspace",
    "convene.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "convene.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "convene.core.middleware.TimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "convene.config.urls"
# Forms render through the project's templates, whose copies of Django's field templates
# escape help text (Django's own mark it safe): what organizers write is never markup. Labels
# get the language's colon, none after a question mark; a form with errors lists them first.
FORM_RENDERER = "convene.core.forms.FormRenderer"
WSGI_APPLICATION = "convene.config.wsgi.application"
SITE_ID = 1

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
                "django.template.context_processors.i18n",
                "convene.core.context_processors.convene",
            ],
            "builtins": ["convene.core.templatetags.convene"],
        },
    }
]

# --- Database --------------------------------------------------------------
# SQLite under var/ by default (demo, small event); PostgreSQL in production.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'convene.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock at BEGIN, so two registrations never interleave.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "CONVENE_TEST_DATABASE_NAME", "test_convene"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds an anonymous visitor's view of the busiest pages may be reused (0: never).
CONVENE_PAGE_CACHE_SECONDS = int(
    os.environ.get("CONVENE_PAGE_CACHE_SECONDS", "0" if TESTING else "5")
)

# --- Accounts --------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "events:list"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("CONVENE_EMAIL_VERIFICATION", "optional")
ACCOUNT_ADAPTER = "convene.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Sign-in, sign-up and password reset are limited by CONVENE_RATE_LIMITS below, counted in the
# database for all processes; allauth keeps only its minor limits (email confirmation, password
# change) in the cache, shared between processes when REDIS_URL is set.
ACCOUNT_RATE_LIMITS = {"login": "", "login_failed": "", "signup": "", "reset_password": ""}
ACCOUNT_FORMS = {
    "signup": "convene.accounts.forms.SignupForm",
    "reset_password": "convene.accounts.forms.ResetPasswordForm",
}
SOCIALACCOUNT_ADAPTER = "convene.accounts.adapters.SocialAccountAdapter"
MEDIAWIKI_CLIENT_ID = os.environ.get("MEDIAWIKI_CLIENT_ID", "")
MEDIAWIKI_CLIENT_SECRET = os.environ.get("MEDIAWIKI_CLIENT_SECRET", "")
SOCIALACCOUNT_PROVIDERS: dict = {}
if MEDIAWIKI_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["mediawiki"] = {
        "REST_API": os.environ.get("MEDIAWIKI_REST_API", "https://meta.wikimedia.org/w/rest.php"),
        "USERPAGE_TEMPLATE": "https://meta.wikimedia.org/wiki/User:{username}",
        "APPS": [{"client_id": MEDIAWIKI_CLIENT_ID, "secret": MEDIAWIKI_CLIENT_SECRET}],
    }

# --- Limits and the client's address ---------------------------------------
# Behind a reverse proxy, the client's address is read from X-Forwarded-For only as written by
# trusted proxies: their addresses or networks, or else how many proxies stand in front of
# Convene. With neither, it is the address of the connection (REMOTE_ADDR).
CONVENE_TRUSTED_PROXIES = env_list("CONVENE_TRUSTED_PROXIES")
CONVENE_TRUSTED_PROXY_COUNT = int(os.environ.get("CONVENE_TRUSTED_PROXY_COUNT", "0"))
# How often each action may be done: "amount/duration/per", per account, address or both
# (see convene/core/ratelimit.py and the README). Counted in the database.
CONVENE_RATE_LIMITS = {
    "login": "60/1m/address",
    "login_failed": "5/5m/account+address,20/1h/account",
    "signup": "20/1m/address,3/1h/account",
    "password_reset": "20/1m/address,3/1h/account",
    "comment": "5/1m/account,30/1h/account,60/1m/address",
    "question": "5/1m/account,60/1m/address",
    "talk": "5/1h/account,30/1h/address",
    "report": "30/1h/account,100/1h/address",
    "application": "3/1h/account,20/1h/address",
    # Saving a ballot or a group's submission: generous, as people change their minds; per
    # account only, since a whole venue may vote from one address.
    "ballot": "60/1h/account",
    # Proposing open-space topics and writing to an event's facilitators.
    "topic": "10/1h/account,60/1h/address",
    "contact": "3/1h/account,20/1h/address",
}

# --- Languages and time ----------------------------------------------------
LANGUAGE_CODE = "en"
# The interface languages, each named in itself. The languages content, interpretation and
# profiles may use, and their names in the reader's language: convene/core/languages.py.
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("id", "Bahasa Indonesia"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("hi", "हिन्दी"),
    ("pt-br", "Português (Brasil)"),
]
# Our catalogues first; then Hindi for the sign-in pages, which django-allauth does not ship.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
LANGUAGE_COOKIE_NAME = "convene_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIMEZONE_COOKIE_NAME = "convene_tz"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Email -----------------------------------------------------------------
# The demo keeps every email as a file under var/mail/ (see README).
EMAIL_BACKEND = os.environ.get(
    "CONVENE_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("CONVENE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CONVENE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CONVENE_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CONVENE_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CONVENE_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("CONVENE_FROM_EMAIL", "Convene <convene@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How often a failed email is tried again, and how long to wait first (doubling).
CONVENE_EMAIL_MAX_ATTEMPTS = int(os.environ.get("CONVENE_EMAIL_MAX_ATTEMPTS", "5"))
CONVENE_EMAIL_RETRY_SECONDS = int(os.environ.get("CONVENE_EMAIL_RETRY_SECONDS", "60"))

# --- Background tasks ------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("CONVENE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Machine translation (optional) ---------------------------------------
# An HTTP translation service with LibreTranslate's API; empty: the feature is absent.
CONVENE_MACHINE_TRANSLATION_URL = os.environ.get("CONVENE_MACHINE_TRANSLATION_URL", "")
CONVENE_MACHINE_TRANSLATION_KEY = os.environ.get("CONVENE_MACHINE_TRANSLATION_KEY", "")

# --- API -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "convene.core.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "convene.core.api.PageNumberPagination",
    "DEFAULT_PARSER_CLASSES": ["convene.core.api.JSONParser"],
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%SZ",
    "EXCEPTION_HANDLER": "convene.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Convene API",
    "DESCRIPTION": (
        "Public data of Convene (events, sessions, strategy documents, feedback, live questions) "
        "and, for signed-in callers, registration, comments, questions and votes."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name for a choice set several fields share.
    "ENUM_NAME_OVERRIDES": {
        "BallotTrackEnum": "convene.prioritization.serializers.TRACKS",
        "LanguageEnum": "convene.openspace.serializers.CONTENT_LANGUAGES",
        "TopicStatusEnum": "convene.openspace.models.Topic.Status",
    },
}

# --- Security --------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "convene.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script and stylesheet is a file under /static/: no inline script or style, no
# other origin. Forms post to the site itself (and, for "Log in with your Wikimedia
# account", on to the wiki's authorization page).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The page icon is an empty data: address, so browsers ask for no /favicon.ico.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [
            SELF,
            *({_origin(p["REST_API"]) for p in SOCIALACCOUNT_PROVIDERS.values()}),
        ],
    }
}
HTTPS = env_bool("CONVENE_HTTPS")
# Cookies the site sets for itself (time zone, language) follow the session cookie's rule.
TIMEZONE_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The load balancer's health check may come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("CONVENE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CONVENE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("CONVENE_HSTS_PRELOAD", True)

DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CONVENE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
