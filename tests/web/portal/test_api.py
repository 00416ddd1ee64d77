"""The public JSON API: content, filters, pagination, Chinese error objects."""

from __future__ import annotations

import json
import sys
import types
from datetime import date, datetime
from typing import Any

import pytest
from django.urls import reverse

from gongkai.publishing.models import ItemState

pytestmark = pytest.mark.django_db


def get(client: Any, path: str, **params: Any) -> tuple[int, Any]:
    response = client.get(path, params)
    assert response["Content-Type"] == "application/json"
    return response.status_code, json.loads(response.content)


@pytest.fixture
def items(publish: Any, category: Any, region: Any) -> dict:
    return {
        "budget": publish("部门预算公开", summary="财政拨款收支", categories=(category,), on=date(2026, 2, 1),
                          document_number="张残联发〔2026〕1号"),
        "meeting": publish("会议纪要", on=date(2025, 5, 1)),
        "draft": publish("草稿信息", state=ItemState.DRAFT),
        "withdrawn": publish("撤回的信息", state=ItemState.WITHDRAWN),
        "other": publish("其他机构的预算", owner=region.other_department),
    }


def test_agencies(client: Any, agency: Any, region: Any) -> None:
    status, data = get(client, "/api/v1/agencies")
    assert status == 200
    assert data["count"] == len(region.all)
    names = [a["name"] for a in data["results"]]
    assert agency.name in names
    status, detail = get(client, f"/api/v1/agencies/{agency.pk}")
    assert detail["contact"]["office"] == "张店区残联办公室"
    assert detail["contact"]["phone"] == "0533-2100000"
    assert detail["guide_url"].endswith(reverse("portal:guide", args=[agency.pk]))
    assert detail["parent_id"] == region.county.pk


def test_categories(client: Any, agency: Any, category: Any, items: dict) -> None:
    status, data = get(client, f"/api/v1/agencies/{agency.pk}/categories")
    assert status == 200
    assert data["results"] == [
        {
            "id": category.pk, "name": "财政信息", "slug": "caizheng", "parent_id": None, "path": "财政信息",
            "item_count": 1, "url": f"http://testserver/agencies/{agency.pk}/catalogue/caizheng/",
        }
    ]


def test_item_list_filters_and_pagination(client: Any, agency: Any, category: Any, items: dict) -> None:
    status, data = get(client, "/api/v1/items")
    assert status == 200
    titles = {i["title"] for i in data["results"]}
    assert titles == {"部门预算公开", "会议纪要", "其他机构的预算"}
    assert data["count"] == 3 and data["num_pages"] == 1
    assert {i["title"] for i in get(client, "/api/v1/items", q="预算")[1]["results"]} == {"部门预算公开", "其他机构的预算"}
    assert [i["title"] for i in get(client, "/api/v1/items", agency=agency.pk, year=2025)[1]["results"]] == ["会议纪要"]
    assert [i["title"] for i in get(client, "/api/v1/items", category=category.pk)[1]["results"]] == ["部门预算公开"]
    page = get(client, "/api/v1/items", page_size=2, page=2)[1]
    assert (page["count"], page["num_pages"], page["page"], len(page["results"])) == (3, 2, 2, 1)


