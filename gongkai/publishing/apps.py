from __future__ import annotations

from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"
    default_auto_field = "django.db.models.BigAutoField"
