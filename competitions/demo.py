"""Demo content of the competitions section: three series, five events (past, current, upcoming relative to
the day the demo is loaded), results imported through the real importer and announced through the real
lifecycle. Every name and organisation in the results is invented and marked 示例数据.
"""

import csv
import datetime
import io

from django.utils import timezone

from cms.demo import ensure_site_tree
from cms.demo_tools import ensure_child

from .announcements import confirm_final, publish_notice
from .importer import import_results
from .models import Competition, CompetitionEvent, WinnersHall
from .occupations import link_event_occupations

ORDER = 30

DEMO_NOTE = "以下名单为示例数据：姓名和单位均为虚构，仅用于演示。"
THREE_ROUNDS = [
    (
        "round",
        {
            "name": "知识竞赛",
            "weight": 20,
            "duration_minutes": 60,
            "description": "职业道德、基础知识和相关法律法规，闭卷机考。",
        },
    ),
    (
        "round",
        {
            "name": "单项技能实操",
            "weight": 30,
            "duration_minutes": 20,
            "description": "生活照护、基础照护、康复服务中的单项操作。",
        },
    ),
    (
        "round",
        {
            "name": "综合技能实操",
            "weight": 50,
            "duration_minutes": 40,
            "description": "在模拟养老机构情境中完成照护评估与综合照护任务。",
        },
    ),
]
YANGLAO_BODY = (
    "<p>四川省养老护理职业技能竞赛面向全省养老机构和社区养老服务组织的养老护理员，"
    "省级选拔赛设知识竞赛、单项技能实操、综合技能实操三个环节。</p>"
    "<p>2021 年全国养老护理职业技能大赛由民政部、人力资源社会保障部举办，决赛在南京举行，于 2021 年 12 月 6 日闭幕。"
    "128 名选手进入决赛，共评出一等奖 5 名、二等奖 15 名、三等奖 32 名、优胜奖 20 名；"
    "获奖选手其后被授予“全国技术能手”称号。</p>"
)

HEADER = ["名次", "姓名", "单位", "市州", "成绩", "标准分", "奖项", "晋升等级", "荣誉", "团体"]

