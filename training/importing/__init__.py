"""Import of providers, classes and subsidy rules (command line and admin upload share it)."""

from .importer import ImportReport, import_training

__all__ = ["ImportReport", "import_training"]
