from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "公众门户"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.portal.notifications import send_receipt
        from gongkai.portal.signals import online_application_received

        online_application_received.connect(send_receipt, dispatch_uid="gongkai.portal.send_receipt")

        from gongkai.portal.cache import connect_receivers

        connect_receivers()

        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="gongkai.portal.ensure_search_index")


def _ensure_search_index(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from gongkai.portal.search import ensure_sqlite_index

    ensure_sqlite_index(using)
