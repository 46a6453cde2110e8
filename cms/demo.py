"""Demo content of the shared part: the home page, the four sections and the site settings."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from cms.demo_tools import ensure_child
from cms.models import HomePage, SiteSettings

ORDER = 0
SITE_NAME = "四川康养职业技能培训"
ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "kangyang-admin-2026"  # noqa: S105  (development login, printed by make run)

SECTIONS = [
    ("curricula.CurriculaIndexPage", "curricula", "课程中心", "按职业和等级浏览职业培训包与课程模块。"),
    (
        "competitions.CompetitionIndexPage",
        "competitions",
        "技能竞赛",
        "康养职业技能竞赛的赛事、公示与获奖名单。",
    ),
    ("policy.PolicyIndexPage", "policy", "政策解读与宣传", "康养职业技能培训政策文件、解读与宣传活动。"),
    ("search.SearchPage", "search", "搜索", "搜索课程、竞赛和政策。"),
]


@transaction.atomic
def ensure_site_tree():
    """Make the default site's root a HomePage with its four sections; safe to call any number of times."""
    from django.apps import apps

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's initial "Welcome" page is a plain Page with nothing under it: replace it.
        for stale in root.get_children().filter(slug="home"):
            if stale.specific_class is Page and not stale.get_children().exists():
                stale.delete()
        home = HomePage(
            title="四川省康养职业技能培训",
            slug="home",
            hero_title="康养职业技能培训，人人持证，技能兴川",
            intro="面向养老护理员、家政服务员、育婴员、健康照护师等康养从业人员的培训课程、技能竞赛和政策宣传平台。",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME)
    elif site.root_page_id != home.pk or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    sections = {}
    for model_label, slug, title, intro in SECTIONS:
        model = apps.get_model(model_label)
        sections[slug], _ = ensure_child(
            home, model, slug, title=title, intro=intro, search_description=intro, show_in_menus=True
        )
    return home, sections


def ensure_admin(log):
    User = get_user_model()
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or (
        DEV_ADMIN_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
    )
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password)
        log(f"管理员账号 / admin login: {ADMIN_USERNAME} / {password}  (http://127.0.0.1:8000/admin/)")
    elif settings.DEBUG and user.check_password(password):
        log(f"管理员账号 / admin login: {ADMIN_USERNAME} / {password}  (http://127.0.0.1:8000/admin/)")
    else:
        log(
            f"管理员账号 / admin login: {ADMIN_USERNAME} (password set earlier; "
            f"reset with: manage.py changepassword {ADMIN_USERNAME})"
        )


def load(log):
    home, _ = ensure_site_tree()
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.address:
        site_settings.organisation_name = "四川省人力资源和社会保障厅"
        site_settings.hotline = "12333"
        site_settings.address = "四川省成都市（示例值）"
        site_settings.footer_text = (
            "四川省康养职业技能培训计划（川人社办发〔2021〕26号）配套内容平台。本站演示内容含示例值。"
        )
        site_settings.save()
    log(f"站点树就绪：{home.title} + {len(SECTIONS)} 个栏目")
    ensure_admin(log)
