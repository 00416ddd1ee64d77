from __future__ import annotations

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "gongkai.casework"
    label = "casework"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"
