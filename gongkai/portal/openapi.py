"""The OpenAPI 3.1 description of the public JSON API (served at /api/v1/openapi.json).

Written by hand next to the views in ``api.py``; tests/web/portal/test_api_schema.py runs
schemathesis against it, so a response that drifts from this document fails the tests.
"""

from __future__ import annotations

from typing import Any

MAX_ID = 2**53 - 1  # ids beyond this are not ids (and would overflow SQLite's integers)
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

_date = {"type": "string", "format": "date"}
_nullable_date = {"type": ["string", "null"], "format": "date"}
_id = {"type": "integer", "minimum": 1}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "参数不正确"),
    "404": _json(_ref("Error"), "不存在"),
}


def _path_id(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name, "in": "path", "required": True, "description": description,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    }


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGE_PARAMS = [
    _query("page", "页码，从1开始", {"type": "integer", "minimum": 1, "maximum": MAX_ID, "default": 1}),
    _query(
        "page_size",
        f"每页条数，1至{MAX_PAGE_SIZE}",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
]

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "code", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string", "enum": ["bad_request", "not_found", "method_not_allowed"]},
                    "message": {"type": "string", "description": "中文说明"},
                },
                "additionalProperties": False,
            }
        },
        "additionalProperties": False,
    },
    "AgencySummary": {
        "type": "object",
        "required": ["id", "name", "short_name", "level", "level_label", "parent_id", "url"],
        "properties": {
            "id": _id,
            "name": {"type": "string"},
            "short_name": {"type": "string"},
            "level": {"type": "string", "enum": ["government", "department", "township", "other"]},
            "level_label": {"type": "string"},
            "parent_id": {"type": ["integer", "null"]},
            "url": {"type": "string", "description": "门户网站上的机构页面"},
        },
    },
    "Agency": {
        "allOf": [
            _ref("AgencySummary"),
            {
                "type": "object",
                "required": ["credit_code", "is_active", "guide_url", "contact"],
                "properties": {
                    "credit_code": {"type": "string"},
                    "is_active": {"type": "boolean"},
                    "guide_url": {"type": "string"},
                    "contact": {
                        "type": "object",
                        "description": "政府信息公开工作机构及联系方式（条例第十二条）",
                        "required": ["office", "address", "postcode", "hours", "phone", "fax", "email", "website"],
                        "properties": {k: {"type": "string"} for k in
                                       ("office", "address", "postcode", "hours", "phone", "fax", "email", "website")},
                    },
                },
            },
        ]
    },
    "Category": {
        "type": "object",
        "required": ["id", "name", "slug", "parent_id", "path", "item_count", "url"],
        "properties": {
            "id": _id,
            "name": {"type": "string"},
            "slug": {"type": "string"},
            "parent_id": {"type": ["integer", "null"]},
            "path": {"type": "string", "description": "上级栏目 / 本栏目"},
            "item_count": {"type": "integer", "minimum": 0, "description": "直接归入本栏目的公开信息数"},
            "url": {"type": "string"},
        },
    },
    "CategoryRef": {
        "type": "object",
        "required": ["id", "name", "slug"],
        "properties": {"id": _id, "name": {"type": "string"}, "slug": {"type": "string"}},
    },
    "ItemSummary": {
        "type": "object",
        "required": ["id", "agency", "index_number", "title", "document_number", "formed_on", "published_on",
                     "summary", "url"],
        "properties": {
            "id": _id,
            "agency": {
                "type": "object", "required": ["id", "name"],
                "properties": {"id": _id, "name": {"type": "string"}},
            },
            "index_number": {"type": "string", "description": "索引号"},
            "title": {"type": "string"},
            "document_number": {"type": "string", "description": "文号"},
            "formed_on": {**_date, "description": "生成日期"},
            "published_on": {**_date, "description": "发布日期"},
            "summary": {"type": "string", "description": "内容概述"},
            "url": {"type": "string"},
        },
    },
    "Attachment": {
        "type": "object",
        "required": ["name", "content_type", "size", "url"],
        "properties": {
            "name": {"type": "string"},
            "content_type": {"type": "string"},
            "size": {"type": "integer", "minimum": 0},
            "url": {"type": "string"},
        },
    },
    "Item": {
        "allOf": [
            _ref("ItemSummary"),
            {
                "type": "object",
                "required": ["issuing_body", "body_html", "body_text", "categories", "attachments"],
                "properties": {
                    "issuing_body": {"type": "string", "description": "发布机构"},
                    "body_html": {"type": "string", "description": "正文（已清理的 HTML）"},
                    "body_text": {"type": "string", "description": "正文纯文本"},
                    "categories": {"type": "array", "items": _ref("CategoryRef")},
                    "attachments": {"type": "array", "items": _ref("Attachment")},
                },
            },
        ]
    },
    "Report": {
        "type": "object",
        "required": ["agency", "year", "title", "published_on", "published_at", "url", "downloads"],
        "properties": {
            "agency": {
                "type": "object", "required": ["id", "name"],
                "properties": {"id": _id, "name": {"type": "string"}},
            },
            "year": {"type": "integer"},
            "title": {"type": "string"},
            "published_on": {"type": ["string", "null"], "format": "date",
                             "description": "公开日期（记录在案的发布日期）"},
            "published_at": {"type": ["string", "null"], "format": "date-time",
                             "description": "在本系统中点击公开的时间"},
            "url": {"type": "string"},
            "downloads": {
                "type": "object",
                "description": "各格式的下载地址（html、docx、pdf、json）",
                "additionalProperties": {"type": "string"},
            },
        },
    },
}