YANGLAO_RESULTS = [
    [
        1,
        "李秀英",
        "成都市第一社会福利院（示例）",
        "成都",
        "96.40",
        "",
        "一等奖",
        "二级/技师",
        "四川省技术能手（示例值）",
        "",
    ],
    [2, "王建华", "绵阳市社会福利院（示例）", "绵阳", "95.15", "", "一等奖", "二级/技师", "", ""],
    [3, "张丽", "南充市顺庆区养老服务中心（示例）", "南充", "93.80", "", "二等奖", "三级/高级工", "", ""],
    [4, "刘洋", "宜宾市颐养院（示例）", "宜宾", "93.05", "", "二等奖", "三级/高级工", "", ""],
    [5, "陈静", "德阳市康养中心（示例）", "德阳", "92.60", "", "二等奖", "三级/高级工", "", ""],
    [6, "杨帆", "泸州市福利院（示例）", "泸州", "91.25", "", "三等奖", "三级/高级工", "", ""],
    ["7=", "赵敏", "乐山市夕阳红护理院（示例）", "乐山", "90.90", "", "三等奖", "三级/高级工", "", ""],
    ["7=", "黄小平", "达州市养老服务指导中心（示例）", "达州", "90.90", "", "三等奖", "三级/高级工", "", ""],
    [9, "周涛", "雅安市康养服务中心（示例）", "雅安", "89.70", "", "三等奖", "四级/中级工", "", ""],
    [10, "吴娟", "广安市养老院（示例）", "广安", "88.35", "", "优胜奖", "四级/中级工", "", ""],
    [11, "郑强", "凉山州社会福利院（示例）", "凉山", "87.20", "", "优胜奖", "四级/中级工", "", ""],
    [12, "孙燕", "甘孜州康养中心（示例）", "甘孜", "86.95", "", "优胜奖", "", "", ""],
    [13, "马丽萍", "阿坝州养老服务中心（示例）", "阿坝", "85.10", "", "", "", "", ""],
    [14, "胡建", "巴中市颐养中心（示例）", "巴中", "84.60", "", "", "", "", ""],
]
JIAZHENG_RESULTS = [
    [1, "何晓燕", "成都市巧手家政服务有限公司（示例）", "成都", "94.50", "", "一等奖", "三级/高级工", "", ""],
    [2, "罗春梅", "自贡市好帮手家政（示例）", "自贡", "92.75", "", "二等奖", "三级/高级工", "", ""],
    [3, "唐丽华", "遂宁市安心家政服务中心（示例）", "遂宁", "91.40", "", "二等奖", "四级/中级工", "", ""],
    [4, "许文", "内江市家政服务协会（示例）", "内江", "90.05", "", "三等奖", "四级/中级工", "", ""],
    [5, "邓佳", "眉山市家政职业培训学校（示例）", "眉山", "89.30", "", "三等奖", "四级/中级工", "", ""],
    [6, "冯雪", "资阳市家政服务中心（示例）", "资阳", "88.80", "", "三等奖", "", "", ""],
    [7, "曹静", "攀枝花市阳光家政（示例）", "攀枝花", "87.45", "", "优胜奖", "", "", ""],
    [8, "彭小英", "广元市家政服务有限公司（示例）", "广元", "86.90", "", "优胜奖", "", "", ""],
    [9, "曾丽", "重庆市渝中区家政服务中心（示例）", "重庆", "85.00", "", "", "", "", ""],
    [10, "谢芳", "成都市温馨家政（示例）", "成都", "84.25", "", "", "", "", ""],
    [
        1,
        "田秀兰、蒋丽、韩梅",
        "成都市巧手家政服务有限公司（示例）",
        "成都",
        "92.30",
        "",
        "一等奖",
        "",
        "",
        "成都市代表队",
    ],
    [2, "袁芳、邹燕、蔡红", "绵阳市家政服务协会（示例）", "绵阳", "90.10", "", "二等奖", "", "", "绵阳市代表队"],
    [3, "潘丽、杜娟、戴敏", "南充市家政职业培训中心（示例）", "南充", "88.60", "", "三等奖", "", "", "南充市代表队"],
]
WORLDSKILLS_RESULTS = [
    [1, "林晓", "四川卫生康复职业学院（示例）", "自贡", "78.35", "731", "金牌", "", "", ""],
    [2, "宋佳", "成都铁路卫生学校（示例）", "成都", "76.90", "722", "银牌", "", "", ""],
    [3, "董雪", "四川护理职业学院（示例）", "德阳", "75.40", "713", "铜牌", "", "", ""],
    [4, "梁宇", "乐山职业技术学院（示例）", "乐山", "73.85", "705", "优胜奖（Medallion for Excellence）", "", "", ""],
    [5, "叶婷", "南充职业技术学院（示例）", "南充", "73.10", "701", "优胜奖（Medallion for Excellence）", "", "", ""],
    [6, "贾琳", "宜宾职业技术学院（示例）", "宜宾", "71.95", "694", "", "", "", ""],
    [7, "夏雨", "绵阳职业技术学院（示例）", "绵阳", "70.20", "686", "", "", "", ""],
    [8, "方圆", "达州职业技术学院（示例）", "达州", "68.75", "677", "", "", "", ""],
]


