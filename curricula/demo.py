"""Demo content of the curricula section, written as data in the import format and loaded through the importer,
so the demo exercises the same path designers use. A second run finds nothing to change."""

from pathlib import Path

from .importer import import_file

ORDER = 10
DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "curricula.json"


def load(log):
    report = import_file(DEMO_FILE, log_line=log)
    log(report.summary())
