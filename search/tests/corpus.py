"""A realistic test corpus (68 pages) written from the programme's own vocabulary: occupations of the 职业分类大典,
training packages and modules, competitions and results, the policy documents cited by the Sichuan plan
(川人社办发〔2021〕26号), explainers and campaigns. Values marked 示例值 are examples, not facts.

Pages are plain Wagtail pages under the real section pages; the typed search documents (type, occupation, level,
year, tags, codes) are given to the indexer explicitly, as the content apps' `search_document()` will."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from search import indexing
from search.tests.factories import make_visible

SECTION_BY_TYPE = {
    "occupation": "curricula",
    "package": "curricula",
    "module": "curricula",
    "competition": "competitions",
    "result": "competitions",
    "policy": "policy",
    "explainer": "policy",
    "campaign": "policy",
    "page": "policy",
}

AREAS = "生活照护、基础照护、康复服务、心理支持、安宁服务、照护评估、质量管理、培训指导"


def occupation(slug, code, name, text, tags=()):
    return {
        "slug": slug,
        "type": "occupation",
        "title": name,
        "text": text,
        "occupation": code or name,
        "tags": list(tags),
        "codes": [code] if code else [],
    }


def package(slug, code, name, level, level_name, text, pkg_code):
    return {
        "slug": slug,
        "type": "package",
        "title": f"{name}职业培训包（{level_name}）",
        "text": text,
        "occupation": code,
        "level": level,
        "year": 2021,
        "tags": ["职业培训包"],
        "codes": [pkg_code],
    }


def module(slug, title, text, code, occupation_code=None, tags=()):
    return {
        "slug": slug,
        "type": "module",
        "title": title,
        "text": text,
        "occupation": occupation_code,
        "tags": list(tags),
        "codes": [code],
    }


CORPUS = [
    # --- occupations ---
    occupation(
        "occ-ylhly",
        "4-10-01-05",
        "养老护理员",
        "养老护理员是从事老年人生活照料、护理服务工作的人员。国家职业技能标准（2019年版）设五级/初级工、四级/中级工、"
        f"三级/高级工、二级/技师、一级/高级技师五个等级，工作内容包括{AREAS}。",
        ["养老", "急需紧缺职业"],
    ),
    occupation(
        "occ-jzfwy",
        "4-10-01-06",
        "家政服务员",
        "家政服务员根据要求为所服务的家庭操持家务，照顾儿童、老人、病人，管理家庭有关事务。鼓励家政服务员通过全国家政服务"
        "信用信息平台建立信用记录。",
        ["家政"],
    ),
    occupation(
        "occ-jzjlr",
        "4-10-01-07",
        "家政服务经理人",
        "家政服务经理人从事家政服务机构经营管理、服务质量管理和人员培训督导工作。",
        ["家政"],
    ),
    occupation(
        "occ-yyy",
        None,
        "育婴员",
        "育婴员为0至3岁婴幼儿提供生活照料、护理和教育服务。现行职业分类大典中没有单列代码，作为工种纳入急需紧缺职业目录。",
        ["婴幼儿"],
    ),
    occupation(
        "occ-bys",
        "4-10-01-03",
        "保育师",
        "保育师（原保育员）在托育机构、幼儿园从事婴幼儿保育工作，负责生活照料、安全看护和卫生保健。",
        ["婴幼儿"],
    ),
    occupation(
        "occ-gcethly",
        "4-10-01-04",
        "孤残儿童护理员",
        "孤残儿童护理员在儿童福利机构从事孤儿、残疾儿童的生活照料、康复训练和护理工作。到2022年底培养培训孤残儿童护理员"
        "1000人次以上。",
        ["儿童福利"],
    ),
    occupation(
        "occ-yyefzydy",
        "4-10-01-01",
        "婴幼儿发展引导员",
        "婴幼儿发展引导员为婴幼儿提供早期发展指导，帮助家长科学育儿。",
        ["婴幼儿"],
    ),
    occupation(
        "occ-mbhly",
        None,
        "母婴护理员",
        "母婴护理员为产妇和新生儿提供生活护理，没有单独的职业代码，作为急需紧缺工种纳入补贴性培训。",
        ["母婴"],
    ),
    occupation(
        "occ-jkzhs",
        "4-14-01-03",
        "健康照护师",
        "健康照护师（含医疗护理员）运用基本医学护理知识与技能，在家庭、医院、社区等场所为照护对象提供健康照护服务。",
        ["新职业"],
    ),
    occupation(
        "occ-ylhly2",
        "4-14-01-02",
        "医疗护理员",
        "医疗护理员在医疗机构协助护士完成患者的生活护理。推行医疗机构医疗护理员培训合格后上岗制度。",
        ["医疗"],
    ),
    occupation(
        "occ-hxzls",
        "4-14-01-04",
        "呼吸治疗师",
        "呼吸治疗师从事呼吸系统疾病的预防、评估、治疗和康复工作，属于新职业。",
        ["新职业"],
    ),
    occupation(
        "occ-jkgls",
        "4-14-02-02",
        "健康管理师",
        "健康管理师从事个体或群体健康的监测、分析、评估以及健康咨询、指导和危险因素干预工作。",
        ["健康管理"],
    ),
    occupation(
        "occ-lnrnlpgs",
        "4-14-02-05",
        "老年人能力评估师",
        "老年人能力评估师（含老年护理需求评估员）对老年人日常生活活动、精神状态、感知觉与社会参与进行评估。",
        ["新职业", "评估"],
    ),
    occupation(
        "occ-kffzjs",
        "4-14-03-06",
        "康复辅助技术咨询师",
        "康复辅助技术咨询师为功能障碍者提供康复辅具的评估、适配和使用指导。",
        ["新职业", "康复"],
    ),
    occupation(
        "occ-sqjkzly",
        "4-14-04-04",
        "社群健康助理员",
        "社群健康助理员在社区开展健康宣传、健康信息收集和慢性病随访等公共卫生辅助服务。",
        ["新职业"],
    ),
    occupation(
        "occ-yypcy",
        "4-03-02-06",
        "营养配餐员",
        "营养配餐员根据就餐者的营养需求设计食谱、配制膳食，属于餐饮服务人员。",
        ["营养"],
    ),
    occupation(
        "occ-bjams",
        "4-10-04-02",
        "保健按摩师",
        "保健按摩师运用按摩手法为顾客提供保健服务，属于保健服务人员。",
        ["保健"],
    ),
    # --- training packages ---
    package(
        "pkg-ylhl-5",
        "4-10-01-05",
        "养老护理员",
        5,
        "五级/初级工",
        "面向新入职人员的养老护理员初级培训：生活照护、基础照护和职业道德、安全卫生、法律法规等通用模块。",
        "YLHL-PKG-5",
    ),
    package(
        "pkg-ylhl-4",
        "4-10-01-05",
        "养老护理员",
        4,
        "四级/中级工",
        "在五级基础上增加康复服务、心理支持模块，强化失能失智老年人照护的实际操作技能训练。",
        "YLHL-PKG-4",
    ),
    package(
        "pkg-ylhl-3",
        "4-10-01-05",
        "养老护理员",
        3,
        "三级/高级工",
        "增加安宁服务、照护评估和质量管理内容，培养能独立处理复杂照护问题的高级工。",
        "YLHL-PKG-3",
    ),
    package(
        "pkg-jzfw-5",
        "4-10-01-06",
        "家政服务员",
        5,
        "五级/初级工",
        "家务料理、家庭餐制作、衣物洗涤与收纳、居家保洁等基础技能。",
        "JZFW-PKG-5",
    ),
    package(
        "pkg-jzfw-4",
        "4-10-01-06",
        "家政服务员",
        4,
        "四级/中级工",
        "孕产妇与新生儿照护、老年人照护、病人陪护等进阶技能。",
        "JZFW-PKG-4",
    ),
    package(
        "pkg-jkzh-4",
        "4-14-01-03",
        "健康照护师",
        4,
        "四级/中级工",
        "生活照护、基础护理、康复照护和安全防护的综合培训，含医疗护理员内容。",
        "JKZH-PKG-4",
    ),
    package(
        "pkg-yyy-5",
        "育婴员",
        "育婴员",
        5,
        "五级/初级工",
        "婴幼儿生活照料、日常保健和早期发展指导。",
        "YYY-PKG-5",
    ),
    package(
        "pkg-lnpg-3",
        "4-14-02-05",
        "老年人能力评估师",
        3,
        "三级/高级工",
        "评估指标体系、评估工具使用、评估报告撰写与照护等级确定。",
        "LNPG-PKG-3",
    ),
    # --- course modules ---
    module(
        "mod-shzh",
        "生活照护（养老护理员课程模块）",
        "饮食照护、排泄照护、睡眠照护、清洁照护和穿脱衣物，是五级养老护理员的核心模块。",
        "YLHL-M01",
        "4-10-01-05",
    ),
    module(
        "mod-jczh",
        "基础照护（养老护理员课程模块）",
        "生命体征测量、用药照护、冷热应用，以及跌倒、噎食、压疮等风险应对。",
        "YLHL-M02",
        "4-10-01-05",
    ),
    module(
        "mod-kffw",
        "康复服务（养老护理员课程模块）",
        "康乐活动组织、功能锻炼和康复辅助器具使用。",
        "YLHL-M03",
        "4-10-01-05",
    ),
    module(
        "mod-xlzc",
        "心理支持（养老护理员课程模块）",
        "与老年人沟通、情绪疏导和心理慰藉。",
        "YLHL-M04",
        "4-10-01-05",
    ),
    module(
        "mod-anfw",
        "安宁服务（养老护理员课程模块）",
        "临终关怀、遗体料理和对家属的哀伤辅导。",
        "YLHL-M05",
        "4-10-01-05",
    ),
    module(
        "mod-zhpg",
        "照护评估（养老护理员课程模块）",
        "老年人能力评估、照护需求评估和照护计划制定。",
        "YLHL-M06",
        "4-10-01-05",
    ),
    module(
        "mod-zydd",
        "职业道德（通用课程模块）",
        "各职业共用的通用模块：职业守则、服务理念和从业规范。",
        "TY-M01",
        tags=["通用模块"],
    ),
    module(
        "mod-aqws",
        "安全卫生（通用课程模块）",
        "疫情防控、消毒隔离、意外伤害预防与处理。",
        "TY-M02",
        tags=["通用模块"],
    ),
    module(
        "mod-flfg",
        "法律法规（通用课程模块）",
        "《老年人权益保障法》《劳动合同法》等与康养服务相关的法律知识。",
        "TY-M03",
        tags=["通用模块"],
    ),
    module(
        "mod-xetn",
        "小儿推拿（专项职业能力）",
        "按照小儿推拿专项职业能力考核规范开展培训，一个等级，不分五级。",
        "ZX-XETN",
        tags=["专项职业能力"],
    ),
    module(
        "mod-bhpf",
        "病患陪护（专项职业能力）",
        "为住院患者提供陪护服务的专项职业能力考核规范与培训内容。",
        "ZX-BHPH",
        tags=["专项职业能力"],
    ),
    module(
        "mod-mbshhl",
        "母婴生活护理（专项职业能力）",
        "产妇生活护理和新生儿护理的专项职业能力考核规范。",
        "ZX-MBSH",
        tags=["专项职业能力"],
    ),
    module(
        "mod-zykfll",
        "中医康复理疗（专项职业能力）",
        "艾灸、刮痧、拔罐等中医康复理疗技术的专项职业能力考核规范。",
        "ZX-ZYKF",
        tags=["专项职业能力"],
    ),
    module(
        "mod-chkf",
        "产后康复服务（专项职业能力）",
        "产后形体恢复、盆底康复指导等产后康复服务考核规范。",
        "ZX-CHKF",
        tags=["专项职业能力"],
    ),
    module(
        "mod-yyezh",
        "婴幼儿照护（专项职业能力）",
        "婴幼儿喂养、睡眠、卫生和安全照护的专项职业能力考核规范。",
        "ZX-YYEZ",
        tags=["专项职业能力"],
    ),
    # --- competitions and results ---
    {
        "slug": "comp-2021-national",
        "type": "competition",
        "title": "2021年全国养老护理职业技能大赛",
        "text": "民政部、人力资源社会保障部主办，决赛在南京举行，2021年12月6日闭幕。128名选手进入决赛，决出一等奖5名、"
        "二等奖15名、三等奖32名、优胜奖20名。获奖选手后来被授予全国技术能手称号。",
        "date": "2021-12-06",
        "year": 2021,
        "occupation": "4-10-01-05",
        "tags": ["全国赛"],
    },
    {
        "slug": "comp-sc-selection",
        "type": "competition",
        "title": "四川省养老护理职业技能竞赛选拔赛",
        "text": "选拔赛分知识竞赛、单项技能实操、综合技能实操三轮，成绩优秀者代表四川参加全国决赛。",
        "date": "2021-09-15",
        "year": 2021,
        "occupation": "4-10-01-05",
        "tags": ["省赛"],
    },
    {
        "slug": "comp-jzfw",
        "type": "competition",
        "title": "四川省家政服务职业技能竞赛",
        "text": "设家政服务员、母婴护理两个项目，按照有关规定对获奖选手予以奖励并晋升相应职业技能等级。",
        "date": "2022-08-20",
        "year": 2022,
        "occupation": "4-10-01-06",
        "tags": ["省赛"],
    },
    {
        "slug": "comp-yy",
        "type": "competition",
        "title": "四川省育婴员职业技能竞赛",
        "text": "面向育婴、母婴护理从业人员，考核婴幼儿生活照料和早期发展指导技能。",
        "date": "2022-10-12",
        "year": 2022,
        "occupation": "育婴员",
        "tags": ["省赛"],
    },
    {
        "slug": "comp-worldskills",
        "type": "competition",
        "title": "世界技能大赛健康和社会照护项目介绍",
        "text": "WorldSkills Health and Social Care 是第41项。成绩经过标准化，中位数为700分，700分及以上获优胜奖"
        "（Medallion for Excellence）；原始分和标准分分别保存。",
        "year": 2022,
        "tags": ["世界技能大赛"],
    },
    {
        "slug": "comp-chengdu",
        "type": "competition",
        "title": "成都市康养服务技能竞赛",
        "text": "设个人赛和团体赛，各区（市）县组队参加，团体成绩按队员成绩合计排名（示例值）。",
        "date": "2022-11-05",
        "year": 2022,
        "tags": ["市赛", "团体"],
    },
    {
        "slug": "res-2021-national-gs",
        "type": "result",
        "title": "2021年全国养老护理职业技能大赛获奖名单公示",
        "text": "公示期为5个工作日。一等奖5名、二等奖15名、三等奖32名、优胜奖20名，公示期满无异议后正式公布。",
        "date": "2021-12-10",
        "year": 2021,
        "occupation": "4-10-01-05",
        "tags": ["公示"],
    },
    {
        "slug": "res-sc-selection",
        "type": "result",
        "title": "四川省养老护理职业技能竞赛选拔赛成绩公示",
        "text": "选拔赛个人成绩按知识竞赛、单项技能实操、综合技能实操加权计算，名单公示（示例值）。",
        "date": "2021-09-20",
        "year": 2021,
        "occupation": "4-10-01-05",
        "tags": ["公示"],
    },
    {
        "slug": "res-chengdu",
        "type": "result",
        "title": "成都市康养服务技能竞赛团体成绩",
        "text": "团体一等奖、二等奖、三等奖名单（示例值），按区（市）县代表队排列。",
        "date": "2022-11-10",
        "year": 2022,
        "tags": ["团体"],
    },
    # --- policy documents ---
    {
        "slug": "pol-rsbf-2020-73",
        "type": "policy",
        "title": "关于实施康养职业技能培训计划的通知",
        "text": "人力资源社会保障部、民政部、财政部、商务部、全国妇联联合印发（人社部发〔2020〕73号），"
        "2020年至2022年实施康养职业技能培训计划。",
        "date": "2020-10-01",
        "year": 2020,
        "codes": ["人社部发〔2020〕73号"],
        "tags": ["国家政策"],
    },
    {
        "slug": "pol-gbf-2019-24",
        "type": "policy",
        "title": "职业技能提升行动方案（2019—2021年）",
        "text": "国务院办公厅印发（国办发〔2019〕24号），大规模开展职业技能培训，提升劳动者就业创业能力。",
        "date": "2019-05-18",
        "year": 2019,
        "codes": ["国办发〔2019〕24号"],
        "tags": ["国家政策"],
    },
    {
        "slug": "pol-cbf-2019-55",
        "type": "policy",
        "title": "四川省职业技能提升行动实施方案（2019-2021年）",
        "text": "四川省人民政府办公厅印发（川办发〔2019〕55号），是四川康养培训计划引用的省级文件。",
        "date": "2019-08-01",
        "year": 2019,
        "codes": ["川办发〔2019〕55号"],
        "tags": ["四川政策"],
    },
    {
        "slug": "pol-rstf-2021-28",
        "type": "policy",
        "title": "关于加强新职业培训工作的通知",
        "text": "人力资源社会保障部办公厅印发（人社厅发〔2021〕28号），加强新职业培训标准和培训课程开发。",
        "date": "2021-04-20",
        "year": 2021,
        "codes": ["人社厅发〔2021〕28号"],
        "tags": ["国家政策"],
    },
    {
        "slug": "pol-rstf-2021-7",
        "type": "policy",
        "title": "技能人才薪酬分配指引",
        "text": "人力资源社会保障部办公厅印发（人社厅发〔2021〕7号），建立体现技能价值为导向的薪酬分配制度。",
        "date": "2021-01-26",
        "year": 2021,
        "codes": ["人社厅发〔2021〕7号"],
        "tags": ["国家政策"],
    },
    {
        "slug": "pol-crsbf-2021-26",
        "type": "policy",
        "title": "四川省康养职业技能培训计划实施方案",
        "text": "四川省人力资源和社会保障厅等7部门印发（川人社办发〔2021〕26号）。"
        "到2022年底，培养培训养老护理员14万人次以上、孤残儿童护理员1000人次以上，养老院院长3000人次以上、专兼职老年社会工作者8000人次以上。",
        "date": "2021-06-16",
        "year": 2021,
        "codes": ["川人社办发〔2021〕26号"],
        "tags": ["四川政策"],
    },
    # --- explainers ---
    {
        "slug": "exp-plan",
        "type": "explainer",
        "title": "一图读懂四川省康养职业技能培训计划",
        "text": "目标任务：到2022年底培养培训养老护理员14万人次以上。"
        "健全培训体系，推行职业培训包和工学一体化培训模式。",
        "date": "2021-06-20",
        "year": 2021,
        "tags": ["政策解读"],
    },
    {
        "slug": "exp-subsidy",
        "type": "explainer",
        "title": "政策解读：康养职业技能培训补贴怎么领",
        "text": "养老护理员、家政服务员、育婴员等急需紧缺职业纳入两目录一系统，"
        "按规定落实职业技能培训补贴、创业培训补贴、职业技能鉴定补贴和生活费补贴。不得以户籍、年龄、缴纳社保为条件限制参加培训。详情可拨打12333热线咨询。",
        "date": "2021-07-01",
        "year": 2021,
        "tags": ["政策解读", "补贴"],
    },
    {
        "slug": "exp-levels",
        "type": "explainer",
        "title": "职业技能等级认定：从五级到一级的职业发展通道",
        "text": "畅通五级（初级工）、四级（中级工）、三级（高级工）到二级（技师）、一级（高级技师）的职业发展通道；"
        "经评价认定合格的纳入证书全国联网查询系统。",
        "date": "2021-08-01",
        "year": 2021,
        "tags": ["政策解读"],
    },
    {
        "slug": "exp-apprentice",
        "type": "explainer",
        "title": "企业新型学徒制问答",
        "text": "推动康养服务机构与职业院校、职业培训机构合作，开展企业新型学徒制培训，学徒在岗学习、校企双导师带教。",
        "date": "2021-09-01",
        "year": 2021,
        "tags": ["政策解读"],
    },
    {
        "slug": "exp-brand",
        "type": "explainer",
        "title": "打造“天府妹子”康养服务品牌",
        "text": "发挥“天府妹子”“苏小妹”等品牌示范引领作用，联合打造具有四川特色的康养产业技能人才服务品牌。",
        "date": "2021-10-01",
        "year": 2021,
        "tags": ["品牌"],
    },
    # --- campaigns ---
    {
        "slug": "camp-youth-skills",
        "type": "campaign",
        "title": "世界青年技能日宣传活动",
        "text": "7月15日世界青年技能日，通过现场咨询、发放政策宣传页等方式宣传康养职业技能培训政策。",
        "date": "2021-07-15",
        "year": 2021,
        "tags": ["宣传"],
    },
    {
        "slug": "camp-vocational-week",
        "type": "campaign",
        "title": "职业教育活动周：技能让生活更美好",
        "text": "每年5月第二周是职业教育活动周，2021年主题为“技能：让生活更美好”。",
        "date": "2021-05-09",
        "year": 2021,
        "tags": ["宣传"],
    },
    {
        "slug": "camp-women-day",
        "type": "campaign",
        "title": "三八妇女节巾帼家政宣传",
        "text": "妇联部门在三八妇女节开展巾帼家政培训和就业宣传。",
        "date": "2022-03-08",
        "year": 2022,
        "tags": ["宣传", "家政"],
    },
    {
        "slug": "camp-12333",
        "type": "campaign",
        "title": "12333热线政策咨询服务月",
        "text": "拨打12333热线即可咨询康养职业技能培训补贴和报名方式，做好政策解读服务，提高政策知晓度。",
        "date": "2021-11-01",
        "year": 2021,
        "tags": ["宣传"],
    },
    # --- pages of other types: indexed from title, intro and search description (type "page") ---
    {
        "slug": "page-about",
        "type": None,
        "title": "关于本平台",
        "text": "本平台发布四川康养职业技能培训的课程、竞赛和政策宣传内容。",
    },
    {
        "slug": "page-contact",
        "type": None,
        "title": "咨询与服务",
        "text": "政策咨询请拨打12333；四川省人力资源和社会保障厅（地址为示例值）。",
    },
    {
        "slug": "page-institutions",
        "type": None,
        "title": "培训机构目录",
        "text": "纳入属地培训机构目录清单管理的康养培训机构，包括公共实训基地、职业院校和技工院校。",
    },
]

DOCUMENT_KEYS = ("type", "title", "text", "date", "occupation", "level", "year", "tags", "codes")


def document_for(spec) -> dict | None:
    if spec["type"] is None:
        return None  # indexed through the fallback path
    document = {key: spec[key] for key in DOCUMENT_KEYS if key in spec}
    if isinstance(document.get("date"), str):
        document["date"] = datetime.date.fromisoformat(document["date"])
    return document


def build_corpus(sections) -> dict[str, Page]:
    """Create the corpus pages (live, public) under the real section pages and index them. Returns slug -> page."""
    pages = {}
    published = timezone.now()
    for spec in CORPUS:
        parent = sections[SECTION_BY_TYPE[spec["type"] or "page"]]
        page = Page(
            title=spec["title"],
            slug=spec["slug"],
            search_description=spec["text"],
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        parent.add_child(instance=page)
        indexing.index_page(page, document_for(spec))
        pages[spec["slug"]] = page
    make_visible()  # the tests search right after building it
    return pages


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
