"""The importer on the real seed document and on synthetic PDF text with the usual extraction damage."""

import datetime

import pytest

from policy.importer import parse


@pytest.fixture(scope="module")
def seed(request):
    from policy.tests.factories import SEED_FILE

    return parse(SEED_FILE.read_text(encoding="utf-8"))


def test_seed_masthead(seed):
    assert seed.document_number == "川人社办发〔2021〕26号"
    assert seed.title == "四川省人力资源和社会保障厅等7部门关于印发《四川省康养职业技能培训计划实施方案》的通知"
    assert seed.issue_date == datetime.date(2021, 6, 16)
    assert seed.issuers == [
        "四川省人力资源和社会保障厅",
        "四川省民政厅",
        "四川省财政厅",
        "四川省商务厅",
        "四川省卫生健康委员会",
        "四川省中医药管理局",
        "四川省妇女联合会",
    ]
    assert seed.recipients.startswith("各市（州）人力资源和社会保障局")
    assert seed.recipients.endswith("妇联")


def test_seed_has_exactly_four_sections_and_thirteen_clauses_in_order(seed):
    assert [section.numeral for section in seed.sections] == ["一", "二", "三", "四"]
    assert [section.heading for section in seed.sections] == [
        "总体要求和目标任务",
        "健全康养服务人员培训体系",
        "促进康养服务人员职业发展",
        "做好组织实施工作",
    ]
    numerals = [clause.numeral for clause in seed.clauses]
    assert numerals == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]
    assert [len(section.clauses) for section in seed.sections] == [2, 4, 4, 3]
    assert seed.clauses[11].title == "加大培训补贴政策落实力度"
    assert seed.clauses[12].title == "加大宣传和推动力度"


@pytest.mark.parametrize(
    ("clause", "sentence"),
    [
        ("二", "培养培训养老护理员 14 万人次以上"),  # broken across a page break
        ("二", "养老院院长 3000 人次以上"),
        ("四", "应急管理、疫情防控、专项照护"),  # page break after a stray space
        ("六", "将康养服务列为技工教育校企合作优先领域"),
        ("七", "经备案后按规定组织开展职业技能等级认定工作"),
        ("八", "安全卫生、女职工权益等重点内容"),
        ("十二", "作为急需紧缺职业（工种），纳入本地区职业技能提升行动“两目录一系统”"),
        ("十三", "通过现场咨询、“12333”热线、上门宣传"),
    ],
)
def test_no_sentence_is_split_by_a_stray_line_break(seed, clause, sentence):
    found = next(item for item in seed.clauses if item.numeral == clause)
    assert sentence in found.text


def test_no_clause_text_keeps_a_line_break(seed):
    for clause in seed.clauses:
        assert "\n" not in clause.text, clause.numeral
        assert clause.text.endswith("。"), clause.numeral


def test_seed_preamble_and_what_it_could_not_recognise(seed):
    kinds = [kind for kind, _text in seed.preamble]
    texts = [text for _kind, text in seed.preamble]
    assert kinds == ["paragraph", "heading", "paragraph"]
    assert texts[1] == "四川省康养职业技能培训计划实施方案"
    assert texts[2].startswith("为深入推进职业技能提升行动") and texts[2].endswith("制定本实施方案。")
    # The cover letter is cut off after "印发给你们，" in the source: reported, not invented.
    assert any("印发给你们，" in warning for warning in seed.warnings)
    assert len(seed.warnings) == 1
    assert any("信息公开选项" in note for note in seed.notes)


def test_stream_data_keeps_the_numerals(seed):
    data = seed.stream_data()
    sections = [block["value"] for block in data if block["type"] == "section"]
    assert [section["numeral"] for section in sections] == ["一", "二", "三", "四"]
    assert sections[3]["clauses"][1]["numeral"] == "十二"


SYNTHETIC = """\
四川省测试厅文件
测 试 办 发 〔2030〕 5 号
关于印发测试办法
的通知
各市（州）测试局：
现将办法印发给你们，请认真贯彻执行。
四川省测试厅关于某事的通知
一、总体要求
（一）基本原则。坚持以人为本，统筹推进培训工作，提升从业人员技能水平和服务质量，
确保各项政策落到实处。
（二）主要目标。到 2031 年，
— 1 —
\f
四川省测试厅关于某事的通知
培训 5 万人次以上。
二、工作措施
（三）落实补贴。具体包括：
1.职业技能培训补贴；
2.生活费补贴；
4.创业培训补贴。
（五）加强宣传。做好宣传。
第 2 页
四川省测试厅关于某事的通知
2030年3月8日
"""


def test_synthetic_page_furniture_is_dropped_and_broken_lines_rejoined():
    parsed = parse(SYNTHETIC)
    assert parsed.document_number == "测试办发〔2030〕5号"
    assert parsed.title == "关于印发测试办法的通知"
    assert parsed.issuers == ["四川省测试厅"]
    assert parsed.issue_date == datetime.date(2030, 3, 8)
    assert [section.numeral for section in parsed.sections] == ["一", "二"]
    second = parsed.sections[0].clauses[1]
    assert second.text == "到 2031 年，培训 5 万人次以上。"  # across the page number, form feed and running header
    assert parsed.sections[0].clauses[0].text.startswith("坚持以人为本")
    assert "确保各项政策落到实处。" in parsed.sections[0].clauses[0].text
    items = parsed.sections[1].clauses[0].items
    assert [item.number for item in items] == ["1", "2", "4"]
    assert items[0].text == "职业技能培训补贴；"
    assert any("页码" in note for note in parsed.notes)
    assert any("页眉" in note and "四川省测试厅关于某事的通知" in note for note in parsed.notes)


def test_synthetic_gaps_are_reported_not_guessed():
    warnings = " ".join(parse(SYNTHETIC).warnings)
    assert "期望“3.”，实为“4.”" in warnings
    assert "期望“（四）”，实为“（五）”" in warnings


def test_missing_number_title_and_date_are_reported():
    parsed = parse("一、总体要求\n（一）原则。坚持培训先行。\n")
    assert parsed.document_number == ""
    assert parsed.issue_date is None
    assert any("文号" in warning for warning in parsed.warnings)
    assert any("日期" in warning for warning in parsed.warnings)
    assert parsed.errors == ["未识别到文件标题。"]


def test_clause_numbering_that_restarts_in_each_section_is_accepted():
    text = "测试厅文件\n测试发〔2030〕1号\n关于测试的意见\n一、甲\n（一）子一。内容。\n二、乙\n（一）子二。内容。\n"
    parsed = parse(text)
    assert [[c.numeral for c in s.clauses] for s in parsed.sections] == [["一"], ["一"]]
    assert not any("条款编号不连续" in warning for warning in parsed.warnings)
    assert any("重新从（一）编号" in note for note in parsed.notes)


def test_issuer_count_in_the_title_is_checked():
    text = "甲厅\n乙厅\n测试发〔2030〕2号\n甲厅等3部门关于测试的通知\n一、甲\n（一）子。内容。\n"
    assert any("3 个" in warning for warning in parse(text).warnings)
