"""Shared test helpers: where the real documents are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_path(*parts: str) -> Path:
    """A file under ../shared beside the repository (the seed report and the corpus)."""
    return REPO.parent / "shared" / Path(*parts)


SEED = shared_path("seed", "000_4f0b4356af47fe62.txt")
CORPUS = shared_path("corpus")


@pytest.fixture
def seed_path() -> Path:
    return SEED
