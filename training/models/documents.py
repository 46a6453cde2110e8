"""Providers and classes as search documents of the section page (search.indexing's `extra_search_documents`).

Each carries its 市州 and district as tags and its occupation and level as filter columns, so 成都 养老护理 培训
finds Chengdu providers approved for 养老护理员 and their classes. Finished classes and providers whose listing
has expired are left out; a class's document expires with the class.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone

from cms.reference import LEVEL_SHORT_NAMES

from .classes import TrainingClass
from .providers import Provider, ProviderApproval


def provider_document(page, provider) -> dict:
    approvals = list(provider.approvals.all())
    titles = sorted({approval.occupation.title for approval in approvals})
    codes = sorted({approval.occupation.code for approval in approvals if approval.occupation.code})
    levels = sorted({LEVEL_SHORT_NAMES.get(approval.level, "") for approval in approvals})
    text = " ".join(
        [
            provider.city,
            provider.district,
            provider.address,
            provider.get_kind_display(),
            provider.base_label,
            "培训机构 职业技能培训",
            "、".join(titles),
            "、".join(levels),
            provider.intro,
        ]
    )
    first = approvals[0] if approvals else None
    return {
        "type": "provider",
        "title": provider.name,
        "text": text,
        "date": provider.listed_from,
        "occupation": (first.occupation.code or first.occupation.title) if first else "",
        "level": None,
        "tags": [provider.city, provider.district, str(provider.get_kind_display()), *titles],
        "codes": [provider.credit_code, *codes],
        "url": page.provider_url(provider),
        "expires": provider.listed_to,
    }


def class_document(page, item) -> dict:
    occupation = item.occupation
    text = " ".join(
        [
            item.provider.name,
            item.provider.city,
            item.provider.district,
            item.venue,
            occupation.title,
            f"{item.level_name}培训班 开班 报名",
            "补贴性培训" if item.subsidised else "",
            item.schedule,
        ]
    )
    return {
        "type": "class",
        "title": f"{item.display_title}（{item.provider.name}）",
        "text": text,
        "date": item.start_date,
        "occupation": occupation.code or occupation.title,
        "level": item.level,
        "tags": [item.provider.city, item.provider.district, occupation.title],
        "codes": [item.code],
        "url": page.class_url(item),
        "expires": item.end_date,
    }


def training_documents(page) -> list[dict]:
    today = timezone.localdate()
    providers = Provider.objects.filter(Q(listed_to__isnull=True) | Q(listed_to__gte=today)).prefetch_related(
        Prefetch("approvals", queryset=ProviderApproval.objects.select_related("occupation").order_by("pk"))
    )
    documents = [provider_document(page, provider) for provider in providers.order_by("pk")]
    classes = TrainingClass.objects.filter(end_date__gte=today).select_related("provider", "occupation")
    documents += [class_document(page, item) for item in classes.order_by("pk").iterator(chunk_size=1000)]
    return documents
