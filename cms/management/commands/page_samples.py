"""Print, as JSON, one live public page per page type and every live page URL by type.

The browser tests use it to run axe on one page of each type that the demo content has, so a new page type
is covered as soon as its app and its demo content are merged. Also handy for benchmarks and smoke checks.
"""

import json
from collections import defaultdict

from django.core.management.base import BaseCommand
from wagtail.models import Page

MAX_URLS_PER_TYPE = 200


class Command(BaseCommand):
    help = "Print one live page per page type (and the URLs of all live pages by type) as JSON."

    def handle(self, *args, **options):
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
        self.stdout.write(json.dumps({"samples": samples, "urls": urls}, ensure_ascii=False, indent=2))
