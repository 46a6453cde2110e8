"""The public pages over real HTTP: what trainees see, and how many queries it costs."""

import csv
import io
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from curricula.choices import OccupationKind
from curricula.importer import ensure_library
from curricula.models import CourseModule, ModuleLibrary, Occupation, PackageModule, TrainingPackage
from curricula.rules import format_hours
from tests.query_counts import assert_page_queries
from training.public import ENROLMENT_BLOCK_QUERIES

from .factories import level, make_module, make_occupation, make_package

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_catalogue_lists_occupations_with_badges(client, small_tree, index):
    make_occupation(index, "病患陪护", kind=OccupationKind.SPECIAL_ABILITY, levels=(5,), slug="bhph", subsidy=True)
    html = html_of(client, index.url)
    assert "养老护理员" in html and "病患陪护" in html
    assert "4-10-01-05" in html and "急需紧缺" in html and "补贴性培训" in html
    assert "2 个培训包" in html
    assert 'href="/curricula/modules/"' in html
    assert '<label for="id_kind">' in html and '<label for="id_level">' in html


def test_catalogue_filters_by_kind_level_and_shortage(client, small_tree, index):
    make_occupation(index, "病患陪护", kind=OccupationKind.SPECIAL_ABILITY, levels=(5,), slug="bhph")
    make_occupation(index, "保健按摩师", code="4-10-04-02", levels=(5, 4, 3, 2, 1), slug="anmo")
    special = html_of(client, index.url + "?kind=special_ability")
    assert "病患陪护" in special and "养老护理员" not in special
    top = html_of(client, index.url + "?level=1")
    assert "保健按摩师" in top and "养老护理员" not in top and "病患陪护" not in top
    shortage = html_of(client, index.url + "?shortage=on")
    assert "养老护理员" in shortage and "保健按摩师" not in shortage
    empty = html_of(client, index.url + "?kind=special_ability&shortage=on")
    assert "没有符合筛选条件的职业" in empty
    assert "清除筛选" in empty
    # A bad value in a visitor's URL is ignored, not an error page.
    assert "养老护理员" in html_of(client, index.url + "?level=abc&page=zz")


def test_catalogue_empty_state_and_pagination(client, index):
    assert "还没有发布职业" in html_of(client, index.url)
    for number in range(14):
        make_occupation(index, f"职业{number:02d}", code=f"4-10-99-{number:02d}", slug=f"o{number:02d}")
    first = html_of(client, index.url)
    assert "职业00" in first and "职业12" not in first and 'rel="next"' in first
    second = html_of(client, index.url + "?page=2")
    assert "职业12" in second and "职业13" in second and "职业00" not in second and 'rel="prev"' in second
    assert "第 2 页，共 2 页（14 条）" in second


def test_occupation_page_lists_packages_per_level(client, small_tree):
    html = html_of(client, small_tree["occupation"].url)
    assert "<h3>五级/初级工</h3>" in html and "<h3>四级/中级工</h3>" in html
    assert html.index("培训包 PKG-5") < html.index("<h3>四级/中级工</h3>") < html.index("培训包 PKG-4")
    assert "3 个模块，共 15 学时" in html
    assert f'<a href="{small_tree["level5"].url}">培训包 PKG-5</a>' in html
    # Levels without a package are collapsed into one line, not a heading each.
    assert "<h3>三级/高级工</h3>" not in html and html.count("暂无培训包") == 1
    assert "以下等级暂无培训包：三级/高级工" in html
    assert 'aria-current="page">养老护理员' in html


