"""The public pages of the annual reports: the list, a report, and its stored files."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency
from gongkai.annual.models import RENDER_FORMATS, RENDER_LABELS, Rendering, ReportVersion, Status
from gongkai.annual.public import published_reports

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def report_list(request: HttpRequest) -> HttpResponse:
    agency = None
    agency_param = request.GET.get("agency", "")
    if agency_param:
        if not agency_param.isdigit():
            raise Http404("没有这个机构")
        agency = get_object_or_404(Agency, pk=int(agency_param))
    reports = published_reports(agency)
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    years = sorted(set(published_reports().values_list("year", flat=True)), reverse=True)
    return render(request, "annual/public_list.html", {"page_obj": page, "agency": agency, "years": years,
                                                        "year": year})


def _published(pk: int) -> ReportVersion:
    return get_object_or_404(ReportVersion.objects.select_related("agency"), pk=pk, status=Status.PUBLISHED)


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _published(pk)
    stored = Rendering.objects.filter(version=version, format="html").first()
    article = ""
    if stored is not None:
        # Our own writer's output, escaped when it was written: shown as published.
        match = _ARTICLE.search(bytes(stored.content).decode("utf-8"))
        article = mark_safe(match.group(0)) if match else ""
    newer = (
        ReportVersion.objects.filter(agency=version.agency, year=version.year, status=Status.PUBLISHED,
                                     number__gt=version.number).order_by("-number").first()
    )
    return render(request, "annual/public_detail.html", {
        "version": version,
        "article": article,
        "downloads": [(f, RENDER_LABELS[f], url) for f, url in version.download_urls().items()],
        "newer": newer,
    })


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in RENDER_FORMATS:
        raise Http404("没有这种格式")
    version = _published(pk)
    stored = get_object_or_404(Rendering, version=version, format=fmt)
    response = HttpResponse(bytes(stored.content), content_type=stored.media_type)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(stored.filename)}"
    response["Content-Length"] = str(stored.size)
    return response
