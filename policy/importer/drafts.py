"""Creating the PolicyDocument draft from a parsed text, all or nothing."""

from django.utils.text import slugify

from cms.slugs import pinyin_initials, unique_child_slug

from ..document_numbers import normalise_document_number
from ..models import PolicyDocument, PolicyDocumentIssuer
from .parsed import ParsedDocument

# Creating the draft page --------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The text cannot become a document draft; `problems` lists every reason at once."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def document_slug(parsed: ParsedDocument) -> str:
    """'川人社办发〔2021〕26号' → 'crsbf-2021-26' (initials of the issuer code): short, ASCII, stable."""
    number = normalise_document_number(parsed.document_number) if parsed.document_number else None
    if number:
        _full, prefix, year, serial = number
        initials = pinyin_initials(prefix)
        return slugify(f"{initials}-{year}-{serial}") or f"doc-{year}-{serial}"
    return slugify(parsed.title, allow_unicode=True)[:60] or "policy-document"


def check_importable(parsed: ParsedDocument) -> list[str]:
    """Every reason the parsed text cannot be imported (empty list: it can)."""
    problems = list(parsed.errors)
    if parsed.document_number:
        clash = PolicyDocument.objects.filter(document_number=parsed.document_number).first()
        if clash is not None:
            problems.append(f"文号 {parsed.document_number} 已存在：《{clash.title}》（页面 {clash.pk}）。")
    return problems


def create_draft(parsed: ParsedDocument, parent, *, user=None, publish: bool = False):
    """Create the PolicyDocument under `parent` as a draft (or published), all or nothing."""
    from django.db import transaction

    problems = check_importable(parsed)
    if problems:
        raise ImportRefused(problems)
    slug = unique_child_slug(parent, document_slug(parsed), default="policy-document")
    with transaction.atomic():
        page = PolicyDocument(
            title=parsed.title[:255],
            slug=slug,
            document_number=parsed.document_number,
            issue_date=parsed.issue_date,
            recipients=parsed.recipients[:255],
            body=parsed.stream_data(),
            live=False,
            owner=user,
        )
        page.issuers = [PolicyDocumentIssuer(name=name[:120]) for name in parsed.issuers]
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
    return page
