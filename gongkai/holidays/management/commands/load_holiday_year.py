"""``manage.py load_holiday_year FILE [--replace]``: store a year's notice file in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.holidays.actions import YearExistsError, do_load_year
from gongkai.workdays.yearfile import YearFileError, notice_summary, read_year_notice


class Command(BaseCommand):
    help = "载入一年的节假日安排（国务院办公厅通知）文件到数据库，并重新计算涉及该年的未结案件期限。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="节假日安排文件（.json 或 .toml，格式见 docs/workdays.md）")
        parser.add_argument("--replace", action="store_true", help="该年已经载入时，以本文件替换")

    def handle(self, *args: Any, file: str, replace: bool, **options: Any) -> None:
        try:
            notice = read_year_notice(file)
        except YearFileError as exc:
            raise CommandError(str(exc)) from None
        try:
            holiday_year = do_load_year(
                notice,
                None,
                replace=replace,
                source_name=Path(file).name,
                source_text=Path(file).read_text(encoding="utf-8"),
            )
        except YearExistsError as exc:
            raise CommandError(f"{exc}核对无误后加 --replace 以本文件替换。") from None
        for line in notice_summary(notice):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(
            f"已载入{holiday_year.year}年节假日安排，涉及该年的未结案件期限将重新计算。"
        ))
