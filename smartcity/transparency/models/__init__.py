"""PPID models: the public information list, information requests and objections, the page."""

from .catalogue import PublicInformation, PublicInformationQuerySet
from .law import ExemptionGround, ObjectionGround
from .page import TransparencyPage
from .requests import InformationRequest, InformationRequestQuerySet, Objection, RequestEvent

__all__ = [
    "ExemptionGround",
    "InformationRequest",
    "InformationRequestQuerySet",
    "Objection",
    "ObjectionGround",
    "PublicInformation",
    "PublicInformationQuerySet",
    "RequestEvent",
    "TransparencyPage",
]
