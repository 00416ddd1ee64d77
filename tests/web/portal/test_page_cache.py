"""The anonymous public pages come from the cache, and any change to what they show is visible at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.portal.catalogue import category_tree
from gongkai.publishing.actions import do_rename_category, do_withdraw_item
from gongkai.publishing.models import Attachment, Category, ItemState


def _get(client: Any, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        reply = client.get(url)
    assert reply.status_code == 200, url
    return reply.content.decode(), len(ctx.captured_queries)


def test_public_pages_are_served_from_the_cache(client: Any, agency: Any, category: Any, publish: Any) -> None:
    item = publish("关于缓存的通知", categories=(category,))
    urls = [
        reverse("portal:home"),
        reverse("portal:agency", args=[agency.pk]),
        reverse("portal:guide", args=[agency.pk]),
        reverse("portal:catalogue", args=[agency.pk]),
        reverse("portal:category", args=[agency.pk, category.slug]),
        reverse("portal:item", args=[agency.pk, item.pk]),
        reverse("portal:reports", args=[agency.pk]),
    ]
    for url in urls:
        first, first_queries = _get(client, url)
        again, queries = _get(client, url)
        assert first_queries > 0, url
        assert queries == 0, url
        assert again == first, url
    # Another page number is another page.
    page2 = reverse("portal:catalogue", args=[agency.pk]) + "?page=2"
    assert _get(client, page2)[1] > 0


def test_withdrawn_item_disappears_at_once(client: Any, agency: Any, category: Any, publish: Any) -> None:
    item = publish("即将撤回的文件", categories=(category,))
    item_url = reverse("portal:item", args=[agency.pk, item.pk])
    pages = [reverse("portal:catalogue", args=[agency.pk]), reverse("portal:agency", args=[agency.pk]),
             reverse("portal:home")]
    for url in [*pages, item_url]:
        client.get(url)
        assert "即将撤回的文件" in _get(client, url)[0]
    do_withdraw_item(item, reason="内容有误")
    assert client.get(item_url).status_code == 404
    for url in pages:
        assert "即将撤回的文件" not in _get(client, url)[0], url


def test_edits_show_at_once(client: Any, agency: Any, category: Any, publish: Any) -> None:
    item = publish("原标题", categories=(category,))
    other = Category.objects.create(agency=agency, name="业务动态", slug="news", order=20)
    item_url = reverse("portal:item", args=[agency.pk, item.pk])
    list_url = reverse("portal:category", args=[agency.pk, other.slug])
    _get(client, item_url)
    assert "原标题" not in _get(client, list_url)[0]

    item.title = "更正后的标题"
    item.save()
    assert "更正后的标题" in _get(client, item_url)[0]

    item.categories.add(other)
    assert "更正后的标题" in _get(client, list_url)[0]
    assert "业务动态" in _get(client, item_url)[0]
    other.items.remove(item)  # the reverse side of the relation counts too
    assert "更正后的标题" not in _get(client, list_url)[0]

    do_rename_category(category, name="财政预决算")
    assert "财政预决算" in _get(client, item_url)[0]

    attachment = Attachment(item=item, original_name="新附件.pdf", content_type="application/pdf", size=9)
    attachment.file.save("n.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    assert "新附件.pdf" in _get(client, item_url)[0]
    attachment.delete()
    assert "新附件.pdf" not in _get(client, item_url)[0]

    agency.name = "张店区残疾人联合会"
    agency.save()
    assert "张店区残疾人联合会" in _get(client, item_url)[0]
    assert "张店区残疾人联合会" in _get(client, reverse("portal:home"))[0]


def test_one_agency_change_keeps_other_agencies_cached(client: Any, region: Any, agency: Any, publish: Any) -> None:
    mine = publish("本机关的文件")
    theirs = publish("教体局的文件", owner=region.other_department)
    their_url = reverse("portal:item", args=[theirs.agency_id, theirs.pk])
    _get(client, their_url)
    mine.title = "本机关改过的文件"
    mine.save()
    assert _get(client, their_url)[1] == 0


def test_logged_in_and_cookie_bearing_requests_bypass(client: Any, agency: Any, officer: Any, publish: Any) -> None:
    item = publish("公开的文件")
    url = reverse("portal:item", args=[agency.pk, item.pk])
    client.get(url)
    assert _get(client, url)[1] == 0

    client.cookies["csrftoken"] = "a" * 32
    assert _get(client, url)[1] > 0
    del client.cookies["csrftoken"]

    client.force_login(officer)
    body, queries = _get(client, url)
    assert queries > 0
    assert "公开的文件" in body


def test_pages_with_forms_are_not_cached(client: Any, agency: Any) -> None:
    url = reverse("portal:apply", args=[agency.pk])
    client.get(url)
    reply = client.get(url)
    assert "csrfmiddlewaretoken" in reply.content.decode()
    assert "X-Gongkai-Cache" not in reply


def test_category_counts_from_public_items_only(agency: Any, category: Any, publish: Any, region: Any) -> None:
    child = Category.objects.create(agency=agency, name="预算", slug="yusuan", parent=category, order=1)
    publish("已发布一", categories=(category,))
    publish("已发布二", categories=(category, child))
    publish("草稿", categories=(category,), state=ItemState.DRAFT)
    publish("已撤回", categories=(child,), state=ItemState.WITHDRAWN, on=date(2026, 2, 2))
    (root,) = category_tree(agency)
    assert (root.count, root.children[0].count, root.total) == (2, 1, 3)
    # Counts are cached per agency version: a new public item changes them at once.
    publish("已发布三", categories=(child,))
    (root,) = category_tree(agency)
    assert (root.count, root.children[0].count) == (2, 2)


def test_versions_change_again_at_commit(django_capture_on_commit_callbacks: Any, agency: Any) -> None:
    # A page rendered after the change but before the commit shows the old data under the new
    # token; the token that the commit brings makes that page unreachable.
    from gongkai.portal.cache import bump, versions

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bump(agency.pk)
        during = versions(agency.pk)
    assert len(callbacks) == 1
    assert versions(agency.pk)[1] != during[1]
