"""The read-only public JSON API, /api/v1/ (documented by ``openapi.py``).

Only what the portal already shows the public: agencies and their disclosure contact block,
catalogue categories, public items, published annual reports. No applicant data, ever.
Errors are ``{"error": {"status", "code", "message"}}`` with a Chinese message.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.portal import reports as annual_reports
from gongkai.portal.catalogue import descendant_ids
from gongkai.portal.openapi import DEFAULT_PAGE_SIZE, MAX_ID, MAX_PAGE_SIZE, document
from gongkai.portal.search import MAX_QUERY_LENGTH, search_items
from gongkai.publishing.models import Category, Item, ItemState

JSON_OPTIONS = {"ensure_ascii": False}


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}


def error_response(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"status": status, "code": CODES[status], "message": message}},
        status=status,
        json_dumps_params=JSON_OPTIONS,
    )


def _ok(data: Any) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params=JSON_OPTIONS, safe=isinstance(data, dict))
    response["Access-Control-Allow-Origin"] = "*"  # public, read-only data
    return response


def endpoint(view: Any) -> Any:
    """GET (and HEAD) only; ApiError becomes the JSON error object."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, "本接口只读，仅支持 GET 请求")
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except ApiError as exc:
            return error_response(exc.status, exc.message)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    # Nothing here changes state, and other methods must get the JSON 405, not the CSRF page.
    return csrf_exempt(wrapped)


def _int(raw: str, what: str, *, minimum: int = 1, maximum: int = MAX_ID, status: int = 400) -> int:
    text = raw.strip()
    if not text.isascii() or not text.isdigit():
        raise ApiError(status, f"{what}应为正整数，收到“{raw[:40]}”")
    value = int(text)
    if not minimum <= value <= maximum:
        raise ApiError(status, f"{what}应在{minimum}至{maximum}之间")
    return value


def _param(request: HttpRequest, name: str, what: str, **kwargs: Any) -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    return _int(raw, what, **kwargs)


def _agency(raw: str) -> Agency:
    pk = _int(raw, "机构编号", status=404)
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise ApiError(404, f"机构 {pk} 不存在")
    return agency


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def agency_summary(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.pk,
        "name": agency.name,
        "short_name": agency.short_name,
        "level": agency.level,
        "level_label": agency.get_level_display(),
        "parent_id": agency.parent_id,
        "url": _absolute(request, reverse("portal:agency", args=[agency.pk])),
    }


@require_GET
def docs(request: HttpRequest) -> Any:
    return render(request, "portal/api_docs.html", {"nav": "api", "doc": document()})


@endpoint
def openapi_document(request: HttpRequest) -> JsonResponse:
    return _ok(document(_absolute(request, "/")))


@endpoint
def agency_list(request: HttpRequest) -> JsonResponse:
    agencies = Agency.objects.filter(is_active=True).order_by("name", "pk")
    results = [agency_summary(request, a) for a in agencies]
    return _ok({"count": len(results), "results": results})


@endpoint
def agency_detail(request: HttpRequest, agency_pk: str) -> JsonResponse:
    agency = _agency(agency_pk)
    data = agency_summary(request, agency)
    data.update(
        credit_code=agency.credit_code,
        is_active=agency.is_active,
        guide_url=_absolute(request, reverse("portal:guide", args=[agency.pk])),
        contact={
            "office": agency.disclosure_office,
            "address": agency.office_address,
            "postcode": agency.postcode,
            "hours": agency.office_hours,
            "phone": agency.phone,
            "fax": agency.fax,
            "email": agency.email,
            "website": agency.website,
        },
    )
    return _ok(data)


@endpoint
def category_list(request: HttpRequest, agency_pk: str) -> JsonResponse:
    agency = _agency(agency_pk)
    public = Q(items__state=ItemState.PUBLISHED, items__published_on__isnull=False)
    categories = list(
        Category.objects.filter(agency=agency).annotate(n=Count("items", filter=public)).order_by("order", "pk")
    )
    by_pk = {c.pk: c for c in categories}

    def path(c: Category) -> str:
        names, node, seen = [], c, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = by_pk.get(node.parent_id) if node.parent_id else None
        return " / ".join(reversed(names))

    results = [
        {
            "id": c.pk,
            "name": c.name,
            "slug": c.slug,
            "parent_id": c.parent_id,
            "path": path(c),
            "item_count": c.n,
            "url": _absolute(request, reverse("portal:category", args=[agency.pk, c.slug])),
        }
        for c in categories
    ]
    return _ok({"count": len(results), "results": results})


