"""Curricula models: imported here so Django finds them under the `curricula` app label.

Modules from the bottom up: levels → occupations → packages → modules → catalogue (routing is shared).
"""

from ..rules import HourTotals
from .catalogue import CurriculaIndexPage
from .levels import SkillLevel
from .modules import CourseModule, CourseModuleTag, ModuleLibrary
from .occupations import Occupation
from .packages import PackageModule, TrainingPackage

__all__ = [
    "CourseModule",
    "CourseModuleTag",
    "CurriculaIndexPage",
    "HourTotals",
    "ModuleLibrary",
    "Occupation",
    "PackageModule",
    "SkillLevel",
    "TrainingPackage",
]
