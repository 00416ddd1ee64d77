from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "用户"
    default_auto_field = "django.db.models.BigAutoField"
