"""Public pages: home, an agency's page, its 公开指南, 目录, items and annual reports."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.casework.clock import ClockRules
from gongkai.portal import guide as guide_content
from gongkai.portal import reports as annual_reports
from gongkai.portal.cache import cached_page
from gongkai.portal.catalogue import category_tree, descendant_ids
from gongkai.portal.forms import SearchForm
from gongkai.portal.views.common import paginate, public_agency
from gongkai.publishing.models import Attachment, Category, Item

RECENT_ITEMS = 10


def regions(agencies: list[Agency]) -> list[dict]:
    """Agencies grouped under their nearest 人民政府 (the region), governments first."""
    by_pk = {a.pk: a for a in agencies}
    groups: dict[int | None, dict] = {}

    def region_of(agency: Agency) -> Agency | None:
        node: Agency | None = agency
        while node is not None:
            if node.level == Agency.Level.GOVERNMENT:
                return node
            node = by_pk.get(node.parent_id) if node.parent_id else None
        return None

    for agency in agencies:
        region = region_of(agency)
        key = region.pk if region else None
        group = groups.setdefault(key, {"region": region, "agencies": []})
        group["agencies"].append(agency)
    for group in groups.values():
        group["agencies"].sort(key=lambda a: (a.pk != (group["region"].pk if group["region"] else None), a.name))
    return sorted(groups.values(), key=lambda g: (g["region"] is None, g["region"].name if g["region"] else ""))


@cached_page(None)
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.filter(is_active=True).order_by("name"))
    recent = Item.objects.public().select_related("agency").order_by("-published_on", "-pk")[:RECENT_ITEMS]
    return render(
        request,
        "portal/home.html",
        {"nav": "home", "regions": regions(agencies), "recent": recent, "search_form": SearchForm()},
    )


@cached_page()
def agency(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = public_agency(agency_pk)
    recent = Item.objects.public().filter(agency=agency).order_by("-published_on", "-pk")[:RECENT_ITEMS]
    return render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "recent": recent,
            "tree": category_tree(agency),
            "reports": annual_reports.published(agency)[:3],
            "search_form": SearchForm(initial={"agency": agency.pk}),
        },
    )


@cached_page()
def guide(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = public_agency(agency_pk)
    return render(
        request,
        "portal/guide.html",
        {
            "agency": agency,
            "section": "guide",
            "contacts": guide_content.contact_lines(agency),
            "tree": category_tree(agency),
            "receipt_rules": guide_content.receipt_rules(),
            "time_limits": guide_content.time_limits(ClockRules()),
            "fees": guide_content.fee_lines(),
            "remedies": guide_content.REMEDIES,
        },
    )


@cached_page()
def catalogue(request: HttpRequest, agency_pk: int, category_slug: str | None = None) -> HttpResponse:
    agency = public_agency(agency_pk)
    category = None
    items = Item.objects.public().filter(agency=agency)
    if category_slug is not None:
        category = get_object_or_404(Category, agency=agency, slug=category_slug)
        items = items.filter(categories__in=descendant_ids(category)).distinct()
    items = items.order_by("-published_on", "-pk")
    return render(
        request,
        "portal/catalogue.html",
        {
            "agency": agency,
            "section": "catalogue",
            "category": category,
            "tree": category_tree(agency),
            "page_obj": paginate(request, items),
        },
    )


def _public_item(agency: Agency, item_pk: int) -> Item:
    return get_object_or_404(Item.objects.public().select_related("agency"), pk=item_pk, agency=agency)


@cached_page()
def item(request: HttpRequest, agency_pk: int, item_pk: int) -> HttpResponse:
    agency = public_agency(agency_pk)
    entry = _public_item(agency, item_pk)
    return render(
        request,
        "portal/item.html",
        {
            "agency": agency,
            "section": "catalogue",
            "item": entry,
            "categories": list(entry.categories.order_by("order", "pk")),
            "attachments": list(entry.attachments.order_by("order", "pk")),
        },
    )


def attachment(request: HttpRequest, agency_pk: int, item_pk: int, attachment_pk: int) -> HttpResponse:
    """An attachment of a public item; a draft's or withdrawn item's files are not reachable."""
    agency = public_agency(agency_pk)
    entry = _public_item(agency, item_pk)
    file = get_object_or_404(Attachment, pk=attachment_pk, item=entry)
    try:
        handle = file.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("附件文件不存在") from None
    response = FileResponse(handle, content_type=file.content_type or "application/octet-stream",
                            as_attachment=True, filename=file.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@cached_page()
def reports(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = public_agency(agency_pk)
    return render(
        request,
        "portal/reports.html",
        {
            "agency": agency,
            "section": "reports",
            "reports": annual_reports.published(agency),
            "format_labels": annual_reports.FORMAT_LABELS,
        },
    )
