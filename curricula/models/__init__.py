"""Curricula models: imported here so Django finds them under the `curricula` app label."""

from .levels import SkillLevel
from .pages import (
    CourseModule,
    CourseModuleTag,
    CurriculaIndexPage,
    HourTotals,
    ModuleLibrary,
    Occupation,
    PackageModule,
    TrainingPackage,
)

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
