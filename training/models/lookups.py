"""Curricula pages the training rows point at, found by tree path (no page-tree walk, one query)."""

from django.apps import apps
from wagtail.models import Page


def occupation_of_package(package):
    """The occupation page a training package sits under."""
    Occupation = apps.get_model("curricula", "Occupation")
    return Occupation.objects.filter(path=package.path[: -Page.steplen]).first()
