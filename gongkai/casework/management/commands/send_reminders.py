"""``manage.py send_reminders [--days N] [--date YYYY-MM-DD] [--dry-run] [--include-samples]``.

Run daily by cron (docs/reminders.md). Computes who must hear about which overdue and
soon-due applications (:mod:`gongkai.casework.reminders`) and enqueues one e-mail task per
recipient; with the database task backend ``manage.py db_worker`` delivers them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.casework.lifecycle import full_date
from gongkai.casework.reminders import collect_reminders, reminder_days, render_digest
from gongkai.casework.tasks import send_reminder_email

MAX_DAYS = 60
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str) -> date:
    value = value.strip()
    try:
        if not DATE_PATTERN.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”无效：应为 YYYY-MM-DD 格式的有效日期，如 2026-11-27") from None


def parse_days(value: str | None) -> int:
    if value is None:
        try:
            return reminder_days()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
    text = value.strip()
    if not text.isdigit() or not 0 <= int(text) <= MAX_DAYS:
        raise CommandError(f"提前提醒的工作日数“{value}”无效：应为 0 至 {MAX_DAYS} 的整数")
    return int(text)


class Command(BaseCommand):
    help = "向经办人和负责人发送依申请公开案件的期限提醒邮件（即将到期和已逾期），每人一封，经后台任务发送。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", metavar="N",
            help="提醒 N 个工作日内到期的案件（默认取设置 CASEWORK_REMINDER_DAYS，未设置为 3）",
        )
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="按该日计算（默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只显示将要发送的提醒，不发送")
        parser.add_argument("--include-samples", action="store_true", help="同时提醒演示数据中的案件")

    def handle(self, *args: Any, **options: Any) -> None:
        days = parse_days(options["days"])
        today = parse_day(options["date"]) if options["date"] else timezone.localdate()
        run = collect_reminders(today, days, include_samples=options["include_samples"])
        dry_run = options["dry_run"]

        for name in run.without_email:
            self.stderr.write(f"未发送：{name}没有登记电子邮箱，请在后台补充。")
        if not run.digests:
            self.stdout.write(
                f"截至{full_date(today)}，没有已逾期或{days}个工作日内到期的案件需要提醒，未发送邮件。"
            )
            return
        for digest in run.digests:
            subject, body = render_digest(digest, today, days)
            if dry_run:
                self.stdout.write(f"—— 收件人：{digest.email} ——\n主题：{subject}\n{body}")
            else:
                send_reminder_email.enqueue(digest.email, subject, body)
        summary = f"收件人 {len(run.digests)} 人，到期 {run.due_soon_count} 件，逾期 {run.overdue_count} 件。"
        if dry_run:
            self.stdout.write(f"演练：{summary}未发送邮件。")
        else:
            self.stdout.write(self.style.SUCCESS(f"已加入发送队列：{summary}"))