def test_occupation_without_packages_offers_the_hotline_and_related_occupations(client, small_tree, index):
    page = make_occupation(index, "老年人能力评估师", code="4-10-01-07", slug="pinggu", levels=())
    make_occupation(index, "芳香保健师", code="4-10-04-03", slug="fangxiang")  # no packages: not offered
    html = html_of(client, page.url)
    assert "这个职业还没有发布培训包" in html and 'href="tel:12333"' in html
    related = html.split('class="related-occupations"', 1)[1].split("</ul>", 1)[0]
    assert "养老护理员" in related and "1 个培训包" not in related and "2 个培训包" in related
    assert f'<a href="{small_tree["occupation"].url}">养老护理员</a> <span class="code">4-10-01-05</span>' in related
    assert "芳香保健师" not in related
    assert "未设置" not in html and "暂未公布开设的培训等级" in html


def test_catalogue_lists_occupations_with_packages_first(client, small_tree, index):
    make_occupation(index, "阿护理员", code="4-10-01-01", slug="a-first")  # earlier in the tree, no packages
    html = html_of(client, index.url)
    assert html.index("养老护理员") < html.index("阿护理员")
    assert "0 个培训包" not in html and "培训包筹备中" in html
    library = ModuleLibrary.objects.child_of(index).get()
    assert f'<a href="{library.url}">浏览全部课程模块</a>：{library.intro}' in html  # the library link and its intro


def test_package_page_shows_the_sequence_with_totals_and_prints(client, small_tree):
    html = html_of(client, small_tree["level5"].url)
    assert '<div class="table-scroll">' in html
    positions = [html.index(code) for code in ("TY-01", "YL-5-01", "YL-5-02")]
    assert positions == sorted(positions)
    assert "15 学时（理论 8，实操 7）" in html
    assert '<td class="num"><strong>15</strong></td>' in html
    assert 'media="print"' in html and "curricula/curricula.css" in html
    assert 'href="/curricula/modules/yl-5-01/?package=PKG-5"' in html
    assert "export/csv/" in html and "export/json/" in html


def test_package_exports_its_module_list(client, small_tree):
    package = small_tree["level5"]
    response = client.get(package.url + "export/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="PKG-5-modules.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "模块代码", "课程模块", "理论学时", "实操学时", "小计"]
    assert rows[1] == ["1", "TY-01", "职业道德", "4", "0", "4"]
    assert rows[-1] == ["", "", "合计", "8", "7", "15"]
    data = client.get(package.url + "export/json/").json()
    assert [m["code"] for m in data["modules"]] == ["TY-01", "YL-5-01", "YL-5-02"]
    assert data["totals"] == {"theory": 8, "practice": 7, "total": 15}
    assert data["occupation"] == "4-10-01-05" and data["level"] == 5
    assert client.get(package.url + "export/xml/").status_code == 404


def test_module_page_shows_outcomes_hours_prerequisites_and_users(client, small_tree):
    module = small_tree["feeding"]
    module.outcomes = "能协助老年人进食\n能识别噎食"
    module.body = "## 操作步骤\n\n1. 洗手\n2. 取坐位\n\n<script>alert(1)</script>"
    module.materials = [
        ("callout", {"kind": "warning", "title": "防止误吸", "text": "进食后保持坐位 30 分钟。"}),
        ("video", {"url": "https://example.com/v", "title": "协助进食示范", "duration_minutes": 8}),
    ]
    module.tags.add("生活照护")
    module.save_revision().publish()
    html = html_of(client, module.url)
    assert "<li>能协助老年人进食</li>" in html and "<li>能识别噎食</li>" in html
    assert "<dt>理论学时</dt><dd>2</dd>" in html and "<dt>合计</dt><dd>6</dd>" in html
    assert 'href="/curricula/modules/ty-01/"' in html  # prerequisite, linked
    assert "培训包 PKG-5" in html and "养老护理员 · 五级/初级工" in html
    assert "培训包 PKG-4" not in html
    assert "<h3>操作步骤</h3>" in html
    assert "<script>alert" not in html
    assert 'class="callout callout-warning"' in html and "防止误吸" in html
    assert "协助进食示范" in html and 'rel="noopener noreferrer"' in html
    assert "生活照护" in html


