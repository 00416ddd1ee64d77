"""Fixtures for the Django tests: users and a three-level region of agencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.agencies.models import Agency

# Codes with a correct GB 32100 check character (11 = 机关, then the division code).
CITY_CODE = "11370300004331920G"
COUNTY_CODE = "11370303004338390K"


@dataclass
class Region:
    """淄博市 → 张店区 / 淄川区 → departments and a street office."""

    city: Agency
    county: Agency
    county_department: Agency
    street: Agency
    other_county: Agency
    other_department: Agency

    @property
    def all(self) -> list[Agency]:
        return [self.city, self.county, self.county_department, self.street, self.other_county, self.other_department]


@pytest.fixture
def region(db: Any) -> Region:
    city = Agency.objects.create(name="淄博市人民政府", level=Agency.Level.GOVERNMENT, credit_code=CITY_CODE)
    county = Agency.objects.create(
        name="淄博市张店区人民政府",
        short_name="张店区政府",
        level=Agency.Level.GOVERNMENT,
        parent=city,
        credit_code=COUNTY_CODE,
    )
    department = Agency.objects.create(name="淄博市张店区残疾人联合会", level=Agency.Level.OTHER, parent=county)
    street = Agency.objects.create(name="淄博市张店区马尚街道办事处", level=Agency.Level.TOWNSHIP, parent=county)
    other_county = Agency.objects.create(name="淄博市淄川区人民政府", level=Agency.Level.GOVERNMENT, parent=city)
    other_department = Agency.objects.create(
        name="淄博市淄川区教育和体育局", level=Agency.Level.DEPARTMENT, parent=other_county
    )
    return Region(city, county, department, street, other_county, other_department)


@pytest.fixture
def make_user(db: Any, django_user_model: Any) -> Any:
    counter = iter(range(1, 10_000))

    def make(username: str | None = None, **fields: Any) -> Any:
        return django_user_model.objects.create_user(username=username or f"user{next(counter)}", **fields)

    return make


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    # The default PBKDF2 hasher takes about a second per user on this machine; tests that
    # create users do not test hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
