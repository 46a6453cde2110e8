"""Import of providers, classes and subsidy rules (command line and admin upload share it)."""

from .apply import TrainingImportReport, import_training

__all__ = ["TrainingImportReport", "import_training"]
