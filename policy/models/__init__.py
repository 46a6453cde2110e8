"""Policy documents, explainers (政策解读), publicity campaigns (宣传周/宣传月) and their calendar."""

from .campaigns import Campaign, CampaignCalendar, CampaignExplainer, CampaignPoster, CampaignTag
from .documents import PolicyDocument, PolicyDocumentAttachment, PolicyDocumentIssuer
from .explainers import PolicyExplainer, PolicyExplainerCurriculumLink, PolicyExplainerDocument, PolicyExplainerTag
from .index import PolicyIndexPage

__all__ = [
    "Campaign",
    "CampaignCalendar",
    "CampaignExplainer",
    "CampaignPoster",
    "CampaignTag",
    "PolicyDocument",
    "PolicyDocumentAttachment",
    "PolicyDocumentIssuer",
    "PolicyExplainer",
    "PolicyExplainerCurriculumLink",
    "PolicyExplainerDocument",
    "PolicyExplainerTag",
    "PolicyIndexPage",
]
