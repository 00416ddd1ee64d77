"""Published annual reports as the portal lists them, read from the annual app.

``gongkai.annual.public.published_reports`` decides what is public (published versions, the
latest correction only); this module turns those versions into plain rows for the portal's
pages and its JSON API, so neither depends on the annual app's model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gongkai.annual.public import published_reports

FORMAT_LABELS = {"html": "网页", "docx": "Word", "pdf": "PDF", "json": "JSON"}


@dataclass(frozen=True)
class PublishedReport:
    agency_id: int
    agency_name: str
    year: int
    title: str
    published_at: datetime | None  # when it went onto the portal
    published_on: date | None  # the publication date on record (Art 49 deadline)
    url: str
    downloads: dict[str, str]  # format → URL


def published(agency: Any = None) -> list[PublishedReport]:
    """Published reports of ``agency`` (all agencies when None), newest year first."""
    return [
        PublishedReport(
            agency_id=version.agency_id,
            agency_name=version.agency.name,
            year=int(version.year),
            title=version.title,
            published_at=version.published_at,
            published_on=version.published_on,
            url=version.get_absolute_url(),
            downloads={fmt: url for fmt, url in version.download_urls().items() if fmt in FORMAT_LABELS},
        )
        for version in published_reports(agency)
    ]
