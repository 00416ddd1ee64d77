"""The search and page benchmarks' data: 200 agencies and 1,000,000 published items (plus 1 %
drafts, items in review and withdrawn ones, which search must skip), with Chinese titles,
summaries and bodies generated from word lists of government vocabulary.

Topics are drawn with Zipf weights, so a query can be frequent (安全生产, in a large share of
the items), middling (养老服务) or rare (古树名木, a few hundred items); bureaucratic phrases
(贯彻落实, 高质量发展) fill most bodies, and some words occur nowhere. The same seed gives the
same corpus on SQLite and PostgreSQL.

PostgreSQL: loaded with COPY, the trigram GIN indexes dropped during the load and built once
afterwards. SQLite: executemany in large transactions with the FTS triggers dropped, then the
migration's own statements recreate the triggers and ``rebuild`` the FTS5 index in one pass.
A marker table records a complete load; it is reused until ``--rebuild``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

AGENCIES = 200
PUBLISHED = 1_000_000
OTHERS = PUBLISHED // 100  # drafts, items in review and withdrawn items
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2026, 11, 27)
MARKER = "bench_search_marker"
SEED = 20261127

CITY = "青川市"
REGIONS = ("", "东河区", "西岭区", "南湖区", "北塘区", "临水县", "安平县", "云溪县")
DEPARTMENTS = (
    "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
    "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
    "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
    "医疗保障局", "城市管理局",
)
PLACES = ("城关街道", "新华街道", "东关街道", "河口镇", "石桥镇", "柳林镇", "青石镇", "白云乡", "杨庄镇", "马店镇",
          "凤凰街道", "龙泉镇", "双井街道", "高桥镇", "红星村", "李家庄村", "西王村", "南河社区", "幸福社区")
# Zipf-weighted by rank: the first is in a large share of the items, the last in a few thousand.
TOPICS = (
    "安全生产", "乡村振兴", "疫情防控", "营商环境", "生态环境保护", "财政预算", "义务教育", "医疗保障", "就业创业",
    "养老服务", "食品安全", "城市管理", "交通运输", "农田水利", "社会救助", "文化旅游", "住房保障", "市场监管",
    "应急管理", "自然资源", "残疾人服务", "退役军人服务", "防汛抗旱", "森林防火", "垃圾分类", "老旧小区改造",
    "棚户区改造", "征地补偿", "扫黑除恶", "河长制", "林长制", "安全饮水", "农村公路", "学前教育", "幼儿园建设",
    "职业教育", "双减工作", "校园安全", "基层医疗", "公共卫生", "疾病预防控制", "药品监管", "特种设备安全",
    "消防安全", "道路交通安全", "危险化学品", "粮食安全", "耕地保护", "高标准农田", "农产品质量", "动物防疫",
    "人居环境整治", "厕所革命", "污水处理", "大气污染防治", "土壤污染防治", "节能减排", "新能源汽车",
    "数字政府", "政务服务", "一网通办", "放管服改革", "招商引资", "民营经济", "中小企业", "外贸稳增长",
    "科技创新", "人才引进", "知识产权", "统计调查", "审计整改", "政府采购", "国有资产", "债务管理",
    "社区治理", "婚姻登记", "低保救助", "临时救助", "孤儿保障", "慈善事业", "法律援助", "人民调解",
    "普法宣传", "非物质文化遗产", "文物保护", "全民健身", "体育赛事", "地质灾害防治", "矿产资源",
    "不动产登记", "城乡规划", "建筑市场", "物业管理", "燃气安全", "供热保障", "公共交通", "出租汽车",
)
# Rare on purpose: each in roughly 1 item in 5,000.
RARE_TOPICS = ("古树名木保护", "殡葬改革", "地名普查", "蜂业发展", "候鸟保护", "传统村落保护", "桥梁加固")
PLANS = ("工作方案", "实施方案", "工作要点", "管理办法", "实施细则", "考核办法", "行动计划", "专项规划")
THINGS = ("工作", "专项资金分配", "项目申报", "检查结果", "考核结果", "专项整治", "情况", "监督检查")
DOCTYPES = ("通知", "公告", "通告", "意见", "决定", "公示", "报告", "批复", "函")
SENTENCES = (
    "为深入贯彻落实党中央、国务院关于{t}的决策部署，切实做好{t2}相关工作，结合本地实际，制定本方案。",
    "各单位要高度重视{t}工作，加强组织领导，明确责任分工，确保各项任务落到实处。",
    "{y}年，全{r}共完成{t}项目{n}个，累计投入资金{m}万元，{t2}水平稳步提升。",
    "{p}{t}工作取得阶段性成效，群众满意度进一步提高。",
    "按照《{t}{plan}》要求，统筹推进{t2}，推动高质量发展。",
    "对检查中发现的问题，责令限期整改，整改完成率达到{pct}%。",
    "联系电话：{tel}，联系地址：{r}{p}。",
    "本通知自印发之日起施行，有效期{k}年。",
    "请各{unit}于{mo}月{d}日前将{t}工作总结报送{a}。",
    "会议听取了{t}工作情况汇报，研究部署下一阶段{t2}重点任务。",
    "经研究，同意{p}{t}项目立项，项目总投资{m}万元，资金来源为财政专项资金。",
    "现将{y}年度{t}资金安排情况予以公示，公示期为{k}个工作日。",
    "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众获得感、幸福感、安全感。",
    "严格落实{t}主体责任，健全长效机制，守牢安全底线。",
    "加强{t}与{t2}的统筹衔接，形成工作合力。",
)
UNITS = ("镇（街道）", "区直各部门", "有关单位", "县直各单位", "社区（村）")


def _zipf_weights(n: int) -> list[float]:
    return [1 / rank for rank in range(1, n + 1)]


class Corpus:
    """Deterministic generator of titles, summaries and bodies."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.cum_topics = self._cumulative(_zipf_weights(len(TOPICS)))

    @staticmethod
    def _cumulative(weights: list[float]) -> list[float]:
        out, total = [], 0.0
        for w in weights:
            total += w
            out.append(total)
        return out

    def topic(self) -> str:
        rng = self.rng
        if rng.random() < 0.0002 * len(RARE_TOPICS):
            return rng.choice(RARE_TOPICS)
        return rng.choices(TOPICS, cum_weights=self.cum_topics)[0]

    def item(self, agency_name: str, region: str, published: date) -> tuple[str, str, str, str, str]:
        """(title, category slug, summary, body_text, document-number kind) for one item."""
        rng = self.rng
        t, t2 = self.topic(), self.topic()
        y = published.year
        kind = rng.randrange(10)
        if kind == 0:
            title, slug = f"{agency_name}关于印发《{t}{rng.choice(PLANS)}》的通知", "duties-basis"
        elif kind == 1:
            title, slug = f"关于{y}年{t}{rng.choice(THINGS)}的{rng.choice(DOCTYPES)}", "key-areas"
        elif kind == 2:
            title, slug = f"{y}年{t}工作总结", "news"
        elif kind == 3:
            title, slug = f"{agency_name}{y}年{published.month}月{t}工作动态", "news"
        elif kind == 4:
            title, slug = f"关于{rng.choice(PLACES)}{t}项目的批复", "art20-10"
        elif kind == 5:
            title, slug = f"《{t}{rng.choice(PLANS)}》政策解读", "interpretation"
        elif kind == 6:
            title, slug = f"{agency_name}{y}年部门{rng.choice(('预算', '决算'))}公开", "finance"
        elif kind == 7:
            meeting = rng.choice(("局务会议", "党组会议", "主任办公会议"))
            title, slug = f"{agency_name}第{rng.randint(1, 40)}次{meeting}纪要", "meetings"
        elif kind == 8:
            title, slug = f"对{y}年{region or CITY}人大代表第{rng.randint(1, 300)}号建议的答复", "proposals"
        else:
            title, slug = f"{t}{rng.choice(('监督检查情况', '行政处罚决定', '双随机抽查结果'))}", "art20-13"
        summary = f"{agency_name}{rng.choice(('发布', '公开', '印发'))}{t}相关信息，涉及{t2}等内容。"
        sentences = []
        for _ in range(rng.randint(3, 6)):
            template = rng.choice(SENTENCES)
            sentences.append(template.format(
                t=t if rng.random() < 0.6 else self.topic(), t2=t2, y=y, r=region or CITY, p=rng.choice(PLACES),
                n=rng.randint(2, 300), m=rng.randint(10, 90000), pct=rng.randint(80, 100),
                tel=f"0533-{rng.randint(2000000, 8999999)}", plan=rng.choice(PLANS), k=rng.randint(1, 5),
                unit=rng.choice(UNITS), mo=rng.randint(1, 12), d=rng.randint(1, 28), a=agency_name,
            ))
        paragraphs = ["".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
        return title, slug, summary, "\n".join(paragraphs), "文" if rng.random() < 0.4 else ""


def agency_specs() -> list[tuple[str, str, str, str | None]]:
    """(name, short name, level, region) of the 200 agencies: eight regions of 25 each."""
    out = []
    for region in REGIONS:
        prefix = CITY + region
        out.append((f"{prefix}人民政府", region or CITY, "government", region))
        for dept in DEPARTMENTS:
            out.append((f"{prefix}{dept}", f"{region or '市'}{dept[:2]}", "department", region))
    assert len(out) == AGENCIES
    return out


def _credit_code(n: int) -> str:
    return f"11370300{n:09d}X"


def rows(agencies: list[dict], categories: dict[int, dict[str, int]], seed: int = SEED
         ) -> Iterator[tuple[tuple, int]]:
    """(item row in COLUMNS order, category id), ids 1…N in publication order."""
    corpus = Corpus(seed)
    rng = corpus.rng
    # Uneven output: a few agencies publish far more than the rest.
    weights = [rng.lognormvariate(0, 0.8) * (3 if a["level"] == "government" else 1) for a in agencies]
    cum_weights = Corpus._cumulative(weights)
    span = (LAST_DAY - FIRST_DAY).days
    total = PUBLISHED + OTHERS
    # Volume grows over the years: later days are likelier.
    days = sorted(int(span * (rng.random() ** 0.8)) for _ in range(total))
    public = set(rng.sample(range(total), PUBLISHED))
    serials: dict[tuple[int, int], int] = {}
    stamp_base = datetime(2019, 1, 1, tzinfo=UTC)
    for n, offset in enumerate(days, start=1):
        agency = rng.choices(agencies, cum_weights=cum_weights)[0]
        published = FIRST_DAY + timedelta(days=offset)
        formed = published - timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7, 10, 14, 20, 35, 60)))
        if formed < FIRST_DAY - timedelta(days=60):
            formed = published
        title, slug, summary, body_text, doc = corpus.item(agency["name"], agency["region"], published)
        body = "".join(f"<p>{p}</p>" for p in body_text.split("\n"))
        state = "published"
        index_number, index_year, index_serial = "", None, None
        pub_on: date | None = published
        withdraw_reason, withdrawn_on = "", None
        if n - 1 not in public:
            state = rng.choice(("draft", "in_review", "withdrawn"))
            if state != "withdrawn":
                pub_on = None
            else:
                withdraw_reason, withdrawn_on = "内容已过时效，予以撤回", published + timedelta(days=30)
        if pub_on is not None:
            key = (agency["id"], published.year)
            serial = serials[key] = serials.get(key, 0) + 1
            index_number = f"{agency['credit_code']}/{published.year}-{serial:05d}"
            index_year, index_serial = published.year, serial
        document_number = f"{agency['short_name']}发〔{published.year}〕{rng.randint(1, 200)}号" if doc else ""
        stamp = stamp_base + timedelta(days=offset, hours=9)
        row = (
            n, agency["id"], index_number, index_year, index_serial, title, document_number, "", formed, pub_on,
            summary, body, body_text, state, withdraw_reason, withdrawn_on, None, None, None, "", "", False, None,
            stamp, stamp,
        )
        cats = categories[agency["id"]]
        yield row, cats.get(slug) or cats["news"]


