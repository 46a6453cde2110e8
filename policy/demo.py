"""Demo content of the policy section: the seed document (imported by the real importer), one explainer of it,
a campaign calendar and campaigns around the occasions the document names in clause （十三）.

Campaign dates are relative to the year of the first load, so the calendar has past, ongoing and upcoming items.
Activity places are marked 示例 (example values): the seed document names no venues.
"""

import datetime
import uuid
import zoneinfo
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from cms.demo_tools import child_by_slug, ensure_child

from .choices import Audience, Channel, Occasion
from .importer import create_draft, parse
from .models import (
    Campaign,
    CampaignCalendar,
    CampaignExplainer,
    CampaignPoster,
    PolicyDocument,
    PolicyExplainer,
    PolicyExplainerCurriculumLink,
    PolicyExplainerDocument,
    PolicyIndexPage,
)
from .posters import PosterSpec, ensure_poster

ORDER = 20
SEED_FILE = Path(__file__).resolve().parent / "demo_data" / "chuan_rensheban_2021_26.txt"
SEED_NUMBER = "川人社办发〔2021〕26号"
EXPLAINER_SLUG = "kangyang-training-plan-explained"
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def ref(clause, label=""):
    """A clause of the explained document (the reference's document is left empty: it defaults to that one)."""
    return {"document": None, "section": "", "clause": clause, "label": label}


def ensure_document(index, log):
    document = PolicyDocument.objects.filter(document_number=SEED_NUMBER).first()
    if document is not None:
        return document
    parsed = parse(SEED_FILE.read_text(encoding="utf-8"))
    document = create_draft(parsed, index)
    document.intro = "四川省推进康养职业技能培训的实施方案：培训体系、职业发展、补贴政策和宣传推动。"
    document.search_description = document.intro
    document.save_revision().publish()
    document.refresh_from_db()
    log(
        f"政策文件：{document.document_number}（{len(parsed.sections)} 章 {len(parsed.clauses)} 条，"
        f"{len(parsed.warnings)} 条导入警告）"
    )
    return document


QA = [
    (
        "关于培训对象和职业",
        [
            (
                "哪些职业（工种）的培训可以享受补贴？",
                "养老护理员、家政服务员、育婴员、保育员、孤残儿童护理员、健康管理师等职业（工种），"
                "健康照护师、老年人能力评估师、呼吸治疗师等**新职业**，以及病患陪护、婴幼儿照护、小儿推拿、"
                "中医康复理疗、产后康复服务、母婴生活护理等**专项职业能力**，全部纳入补贴性职业技能培训范围。",
                ["五", "十二"],
            ),
            (
                "参加补贴性培训有户籍、年龄或社保方面的限制吗？",
                "没有。方案明确：各地**不得以地域、户籍、年龄、缴纳社保等为前提条件**，限制上述人员参加培训并享受培训补贴。"
                "补贴性培训实行实名制管理。",
                ["十二"],
            ),
            (
                "培训内容包括哪些？",
                "以实际操作技能训练为重点，同时把法律知识、职业道德、从业规范、安全质量意识、服务理念、健康卫生，"
                "以及心理学、营养学、应急管理、疫情防控、专项照护等内容贯穿培训全过程；并加强失能失智人员照护、"
                "老年人照护、婴幼儿照护、意外伤害预防与处理等岗位技能培训。",
                ["四"],
            ),
        ],
    ),
    (
        "关于补贴、机构和证书",
        [
            (
                "可以享受哪些补贴？资金从哪里来？",
                "按规定落实：\n\n"
                "- 职业技能培训补贴、创业培训补贴、职业技能鉴定补贴，资金从职业技能提升行动专账资金中列支；\n"
                "- 生活费补贴，资金从就业补助资金中列支（行动期间优先从专账资金列支）。\n\n"
                "有条件的地方可适当提高职业技能培训补贴标准。具体标准请咨询当地人社部门。",
                ["十二"],
            ),
            (
                "哪些机构可以开展康养职业技能培训？",
                "院校、企业、社会团体、职业培训机构、公共实训基地、养老服务机构、儿童福利机构、托育机构、"
                "行业组织（协会）等都可以作为实施载体。符合条件的培训机构由当地人社部门会同相关部门纳入"
                "**属地培训机构目录清单**管理；方案也支持有条件的企业兴办培训实训机构。",
                ["三", "十一"],
            ),
            (
                "培训合格后能拿到什么证书？证书怎么查询？",
                "经评价认定合格的，可获得**职业技能等级证书**，等级从五级（初级工）、四级（中级工）、三级（高级工）"
                "到二级（技师）、一级（高级技师）。证书纳入全国联网查询系统和信息管理服务平台，向社会公开，可以在线查询。",
                ["七"],
            ),
            (
                "参加职业技能竞赛有什么好处？",
                "各地持续开展育婴、母婴护理、养老护理、家政服务、健康照护等系列职业技能竞赛，"
                "按照有关规定对获奖选手予以奖励，并**晋升相应的职业技能等级**。",
                ["九"],
            ),
            (
                "有政策问题可以向谁咨询？",
                "可拨打 **12333** 人力资源和社会保障服务热线，或参加各地在世界青年技能日、职业教育活动周、"
                "三八妇女节等时间节点开展的现场咨询和宣传服务活动。",
                ["十三"],
            ),
        ],
    ),
]

