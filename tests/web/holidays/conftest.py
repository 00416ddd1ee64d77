"""Fixtures for the holidays tests: the example 2027 notice and a fresh calendar cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.holidays.services import clear_calendar_cache
from gongkai.holidays.signals import year_loaded

EXAMPLE_2027 = Path(__file__).resolve().parents[2] / "workdays" / "example_2027.json"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    # Each test starts from a cold cache, as a newly started process would.
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture
def loaded_signals() -> Iterator[list[dict[str, Any]]]:
    """The ``year_loaded`` signals sent during the test, as their keyword arguments."""
    received: list[dict[str, Any]] = []

    def receiver(sender: Any, **kwargs: Any) -> None:
        received.append({"sender": sender, **kwargs})

    year_loaded.connect(receiver, dispatch_uid="tests.holidays.receiver")
    yield received
    year_loaded.disconnect(dispatch_uid="tests.holidays.receiver")