COLUMNS = (
    "id", "agency_id", "index_number", "index_year", "index_serial", "title", "document_number", "issuing_body",
    "formed_on", "published_on", "summary", "body", "body_text", "state", "withdraw_reason", "withdrawn_on",
    "withdrawn_by_id", "reviewed_by_id", "reviewed_on", "review_decision", "review_comment", "is_sample",
    "created_by_id", "created_at", "updated_at",
)


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return str(value)


def loaded(cursor) -> dict | None:
    """The marker of a complete load, or None."""
    from django.db import connection

    if MARKER not in connection.introspection.table_names(cursor):
        return None
    cursor.execute(f"SELECT agencies, items, public_items, load_seconds, built_at FROM {MARKER}")
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip(("agencies", "items", "public_items", "load_seconds", "built_at"), row, strict=True))


def _agencies() -> tuple[list[dict], dict[int, dict[str, int]]]:
    from django.db import transaction

    from gongkai.agencies.models import Agency
    from gongkai.publishing.catalogue import ensure_default_catalogue
    from gongkai.publishing.models import Category

    out: list[dict] = []
    with transaction.atomic():
        governments: dict[str, Agency] = {}
        for n, (name, short, level, region) in enumerate(agency_specs(), start=1):
            parent = None
            if level == "government" and region:
                parent = governments[""]
            elif level != "government":
                parent = governments[region]
            agency = Agency.objects.create(name=name, short_name=short, level=level, parent=parent,
                                           credit_code=_credit_code(n), disclosure_office=f"{name}办公室",
                                           office_address=f"{CITY}{region}人民路{n}号", phone="0533-1234567")
            if level == "government":
                governments[region] = agency
            ensure_default_catalogue(agency)
            out.append({"id": agency.pk, "name": name, "short_name": short, "level": level, "region": region,
                        "credit_code": agency.credit_code})
    categories: dict[int, dict[str, int]] = {}
    for agency_id, slug, pk in Category.objects.values_list("agency_id", "slug", "pk"):
        categories.setdefault(agency_id, {})[slug] = pk
    return out, categories


