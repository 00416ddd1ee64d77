"""WSGI entry point: ``gunicorn web.wsgi`` (or any WSGI server) from the repository root."""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application

from web import configure_settings_module

configure_settings_module()
application = get_wsgi_application()
