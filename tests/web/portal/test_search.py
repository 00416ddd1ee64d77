"""Search in Chinese on both backends: 2-, 3-, 4-character queries, filters, highlighting."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.portal.search import highlight, search_items
from gongkai.publishing.models import Category, Item, ItemState

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(publish: Any, category: Any, region: Any) -> dict[str, Item]:
    return {
        "budget": publish(
            "关于2026年部门预算公开的说明",
            summary="公开本单位2026年财政拨款收支预算",
            body_text="按照预算法要求，现将残疾人就业保障金的预算安排公开如下。",
            categories=(category,),
            on=date(2026, 2, 10),
        ),
        "meeting": publish(
            "第三次主席办公会议纪要",
            summary="研究助残服务项目",
            body_text="会议听取了康复服务工作汇报。",
            on=date(2025, 6, 1),
        ),
        "draft": publish("预算调整草稿（未发布）", body_text="预算草稿内容", state=ItemState.DRAFT),
        "withdrawn": publish("已撤回的预算通知", body_text="预算通知内容", state=ItemState.WITHDRAWN),
        "other": publish("淄川区教育预算执行情况", body_text="教育经费", owner=region.other_department),
        "tricky": publish("标题含<script>alert(1)</script>和100%_通配符", body_text="特殊字符测试"),
    }


def titles(items: Any) -> set[str]:
    return {i.title for i in items}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("预算", {"budget", "other"}),  # 2 characters: LIKE fallback on SQLite
        ("就业保", {"budget"}),  # 3 characters, in the body only
        ("主席办公", {"meeting"}),  # 4 characters, in the title
        ("康复服务工作", {"meeting"}),
        ("助残", {"meeting"}),  # 2 characters in the summary
        ("残", {"budget", "meeting"}),  # 1 character
        ("预算 保障金", {"budget"}),  # every word must match
        ("不存在的内容", set()),
    ],
)
def test_chinese_queries(corpus: dict, query: str, expected: set) -> None:
    assert titles(search_items(query)) == {corpus[k].title for k in expected}


def test_uses_the_trigram_index_on_this_backend(corpus: dict) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM portal_item_fts WHERE portal_item_fts MATCH '\"主席办公\"'")
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'publishing_item'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"portal_item_title_trgm", "portal_item_summary_trgm", "portal_item_body_trgm"} <= names
            cursor.execute("SELECT show_trgm('主席办公')")
            assert cursor.fetchone()[0], "pg_trgm splits no Chinese trigrams: the test DB is not UTF-8"


def test_index_follows_edits_and_deletes(corpus: dict) -> None:
    item = corpus["meeting"]
    item.title = "第四次理事会会议纪要"
    item.save()
    assert titles(search_items("理事会")) == {"第四次理事会会议纪要"}
    assert titles(search_items("主席办公")) == set()
    Item.objects.filter(pk=item.pk).delete()
    assert titles(search_items("理事会")) == set()


def test_drafts_and_withdrawn_items_never_appear(corpus: dict) -> None:
    found = titles(search_items("预算")) | titles(search_items("草稿")) | titles(search_items("预算通知"))
    assert corpus["draft"].title not in found
    assert corpus["withdrawn"].title not in found


def test_wildcards_and_query_syntax_are_literal(corpus: dict) -> None:
    assert titles(search_items("100%_")) == {corpus["tricky"].title}
    assert titles(search_items("%")) == {corpus["tricky"].title}
    assert titles(search_items('"主席" OR 预算*')) == set()  # FTS syntax is not interpreted


def test_filters(corpus: dict, agency: Any, category: Any, region: Any) -> None:
    assert titles(search_items("预算", agency=region.other_department.pk)) == {corpus["other"].title}
    assert titles(search_items("", categories=[category.pk])) == {corpus["budget"].title}
    assert titles(search_items("", agency=agency.pk, year=2025)) == {corpus["meeting"].title}


def test_highlight_escapes_everything_else() -> None:
    html = highlight("<b>预算</b>与预算", ["预算"])
    assert html == "&lt;b&gt;<mark>预算</mark>&lt;/b&gt;与<mark>预算</mark>"


def test_search_page(client: Any, corpus: dict, agency: Any, category: Any) -> None:
    response = client.get(reverse("portal:search"), {"q": "就业保"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "共找到 1 条" in body
    assert "<mark>就业保</mark>" in body  # in the snippet from the body text
    response = client.get(reverse("portal:search"), {"q": "主席办公"})
    assert '<a href="/agencies/' in response.content.decode()
    assert "第三次<mark>主席办公</mark>会议纪要" in response.content.decode()
    # The tricky title is escaped, with the match marked.
    body = client.get(reverse("portal:search"), {"q": "通配符"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body and "<mark>通配符</mark>" in body


def test_search_page_filters_and_empty_state(client: Any, corpus: dict, agency: Any, category: Any) -> None:
    params = {"q": "预算", "agency": agency.pk, "category": category.pk, "year": 2026}
    response = client.get(reverse("portal:search"), params)
    assert [r["item"].pk for r in response.context["results"]] == [corpus["budget"].pk]
    empty = client.get(reverse("portal:search"), {"q": "不存在的内容"})
    assert "没有找到相关信息" in empty.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"agency": "abc"}, {"agency": "999999"}, {"year": "1800"}, {"category": "-1"}, {"q": "预" * 101}],
)
def test_search_page_bad_filters(client: Any, corpus: dict, params: dict) -> None:
    response = client.get(reverse("portal:search"), params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "results" not in response.context


def test_category_of_another_agency_is_refused(client: Any, corpus: dict, region: Any, category: Any) -> None:
    response = client.get(reverse("portal:search"), {"agency": region.other_department.pk, "category": category.pk})
    assert response.status_code == 400
    assert "所选目录栏目不存在" in response.content.decode()


def test_search_paginates(client: Any, publish: Any) -> None:
    for n in range(25):
        publish(f"统计信息第{n}号公告")
    first = client.get(reverse("portal:search"), {"q": "统计信息"})
    assert len(first.context["results"]) == 20
    second = client.get(reverse("portal:search"), {"q": "统计信息", "page": 2})
    assert len(second.context["results"]) == 5
    assert 'rel="prev"' in second.content.decode()
    assert "q=%E7%BB%9F%E8%AE%A1%E4%BF%A1%E6%81%AF" in second.content.decode()  # filters kept


def test_category_subtree_is_searched(publish: Any, agency: Any, category: Any) -> None:
    child = Category.objects.create(agency=agency, parent=category, name="部门预算", slug="bumen-yusuan")
    item = publish("下级栏目中的预算公开", categories=(child,))
    from gongkai.portal.catalogue import descendant_ids

    assert titles(search_items("预算", categories=descendant_ids(category))) == {item.title}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite table rebuilds drop triggers")
def test_lost_triggers_are_recreated_after_migrate(publish: Any) -> None:
    from gongkai.portal.search import ensure_sqlite_index

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER portal_item_fts_ai")
    publish("触发器丢失期间发布的信息")
    assert titles(search_items("丢失期间")) == set()  # the index went stale
    ensure_sqlite_index()
    assert titles(search_items("丢失期间")) == {"触发器丢失期间发布的信息"}
    publish("触发器恢复之后发布的信息")
    assert titles(search_items("恢复之后")) == {"触发器恢复之后发布的信息"}
