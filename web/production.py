"""Production settings: selected by DJANGO_ENV=production or DJANGO_SETTINGS_MODULE=web.production.

On top of ``web.settings`` this requires a real secret key and host list, turns debug off and
enables the HTTPS protections, so that ``manage.py check --deploy`` reports nothing.

Extra environment variables:

DJANGO_SECURE_SSL_REDIRECT   redirect http→https in Django (default true; set false when the
                             reverse proxy already redirects and talks plain HTTP to us)
DJANGO_SECURE_PROXY_SSL_HEADER  true when a reverse proxy terminates TLS and sets
                             X-Forwarded-Proto (required for the redirect not to loop)
DJANGO_HSTS_SECONDS          Strict-Transport-Security max-age (default one year)
DJANGO_HSTS_PRELOAD          add the preload flag (default true)
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from web.settings import *  # noqa: F403 — settings modules are layered by star import
from web.settings import INSECURE_DEVELOPMENT_KEY, env_bool

# Same thresholds as Django's security.W009, so a key that passes here passes --deploy.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == INSECURE_DEVELOPMENT_KEY:
    raise ImproperlyConfigured("生产环境必须设置环境变量 DJANGO_SECRET_KEY")
if (
    len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
    or len(set(SECRET_KEY)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY 太弱：至少 {MIN_SECRET_KEY_LENGTH} 个字符、{MIN_SECRET_KEY_UNIQUE_CHARACTERS} 种不同字符，"
        '且不以 django-insecure- 开头（可用 python -c "import secrets; print(secrets.token_urlsafe(64))" 生成）'
    )

DEBUG = env_bool("DJANGO_DEBUG", False)
if not os.environ.get("DJANGO_ALLOWED_HOSTS", "").strip():
    # Django would answer 400 to every request; say why at start-up instead.
    raise ImproperlyConfigured("生产环境必须设置环境变量 DJANGO_ALLOWED_HOSTS（以逗号分隔的域名）")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# Staff sessions end when the browser closes: shared office computers are common.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
