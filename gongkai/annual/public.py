"""What the portal shows of the annual reports: published versions only.

``published_reports(agency=None)`` is the portal's entry point: a queryset of published
``ReportVersion`` rows with ``.agency``, ``.year``, ``.published_on``/``.published_at``,
``get_absolute_url()`` (the public page) and ``download_urls()`` ({format: URL} of the
HTML, DOCX, PDF and JSON stored at publication).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.annual.models import ReportVersion, Status


def published_reports(agency: Agency | None = None, *, current_only: bool = True) -> QuerySet[ReportVersion]:
    """Published versions, newest year first. With ``current_only`` (the default) a corrected
    report shows only its latest published version; the earlier ones stay reachable from it."""
    qs = ReportVersion.objects.filter(status=Status.PUBLISHED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if current_only:
        qs = qs.filter(pk__in=_current_ids())
    return qs.order_by("-year", "agency__name", "-number")


def _current_ids() -> QuerySet[ReportVersion]:
    from django.db.models import Exists, OuterRef

    newer = ReportVersion.objects.filter(
        agency=OuterRef("agency"), year=OuterRef("year"), number__gt=OuterRef("number"), status=Status.PUBLISHED
    )
    return ReportVersion.objects.filter(status=Status.PUBLISHED).exclude(Exists(newer)).values("pk")
