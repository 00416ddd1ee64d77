"""The JSON API against its own OpenAPI document, with schemathesis (through WSGI, no server).

Every operation gets generated requests (valid and invalid parameters); each response must
not be a server error and must match the documented status codes, content type and schema.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def public_data(publish: Any, category: Any, region: Any) -> None:
    publish("部门预算公开", summary="财政拨款", body_text="预算正文", categories=(category,), on=date(2026, 2, 1))
    publish("会议纪要", on=date(2025, 5, 1))
    publish("其他机构的信息", owner=region.other_department)


@pytest.fixture
def keep_test_connection() -> Any:
    """The WSGI handler closes the database connection after each request; inside a test that
    would close the test transaction's connection (Django's test client suspends this too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: Any, public_data: None, keep_test_connection: None) -> None:
    case.call_and_validate()