KEY_POINTS = [
    ("到 2022 年底，培养培训养老护理员 14 万人次以上、孤残儿童护理员 1000 人次以上。", ["二"]),
    ("坚持培训先行、人人持证：健全康养服务人员培训制度，鼓励持证上岗。", ["一", "三"]),
    ("康养相关职业、新职业和专项职业能力全部纳入补贴性培训范围，不设户籍、年龄、社保门槛。", ["五", "十二"]),
    ("畅通五级到一级的职业技能等级通道，证书全国联网可查。", ["七"]),
    ("竞赛获奖可晋升职业技能等级；通过现场咨询、12333 热线等方式做好政策解读。", ["九", "十三"]),
]


def explainer_qa():
    blocks = []
    for heading, items in QA:
        blocks.append({"type": "heading", "value": heading})
        for question, answer, clauses in items:
            references = [ref(clause) for clause in clauses]
            blocks.append({"type": "qa", "value": {"question": question, "answer": answer, "references": references}})
    return blocks


def occupation_page(name):
    """The curricula occupation page, when the curricula app provides it (it is developed alongside)."""
    try:
        model = apps.get_model("curricula", "Occupation")
    except LookupError:
        return None
    return model.objects.filter(title__contains=name).first()


def ensure_explainer(index, document, log):
    existing = child_by_slug(index, EXPLAINER_SLUG)
    if existing is not None:
        return existing
    explainer = PolicyExplainer(
        title="《四川省康养职业技能培训计划实施方案》政策解读",
        slug=EXPLAINER_SLUG,
        intro="谁可以参加培训、哪些职业有补贴、证书怎么拿：一文读懂川人社办发〔2021〕26号。",
        summary=(
            "四川省人社厅等 7 部门印发的实施方案，围绕健康照护、养老护理、家政服务、婴幼儿照护等康养服务，"
            "大规模开展职业技能培训：康养相关职业、新职业和专项职业能力全部纳入补贴性培训范围，"
            "不以户籍、年龄、社保为门槛；培训合格可取得职业技能等级证书，竞赛获奖可晋升等级。"
        ),
        key_points=[
            {"type": "point", "value": {"text": text, "references": [ref(clause) for clause in clauses]}}
            for text, clauses in KEY_POINTS
        ],
        qa=explainer_qa(),
        audience=[Audience.TRAINEES, Audience.INSTITUTIONS, Audience.EMPLOYERS],
    )
    explainer.search_description = explainer.intro
    explainer.explained_documents = [PolicyExplainerDocument(document=document)]
    occupation = occupation_page("养老护理员")
    if occupation is not None:
        explainer.curriculum_links = [PolicyExplainerCurriculumLink(link_page=occupation)]
    for tag in ("养老护理", "家政服务", "婴幼儿照护", "培训补贴"):
        explainer.tags.add(tag)
    index.add_child(instance=explainer)
    explainer.save_revision().publish()
    log(f"政策解读：{explainer.title}（{sum(len(items) for _heading, items in QA)} 组问答）")
    return explainer


def second_monday_of_may(year):
    first = datetime.date(year, 5, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7 + 7)


