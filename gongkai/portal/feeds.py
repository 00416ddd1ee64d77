"""RSS 2.0 and Atom feeds of public items, per agency and per catalogue category."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.portal.catalogue import descendant_ids
from gongkai.publishing.models import Category, Item

FEED_ITEMS = 50


class AgencyRssFeed(Feed):
    language = "zh-cn"

    def get_object(self, request: HttpRequest, agency_pk: int) -> Agency:
        return get_object_or_404(Agency, pk=agency_pk)

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 主动公开信息"

    def link(self, obj: Agency) -> str:
        return reverse("portal:agency", args=[obj.pk])

    def description(self, obj: Agency) -> str:
        return f"{obj.name}最新主动公开的政府信息（{settings.GONGKAI_SITE_NAME}）"

    def items(self, obj: Any) -> Any:
        items = Item.objects.public().filter(agency=obj).prefetch_related("categories")
        return items.order_by("-published_on", "-pk")[:FEED_ITEMS]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        # Plain text: feed readers render HTML differently, and the summary is what the 目录 lists.
        return item.summary or item.body_text[:300]

    def item_link(self, item: Item) -> str:
        return reverse("portal:item", args=[item.agency_id, item.pk])

    def item_guid(self, item: Item) -> str:
        # The 索引号 never changes once given (目录系统实施指引), a natural permanent id.
        return item.index_number or self.item_link(item)

    def item_guid_is_permalink(self, item: Item) -> bool:
        return not item.index_number

    def item_pubdate(self, item: Item) -> datetime:
        return timezone.make_aware(datetime.combine(item.published_on, time(0, 0)))

    def item_updateddate(self, item: Item) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Item) -> str:
        return item.issuer

    def item_categories(self, item: Item) -> list[str]:
        return [c.name for c in item.categories.all()]


class AgencyAtomFeed(AgencyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Agency) -> str:
        return self.description(obj)


class CategoryRssFeed(AgencyRssFeed):
    def get_object(self, request: HttpRequest, agency_pk: int, category_slug: str) -> Category:  # type: ignore[override]
        return get_object_or_404(Category.objects.select_related("agency"), agency_id=agency_pk, slug=category_slug)

    def title(self, obj: Category) -> str:  # type: ignore[override]
        return f"{obj.agency.name} · {obj.path}"

    def link(self, obj: Category) -> str:  # type: ignore[override]
        return reverse("portal:category", args=[obj.agency_id, obj.slug])

    def description(self, obj: Category) -> str:  # type: ignore[override]
        return f"{obj.agency.name}“{obj.name}”栏目最新主动公开的政府信息"

    def items(self, obj: Category) -> Any:  # type: ignore[override]
        return (
            Item.objects.public()
            .filter(agency_id=obj.agency_id, categories__in=descendant_ids(obj))
            .distinct()
            .prefetch_related("categories")
            .order_by("-published_on", "-pk")[:FEED_ITEMS]
        )


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category) -> str:
        return self.description(obj)
