"""One way in for every curricula file a designer uploads: JSON, the exchange ZIP (JSON + material files) or an
Excel workbook (sheets 职业 / 模块 / 培训包). All go through `import_curricula`; a workbook's problems are told by
sheet, row and column."""

from .importer import ImportFailed, import_curricula, parse_upload
from .workbook import is_workbook, read_workbook


def import_upload(raw: bytes, **kwargs):
    """Import the uploaded bytes (dry_run, user, log_line as import_curricula). Raises ImportFailed."""
    if not is_workbook(raw):
        data, files = parse_upload(raw)
        return import_curricula(data, files=files, **kwargs)
    data, locator, problems = read_workbook(raw)
    if problems:
        raise ImportFailed(problems)
    try:
        return import_curricula(data, **kwargs)
    except ImportFailed as failure:
        raise ImportFailed([locator.locate(error) for error in failure.errors]) from None
