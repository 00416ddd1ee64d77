from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.publishing.seeding import ensure_art20_items

        post_migrate.connect(ensure_art20_items, sender=self, dispatch_uid="gongkai.publishing.art20")