def _list_of(name: str, *, paged: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {"count": {"type": "integer", "minimum": 0}, "results": {"type": "array",
                                                                                        "items": _ref(name)}}
    required = ["count", "results"]
    if paged:
        properties.update(
            page={"type": "integer", "minimum": 1},
            page_size={"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            num_pages={"type": "integer", "minimum": 1},
        )
        required += ["page", "page_size", "num_pages"]
    return {"type": "object", "required": required, "properties": properties}


def document(server_url: str = "/") -> dict[str, Any]:
    agency_id = _path_id("agency_id", "机构编号")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开平台开放数据接口",
            "version": "1.0.0",
            "description": "只读、无需登录，仅包含已公开的信息：机构、目录栏目、主动公开信息、已发布的年度报告。"
            "不包含任何申请人信息。错误以 JSON 对象返回，message 为中文说明。",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/agencies": {
                "get": {
                    "operationId": "listAgencies",
                    "summary": "机构列表",
                    "responses": {"200": _json(_list_of("AgencySummary"), "机构列表（仅启用的机构）"), **ERRORS},
                }
            },
            "/api/v1/agencies/{agency_id}": {
                "get": {
                    "operationId": "getAgency",
                    "summary": "机构详情及公开工作机构联系方式",
                    "parameters": [agency_id],
                    "responses": {"200": _json(_ref("Agency"), "机构"), **ERRORS},
                }
            },
            "/api/v1/agencies/{agency_id}/categories": {
                "get": {
                    "operationId": "listCategories",
                    "summary": "机构的公开目录栏目",
                    "parameters": [agency_id],
                    "responses": {"200": _json(_list_of("Category"), "栏目（树形，按 parent_id 组织）"), **ERRORS},
                }
            },
            "/api/v1/items": {
                "get": {
                    "operationId": "listItems",
                    "summary": "主动公开信息列表",
                    "parameters": [
                        _query("q", "检索词（标题、内容概述、正文），多个词以空格分隔；不能含 NUL 字符",
                               # NUL cannot be stored or searched in PostgreSQL text: the API says 400.
                               {"type": "string", "maxLength": 100, "pattern": "^[^\\u0000]*$"}),
                        _query("agency", "机构编号", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
                        _query("category", "栏目编号（含下级栏目）", {"type": "integer", "minimum": 1,
                                                                    "maximum": MAX_ID}),
                        _query("year", "发布年度", {"type": "integer", "minimum": 1900, "maximum": 2999}),
                        *PAGE_PARAMS,
                    ],
                    "responses": {"200": _json(_list_of("ItemSummary", paged=True), "信息列表，按发布日期倒序"),
                                  **ERRORS},
                }
            },
            "/api/v1/items/{item_id}": {
                "get": {
                    "operationId": "getItem",
                    "summary": "主动公开信息详情",
                    "parameters": [_path_id("item_id", "信息编号")],
                    "responses": {"200": _json(_ref("Item"), "信息"), **ERRORS},
                }
            },
            "/api/v1/reports": {
                "get": {
                    "operationId": "listReports",
                    "summary": "已发布的政府信息公开工作年度报告",
                    "parameters": [
                        _query("agency", "机构编号", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
                        _query("year", "报告年度", {"type": "integer", "minimum": 1900, "maximum": 2999}),
                    ],
                    "responses": {"200": _json(_list_of("Report"), "年度报告"), **ERRORS},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