def csv_file(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def add_results(event, rows, log, *, state, notice_start, notice_end, contact):
    """Import through the real importer and announce through the real lifecycle (no user: system actions)."""
    report = import_results(event, csv_file(rows), "demo-results.csv")
    if not report.saved:
        raise RuntimeError(f"demo results for {event.slug} refused: {[str(error) for error in report.errors]}")
    publish_notice(event, None, notice_start, notice_end, contact)
    if state == "final":
        confirm_final(event, None)
    log(f"  {event.title}: {report.rows} 条成绩（{'正式公布' if state == 'final' else '公示中'}）")


def load(log):
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    _, sections = ensure_site_tree()
    index = sections["competitions"]
    created = []

    hall, new = ensure_child(
        index,
        WinnersHall,
        "winners",
        title="获奖名单",
        intro="历届康养职业技能竞赛正式公布的获奖名单，可按职业、年度、市州和奖项筛选。",
    )
    created += [hall] if new else []

    yanglao, new = ensure_child(
        index,
        Competition,
        "yanglao-huli",
        title="四川省养老护理职业技能竞赛",
        intro="以赛促训、以赛促评：面向全省养老护理员的省级职业技能竞赛。",
        tier="provincial",
        organiser="四川省人力资源和社会保障厅、四川省民政厅",
        occupation_name="养老护理员",
        occupation_code="4-10-01-05",
        body=YANGLAO_BODY,
    )
    created += [yanglao] if new else []

    past_final, new = ensure_child(
        yanglao,
        CompetitionEvent,
        "final-past",
        title=f"{day(-150).year} 年四川省养老护理职业技能竞赛决赛（示例数据）",
        intro="全省各市州选拔的选手参加决赛；成绩已正式公布（示例数据）。",
        year=day(-150).year,
        stage="final",
        tier="provincial",
        occupation_name="养老护理员",
        occupation_code="4-10-01-05",
        start_date=day(-150),
        end_date=day(-148),
        registration_opens=day(-210),
        registration_closes=day(-180),
        venue="成都市（示例值）",
        organiser="四川省人力资源和社会保障厅、四川省民政厅",
        rounds=THREE_ROUNDS,
        results_note=DEMO_NOTE,
        mask_names_when_final=True,
    )
    if new:
        created.append(past_final)
        add_results(
            past_final,
            YANGLAO_RESULTS,
            log,
            state="final",
            notice_start=day(-140),
            notice_end=day(-134),
            contact="四川省养老护理职业技能竞赛组委会办公室（示例值）",
        )

    current, new = ensure_child(
        yanglao,
        CompetitionEvent,
        "selection-current",
        title=f"{today.year} 年四川省养老护理职业技能竞赛选拔赛（示例数据）",
        intro="正在进行中的省级选拔赛，三个环节成绩合计后确定进入决赛的选手（示例数据）。",
        year=today.year,
        stage="selection",
        tier="provincial",
        occupation_name="养老护理员",
        occupation_code="4-10-01-05",
        start_date=day(-1),
        end_date=day(1),
        registration_opens=day(-60),
        registration_closes=day(-20),
        venue="绵阳市（示例值）",
        organiser="四川省民政厅",
        rounds=THREE_ROUNDS,
        registration_info="<p>由各市（州）民政部门推荐参赛选手，每个市（州）推荐名额以通知为准（示例值）。</p>",
    )
    created += [current] if new else []

    jiazheng, new = ensure_child(
        index,
        Competition,
        "jiazheng-fuwu",
        title="四川省家政服务职业技能竞赛",
        intro="面向家政服务员的省级职业技能竞赛，设个人赛和团体赛。",
        tier="provincial",
        organiser="四川省人力资源和社会保障厅、四川省商务厅、四川省妇女联合会",
        occupation_name="家政服务员",
        occupation_code="4-10-01-06",
        body="<p>家政服务职业技能竞赛设个人赛和团体赛，团体成绩按市（州）代表队公布。</p>",
    )
    created += [jiazheng] if new else []

    in_notice, new = ensure_child(
        jiazheng,
        CompetitionEvent,
        "final-notice",
        title=f"{day(-12).year} 年四川省家政服务职业技能竞赛决赛（示例数据）",
        intro="决赛成绩正在公示，对公示结果有异议的可在公示期内反映（示例数据）。",
        year=day(-12).year,
        stage="final",
        tier="provincial",
        occupation_name="家政服务员",
        occupation_code="4-10-01-06",
        start_date=day(-12),
        end_date=day(-11),
        venue="南充市（示例值）",
        organiser="四川省人力资源和社会保障厅、四川省商务厅、四川省妇女联合会",
        rounds=[
            ("round", {"name": "理论知识", "weight": 30, "duration_minutes": 60, "description": ""}),
            ("round", {"name": "技能操作", "weight": 70, "duration_minutes": 90, "description": "含团体协作项目"}),
        ],
        results_note=DEMO_NOTE,
        mask_names_when_final=True,
    )
    if new:
        created.append(in_notice)
        add_results(
            in_notice,
            JIAZHENG_RESULTS,
            log,
            state="notice",
            notice_start=day(-3),
            notice_end=day(3),
            contact="四川省家政服务职业技能竞赛组委会办公室（示例值）",
        )

    upcoming, new = ensure_child(
        jiazheng,
        CompetitionEvent,
        "tuopin-upcoming",
        title=f"{day(35).year} 年家政服务职业技能竞赛（脱贫劳动力专项赛）（示例数据）",
        intro="专为脱贫劳动力举办的家政服务技能竞赛，正在报名（示例数据）。",
        year=day(35).year,
        stage="final",
        tier="provincial",
        occupation_name="家政服务员",
        occupation_code="4-10-01-06",
        start_date=day(35),
        end_date=day(36),
        registration_opens=day(-10),
        registration_closes=day(20),
        venue="巴中市（示例值）",
        organiser="四川省人力资源和社会保障厅",
        for_poverty_alleviated=True,
        registration_info=(
            "<p>报名对象：已取得或正在参加家政服务员职业技能培训的脱贫劳动力。"
            "报名方式：向户籍所在地县级人力资源社会保障部门报名（示例值）。</p>"
        ),
    )
    created += [upcoming] if new else []

    worldskills, new = ensure_child(
        index,
        Competition,
        "worldskills-health-social-care",
        title="世界技能大赛四川省选拔赛（健康和社会照护项目）",
        intro="对接世界技能大赛第 41 项“健康和社会照护”的省级选拔。",
        tier="provincial",
        organiser="四川省人力资源和社会保障厅",
        occupation_name="健康照护师",
        occupation_code="4-14-01-03",
        body=(
            "<p>世界技能大赛健康和社会照护项目（第 41 项）的成绩经标准化处理，中位数为 700 分；"
            "标准分达到 700 分及以上的选手可获优胜奖（Medallion for Excellence）。原始分和标准分分别公布。</p>"
        ),
    )
    created += [worldskills] if new else []

    ws_event, new = ensure_child(
        worldskills,
        CompetitionEvent,
        "selection-past",
        title=f"{day(-300).year} 年世界技能大赛四川省选拔赛 健康和社会照护项目（示例数据）",
        intro="按世界技能大赛评分方法计分，同时公布原始分与标准分（示例数据）。",
        year=day(-300).year,
        stage="selection",
        tier="provincial",
        occupation_name="健康照护师",
        occupation_code="4-14-01-03",
        skill_name="健康和社会照护",
        worldskills_aligned=True,
        worldskills_skill_number=41,
        worldskills_skill_name="Health and Social Care",
        start_date=day(-300),
        end_date=day(-297),
        venue="自贡市（示例值）",
        organiser="四川省人力资源和社会保障厅",
        results_note=DEMO_NOTE + "标准分中位数为 700 分。",
    )
    if new:
        created.append(ws_event)
        add_results(
            ws_event,
            WORLDSKILLS_RESULTS,
            log,
            state="final",
            notice_start=day(-290),
            notice_end=day(-284),
            contact="四川省世界技能大赛选拔赛组委会（示例值）",
        )

    total = CompetitionEvent.objects.descendant_of(index).count()
    log(f"技能竞赛：新建 {len(created)} 个页面，共 {total} 个赛事")
    from django.apps import apps

    link_event_occupations(CompetitionEvent.objects, apps.get_model("curricula", "Occupation").objects, write=log)
