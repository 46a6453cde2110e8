"""Search benchmark: generate N pages of Chinese programme text, rebuild the search index, time queries.

    .venv/bin/python bench/search.py                      # 20,000 documents on a temporary SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search .venv/bin/python bench/search.py --documents 5000
    tools/search_node.sh .venv/bin/python bench/search.py --engine elasticsearch   # both engines, side by side

Pages are created with one bulk INSERT per 1,000 rows (treebeard paths computed here, no per-page tree
updates); the index is then rebuilt through the real pipeline (documents, segmentation, full-text tables).
Prints documents/s indexed and query latency p50/p95 over mixed queries through the search service; with
`--engine elasticsearch` (needs ELASTICSEARCH_URL) the same figures for each engine, and publish-to-visible on the
node (a real page publish, then searching until it is found, without any explicit refresh).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cms.reference import CITY_NAMES, SkillLevel  # noqa: E402

OCCUPATIONS = {
    "4-10-01-05": "养老护理员",
    "4-10-01-06": "家政服务员",
    "4-10-01-04": "孤残儿童护理员",
    "4-10-01-03": "保育师",
    "4-10-01-01": "婴幼儿发展引导员",
    "4-14-01-03": "健康照护师",
    "4-14-01-02": "医疗护理员",
    "4-14-02-02": "健康管理师",
    "4-14-02-05": "老年人能力评估师",
    "4-14-03-06": "康复辅助技术咨询师",
    "4-14-04-04": "社群健康助理员",
    "4-10-04-02": "保健按摩师",
    "4-03-02-06": "营养配餐员",
}
LEVELS = dict(SkillLevel.choices)  # labels are lazy: read after Django is set up
AREAS = ["生活照护", "基础照护", "康复服务", "心理支持", "安宁服务", "照护评估", "质量管理", "培训指导"]
COMMON = ["职业道德", "安全卫生", "法律法规"]
CITIES = list(CITY_NAMES)
SPECIAL = ["病患陪护", "婴幼儿照护", "小儿推拿", "中医康复理疗", "产后康复服务", "母婴生活护理"]
DOCNOS = ["川人社办发〔2021〕26号", "人社部发〔2020〕73号", "国办发〔2019〕24号"]
DOCNOS += ["川办发〔2019〕55号", "人社厅发〔2021〕28号"]
SENTENCES = [
    "{city}组织开展{occupation}职业技能培训，围绕{area}、{area2}等内容强化实际操作技能训练。",
    "按照{docno}要求，{city}将{occupation}纳入急需紧缺职业目录，落实职业技能培训补贴。",
    "本期{level}培训共{hours}课时，包括{common}通用模块和{area}专业模块，考核合格后参加职业技能等级认定。",
    "{year}年{city}康养服务技能竞赛设{occupation}项目，分知识竞赛、单项技能实操和综合技能实操三轮。",
    "获奖名单公示期为5个工作日，一等奖选手按规定晋升相应职业技能等级。",
    "推行职业培训包和工学一体化培训模式，开展{special}专项职业能力考核。",
    "在世界青年技能日和职业教育活动周期间，通过12333热线和现场咨询宣传康养培训政策。",
    "鼓励养老服务机构与职业院校合作开展企业新型学徒制培训，培养{occupation}高技能人才。",
    "失能失智老年人照护、饮食起居照料和意外伤害预防与处理是{level}{occupation}的重点内容。",
]
TYPES = ["occupation", "package", "module", "competition", "result", "policy", "explainer", "campaign"]
QUERIES = [
    "养老",
    "培训",
    "护理",
    "家政",
    "育婴",
    "竞赛",
    "政策",
    "补贴",
    "照护",
    "公示",
    "康复",
    "评估",
    "养老护理员",
    "护理员",
    "职业培训包",
    "专项职业能力",
    "高级技师",
    "培训补贴",
    "健康照护师",
    "老年人能力评估师",
    "養老護理員",
    "職業培訓",
    "家政服務員",
    "yanglao",
    "ylhly",
    "jiazheng",
    "huliyuan",
    "４-10-01-05",
    "4-14-01-03",
    "２０２１",
    "川人社办发〔2021〕26号",
    "人社部发[2020]73号",
    "WorldSkills 健康照护",
    "12333 热线",
    "成都 养老护理员 培训",
    "小儿推拿",
    "失能失智",
    "职业技能等级认定",
    # everyday words and questions (issue 14): expanded through the synonym groups
    "保姆",
    "月嫂",
    "护工",
    "老人摔倒怎么办",
    "老年痴呆",
    "培训有补贴吗",
]
COMMON_TERMS = ["培训", "养老", "护理", "照护", "家政", "康复", "补贴", "职业技能等级认定"]


def sentence(rng):
    occupation = rng.choice(list(OCCUPATIONS.values()))
    area, area2 = rng.sample(AREAS, 2)
    return rng.choice(SENTENCES).format(
        city=rng.choice(CITIES),
        occupation=occupation,
        area=area,
        area2=area2,
        docno=rng.choice(DOCNOS),
        level=rng.choice(list(LEVELS.values())),
        hours=rng.randrange(40, 200, 8),
        common=rng.choice(COMMON),
        year=rng.choice([2020, 2021, 2022, 2023]),
        special=rng.choice(SPECIAL),
    )


def make_document(rng, number):
    code, occupation = rng.choice(list(OCCUPATIONS.items()))
    kind = rng.choice(TYPES)
    level = rng.choice(list(LEVELS))
    city = rng.choice(CITIES)
    year = rng.choice([2020, 2021, 2022, 2023])
    titles = {
        "occupation": f"{occupation}（{code}）职业介绍 第{number}期",
        "package": f"{occupation}职业培训包（{LEVELS[level]}）{city}版",
        "module": f"{rng.choice(AREAS)}（{occupation}课程模块）{number}",
        "competition": f"{year}年{city}{occupation}职业技能竞赛",
        "result": f"{year}年{city}{occupation}职业技能竞赛获奖名单公示",
        "policy": f"{city}关于做好{occupation}培训工作的通知",
        "explainer": f"政策解读：{city}{occupation}培训补贴怎么领",
        "campaign": f"{city}{rng.choice(['世界青年技能日', '职业教育活动周', '三八妇女节'])}宣传活动",
    }
    text = "".join(sentence(rng) for _ in range(rng.randint(3, 6)))
    return {
        "type": kind,
        "title": titles[kind],
        "text": text,
        "occupation": code,
        "level": level if kind in ("package", "module") else None,
        "year": year,
        "tags": [city, rng.choice(AREAS)],
        "codes": [f"{code[:2]}{kind[:2].upper()}-{number:05d}"],
    }


def create_pages(count, rng):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cms.demo import ensure_site_tree

    home, _ = ensure_site_tree()
    parent = Page(title="搜索基准测试", slug=f"bench-{uuid.uuid4().hex[:8]}", live=True)
    home.add_child(instance=parent)
    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    now = timezone.now()
    documents = {}
    batch = []
    for number in range(1, count + 1):
        document = make_document(rng, number)
        slug = f"doc-{number}"
        batch.append(
            Page(
                title=document["title"],
                draft_title=document["title"],
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                search_description=document["text"][:300],
            )
        )
        documents[slug] = document
        if len(batch) == 1000:
            Page.objects.bulk_create(batch)
            batch = []
    Page.objects.bulk_create(batch)
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    by_pk = dict(Page.objects.child_of(parent).values_list("pk", "slug"))
    return parent, {pk: documents[slug] for pk, slug in by_pk.items()}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def query_timings(engine, queries, rng, passes):
    """Time the mixed queries and the common terms `passes` times on `engine`; prints a line per pass.

    Wall and this process's CPU time: on a machine shared with other work the CPU time is the steadier figure (on
    SQLite it includes the database's work; on PostgreSQL and Elasticsearch the server's CPU is not in it).
    Returns the wall timings and match counts of the mixed queries of the last pass."""
    from search import service

    for query in QUERIES[:5]:
        service.search(service.parse_params({"q": query}), engine=engine)  # warm caches (segmenter, vocabulary)

    def timed(params):
        wall, cpu = time.perf_counter(), time.process_time()
        outcome = service.search(service.parse_params(params), engine=engine)
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, outcome.count

    for run in range(1, passes + 1):
        timings, cpu_times, counts = [], [], []
        for number, query in enumerate(queries):
            params = {"q": query}
            if number % 4 == 1:
                params["type"] = rng.choice(TYPES)
            elif number % 4 == 2:
                params["level"] = str(rng.choice(list(LEVELS)))
            elif number % 4 == 3:
                params["sort"] = "date"
            wall, cpu, count = timed(params)
            timings.append(wall)
            cpu_times.append(cpu)
            counts.append(count)
        print(
            f"{engine.name} pass {run}: {len(timings)} mixed queries (a quarter each plain / type / level / by date), "
            f"median {statistics.median(counts):.0f} matches: p50 {percentile(timings, 0.5):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms; "
            f"CPU p50 {percentile(cpu_times, 0.5):.1f} ms, p95 {percentile(cpu_times, 0.95):.1f} ms"
        )
        common_wall, common_cpu, common_counts = [], [], []
        for _ in range(5):
            for term in COMMON_TERMS:
                wall, cpu, count = timed({"q": term})
                common_wall.append(wall)
                common_cpu.append(cpu)
                common_counts.append(count)
        print(
            f"{engine.name} pass {run}: common terms {', '.join(COMMON_TERMS)} ({len(common_wall)} searches, median "
            f"{statistics.median(common_counts):.0f} matches): p50 {percentile(common_wall, 0.5):.1f} ms, "
            f"p95 {percentile(common_wall, 0.95):.1f} ms; CPU p50 {percentile(common_cpu, 0.5):.1f} ms, "
            f"p95 {percentile(common_cpu, 0.95):.1f} ms"
        )
    return timings, counts


def publish_to_visible(engine, samples=20):
    """(publish ms, ms from the publish's return until the engine finds the page): no explicit refresh. The
    pages go under a fresh section, not beside the 20,000 generated ones (a tree cost, not a search one)."""
    from wagtail.models import Page

    from cms.demo import ensure_site_tree
    from search.backends.base import SearchRequest
    from search.query_analysis import analyse_query

    home, _ = ensure_site_tree()
    parent = Page(title="发布可见测试", slug=f"visible-{uuid.uuid4().hex[:8]}", live=True)
    home.add_child(instance=parent)
    parent.refresh_from_db()
    publish_ms, visible_ms = [], []
    for number in range(samples):
        word = f"visible{number}x{uuid.uuid4().hex[:6]}"
        page = Page(title=f"发布可见测试 {word}", slug=f"visible-{word}")
        started = time.perf_counter()
        parent.add_child(instance=page)
        page.save_revision().publish()
        published = time.perf_counter()
        publish_ms.append((published - started) * 1000)
        request = SearchRequest(query=analyse_query(word))
        while not engine.search(request).ids:
            if time.perf_counter() - started > 10:
                raise SystemExit(f"publish-to-visible: {word!r} not found after 10 s")
            time.sleep(0.01)
        visible_ms.append((time.perf_counter() - published) * 1000)
        time.sleep(rng_pause(number))
    return publish_ms, visible_ms


def rng_pause(number):
    return 0.05 + (number % 7) * 0.1  # publishes at uneven moments of the refresh cycle


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--engine", choices=["embedded", "elasticsearch"], default="embedded")
    parser.add_argument("--passes", type=int, default=3, help="repeat the timed queries (the machine may be busy)")
    parser.add_argument(
        "--reuse", action="store_true", help="time queries on the database's existing index (no pages, no rebuild)"
    )
    args = parser.parse_args()

    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.NamedTemporaryFile(prefix="bench-search-", suffix=".sqlite3", delete=False)  # noqa: SIM115
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary.name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    if args.engine == "elasticsearch" and not os.environ.get("ELASTICSEARCH_URL"):
        raise SystemExit("--engine elasticsearch needs ELASTICSEARCH_URL (tools/search_node.sh starts a node)")
    if args.engine == "embedded":
        os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search import indexing
    from search.engines import index_engines, query_engine
    from search.models import SearchDocument

    print(f"database: {connection.vendor} ({os.environ['DATABASE_URL']})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f}s, search engine: {query_engine().name}")

    rng = random.Random(args.seed)
    if args.reuse:
        print(f"reusing the existing index: {query_engine().status()}")
    else:
        started = time.perf_counter()
        parent, documents = create_pages(args.documents, rng)
        print(f"created {args.documents} pages in {time.perf_counter() - started:.1f}s (bulk insert)")
        summary = indexing.rebuild(document_for=lambda page: documents.get(page.pk))
        print(
            f"rebuild: {summary.documents} documents in {summary.seconds:.1f}s (writing the full-text index "
            f"{summary.index_seconds:.1f}s): {summary.documents_per_second:.0f} documents/s"
        )
        if summary.errors:
            print(f"  {len(summary.errors)} errors, first: {summary.errors[0]}")

    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    figures = []
    for engine in index_engines():
        rate = None
        if not args.reuse:
            started = time.perf_counter()
            engine.rebuild(SearchDocument.objects.order_by("pk").iterator(chunk_size=500), summary.documents)
            rate = summary.documents / (time.perf_counter() - started)
        timings, counts = query_timings(engine, queries, random.Random(args.seed), args.passes)
        figures.append((engine.name, rate, timings, statistics.median(counts)))
    for name, rate, timings, median in figures:
        indexed = "index reused" if rate is None else f"index {rate:,.0f} documents/s (engine rebuild alone)"
        print(
            f"{name:>13}: {indexed}; {len(timings)} mixed queries "
            f"(a quarter each plain / type / level / by date), median {median:.0f} matches: "
            f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
        )
    if args.engine == "elasticsearch":
        publish_ms, visible_ms = publish_to_visible(query_engine())
        print(
            f"publish-to-visible on {query_engine().name} ({len(visible_ms)} page publishes, no explicit refresh): "
            f"publish p50 {percentile(publish_ms, 0.5):.0f} ms; found by a search after the publish returned: "
            f"p50 {percentile(visible_ms, 0.5):.0f} ms, max {max(visible_ms):.0f} ms"
        )
    if temporary is not None:
        Path(temporary.name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
