"""Gap-free serial numbers per agency and year (receipt numbers, 索引号).

A number once shown to someone must exist and never repeat, also when many requests arrive
at once: the counter row is locked for the rest of the transaction, so a rolled-back
transaction gives its number back and the next one takes it.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from gongkai.agencies.models import Agency


class AgencyYearCounter(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.agency} {self.year}：{self.last}"

    @classmethod
    def locked(cls, agency: Agency, year: int) -> Any:
        """The agency's counter for ``year``, locked until the transaction ends (call inside one).

        ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite) makes a concurrent first insert wait
        for, then defer to, the other transaction's row instead of failing and aborting this one.
        """
        cls.objects.bulk_create([cls(agency=agency, year=year, last=0)], ignore_conflicts=True)
        return cls.objects.select_for_update().get(agency=agency, year=year)
