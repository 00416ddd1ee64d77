from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "公众门户"
    default_auto_field = "django.db.models.BigAutoField"
