from __future__ import annotations

from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "gongkai.ui"
    label = "ui"
    verbose_name = "界面"
    default_auto_field = "django.db.models.BigAutoField"
