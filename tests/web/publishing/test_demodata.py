"""The publishing demo: the example agency's 19 items of 2021 in its report's categories."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import Agency
from gongkai.demodata import publishing as demo
from gongkai.publishing.models import Item
from gongkai.publishing.stats import published_by_category, published_total, table_2_values
from gongkai.statute.formats import get_format

# The trailing breakdown of ../shared/seed/000_4f0b4356af47fe62.txt.
SEED_BREAKDOWN = [("履职依据", 1), ("会议公开", 3), ("建议提案", 1), ("财政信息", 3), ("重点领域信息公开", 4),
                  ("政策解读", 1), ("业务动态", 6)]


@pytest.mark.django_db
def test_creates_the_agency_when_missing_and_is_idempotent():
    demo.load()
    demo.load()
    canlian = Agency.objects.get(name=demo.CANLIAN)
    agencies = Agency.objects.filter(pk=canlian.pk)
    assert published_total(agencies, 2021) == 19
    assert published_by_category(agencies, 2021) == SEED_BREAKDOWN
    values = table_2_values(agencies, 2021, get_format("2021"))
    assert values and all(v == 0 for v in values.values())
    numbers = sorted(Item.objects.filter(agency=canlian).values_list("index_serial", flat=True))
    assert numbers == list(range(1, 20))


def test_matches_existing_agencies_by_name(region):
    demo.load()
    assert Agency.objects.filter(name=demo.CANLIAN).count() == 1
    assert Item.objects.filter(agency=region.county_department).count() == 19
    # The district government's demo item was published, then withdrawn.
    withdrawn = Item.objects.get(agency=region.county)
    assert withdrawn.state == "withdrawn" and not Item.objects.public().filter(pk=withdrawn.pk).exists()
    demo.reset()
    assert not Item.objects.exists()
    demo.load()
    assert Item.objects.filter(agency=region.county_department).count() == 19
