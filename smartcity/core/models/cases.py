"""What every citizen case has in common: a reference number, an access token, a status,
a handling agency and a history. Services subclass ``AbstractCase`` and ``AbstractCaseEvent``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reference import Agency


class ReferenceSequence(models.Model):
    """The last number handed out for one service prefix and year (e.g. ADU 2026 -> 42).

    Rows are locked with ``select_for_update`` while a number is taken, inside the transaction
    that stores the case, so numbers are unique and gap-free even under concurrent submissions.
    """

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="core_reference_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class AbstractCase(models.Model):
    """A citizen's case handled by an agency.

    Subclasses set ``REFERENCE_PREFIX`` (e.g. "ADU"), give ``status`` its choices and declare an
    event model with a ``case`` foreign key named ``events``.
    """

    REFERENCE_PREFIX = "CASE"

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    # Only a SHA-256 digest is stored: the token itself travels in the citizen's e-mail/link.
    access_token_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=20, db_index=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("handling agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Deleting a case deletes its attachment rows too (no orphans pointing at nothing).
    attachments = GenericRelation("core.Attachment")
    # Neighbours following the case ("I have this problem too"); deleted with it.
    followers = GenericRelation("core.CaseFollower")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference

    def matches_token(self, token: str) -> bool:
        from smartcity.core.tokens import token_matches

        return token_matches(token, self.access_token_hash)

    @classmethod
    def visible_to(cls, user, queryset: models.QuerySet | None = None) -> models.QuerySet:
        """The cases of this kind ``user`` may see in the admin (``queryset`` narrowed, or all).

        Override hook: the default is the agency rule of ``smartcity.core.access`` (supervisors
        see every case, agency staff their agency's); a service whose staff are scoped otherwise
        declares its own rule here (e-musrenbang: facilitators see their region's proposals).
        The site history report (``CaseLogEntry.objects.viewable_by_user``) shows the history of
        exactly these cases. Return a lazy queryset: the report uses it as a subquery, and when
        it is left unfiltered (the user sees every case) it filters by content type alone.
        """
        from smartcity.core.access import visible_cases

        return visible_cases(user, cls._default_manager.all() if queryset is None else queryset)


class CaseEventQuerySet(models.QuerySet):
    def seen_by_citizen(self):
        """What the reporter's timeline shows: every status change, and the public messages.

        A status change is always shown (the citizen sees the status anyway); its note only when
        ``is_public`` (see ``AbstractCaseEvent.note_for_citizen``).
        """
        kinds = (AbstractCaseEvent.Kind.CREATED, AbstractCaseEvent.Kind.STATUS)
        return self.filter(models.Q(is_public=True) | models.Q(kind__in=kinds))


class AbstractCaseEvent(models.Model):
    """One line of a case's history: who did what, when, from which status to which, and why.

    ``is_public`` says whether the note is addressed to the citizen (a reply, a resolution, a
    reason for rejection) or stays among staff. Who acted is kept as the citizen should read it:
    ``by_citizen``, or a member of staff (``actor``) acting for an agency (``actor_agency``) or
    for the complaint desk (no agency).
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Submitted")
        STATUS = "status", _("Status change")
        REPLY = "reply", _("Reply to the citizen")
        NOTE = "note", _("Internal note")
        CITIZEN = "citizen", _("Message from the citizen")
        ASSIGNMENT = "assignment", _("Assignment")
        RATING = "rating", _("Rating")
        PUBLIC_WORDING = "public_wording", _("Public wording edited")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("note shown to the citizen"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_agency = models.ForeignKey(
        Agency,
        verbose_name=_("acting for agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the complaint desk acted."),
    )
    by_citizen = models.BooleanField(_("by the citizen"), default=False)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_status}→{self.to_status}"

    @classmethod
    def status_label(cls, value: str):
        """The label of one of the case's states, in the active language ("" for none)."""
        if not value:
            return ""
        case_model = cls._meta.get_field("case").related_model
        return dict(case_model._meta.get_field("status").flatchoices).get(value, value)

    @property
    def from_status_label(self):
        return self.status_label(self.from_status)

    @property
    def to_status_label(self):
        return self.status_label(self.to_status)

    @property
    def note_for_citizen(self) -> str:
        return self.note if self.is_public else ""

    @property
    def is_by_desk(self) -> bool:
        return not self.by_citizen and self.actor_agency_id is None

    @property
    def acted_as(self):
        """Who acted, as the citizen reads it: the desk, the agency's name, or "" for the citizen."""
        if self.by_citizen:
            return ""
        if self.actor_agency_id:
            return self.actor_agency.name
        return _("Complaint desk")
