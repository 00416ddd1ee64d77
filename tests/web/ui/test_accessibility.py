"""The basics of WCAG 2.1 AA and GB/T 37668 checked on every kind of page, with the demo data:
a language, one h1, headings that do not skip levels, a label for every form control, alt text,
header cells in tables, unique ids, links with text; and the colour contrast of the stylesheet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from gongkai.agencies.models import Agency
from gongkai.annual.models import ReportVersion
from gongkai.casework.models import Application
from gongkai.publishing.models import Item

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[3] / "gongkai" / "ui" / "static" / "gongkai" / "site.css"
LABELLED_INPUTS = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"


def problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    found = []
    if soup.html is None or not soup.html.get("lang", "").startswith("zh"):
        found.append("<html> 没有 lang=zh")
    if not (soup.title and soup.title.get_text(strip=True)):
        found.append("没有 <title>")
    if len(soup.find_all("h1")) != 1:
        found.append(f"h1 有 {len(soup.find_all('h1'))} 个")
    level = 0
    for heading in soup.find_all(re.compile(r"^h[1-6]$")):
        new = int(heading.name[1])
        if new > level + 1:
            found.append(f"标题层级跳过：{heading.name}「{heading.get_text(strip=True)[:20]}」")
        level = new
    for control in soup.select(LABELLED_INPUTS):
        cid = control.get("id")
        labelled = (
            (cid and soup.find("label", attrs={"for": cid}))
            or control.get("aria-label")
            or control.get("aria-labelledby")
            or control.find_parent("label")
        )
        if not labelled:
            found.append(f"表单控件没有标签：{control.get('name')}")
    for img in soup.find_all("img"):
        if img.get("alt") is None:
            found.append(f"图片没有 alt：{img.get('src')}")
    for table in soup.find_all("table"):
        if not table.find("th"):
            found.append("表格没有表头单元格")
    ids = [tag["id"] for tag in soup.find_all(attrs={"id": True})]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        found.append(f"id 重复：{sorted(duplicates)}")
    for link in soup.find_all("a", href=True):
        if not (link.get_text(strip=True) or link.get("aria-label") or link.find("img", alt=True)):
            found.append(f"链接没有文字：{link['href']}")
    return found


def demo_pages(client: Any) -> list[str]:
    agency = Agency.objects.get(name="淄博市张店区教育和体育局")
    item = Item.objects.public().filter(agency=agency).first()
    published = ReportVersion.objects.filter(status="published").first()
    pages = [
        "/", "/search/?q=招生", f"/agencies/{agency.pk}/", f"/agencies/{agency.pk}/guide/",
        f"/agencies/{agency.pk}/catalogue/", f"/agencies/{agency.pk}/items/{item.pk}/",
        f"/agencies/{agency.pk}/apply/", f"/agencies/{agency.pk}/reports/", "/track/", "/reports/",
        published.get_absolute_url(), "/api/", "/staff/login/",
    ]
    case = Application.objects.filter(agency=agency).first()
    report = ReportVersion.objects.filter(agency=agency).first()
    staff = [
        "/staff/", "/staff/cases/", "/staff/cases/?tab=overdue", f"/staff/cases/{case.pk}/", "/staff/cases/new/",
        "/staff/publishing/", f"/staff/publishing/{item.pk}/", "/staff/appeals/", "/staff/reports/",
        f"/staff/reports/{report.pk}/",
    ]
    return pages + staff


def test_every_kind_of_page_passes_the_basic_checks(client: Any, settings: Any) -> None:
    from gongkai.demodata import load_demo

    load_demo(note=lambda *_: None)
    paths = demo_pages(client)
    assert client.login(username="jingban", password="jingban-demo")
    failures = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        found = problems(response.content.decode())
        if found:
            failures[path] = found
    assert failures == {}


def _luminance(hex_colour: str) -> float:
    if len(hex_colour) == 4:  # #abc is #aabbcc
        hex_colour = "#" + "".join(c * 2 for c in hex_colour[1:])
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("fg", "bg"),
    [("ink", "bg"), ("muted", "bg"), ("muted", "panel"), ("link", "bg"), ("link", "panel"), ("brand-ink", "brand"),
     ("ok", "bg"), ("warn", "bg"), ("bad", "bg"), ("ink", "panel")],
)
def test_colour_pairs_meet_aa_contrast(fg: str, bg: str) -> None:
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", CSS.read_text()))
    assert contrast(variables[fg], variables[bg]) >= 4.5


def test_the_checker_catches_faults() -> None:
    bad = '<html><head></head><body><h1>a</h1><h3>b</h3><input name="x"><img src="p.png"><table><tr><td>1</td></tr></table><a href="/x"></a></body></html>'
    found = problems(bad)
    assert len(found) == 7, found
