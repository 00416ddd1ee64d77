"""ASGI entry point, for servers that speak ASGI."""

from __future__ import annotations

from django.core.asgi import get_asgi_application

from web import configure_settings_module

configure_settings_module()
application = get_asgi_application()
