"""Published annual reports, from the annual app when it is installed.

``gongkai.annual.public.published_reports(agency=None)`` is the annual app's public interface;
until that module exists the portal shows an empty state rather than anything made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

FORMAT_LABELS = {"html": "网页", "docx": "Word", "pdf": "PDF", "json": "JSON"}


@dataclass(frozen=True)
class PublishedReport:
    agency_id: int
    agency_name: str
    year: int
    title: str
    published_at: datetime | None
    url: str
    downloads: dict[str, str]  # format → URL


def _source() -> Any:
    try:
        from gongkai.annual.public import published_reports
    except ImportError:
        return None
    return published_reports


def available() -> bool:
    return _source() is not None


def _downloads(report: Any) -> dict[str, str]:
    urls = getattr(report, "download_urls", None)
    if callable(urls):
        urls = urls()
    return {fmt: url for fmt, url in dict(urls or {}).items() if fmt in FORMAT_LABELS}


def published(agency: Any = None) -> list[PublishedReport]:
    """Published reports (newest year first), or [] when the annual app does not provide them."""
    source = _source()
    if source is None:
        return []
    out = []
    for report in source(agency=agency):
        title = getattr(report, "title", None)
        out.append(
            PublishedReport(
                agency_id=report.agency.pk,
                agency_name=report.agency.name,
                year=int(report.year),
                title=str(title) if title else f"{report.agency.name}{report.year}年政府信息公开工作年度报告",
                published_at=getattr(report, "published_at", None),
                url=report.get_absolute_url(),
                downloads=_downloads(report),
            )
        )
    out.sort(key=lambda r: (-r.year, r.agency_name))
    return out
