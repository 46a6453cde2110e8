"""Models of the progress app, imported here so Django finds them under the `progress` label."""

from .figures import ElderlyPopulation, ProgressFigure
from .page import ProgressPage
from .summary import build_summary, target_progress
from .targets import PROGRESS_TAG, Measure, Target

__all__ = [
    "PROGRESS_TAG",
    "ElderlyPopulation",
    "Measure",
    "ProgressFigure",
    "ProgressPage",
    "Target",
    "build_summary",
    "target_progress",
]
