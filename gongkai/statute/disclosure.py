"""主动公开 as data: the fifteen items of 条例第二十条 and the default catalogue tree.

Plain Python (no Django). The publishing app stores the Art 20 items an item serves by the
keys below (``art20_1`` … ``art20_15``, the same keys as the table 二 blocks of the report
formats) and builds each agency's first catalogue from ``DEFAULT_CATALOGUE``.

Sources: 条例 (国务院令第711号) Art 20 [S1][S2], spec §1.3; the practice columns (履职依据 …
业务动态) are those of the example report's trailing breakdown [S17] (spec §8), the parent
"法定主动公开内容" is the column name seen on 政府信息公开平台 pages (spec §7, 国办公开办函〔2019〕61号
[S30] excerpt).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ART20_SOURCE = "《中华人民共和国政府信息公开条例》第二十条（国务院令第711号）[S1][S2]; spec §1.3"
NUMERALS = "一二三四五六七八九十"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五: the numbering of 条例 items (1 ≤ n ≤ 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"only 1..99 are written here, not {n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return NUMERALS[units - 1]
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[units - 1] if units else "")


@dataclass(frozen=True)
class Art20Item:
    """One of the fifteen kinds of information every organ must disclose proactively."""

    number: int
    text: str
    source: str = ART20_SOURCE

    @property
    def key(self) -> str:
        """``art20_6``: also the key of the table 二 block for items (一)(五)(六)(八)."""
        return f"art20_{self.number}"

    @property
    def numbering(self) -> str:
        return f"（{chinese_numeral(self.number)}）"

    @property
    def label(self) -> str:
        """第二十条第（六）项: how reports and table 二 cite it."""
        return f"第二十条第{self.numbering}项"

    @property
    def full_label(self) -> str:
        return f"{self.numbering}{self.text}"


ART20_ITEMS: tuple[Art20Item, ...] = tuple(
    Art20Item(n, text)
    for n, text in enumerate(
        (
            "行政法规、规章和规范性文件",
            "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
            "国民经济和社会发展规划、专项规划、区域规划及相关政策",
            "国民经济和社会发展统计信息",
            "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
            "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
            "财政预算、决算信息",
            "行政事业性收费项目及其依据、标准",
            "政府集中采购项目的目录、标准及实施情况",
            "重大建设项目的批准和实施情况",
            "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
            "突发公共事件的应急预案、预警信息及应对情况",
            "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
            "公务员招考的职位、名额、报考条件等事项以及录用结果",
            "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
        ),
        start=1,
    )
)

_BY_KEY = {item.key: item for item in ART20_ITEMS}


def art20_item(key_or_number: str | int) -> Art20Item:
    """The item by key (``art20_6``), number (6) or numbering as written (``（六）``, ``六``, ``6``)."""
    if isinstance(key_or_number, int) and not isinstance(key_or_number, bool):
        key = f"art20_{key_or_number}"
    else:
        text = str(key_or_number).strip()
        key = text if text.startswith("art20_") else _key_from_text(text)
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"条例第二十条没有“{key_or_number}”这一项（共十五项）") from None


def _key_from_text(text: str) -> str:
    core = text.replace("第二十条", "").replace("第", "").replace("项", "")
    core = core.strip("（）() ")
    if core.isdigit():
        return f"art20_{int(core)}"
    for item in ART20_ITEMS:
        if core == chinese_numeral(item.number):
            return item.key
    return text


@dataclass(frozen=True)
class CatalogueEntry:
    """A node of the default catalogue: a stable slug, its name, where it comes from, the
    Art 20 items an item filed here usually serves, and its children."""

    slug: str
    name: str
    source: str
    art20: tuple[str, ...] = ()
    children: tuple[CatalogueEntry, ...] = field(default=())

    def walk(self) -> list[CatalogueEntry]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


PRACTICE_SOURCE = "示例报告（淄博市张店区残疾人联合会2021年度报告）末尾的主动公开分类 [S17]; spec §8"
STATUTORY_PARENT_SOURCE = "政府信息公开平台“法定主动公开内容”栏目（国办公开办函〔2019〕61号 [S30]）; spec §7"

DEFAULT_CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        "statutory",
        "法定主动公开内容",
        STATUTORY_PARENT_SOURCE,
        children=tuple(
            CatalogueEntry(f"art20-{item.number}", item.full_label, item.source, art20=(item.key,))
            for item in ART20_ITEMS
        ),
    ),
    CatalogueEntry("duties-basis", "履职依据", PRACTICE_SOURCE, art20=("art20_1", "art20_2")),
    CatalogueEntry("meetings", "会议公开", PRACTICE_SOURCE, art20=("art20_15",)),
    CatalogueEntry("proposals", "建议提案", PRACTICE_SOURCE, art20=("art20_15",)),
    CatalogueEntry("finance", "财政信息", PRACTICE_SOURCE, art20=("art20_7",)),
    CatalogueEntry("key-areas", "重点领域信息公开", PRACTICE_SOURCE, art20=("art20_11",)),
    CatalogueEntry("interpretation", "政策解读", PRACTICE_SOURCE, art20=("art20_1",)),
    CatalogueEntry("news", "业务动态", PRACTICE_SOURCE),
)


def default_catalogue_entries() -> list[tuple[CatalogueEntry, CatalogueEntry | None]]:
    """Every default entry with its parent (None at the top), parents before children."""
    out: list[tuple[CatalogueEntry, CatalogueEntry | None]] = []

    def visit(entry: CatalogueEntry, parent: CatalogueEntry | None) -> None:
        out.append((entry, parent))
        for child in entry.children:
            visit(child, entry)

    for entry in DEFAULT_CATALOGUE:
        visit(entry, None)
    return out


# Art 26: publish within 20 working days of the day the information is formed or changed,
# unless a law or regulation sets another period.
PUBLICATION_WORKDAYS = 20
PUBLICATION_RULE = "条例第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开"

__all__ = [
    "ART20_ITEMS",
    "DEFAULT_CATALOGUE",
    "PUBLICATION_RULE",
    "PUBLICATION_WORKDAYS",
    "Art20Item",
    "CatalogueEntry",
    "art20_item",
    "chinese_numeral",
    "default_catalogue_entries",
]
