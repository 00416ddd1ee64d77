from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HolidaysConfig(AppConfig):
    name = "gongkai.holidays"
    label = "holidays"
    verbose_name = "节假日安排"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.holidays.seeding import seed_after_migrate

        # After every migrate (and every flush, which tests run between transactional tests),
        # any missing seed year is filled in; years already present are never touched.
        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="gongkai.holidays.seed")
