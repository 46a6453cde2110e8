"""Training models, imported here so Django finds them under the `training` app label."""

from .classes import TrainingClass
from .pages import TrainingIndexPage
from .providers import Provider, ProviderApproval
from .subsidies import SubsidyRule

__all__ = ["Provider", "ProviderApproval", "SubsidyRule", "TrainingClass", "TrainingIndexPage"]
