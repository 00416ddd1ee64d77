"""The Django project: settings, URLs and the WSGI/ASGI entry points.

The apps themselves live under ``gongkai/`` (``gongkai.agencies`` …) next to the plain-Python
layers they build on; this package only wires them together.
"""

from __future__ import annotations

import os

DEVELOPMENT_SETTINGS = "web.settings"
PRODUCTION_SETTINGS = "web.production"


def default_settings_module(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The settings module to use when DJANGO_SETTINGS_MODULE is not set.

    ``DJANGO_ENV=production`` selects the hardened settings, so that an operator has one switch
    to flip instead of remembering a dotted path.
    """
    env = os.environ if environ is None else environ
    if env.get("DJANGO_ENV", "").strip().lower() == "production":
        return PRODUCTION_SETTINGS
    return DEVELOPMENT_SETTINGS


def configure_settings_module() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
