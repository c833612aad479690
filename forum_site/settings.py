"""Settings for the forum site: one module, driven by environment variables.

See the configuration table in README.md. Production (``DEBUG`` off) refuses
to start without ``SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from forum_site.email_url import email_settings
from forum_site.encryption_keys import field_encryption_keys

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "forum_site"


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# pytest (>= 8.2) exports PYTEST_VERSION while it runs.
TESTING = bool(os.environ.get("PYTEST_VERSION"))

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(a long random string) or set DEBUG=1 for local development."
        )

# Personal data kept encrypted at rest (passport details): forum_site/encryption_keys.py.
FIELD_ENCRYPTION_KEYS = field_encryption_keys(
    env_list("FIELD_ENCRYPTION_KEYS"), secret_key=SECRET_KEY, derive=DEBUG or TESTING
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "sessions.apps.AgendaConfig",
    "speakers",
    "registration",
    "registration.badges",
    "registration.checkin",
    "registration.delegations",
    "registration.official_list",
    "registration.visas",
    "registration.privacy",
    "registration.dashboard",
    "registration.mailings",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "csp",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "forum_site.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "forum_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "forum_site.urls"
WSGI_APPLICATION = "forum_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
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

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once, and take the write lock
    # at BEGIN so that "select for update" style sections serialise.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # The server binds the parameters and a statement run five times on a
    # connection is prepared: PostgreSQL then plans the hot queries (a badge
    # scan) once per connection, not on every request; its CPU per scan fell
    # from 3.8 to 1.1 ms. Set DATABASE_PREPARED_STATEMENTS=0 behind a pooler
    # in transaction mode that does not track prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis in production (rate limits, sessions), local memory otherwise.
if env("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "forum_site.cache.RedisCache", "LOCATION": env("CACHE_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: read from the shared cache without a query, kept in the database
# too, when the cache is Redis. Not with a per-process cache: a session ended
# in one worker would live on in the others.
if env("CACHE_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Check-in: how long a staff member's scan permission is kept in the cache
# (any change to groups or permissions forgets it at once). Only with a
# shared cache: a per-process one would not hear of changes made elsewhere.
CHECKIN_PERMISSION_CACHE_SECONDS = int(env("CHECKIN_PERMISSION_CACHE_SECONDS", "300" if env("CACHE_URL") else "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Internationalisation: the organisation works in English, French and Spanish;
# LANGUAGES=en,fr,es,ar offers more (codes Django knows, the first one is the
# default). Every public page has a URL per language (/en/..., /fr/...).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]


def _languages(codes: list[str]) -> list[tuple[str, str]]:
    from django.conf.locale import LANG_INFO

    unknown = [code for code in codes if code not in LANG_INFO or "fallback" in LANG_INFO[code]]
    if unknown:
        raise ImproperlyConfigured(f"LANGUAGES names languages Django does not know: {', '.join(unknown)}")
    named = dict(LANGUAGES)
    # Django's own names, marked for translation where it marks them too.
    return [(code, named[code] if code in named else _(LANG_INFO[code]["name"])) for code in dict.fromkeys(codes)]


if env_list("LANGUAGES"):
    LANGUAGES = _languages([code.lower() for code in env_list("LANGUAGES")])
    LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Personal files (badge PDFs): outside MEDIA_ROOT and without a URL, handed
# out only by permission-checked views (forum_site/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT, which a web server may serve.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "forum_site.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WHITENOISE_USE_FINDERS = DEBUG or TESTING

SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"

# django-allauth: email is the login, verified before first sign-in.
ACCOUNT_ADAPTER = "home.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# ACCOUNT_RATE_LIMITS is left to allauth's defaults (on).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG or TESTING else "https"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "Forum")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # also the limit of a speaker's own photo upload
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Email: EMAIL_URL such as smtp://user:pass@host:587?tls=1, console:, locmem:
# or file:///path; default: printed to the console.
EMAIL_URL = env("EMAIL_URL", "console:")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Forum <no-reply@forum.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


globals().update(email_settings(EMAIL_URL))

# Celery: with no broker, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Re-queue outbox mail left queued or in flight (broker down, worker killed).
    "home-sweep-outbox": {"task": "home.tasks.sweep_outbox", "schedule": 60.0},
    # Email the change notices due (sessions moved or cancelled 15 minutes ago).
    "agenda-change-notices": {"task": "sessions.tasks.send_change_notices", "schedule": 60.0},
    # Write the next batch of each message to participants being sent (a steady rate).
    "mailings-deliver": {"task": "registration.mailings.tasks.deliver_mailings", "schedule": 10.0},
    # Remind confirmed participants before their event (badge, venue or stream link).
    "mailings-event-reminders": {"task": "registration.mailings.tasks.send_event_reminders", "schedule": 3600.0},
    # Remind speakers with pending invitations; mark expired invitations.
    "speakers-invitation-reminders": {"task": "speakers.tasks.send_invitation_reminders", "schedule": 3600.0},
    # Erase the personal data each event's retention policy says is due.
    "privacy-apply-retention": {"task": "registration.privacy.tasks.apply_retention", "schedule": 3600.0},
}

# Security: secure by default outside development.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the scanner page reads the token for its fetch() calls
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp, forum_site/csp.py): every page loads
# only what the site serves; no CDN, no third-party frames. Scripts come from
# files, or an inline block with the request's nonce (``request.csp_nonce``).
# Style attributes stay allowed (track and category colours): with images,
# fonts and connections limited to the site, they cannot send anything away.
# data: and blob: images for QR codes and the scanner's camera frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (under /admin/) renders inline scripts in its widgets and
# panels and sets inline styles, which cannot carry a nonce; it previews pages
# in a frame of its own.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-attr": None,
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Nothing in the admin calls other sites: no avatar from gravatar.com, no
# version check against releases.wagtail.io from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Speakers: reminders N days before an invitation's reply-by date; photo size.
SPEAKER_INVITATION_REMINDER_DAYS = [int(days) for days in env_list("SPEAKER_INVITATION_REMINDER_DAYS", "7,2")]
SPEAKER_PHOTO_MAX_BYTES = int(env("SPEAKER_PHOTO_MAX_BYTES", str(5 * 1024 * 1024)))
# Messages to participants leave at this many emails a minute (registration.mailings).
MAILING_RATE_PER_MINUTE = int(env("MAILING_RATE_PER_MINUTE", "600"))