def item_summary(request: HttpRequest, item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "agency": {"id": item.agency_id, "name": item.agency.name},
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "formed_on": item.formed_on.isoformat(),
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "summary": item.summary,
        "url": _absolute(request, reverse("portal:item", args=[item.agency_id, item.pk])),
    }


@endpoint
def item_list(request: HttpRequest) -> JsonResponse:
    q = request.GET.get("q", "")
    if "\x00" in q:
        raise ApiError(400, "检索词含有不允许的字符")
    if len(q) > MAX_QUERY_LENGTH:
        raise ApiError(400, f"检索词不能超过{MAX_QUERY_LENGTH}个字符")
    agency_pk = _param(request, "agency", "机构编号")
    category_pk = _param(request, "category", "栏目编号")
    year = _param(request, "year", "年度", minimum=1900, maximum=2999)
    page_number = _param(request, "page", "页码") or 1
    page_size = _param(request, "page_size", "每页条数", maximum=MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    categories = None
    if category_pk is not None:
        category = Category.objects.filter(pk=category_pk).first()
        if category is None:
            raise ApiError(404, f"栏目 {category_pk} 不存在")
        categories = descendant_ids(category)
    if agency_pk is not None and not Agency.objects.filter(pk=agency_pk).exists():
        raise ApiError(404, f"机构 {agency_pk} 不存在")
    items = search_items(q, agency=agency_pk, categories=categories, year=year)
    paginator = Paginator(items, page_size, allow_empty_first_page=True)
    if page_number > paginator.num_pages:
        raise ApiError(404, f"页码超出范围：共{paginator.num_pages}页")
    page = paginator.page(page_number)
    return _ok(
        {
            "count": paginator.count,
            "page": page_number,
            "page_size": page_size,
            "num_pages": paginator.num_pages,
            "results": [item_summary(request, item) for item in page],
        }
    )


@endpoint
def item_detail(request: HttpRequest, item_pk: str) -> JsonResponse:
    pk = _int(item_pk, "信息编号", status=404)
    item = Item.objects.public().select_related("agency").filter(pk=pk).first()
    if item is None:
        raise ApiError(404, f"信息 {pk} 不存在或未公开")
    data = item_summary(request, item)
    data.update(
        issuing_body=item.issuer,
        body_html=item.body,
        body_text=item.body_text,
        categories=[{"id": c.pk, "name": c.name, "slug": c.slug} for c in item.categories.order_by("order", "pk")],
        attachments=[
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": _absolute(request, reverse("portal:attachment", args=[item.agency_id, item.pk, a.pk])),
            }
            for a in item.attachments.order_by("order", "pk")
        ],
    )
    return _ok(data)


@endpoint
def report_list(request: HttpRequest) -> JsonResponse:
    agency_pk = _param(request, "agency", "机构编号")
    year = _param(request, "year", "年度", minimum=1900, maximum=2999)
    agency = None
    if agency_pk is not None:
        agency = Agency.objects.filter(pk=agency_pk).first()
        if agency is None:
            raise ApiError(404, f"机构 {agency_pk} 不存在")
    reports = [r for r in annual_reports.published(agency) if year is None or r.year == year]
    results = [
        {
            "agency": {"id": r.agency_id, "name": r.agency_name},
            "year": r.year,
            "title": r.title,
            "published_on": r.published_on.isoformat() if r.published_on else None,
            "published_at": r.published_at.isoformat() if r.published_at else None,
            "url": _absolute(request, r.url),
            "downloads": {fmt: _absolute(request, url) for fmt, url in r.downloads.items()},
        }
        for r in reports
    ]
    return _ok({"count": len(results), "results": results})


@endpoint
def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    raise ApiError(404, "接口不存在，请参阅 /api/v1/openapi.json")
