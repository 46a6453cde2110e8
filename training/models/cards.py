"""The cards of the directory and the provider page, built from plain rows rather than model instances.

Why: a listing page of 20 cards spent more time instantiating Provider (a ClusterableModel) and Occupation (a
page) rows, and translating the same card labels 20 times over (each lookup of a Chinese msgid walks every
catalogue), than on anything else. Rows come from `.values()`; labels are translated once per request (`CardText`,
the same msgids as the templates had); the class card template takes a card or a TrainingClass (the 报名与补贴
block passes model instances).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Page

from cms.reference import LEVEL_SHORT_NAMES

from ..choices import BaseLevel, ClassStatus, ListingStatus, ProviderKind
from ..status import class_status, listing_status
from .classes import class_title
from .phones import phone_list
from .providers import ProviderApproval

# The cards' words: marked for makemessages here, translated once per request by CardText.
SUBSIDISED = gettext_noop("补贴性培训")
ENROL_PHONE = gettext_noop("报名电话")
ONLINE = gettext_noop("在线报名")
IN_PERSON = gettext_noop("现场报名")
FULL = gettext_noop("名额已满")
SEATS_LEFT = gettext_noop("剩余名额 %(left)s/%(seats)s")
DATES = gettext_noop("%(start)s 至 %(end)s")
DEADLINE = gettext_noop("报名截止 %(deadline)s")
FEE = gettext_noop("培训费 %(fee)s 元")
ENQUIRY_PHONE = gettext_noop("咨询电话")

BADGES = {"enrolling": "badge-info", "upcoming": "badge-notice", "running": "badge-muted", "finished": "badge-muted"}

# What a class card reads (TrainingClass.objects.values(*CLASS_CARD_FIELDS)); the provider's fields can come from a
# provider already loaded instead (the provider page).
CLASS_FIELDS = (
    "code",
    "title",
    "level",
    "start_date",
    "end_date",
    "seats",
    "seats_left",
    "fee",
    "subsidised",
    "enrol_phone",
    "enrol_url",
    "enrol_in_person",
    "enrol_deadline",
    "occupation__title",
)
PROVIDER_OF_CLASS_FIELDS = ("provider__name", "provider__city", "provider__district", "provider__phones")
CLASS_CARD_FIELDS = CLASS_FIELDS + PROVIDER_OF_CLASS_FIELDS
PROVIDER_CARD_FIELDS = (
    "name",
    "kind",
    "base_level",
    "city",
    "district",
    "address",
    "phones",
    "credit_code",
    "listed_from",
    "listed_to",
)


class CardText:
    """The cards' words in the request's language, each translated on first use and then reused."""

    def __init__(self):
        self.language = translation.get_language()
        self._words: dict = {}

    def __getitem__(self, msgid: str) -> str:
        if msgid not in self._words:
            self._words[msgid] = gettext(msgid)
        return self._words[msgid]

    def label(self, choices, value) -> str:
        """The display label of a choice (what get_FOO_display shows: the value itself when unknown)."""
        key = (choices, value)
        if key not in self._words:
            self._words[key] = str(dict(choices.choices).get(value, value))
        return self._words[key]

    def format(self, msgid: str, **values) -> SafeString:
        """What `{% blocktranslate with name=value %}` renders: the translation with the values escaped in."""
        return mark_safe(self[msgid] % {name: conditional_escape(value) for name, value in values.items()})  # noqa: S308


def card_text(request=None) -> CardText:
    """One CardText per request and language (a fresh one without a request)."""
    text = getattr(request, "_training_card_text", None)
    if text is None or text.language != translation.get_language():
        text = CardText()
        if request is not None:
            request._training_card_text = text
    return text


def _day(value: datetime.date) -> str:
    return value.strftime("%Y-%m-%d")  # the templates' |date:"Y-m-d"


@dataclass
class ClassCard:
    code: str
    title: str
    status: ClassStatus
    status_label: str
    badge: str
    subsidised: str  # the badge's word, "" when not subsidised
    phone_label: str
    phones: list
    enrol_url: str
    online_label: str
    enrol_in_person: str
    in_person_label: str
    provider_name: str
    provider_city: str
    provider_district: str
    dates: SafeString
    deadline: SafeString | str
    seats: SafeString | str
    fee: SafeString


def class_card(row: dict, today: datetime.date, text: CardText) -> ClassCard:
    """A card from a row of CLASS_CARD_FIELDS."""
    status = class_status(row["start_date"], row["end_date"], row["seats_left"], row["enrol_deadline"], today)
    deadline = row["enrol_deadline"]
    if row["seats_left"]:
        seats = text.format(SEATS_LEFT, left=localize(row["seats_left"]), seats=localize(row["seats"]))
    else:
        seats = text[FULL]
    return ClassCard(
        code=row["code"],
        title=class_title(row["title"], row["occupation__title"], row["level"]),
        status=status,
        status_label=text.label(ClassStatus, status),
        badge=BADGES.get(str(status), "badge-warn"),
        subsidised=text[SUBSIDISED] if row["subsidised"] else "",
        phone_label=text[ENROL_PHONE],
        phones=phone_list(row["enrol_phone"] or row["provider__phones"]),
        enrol_url=row["enrol_url"],
        online_label=text[ONLINE],
        enrol_in_person=row["enrol_in_person"],
        in_person_label=text[IN_PERSON],
        provider_name=row["provider__name"],
        provider_city=row["provider__city"],
        provider_district=row["provider__district"],
        dates=text.format(DATES, start=_day(row["start_date"]), end=_day(row["end_date"])),
        deadline=text.format(DEADLINE, deadline=_day(deadline)) if deadline else "",
        seats=seats,
        fee=text.format(FEE, fee=floatformat(row["fee"], "0")),
    )


def _provider_columns(provider) -> dict:
    """The PROVIDER_OF_CLASS_FIELDS of a provider already loaded."""
    return {
        "provider__name": provider.name,
        "provider__city": provider.city,
        "provider__district": provider.district,
        "provider__phones": provider.phones,
    }


def class_cards(rows, today: datetime.date, text: CardText, provider=None) -> list[ClassCard]:
    """Cards from rows of CLASS_CARD_FIELDS, or of CLASS_FIELDS when every class is `provider`'s."""
    if provider is not None:
        known = _provider_columns(provider)
        return [class_card({**row, **known}, today, text) for row in rows]
    return [class_card(row, today, text) for row in rows]


