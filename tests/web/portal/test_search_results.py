"""The search page's results: the matches of search_items, newest first, read page by page with a
capped count; and the two-character index on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.urls import reverse

from gongkai.portal import search as search_module
from gongkai.portal.search import search_items, search_results
from gongkai.publishing.models import ItemState

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(publish: Any, region: Any) -> None:
    """Items with the word in the title and in the body only, on interleaved dates."""
    start = date(2025, 1, 1)
    for n in range(7):
        publish(f"防汛工作通知第{n}号", body_text="做好准备", on=start + timedelta(days=2 * n))
        publish(f"第{n}号会议纪要", body_text="研究防汛工作和安全生产", on=start + timedelta(days=2 * n + 1))
    publish("未发布的防汛草稿", state=ItemState.DRAFT)
    publish("已撤回的防汛通知", state=ItemState.WITHDRAWN)
    publish("教体局防汛物资", owner=region.other_department, on=start)
    publish("Ab 英文大小写", body_text="ab", on=start)


def pks(items: Any) -> list[int]:
    return [item.pk for item in items]


def newest_first(items: Any) -> list[int]:
    return [i.pk for i in sorted(items, key=lambda i: (i.published_on, i.pk), reverse=True)]


@pytest.mark.parametrize("query", ["防汛", "防汛工作", "安全生产", "工作 会议", "汛", "ab", "不存在的词", ""])
def test_the_matches_of_search_items_newest_first(mixed: None, query: str) -> None:
    expected = newest_first(search_items(query))
    results = search_results(query)
    assert len(results) == len(expected)
    assert results.capped is False
    assert pks(results[0 : len(expected) + 5]) == expected
    assert pks(results) == expected
    paginator = Paginator(search_results(query), 4)
    assert [pk for n in paginator.page_range for pk in pks(paginator.page(n))] == expected


def test_newest_first_whatever_the_field(mixed: None) -> None:
    titles = [item.title for item in search_results("防汛")[0:4]]
    assert titles == ["第6号会议纪要", "防汛工作通知第6号", "第5号会议纪要", "防汛工作通知第5号"]


def test_count_stops_at_the_limit(mixed: None) -> None:
    results = search_results("防汛", limit=5)
    assert results.count() == 5 and results.capped is True
    assert len(results[0:20]) == 5  # nothing beyond the limit is offered
    exact = search_results("防汛", limit=15)
    assert exact.count() == 15 and exact.capped is False


def test_filters_apply(mixed: None, region: Any) -> None:
    assert [i.title for i in search_results("防汛", agency=region.other_department.pk)[0:20]] == ["教体局防汛物资"]
    assert len(search_results("防汛", year=2024)) == 0


def test_search_page_says_when_the_count_is_capped(client: Any, mixed: None, monkeypatch: Any) -> None:
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 5)
    body = client.get(reverse("portal:search"), {"q": "防汛"}).content.decode()
    assert "找到超过 5 条，按发布日期从新到旧列出前 5 条" in body
    assert "共找到" not in body
    # A page number past the limit gives the last page within it, not an error.
    response = client.get(reverse("portal:search"), {"q": "防汛", "page": 99})
    assert response.status_code == 200
    assert [r["item"].title for r in response.context["results"]] == [
        "第6号会议纪要", "防汛工作通知第6号", "第5号会议纪要", "防汛工作通知第5号", "第4号会议纪要"]
    monkeypatch.setattr(search_module, "COUNT_LIMIT", 1000)
    body = client.get(reverse("portal:search"), {"q": "防汛"}).content.decode()
    assert "共找到 15 条，按发布日期从新到旧排列" in body


def test_two_characters_in_latin_letters_ignore_case(mixed: None) -> None:
    assert [i.title for i in search_results("AB")[0:5]] == ["Ab 英文大小写"]
    assert [i.title for i in search_results("aB")[0:5]] == ["Ab 英文大小写"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bigram index is PostgreSQL's")
def test_two_character_terms_can_use_the_bigram_index(mixed: None) -> None:
    from gongkai.portal.search import _HasBigram
    from gongkai.publishing.models import Item

    assert "portal_bigrams(" in str(search_results("防汛").items.query)
    # The condition as Django writes it must be the indexed expression, or the index is never used.
    sql, params = Item.objects.filter(_HasBigram("防汛")).order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_bigrams('防汛A', 'x', 'y')")
        bigrams = set(cursor.fetchone()[0])
        assert bigrams >= {"防汛", "汛a"}
        assert "ax" not in bigrams  # the fields are kept apart
        # A tiny table is read directly; with that path closed the plan must find the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "portal_item_bigram" in plan


@pytest.mark.parametrize("query", ["防汛", "ab", "汛工"])
def test_common_two_character_terms_find_the_same_without_the_index(mixed: None, query: str, monkeypatch: Any) -> None:
    expected = pks(search_results(query)[0:100])
    monkeypatch.setattr(search_module, "DENSE_ROWS", 0)  # every term counts as common
    assert pks(search_results(query)[0:100]) == expected
    assert len(search_results(query)) == len(expected)


@pytest.mark.parametrize("query", ["防汛工作", "安全生产", "会议纪要"])
def test_common_longer_terms_find_the_same_without_the_index(mixed: None, query: str, monkeypatch: Any) -> None:
    expected = newest_first(search_items(query))
    monkeypatch.setattr(search_module, "RECENT_SAMPLE", 4)  # SQLite: the sample calls every term common
    assert search_module._common_among_recent(search_module._matching(
        query, agency=None, categories=None, year=None, index=False))
    assert pks(search_results(query)[0:100]) == expected
    assert len(search_results(query)) == len(expected)