def test_unused_module_has_an_empty_state(client, index):
    module = make_module(index, "SOLO-1")
    assert "还没有培训包使用本模块" in html_of(client, module.url)


def test_module_library_lists_and_filters(client, small_tree):
    library = small_tree["common"].get_parent()
    html = html_of(client, library.url)
    assert "TY-01" in html and "YL-5-01" in html and "通用" in html
    common_module = small_tree["common"]  # its row: link, owner (none: 通用) and total hours as people write them
    hours = format_hours(common_module.total_hours)
    assert (
        f'<a href="{common_module.url}">{common_module.title}</a></td><td>通用</td><td class="num">{hours}</td>' in html
    )
    common = html_of(client, library.url + "?occupation=common")
    assert "TY-01" in common and "YL-5-01" not in common
    own = html_of(client, library.url + f"?occupation={small_tree['occupation'].pk}")
    assert "YL-5-01" in own and "TY-01" not in own


def test_drafts_and_unknown_paths_are_not_found(client, small_tree):
    small_tree["level4"].unpublish()
    html_of(client, small_tree["level4"].url or "/curricula/4-10-01-05/pkg-4/", status=404)
    html_of(client, "/curricula/nothing-here/", status=404)
    html_of(client, small_tree["occupation"].url + "nothing/", status=404)
    html_of(client, small_tree["level5"].url + "nothing/", status=404)


