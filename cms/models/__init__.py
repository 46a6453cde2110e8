"""Shared models: imported here so Django finds them under the `cms` app label."""

from .counters import RateCounter
from .media import CustomDocument, CustomImage, CustomRendition
from .pages import BasePage, HomePage
from .site_settings import SiteSettings
from .users import User

__all__ = [
    "BasePage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "RateCounter",
    "SiteSettings",
    "User",
]