def at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def campaign_specs(today):
    """Four campaigns: 三八 (last one, past), 活动周 and 技能日 (next ones, upcoming) and an ongoing 宣传服务月."""
    year = today.year
    womens_day_year = year if today > datetime.date(year, 3, 8) else year - 1
    week_start = second_monday_of_may(year)
    if week_start + datetime.timedelta(days=6) < today:
        week_start = second_monday_of_may(year + 1)
    skills_year = year if today < datetime.date(year, 7, 13) else year + 1
    skills_day = datetime.date(skills_year, 7, 15)
    womens_day = datetime.date(womens_day_year, 3, 8)
    month_start = today - datetime.timedelta(days=7)
    return [
        {
            "slug": "womens-day-jinguo-jiazheng",
            "title": f"{womens_day_year}年“三八”巾帼家政技能宣传周",
            "occasion": Occasion.WOMENS_DAY,
            "theme": "巾帼家政 技能兴家：家政服务员、育婴员培训补贴政策进社区",
            "start": womens_day - datetime.timedelta(days=6),
            "end": womens_day,
            "channels": [Channel.ON_SITE, Channel.HOTLINE, Channel.DOOR_TO_DOOR, Channel.LEAFLET],
            "tags": ["家政服务", "婴幼儿照护"],
            "colour": (179, 38, 30),
            "activities": [
                (
                    womens_day - datetime.timedelta(days=6),
                    9,
                    12,
                    "成都市锦江区某社区服务中心（示例地点）",
                    "巾帼家政政策现场咨询",
                    "12333",
                ),
                (
                    womens_day - datetime.timedelta(days=3),
                    14,
                    17,
                    "绵阳市妇女儿童活动中心（示例地点）",
                    "育婴员、母婴护理技能体验课",
                    "12333",
                ),
                (womens_day, 9, 11, "各市（州）妇联（示例）", "“天府妹子”家政服务员上门宣传", "当地妇联"),
            ],
        },
        {
            "slug": "vocational-education-week",
            "title": f"{week_start.year}年职业教育活动周·康养技能开放日",
            "occasion": Occasion.VOCATIONAL_EDUCATION_WEEK,
            "theme": "技能：让生活更美好（示例主题，沿用 2021 年活动周主题）",
            "start": week_start,
            "end": week_start + datetime.timedelta(days=6),
            "channels": [Channel.ON_SITE, Channel.POSTER, Channel.LEAFLET, Channel.PSA],
            "tags": ["养老护理", "职业道德"],
            "colour": (11, 107, 87),
            "activities": [
                (week_start, 9, 12, "四川省某技师学院实训楼（示例地点）", "养老护理实训室开放日", "12333"),
                (
                    week_start + datetime.timedelta(days=2),
                    14,
                    16,
                    "成都市公共实训基地（示例地点）",
                    "康养职业技能培训补贴政策宣讲",
                    "12333",
                ),
                (
                    week_start + datetime.timedelta(days=4),
                    9,
                    11,
                    "线上直播（示例）",
                    "职业技能等级证书与查询说明",
                    "12333",
                ),
            ],
        },
        {
            "slug": "world-youth-skills-day",
            "title": f"{skills_year}年世界青年技能日康养技能宣传周",
            "occasion": Occasion.WORLD_YOUTH_SKILLS_DAY,
            "theme": "青春学技能 康养有未来：健康照护、养老护理技能展示",
            "start": skills_day - datetime.timedelta(days=2),
            "end": skills_day + datetime.timedelta(days=4),
            "channels": [Channel.ON_SITE, Channel.HOTLINE, Channel.POSTER, Channel.PSA],
            "tags": ["养老护理", "职业道德"],
            "colour": (31, 78, 140),
            "activities": [
                (
                    skills_day - datetime.timedelta(days=2),
                    10,
                    12,
                    "成都市某职业院校（示例地点）",
                    "健康照护技能展示与咨询",
                    "12333",
                ),
                (
                    skills_day,
                    9,
                    17,
                    "四川省人力资源市场（示例地点）",
                    "世界青年技能日主题活动：康养岗位招聘与政策咨询",
                    "12333",
                ),
                (
                    skills_day + datetime.timedelta(days=3),
                    14,
                    16,
                    "德阳市某养老服务机构（示例地点）",
                    "养老护理员职业体验",
                    "12333",
                ),
            ],
        },
        {
            "slug": "policy-service-month",
            "title": "康养职业技能培训政策宣传服务月",
            "occasion": Occasion.OTHER,
            "theme": "政策进社区、进院校、进机构：培训补贴与持证上岗",
            "start": month_start,
            "end": month_start + datetime.timedelta(days=29),
            "channels": [Channel.ON_SITE, Channel.HOTLINE, Channel.DOOR_TO_DOOR, Channel.LEAFLET, Channel.POSTER],
            "tags": ["养老护理", "家政服务", "婴幼儿照护"],
            "colour": (120, 72, 150),
            "activities": [
                (
                    month_start + datetime.timedelta(days=2),
                    9,
                    11,
                    "乐山市某社区（示例地点）",
                    "补贴性培训政策上门宣传",
                    "12333",
                ),
                (
                    month_start + datetime.timedelta(days=9),
                    14,
                    16,
                    "南充市某养老服务机构（示例地点）",
                    "养老护理员持证上岗政策宣讲",
                    "12333",
                ),
                (
                    month_start + datetime.timedelta(days=20),
                    9,
                    12,
                    "宜宾市公共实训基地（示例地点）",
                    "婴幼儿照护专项职业能力培训咨询",
                    "12333",
                ),
            ],
        },
    ]


