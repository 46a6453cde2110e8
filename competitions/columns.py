"""The columns of a results file: the headers the importer accepts and the ones the exporter writes (kept
apart from both so the models can offer the export without importing the importer)."""

# Canonical column → accepted headers (compared after `normalise_header`).
COLUMN_ALIASES: dict[str, list[str]] = {
    "rank": ["名次", "排名", "rank", "place", "position"],
    "tie": ["并列", "tie", "tied"],
    "name": ["姓名", "选手姓名", "选手", "参赛选手", "成员", "name", "competitor", "members"],
    "organisation": [
        "单位",
        "工作单位",
        "所在单位",
        "参赛单位",
        "选送单位",
        "推荐单位",
        "organisation",
        "organization",
        "employer",
    ],
    "city": ["市州", "市（州）", "市(州)", "所在市州", "地区", "city", "prefecture"],
    "score": ["成绩", "总成绩", "总分", "得分", "分数", "score", "raw_score", "mark", "marks"],
    "standardised_score": [
        "标准分",
        "标准化成绩",
        "标准成绩",
        "standardised_score",
        "standardized_score",
        "standard_score",
    ],
    "award": ["奖项", "获奖等次", "等次", "奖励", "award", "medal"],
    "promoted_level": ["晋升等级", "晋升职业技能等级", "晋升技能等级", "promoted_level", "level"],
    "honour": ["荣誉", "荣誉称号", "honour", "honor"],
    "team": ["团体", "队名", "代表队", "团队", "team", "team_name"],
}
REQUIRED_COLUMNS = ["rank", "name"]
COLUMN_LABELS = {
    "rank": "名次/rank",
    "tie": "并列/tie",
    "name": "姓名/name",
    "organisation": "单位/organisation",
    "city": "市州/city",
    "score": "成绩/score",
    "standardised_score": "标准分/standardised_score",
    "award": "奖项/award",
    "promoted_level": "晋升等级/promoted_level",
    "honour": "荣誉/honour",
    "team": "团体/team",
}
# The columns our CSV export writes, in order: an exported file imports again unchanged.
EXPORT_HEADERS = ["名次", "并列", "姓名", "单位", "市州", "成绩", "标准分", "奖项", "晋升等级", "荣誉", "团体"]
