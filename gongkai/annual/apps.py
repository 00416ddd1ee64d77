from __future__ import annotations

from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    label = "annual"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"
