"""Which pages the browser tests visit: every page type of ours (found at collection time) plus fixed URLs.

A new page type is covered as soon as its app is installed and the demo content has one live page of it.
Routes that are not pages of their own (a RoutablePage's sub-URL, a filtered listing) go in EXTRA_PATHS: one line.
"""

from django.apps import apps
from django.conf import settings
from wagtail.models import Page


def project_page_types() -> list[str]:
    """Labels ("curricula.Occupation") of the concrete page models defined in this project's apps."""
    labels = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page or model._meta.abstract:
            continue
        app_path = apps.get_app_config(model._meta.app_label).path
        if str(app_path).startswith(str(settings.BASE_DIR)) and ".venv" not in str(app_path):
            labels.append(model._meta.label)
    return sorted(labels)


def page_model_installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


# (id, path, expected HTTP status). Add a line for each public URL that is not the plain URL of a page.
EXTRA_PATHS = [
    ("search-empty", "/search/", 200),
    ("search-with-results", "/search/?q=课程中心", 200),
    ("search-no-results", "/search/?q=没有这个词的检索", 200),
    ("search-with-results-everyday-words", "/search/?q=老人摔倒了怎么办", 200),
    ("search-too-long", "/search/?q=" + "长" * 201, 200),
    ("not-found", "/no-such-page/", 404),
    ("styleguide", "/styleguide/", 200),
    ("styleguide-page-5", "/styleguide/?page=5&level=5", 200),
    ("training-providers", "/training/?show=providers&city=成都", 200),
    ("training-filtered", "/training/?city=绵阳&occupation=4-10-01-05&level=5&subsidised=on&starts=90", 200),
    ("training-class", "/training/classes/DEMO-009/", 200),
    ("training-package-mianyang", "/curricula/yanglaohuliyuan/pkg-yl-5/?city=绵阳", 200),
]
