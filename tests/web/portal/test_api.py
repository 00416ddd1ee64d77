"""The public JSON API: content, filters, pagination, Chinese error objects."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from gongkai.publishing.models import ItemState

pytestmark = pytest.mark.django_db

DOWNLOAD_TYPES = {
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}


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


def matches_openapi(client: Any, path: str, data: Any) -> None:
    """``data`` is valid against the 200 response schema that the OpenAPI document gives ``path``
    (schemathesis only ever sees an empty report list; this checks a real one)."""
    doc = get(client, "/api/v1/openapi.json")[1]
    assert "200" in doc["paths"][path]["get"]["responses"]
    pointer = "/paths/" + path.replace("/", "~1") + "/get/responses/200/content/application~1json/schema"
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(doc, default_specification=DRAFT202012))
    validator = Draft202012Validator(
        {"$ref": f"urn:openapi#{pointer}"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


def test_reports_lists_real_published_reports_with_working_downloads(
    client: Any, agency: Any, region: Any, publish_report: Any
) -> None:
    assert get(client, "/api/v1/reports")[1] == {"count": 0, "results": []}
    version = publish_report(2025, date(2026, 1, 20))
    status, data = get(client, "/api/v1/reports")
    assert status == 200 and data["count"] == 1
    (report,) = data["results"]
    assert report["agency"] == {"id": agency.pk, "name": agency.name}
    assert report["year"] == 2025
    assert report["title"] == "淄博市张店区残疾人联合会2025年政府信息公开工作年度报告"
    assert report["url"] == f"http://testserver{version.get_absolute_url()}"
    assert datetime.fromisoformat(report["published_at"]) == version.published_at
    assert set(report["downloads"]) == set(DOWNLOAD_TYPES)
    matches_openapi(client, "/api/v1/reports", data)
    for fmt, url in report["downloads"].items():
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, fmt
        assert response["Content-Type"].split(";")[0] == DOWNLOAD_TYPES[fmt], fmt
        assert len(response.content) == int(response["Content-Length"]) > 0, fmt
    page = client.get(report["url"].removeprefix("http://testserver"))
    assert page.status_code == 200 and report["title"] in page.content.decode()

    # Filters: by agency and by year, and an unknown agency is a Chinese 404.
    assert get(client, "/api/v1/reports", agency=agency.pk)[1]["count"] == 1
    assert get(client, "/api/v1/reports", agency=region.street.pk)[1] == {"count": 0, "results": []}
    assert get(client, "/api/v1/reports", year=2025)[1]["count"] == 1
    assert get(client, "/api/v1/reports", year=2024)[1] == {"count": 0, "results": []}
    status, error = get(client, "/api/v1/reports", agency=999999)
    assert status == 404 and "机构 999999 不存在" in error["error"]["message"]


def test_draft_reports_are_not_listed(client: Any, agency: Any, officer: Any) -> None:
    from gongkai.annual.actions import do_build_draft

    do_build_draft(agency, 2025, actor=officer)
    assert get(client, "/api/v1/reports")[1] == {"count": 0, "results": []}


def test_openapi_document(client: Any, db: Any) -> None:
    status, doc = get(client, "/api/v1/openapi.json")
    assert status == 200
    assert doc["openapi"] == "3.1.0"
    routes = {"/api/v1/agencies", "/api/v1/agencies/{agency_id}", "/api/v1/agencies/{agency_id}/categories",
              "/api/v1/items", "/api/v1/items/{item_id}", "/api/v1/reports"}
    assert set(doc["paths"]) == routes
    page = client.get(reverse("portal:api_docs")).content.decode()
    assert "/api/v1/openapi.json" in page and "主动公开信息列表" in page
