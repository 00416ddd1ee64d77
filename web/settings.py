"""Settings for development and the embedded (single-machine, SQLite) mode.

Everything that differs between machines comes from the environment:

DJANGO_SECRET_KEY      signing key; a fixed development key is used when unset (never in production)
DJANGO_DEBUG           1/true/yes/on to show debug pages (default on here, off in production)
DJANGO_ALLOWED_HOSTS   comma-separated host names (default: localhost names)
DJANGO_CSRF_TRUSTED_ORIGINS  comma-separated origins such as https://gongkai.example.gov.cn
DATABASE_URL           sqlite:///var/gongkai.sqlite3 (default) or postgres://user:pw@host:5432/name
DJANGO_TASKS_BACKEND   dotted path of the django-tasks backend (default: the database backend)

``web.production`` builds on this module and adds the HTTPS hardening that
``manage.py check --deploy`` asks for.
"""

from __future__ import annotations

import os
from pathlib import Path

from web.dburl import parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DEFAULT_DATABASE_URL = "sqlite:///var/gongkai.sqlite3"

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y", "t"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", "f", ""})


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"环境变量 {name} 应为 true/false（或 1/0），现为“{raw}”")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# Development only: web.production refuses to start without DJANGO_SECRET_KEY.
INSECURE_DEVELOPMENT_KEY = "django-insecure-gongkai-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or INSECURE_DEVELOPMENT_KEY
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.accounts",
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.casework",
    "gongkai.publishing",
    "gongkai.appeals",
    "gongkai.annual",
    "gongkai.portal",
    "gongkai.ui",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the simple_history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "web.urls"
WSGI_APPLICATION = "web.wsgi.application"

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
                "gongkai.ui.context.site",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
DATABASES = {"default": parse_database_url(DATABASE_URL, base_dir=BASE_DIR)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    # `manage.py migrate` on a fresh clone must work: SQLite creates the file, not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "ui:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "ui:login"

# Uploaded ID documents and case files: outside STATIC/MEDIA web roots, served only through
# views that check the case's permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")

# Mail to applicants and staff (reminders, receipts). The console backend prints instead of
# sending until a deployment sets a real one.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "gongkai@localhost")

# Name shown in the page header and titles.
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")

# Background work (reminders, bulk audits, rendering) is queued in the database, so any web
# process can enqueue and `manage.py db_worker` runs it; no broker to operate.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Full address of the site (e.g. https://gongkai.example.gov.cn), so that links in e-mails
# (reminders, receipts) are absolute. Empty: links are site-relative paths.
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "")

# The portal's rate limits count in the cache. The default is per process; a deployment with
# several web processes points all of them at one shared cache, e.g.
# DJANGO_CACHE_BACKEND=django.core.cache.backends.redis.RedisCache DJANGO_CACHE_LOCATION=redis://127.0.0.1:6379/1
# or the database cache after `manage.py createcachetable`.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "gongkai"),
    }
}
if "redis" not in CACHES["default"]["BACKEND"]:
    # The portal's page cache keeps one entry per public page; Django's default of 300 entries
    # would evict its version keys constantly. (Redis bounds memory itself: maxmemory.)
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "20000"))}

# Choices the law leaves open (legal_spec.md marks them UNCONFIRMED) and local policies. Each app
# reads its own with a default, so these lines only document them; docs/settings.md lists all.
CASEWORK_FEE_PAUSES_CLOCK = env_bool("CASEWORK_FEE_PAUSES_CLOCK", True)
CASEWORK_PARTIAL_DISCLOSURE_REVIEW_FIRST = env_bool("CASEWORK_PARTIAL_DISCLOSURE_REVIEW_FIRST", False)
CASEWORK_REMINDER_DAYS = int(os.environ.get("CASEWORK_REMINDER_DAYS", "3"))
APPEALS_TABLE4_BASIS = os.environ.get("APPEALS_TABLE4_BASIS", "received")
ANNUAL_ROLLUP_DEPARTMENTS = env_bool("ANNUAL_ROLLUP_DEPARTMENTS", False)
