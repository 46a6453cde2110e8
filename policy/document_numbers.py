"""文号 (document numbers) in their one written form: 川人社办发〔2021〕26号. Used by the importer and the models."""

import re

DOC_NUMBER_RE = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff]{2,20})\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*(?P<serial>\d{1,4})\s*号$"
)


def normalise_document_number(line: str) -> tuple[str, str, int, int] | None:
    match = DOC_NUMBER_RE.match(re.sub(r"\s+", "", line))
    if not match:
        return None
    prefix, year, serial = match["prefix"], int(match["year"]), int(match["serial"])
    return f"{prefix}〔{year}〕{serial}号", prefix, year, serial
