"""The search page: one query box, filters by agency, category and year, paginated results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.portal.catalogue import descendant_ids
from gongkai.portal.forms import SearchForm
from gongkai.portal.search import highlight, search_results, snippet, terms_of
from gongkai.portal.views.common import paginate
from gongkai.publishing.models import Category


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict = {"nav": "search", "form": form, "searched": False}
    status = 200
    if request.GET:
        if form.is_valid():
            data = form.cleaned_data
            agency_pk = data.get("agency")
            if agency_pk:
                categories = Category.objects.filter(agency_id=agency_pk).order_by("order", "pk")
                form.set_category_choices([(c.pk, c.path) for c in categories])
            category_ids = None
            if data.get("category"):
                category = Category.objects.filter(pk=data["category"]).first()
                if category is None or (agency_pk and category.agency_id != agency_pk):
                    form.add_error("category", "所选目录栏目不存在")
                else:
                    category_ids = descendant_ids(category)
            if form.is_valid():
                terms = terms_of(data["q"])
                items = search_results(data["q"], agency=agency_pk, categories=category_ids, year=data.get("year"))
                page = paginate(request, items)
                context.update(
                    searched=True,
                    terms=terms,
                    page_obj=page,
                    # Counting stops at the limit (an exact count of a common word is slow): say so.
                    capped=items.capped,
                    count_limit=items.limit,
                    results=[
                        {"item": item, "title": highlight(item.title, terms), "snippet": snippet(item, terms)}
                        for item in page
                    ],
                )
        if not form.is_valid():
            status = 400
    return render(request, "portal/search.html", context, status=status)