def ensure_campaign(index, spec, explainer, log):
    existing = child_by_slug(index, spec["slug"])
    dates = f"{spec['start']:%Y年%-m月%-d日} — {spec['end']:%-m月%-d日}"
    occasion_name = str(Occasion(spec["occasion"]).label) if spec["occasion"] != Occasion.OTHER else "政策宣传服务月"
    channels = "、".join(str(Channel(channel).label) for channel in spec["channels"])
    poster, _created = ensure_poster(
        PosterSpec(
            title=f"海报：{spec['title']}",
            alt_text=f"{spec['title']}宣传海报：{spec['theme']}，{dates}，咨询电话 12333。",
            heading=occasion_name,
            theme=spec["theme"],
            dates=dates,
            footer="政策咨询：12333",
            latin=f"Kangyang Skills {spec['start'].year}",
            colour=spec["colour"],
            filename=f"poster-{spec['slug']}.png",
        ),
        log,
    )  # posters drawn by an older version (boxes for Chinese on a machine without a CJK font) are redrawn
    if existing is not None:
        return existing
    campaign = Campaign(
        title=spec["title"],
        slug=spec["slug"],
        intro=f"{occasion_name}期间，各地通过{channels}等方式宣传康养职业技能培训政策。",
        occasion=spec["occasion"],
        theme=spec["theme"],
        start_date=spec["start"],
        end_date=spec["end"],
        channels=list(spec["channels"]),
        body=(
            "<p>根据川人社办发〔2021〕26号第（十三）条，通过现场咨询、“12333”热线、上门宣传、发放政策宣传页、"
            "张贴宣传海报、投放公益广告等方式，做好康养职业技能培训政策解读服务。</p>"
        ),
    )
    campaign.search_description = campaign.intro
    campaign.schedule = [
        {
            "type": "activity",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"kangyang-campaign/{spec['slug']}/{number}")),
            "value": {
                "starts_at": at(day, start).isoformat(),
                "ends_at": at(day, end).isoformat(),
                "place": place,
                "title": title,
                "contact": contact,
            },
        }
        for number, (day, start, end, place, title, contact) in enumerate(spec["activities"], start=1)
    ]
    campaign.posters = [CampaignPoster(image=poster, caption=spec["theme"])]
    campaign.explainer_links = [CampaignExplainer(explainer=explainer)]
    for tag in spec["tags"]:
        campaign.tags.add(tag)
    index.add_child(instance=campaign)
    campaign.save_revision().publish()
    log(f"宣传活动：{campaign.title}（{spec['start']} — {spec['end']}，{len(spec['activities'])} 项活动）")
    return campaign


def load(log):
    index = PolicyIndexPage.objects.first()
    if index is None:
        log("跳过：没有“政策解读与宣传”栏目页。")
        return
    document = ensure_document(index, log)
    explainer = ensure_explainer(index, document, log)
    ensure_child(
        index,
        CampaignCalendar,
        "calendar",
        title="宣传活动日历",
        intro="世界青年技能日、职业教育活动周、三八妇女节等宣传周（月）活动安排，可订阅到手机日历。",
    )
    for spec in campaign_specs(timezone.localdate()):
        ensure_campaign(index, spec, explainer, log)
    log("政策栏目就绪：文件、解读、日历和宣传活动")