def test_item_detail(client: Any, agency: Any, items: dict) -> None:
    item = items["budget"]
    status, data = get(client, f"/api/v1/items/{item.pk}")
    assert status == 200
    assert data["index_number"] == item.index_number
    assert data["document_number"] == "张残联发〔2026〕1号"
    assert data["issuing_body"] == agency.name
    assert data["categories"] == [{"id": item.categories.get().pk, "name": "财政信息", "slug": "caizheng"}]
    assert data["published_on"] == "2026-02-01"
    for hidden in ("draft", "withdrawn"):
        status, error = get(client, f"/api/v1/items/{items[hidden].pk}")
        assert status == 404
        assert "不存在或未公开" in error["error"]["message"]


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/api/v1/items", {"agency": "abc"}, 400, "机构编号应为正整数"),
        ("/api/v1/items", {"page": "0"}, 400, "页码应在1至"),
        ("/api/v1/items", {"agency": ""}, 400, "机构编号应为正整数"),
        ("/api/v1/items", {"page_size": "1000"}, 400, "每页条数应在1至100之间"),
        ("/api/v1/items", {"year": "20x6"}, 400, "年度应为正整数"),
        ("/api/v1/items", {"page": "99"}, 404, "页码超出范围"),
        ("/api/v1/items", {"agency": "999999"}, 404, "机构 999999 不存在"),
        ("/api/v1/items", {"category": "999999"}, 404, "栏目 999999 不存在"),
        ("/api/v1/items", {"q": "预" * 101}, 400, "不能超过100个字符"),
        ("/api/v1/items", {"q": "a\x00b"}, 400, "不允许的字符"),
        ("/api/v1/items/abc", {}, 404, "信息编号应为正整数"),
        ("/api/v1/items/99999999999999999999999", {}, 404, "信息编号应在1至"),
        ("/api/v1/agencies/0", {}, 404, "机构编号应在1至"),
        ("/api/v1/agencies/999999/categories", {}, 404, "机构 999999 不存在"),
        ("/api/v1/reports", {"year": "-1"}, 400, "年度应为正整数"),
        ("/api/v1/nothing-here", {}, 404, "接口不存在"),
    ],
)
def test_errors_are_chinese_json_objects(
    client: Any, items: dict, path: str, params: dict, status: int, message: str
) -> None:
    got, data = get(client, path, **params)
    assert got == status
    assert data["error"]["status"] == status
    assert data["error"]["code"] == {400: "bad_request", 404: "not_found"}[status]
    assert message in data["error"]["message"]


def test_only_get(client: Any, db: Any) -> None:
    response = client.post("/api/v1/agencies")
    assert response.status_code == 405
    assert json.loads(response.content)["error"]["message"] == "本接口只读，仅支持 GET 请求"


def test_reports(client: Any, agency: Any, monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "gongkai.annual.public", None)
    assert get(client, "/api/v1/reports")[1] == {"count": 0, "results": []}

    class Report:
        def __init__(self, year: int) -> None:
            self.agency, self.year, self.published_at = agency, year, datetime(year + 1, 1, 20, 9, 0)
            self.title = f"{agency.name}{year}年政府信息公开工作年度报告"

        def get_absolute_url(self) -> str:
            return f"/r/{self.year}/"

        def download_urls(self) -> dict[str, str]:
            return {"pdf": f"/r/{self.year}.pdf", "json": f"/r/{self.year}.json"}

    module = types.ModuleType("gongkai.annual.public")
    module.published_reports = lambda agency=None: [Report(2024), Report(2025)]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gongkai.annual.public", module)
    data = get(client, "/api/v1/reports")[1]
    assert [r["year"] for r in data["results"]] == [2025, 2024]
    assert data["results"][0]["downloads"] == {"pdf": "http://testserver/r/2025.pdf",
                                               "json": "http://testserver/r/2025.json"}
    assert [r["year"] for r in get(client, "/api/v1/reports", year=2024)[1]["results"]] == [2024]


def test_openapi_document(client: Any, db: Any) -> None:
    status, doc = get(client, "/api/v1/openapi.json")
    assert status == 200
    assert doc["openapi"] == "3.1.0"
    routes = {"/api/v1/agencies", "/api/v1/agencies/{agency_id}", "/api/v1/agencies/{agency_id}/categories",
              "/api/v1/items", "/api/v1/items/{item_id}", "/api/v1/reports"}
    assert set(doc["paths"]) == routes
    page = client.get(reverse("portal:api_docs")).content.decode()
    assert "/api/v1/openapi.json" in page and "主动公开信息列表" in page
