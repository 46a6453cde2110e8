"""One live public page per page type and every live page URL by type, for the browser tests (axe on one page of
each type the demo content has, so a new page type is covered as soon as its app and demo content are merged), the
page-weight test and the benchmarks. Test tooling, so it lives here rather than in `cms`.

    python -m tests.page_samples        # JSON on stdout (DJANGO_SETTINGS_MODULE as for manage.py)
"""

import json
import os
from collections import defaultdict

MAX_URLS_PER_TYPE = 200


def page_samples() -> dict:
    from wagtail.models import Page

    samples = {}
    urls = defaultdict(list)
    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    for page in pages:
        label = page.specific_class._meta.label
        url = page.get_url()
        if not url:
            continue
        if label not in samples:
            samples[label] = {"id": page.pk, "title": page.title, "url": url}
        if len(urls[label]) < MAX_URLS_PER_TYPE:
            urls[label].append(url)
    return {"samples": samples, "urls": dict(urls)}


def page_samples_json() -> str:
    return json.dumps(page_samples(), ensure_ascii=False, indent=2)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    print(page_samples_json())
