"""The grounds UU 14/2008 enumerates: these are the law's own lists, not city data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExemptionGround(models.TextChoices):
    """Information exempt from disclosure (UU 14/2008 art. 17, letters a–j)."""

    LAW_ENFORCEMENT = "17a", _("Art. 17a: would hinder law enforcement")
    INTELLECTUAL_PROPERTY = "17b", _("Art. 17b: intellectual property or unfair competition")
    DEFENCE = "17c", _("Art. 17c: national defence and security")
    NATURAL_WEALTH = "17d", _("Art. 17d: would reveal Indonesia's natural wealth")
    ECONOMY = "17e", _("Art. 17e: national economic resilience")
    FOREIGN_RELATIONS = "17f", _("Art. 17f: foreign relations")
    PRIVATE_DEEDS = "17g", _("Art. 17g: private authentic deeds and last wills")
    PRIVACY = "17h", _("Art. 17h: personal secrets (privacy)")
    INTERNAL_MEMO = "17i", _("Art. 17i: confidential memoranda between or within public bodies")
    OTHER_LAW = "17j", _("Art. 17j: not to be disclosed under another law")


class ObjectionGround(models.TextChoices):
    """Grounds for an objection (keberatan) to the superior officer (UU 14/2008 art. 35(1))."""

    REFUSED_EXEMPT = "a", _("a. The request was refused on an exemption of art. 17")
    PERIODIC_NOT_PROVIDED = "b", _("b. Periodic information (art. 9) was not provided")
    NOT_RESPONDED = "c", _("c. The request was not responded to")
    NOT_AS_REQUESTED = "d", _("d. The request was answered other than as requested")
    NOT_FULFILLED = "e", _("e. The request was not fulfilled")
    UNREASONABLE_FEE = "f", _("f. An unreasonable fee was charged")
    LATE = "g", _("g. The information was delivered later than the law allows")