def _empty_tables(cursor, vendor: str) -> None:
    tables = ("publishing_item_categories", "publishing_item_art20_items", "publishing_attachment",
              "publishing_itemreview", "publishing_historicalitem", "publishing_item", "publishing_indexcounter",
              "publishing_category", "publishing_normativedocument", "agencies_membership",
              "agencies_historicalagency")
    if vendor == "postgresql":
        cursor.execute("TRUNCATE " + ", ".join(tables) + ", agencies_agency CASCADE")
    else:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")
        # Children before parents: the agency tree protects itself.
        cursor.execute("UPDATE agencies_agency SET parent_id = NULL")
        cursor.execute("DELETE FROM agencies_agency")


def build() -> dict:
    """Empty the agency and publishing tables and load the corpus; the marker's contents."""
    from django.db import connection, transaction

    vendor = connection.vendor
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER}")
        _empty_tables(cursor, vendor)
    agencies, categories = _agencies()
    counters: dict[tuple[int, int], int] = {}
    n = 0
    if vendor == "postgresql":
        raw = connection.connection
        with transaction.atomic(), raw.cursor() as cursor:
            # GIN indexes (the search migrations' trigram indexes and any added later) are built far
            # faster in one pass than row by row during COPY: dropped here, recreated as defined.
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'publishing_item' "
                           "AND indexdef LIKE '%USING gin%'")
            gin_indexes = cursor.fetchall()
            for name, _ in gin_indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            links = []
            with cursor.copy(f"COPY publishing_item ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                buffered: list[str] = []
                for row, category in rows(agencies, categories):
                    n += 1
                    buffered.append("\t".join(map(_copy_text, row)))
                    links.append(f"{n}\t{row[0]}\t{category}")
                    if row[4] is not None:
                        counters[(row[1], row[3])] = row[4]
                    if len(buffered) >= 20_000:
                        copy.write("\n".join(buffered) + "\n")
                        buffered.clear()
                    if n % 200_000 == 0:
                        print(f"  已生成 {n:,} 条（{time.perf_counter() - started:.0f} 秒）", flush=True)
                if buffered:
                    copy.write("\n".join(buffered) + "\n")
            with cursor.copy("COPY publishing_item_categories (id, item_id, category_id) FROM STDIN") as copy:
                for i in range(0, len(links), 50_000):
                    copy.write("\n".join(links[i:i + 50_000]) + "\n")
            cursor.executemany("INSERT INTO publishing_indexcounter (agency_id, year, last) VALUES (%s, %s, %s)",
                               [(a, y, last) for (a, y), last in counters.items()])
            for table in ("publishing_item", "publishing_item_categories"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        # After the commit: CREATE INDEX refuses a table with pending (deferred) FK checks.
        print(f"  已写入 {n:,} 条（{time.perf_counter() - started:.0f} 秒），建立三元组索引……", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, definition in gin_indexes:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("VACUUM ANALYZE publishing_item")
            cursor.execute("VACUUM ANALYZE publishing_item_categories")
            cursor.execute("ANALYZE")  # the agency and category tables too: the planner joins them
    else:
        from importlib import import_module

        migration = import_module("gongkai.portal.migrations.0002_search_indexes")
        placeholders = ", ".join("?" * len(COLUMNS))
        insert = f"INSERT INTO publishing_item ({', '.join(COLUMNS)}) VALUES ({placeholders})"
        raw = connection.connection
        # Triggers would index row by row; the migration's statements rebuild the index in one pass.
        for statement in ("DROP TRIGGER IF EXISTS portal_item_fts_ai", "DROP TRIGGER IF EXISTS portal_item_fts_au",
                          "DROP TRIGGER IF EXISTS portal_item_fts_ad"):
            raw.execute(statement)
        batch: list[tuple] = []
        links_batch: list[tuple[int, int]] = []

        def flush() -> None:
            with transaction.atomic():
                raw.executemany(insert, [_sqlite_row(r) for r in batch])
                raw.executemany("INSERT INTO publishing_item_categories (item_id, category_id) VALUES (?, ?)",
                                links_batch)
            batch.clear()
            links_batch.clear()

        for row, category in rows(agencies, categories):
            n += 1
            batch.append(row)
            links_batch.append((row[0], category))
            if row[4] is not None:
                counters[(row[1], row[3])] = row[4]
            if len(batch) >= 100_000:
                flush()
            if n % 200_000 == 0:
                print(f"  已生成 {n:,} 条（{time.perf_counter() - started:.0f} 秒）", flush=True)
        if batch:
            flush()
        with transaction.atomic():
            raw.executemany("INSERT INTO publishing_indexcounter (agency_id, year, last) VALUES (?, ?, ?)",
                            [(a, y, last) for (a, y), last in counters.items()])
        print(f"  已写入 {n:,} 条（{time.perf_counter() - started:.0f} 秒），建立 FTS5 索引……", flush=True)
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in migration.SQLITE_CREATE:
                cursor.execute(statement)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER} (agencies integer, items integer, public_items integer, "
                       "load_seconds real, built_at varchar(40))")
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s, %s, %s, %s)",
                       [len(agencies), n, PUBLISHED, round(seconds, 1), time.strftime("%Y-%m-%d %H:%M")])
        found = loaded(cursor)
    print(f"  载入完成：{len(agencies)} 个机构、{n:,} 条信息，用时 {seconds:.0f} 秒", flush=True)
    assert found is not None
    return found


def _sqlite_row(row: tuple) -> tuple:
    # The sqlite3 module's default date adapters are deprecated: store ISO text as Django does.
    return tuple(
        v.replace(tzinfo=None).isoformat(sep=" ") if isinstance(v, datetime)
        else v.isoformat() if isinstance(v, date) else v
        for v in row
    )