def class_card_of(item, today: datetime.date, text: CardText) -> ClassCard:
    """The card of a TrainingClass instance (the 报名与补贴 block's classes, with their provider loaded)."""
    row = {name: getattr(item, name) for name in CLASS_FIELDS if "__" not in name}
    row["occupation__title"] = item.__dict__.get("_occupation_title") or (
        item.occupation.title if item.occupation_id else ""
    )
    row.update(_provider_columns(item.provider))
    return class_card(row, today, text)


@dataclass
class ProviderCard:
    credit_code: str
    name: str
    status: ListingStatus
    status_label: str
    kind_label: str
    base_label: str
    phone_label: str
    phones: list
    city: str
    district: str
    address: str


def provider_cards(rows, today: datetime.date, text: CardText) -> list[ProviderCard]:
    """Cards from rows of PROVIDER_CARD_FIELDS."""
    cards = []
    for row in rows:
        status = listing_status(row["listed_from"], row["listed_to"], today)
        cards.append(
            ProviderCard(
                credit_code=row["credit_code"],
                name=row["name"],
                status=status,
                status_label=text.label(ListingStatus, status),
                kind_label=text.label(ProviderKind, row["kind"]),
                base_label=text.label(BaseLevel, row["base_level"]) if row["base_level"] else "",
                phone_label=text[ENQUIRY_PHONE],
                phones=phone_list(row["phones"]),
                city=row["city"],
                district=row["district"],
                address=row["address"],
            )
        )
    return cards


def approved_occupations(provider) -> list[tuple[Page, str]]:
    """(occupation, level name) of each approval, in catalogue order: one query for four columns, each occupation
    a Page holding only what its link needs (not a full Occupation page per approval)."""
    rows = (
        ProviderApproval.objects.filter(provider=provider)
        .order_by("occupation__path", "-level")
        .values_list("level", "occupation_id", "occupation__title", "occupation__url_path")
    )
    alias = rows.db
    pages: dict[int, Page] = {}
    approvals = []
    for level, pk, title, url_path in rows:
        if pk not in pages:
            pages[pk] = Page.from_db(alias, ["id", "title", "url_path"], [pk, title, url_path])
        approvals.append((pages[pk], LEVEL_SHORT_NAMES.get(level)))
    return approvals