def test_private_sections_stay_private(client, small_tree):
    PageViewRestriction.objects.create(page=small_tree["occupation"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(small_tree["level5"].url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(small_tree["feeding"].url).status_code == 200


# -- query counts: bounded, and the same for 5 and 50 modules


def build_tree(index, count):
    """An occupation, `count` modules (each requiring the previous one) and one package using them all."""
    library = ensure_library(index)
    occupation = make_occupation(index, "养老护理员", code="4-10-01-05", levels=(5, 4), slug="yanglao", shortage=True)
    modules, previous = [], None
    for number in range(count):
        module = CourseModule(
            title=f"模块{number}",
            slug=f"m{number}",
            code=f"M-{number:03d}",
            theory_hours=Decimal(1),
            practice_hours=Decimal(2),
            owner_occupation=occupation if number % 2 else None,
            body="## 要点\n\n- 一\n- 二",
            outcomes="目标一\n目标二",
        )
        module.prerequisites = [previous] if previous else []
        library.add_child(instance=module)
        module.tags.add(f"标签{number % 3}")
        module.save()
        modules.append(module)
        previous = module
    package = TrainingPackage(title="五级培训包", slug="p5", code="P-5", level=level(5))
    package.package_modules = [PackageModule(module=m, sort_order=i) for i, m in enumerate(modules)]
    occupation.add_child(instance=package)
    other = TrainingPackage(title="四级培训包", slug="p4", code="P-4", level=level(4))
    other.package_modules = [PackageModule(module=m, sort_order=i) for i, m in enumerate(modules)]
    occupation.add_child(instance=other)
    for number in range(count // 5):
        make_occupation(index, f"职业{number}", code=f"4-14-99-{number:02d}", slug=f"z{number}", levels=(5,))
    return {"occupation": occupation, "package": package, "module": modules[len(modules) // 2], "library": library}


MAX_QUERIES = 10
BLOCK_QUERIES = ENROLMENT_BLOCK_QUERIES
# An occupation without packages also lists related occupations: one query (their rows and package counts).
RELATED_QUERIES = 1


@pytest.mark.parametrize("count", [5, 50])
def test_pages_render_in_bounded_queries(client, index, count, django_assert_max_num_queries):
    tree = build_tree(index, count)
    urls = {
        "catalogue": index.url,
        "catalogue filtered": index.url + "?kind=occupation&level=5&shortage=on",
        "occupation": tree["occupation"].url,
        "occupation without packages": tree["occupation"].get_parent().url + "z0/",
        "package": tree["package"].url,
        "package csv": tree["package"].url + "export/csv/",
        "module": tree["module"].url,
        "module library": tree["library"].url,
    }
    for name, url in urls.items():
        client.get(url)  # warm Wagtail's per-process caches (site root paths)
        # Occupation and package pages carry the training app's 报名与补贴 block: a fixed number more.
        limit = MAX_QUERIES + (BLOCK_QUERIES if name in ("occupation", "occupation without packages", "package") else 0)
        limit += RELATED_QUERIES if name == "occupation without packages" else 0
        with django_assert_max_num_queries(limit, info=f"{name} with {count} modules"):
            response = client.get(url)
        assert response.status_code == 200, name
    assert f"{count * 3} 学时" in client.get(tree["package"].url).content.decode()


def test_search_document_follows_the_contract(small_tree, index):
    special = make_occupation(index, "病患陪护", kind=OccupationKind.SPECIAL_ABILITY, levels=(5,), slug="bhph")
    module = CourseModule.objects.get(pk=small_tree["feeding"].pk)
    module.body = "## 步骤\n\n**洗手**后协助进食"
    module.tags.add("生活照护")
    module.save_revision().publish()
    documents = {
        "occupation": Occupation.objects.get(pk=small_tree["occupation"].pk).search_document(),
        "special": special.search_document(),
        "package": TrainingPackage.objects.get(pk=small_tree["level5"].pk).search_document(),
        "module": CourseModule.objects.get(pk=module.pk).search_document(),
    }
    keys = {"type", "title", "text", "date", "occupation", "level", "year", "tags", "codes"}
    for document in documents.values():
        assert set(document) == keys
        assert isinstance(document["text"], str) and "<" not in document["text"]
        assert all(isinstance(tag, str) for tag in document["tags"])
    assert documents["occupation"]["type"] == "occupation" and documents["occupation"]["codes"] == ["4-10-01-05"]
    assert documents["occupation"]["occupation"] == "4-10-01-05" and "急需紧缺" in documents["occupation"]["tags"]
    assert documents["special"]["level"] == 5 and documents["special"]["occupation"] == "病患陪护"
    package = documents["package"]
    assert package["type"] == "package" and package["level"] == 5 and package["occupation"] == "4-10-01-05"
    assert package["codes"] == ["PKG-5", "4-10-01-05", "TY-01", "YL-5-01", "YL-5-02"]
    assert module.search_document()["type"] == "module"
    assert documents["module"]["codes"] == ["YL-5-01", "4-10-01-05"]
    assert "洗手后协助进食" in documents["module"]["text"] and "**" not in documents["module"]["text"]
    assert documents["module"]["tags"] == ["生活照护"]
    assert documents["module"]["date"] is not None


def test_api_fields_name_real_attributes(small_tree):
    for page in (small_tree["occupation"], small_tree["level5"], small_tree["feeding"]):
        page = type(page).objects.get(pk=page.pk)
        for field in type(page).api_fields:
            getattr(page, field.name)
    assert small_tree["level5"].hour_totals == {"theory": Decimal(8), "practice": Decimal(7), "total": Decimal(15)}
    assert small_tree["feeding"].prerequisite_codes == ["TY-01"]
    assert small_tree["occupation"].level_numbers == [5, 4, 3]


def test_package_min_hours_shown_and_supersedes_linked(client, small_tree):
    old = small_tree["level4"]
    new = make_package(small_tree["occupation"], "PKG-4B", level_number=4, modules=[small_tree["common"]])
    new.supersedes = old
    new.save_revision().publish()
    url = TrainingPackage.objects.get(pk=new.pk).url
    html = html_of(client, url)
    assert f'href="{old.url}"' in html and "替代" in html
    # The superseded package is loaded only when there is one: one query, within the package page's budget.
    assert_page_queries(client, url, MAX_QUERIES + BLOCK_QUERIES)
    assert "<dt>最低学时</dt><dd>10</dd>" in html_of(client, small_tree["level5"].url)
