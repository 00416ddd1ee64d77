"""``manage.py refresh_due_dates``: recompute the cached due dates of running cases.

Loading a holiday year queues this as a background task; run it by hand after an upgrade that
adds the cache, after a bulk import, or when no task worker runs. It is idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.casework.actions import do_refresh_due_dates


class Command(BaseCommand):
    help = "重新计算办理中申请的答复期限缓存（载入新年度节假日、升级或批量导入后运行；可重复运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        result = do_refresh_due_dates()
        self.stdout.write(f"已重新计算 {result} 件办理中申请的答复期限缓存。")
