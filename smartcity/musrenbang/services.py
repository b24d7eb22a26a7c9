"""Operations on proposals and cycles that write several rows, each in one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from smartcity.core import followers
from smartcity.core.models import CaseFollower
from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token
from smartcity.core.uploads import CheckedUpload, store_attachments
from smartcity.core.workflow import CITIZEN

from .access import can_act, is_bappeda, regions_of
from .models import Level, Phase, PlanningCycle, Proposal, ProposalEvent, ProposalScore, WithheldPhoto
from .workflow import ACTION_RULES, PROPOSAL_WORKFLOW, phase_open_for

S = Proposal.Status
REOPEN_ACTION = "smartcity.musrenbang.reopen_rules"
STAGE_TEMPLATE = "musrenbang/email/stage"

# How proposals are ranked at a deliberation, in order; shown on the public pages and minutes.
TIE_BREAK_RULE = _(
    "Ranked by weighted score (highest first); equal scores by more beneficiaries, then lower "
    "estimated cost, then earlier submission, then reference number."
)
# Statuses that count against a kelurahan's pagu: everything not stopped.
ACTIVE_STATES = [s for s, stage in Proposal.STAGE_OF_STATUS.items() if stage != Proposal.Stage.STOPPED]
# Statuses a proposal has once forwarded beyond the kelurahan / the kecamatan.
BEYOND_KELURAHAN = [S.AT_KECAMATAN, S.KECAMATAN_HELD, S.AT_CITY, S.ACCEPTED, S.DEFERRED, S.DECLINED]
BEYOND_KECAMATAN = [S.AT_CITY, S.ACCEPTED, S.DEFERRED, S.DECLINED]


class QuotaUsedUp(ValidationError):
    """The level's quota of forwarded proposals is used up for this region."""


# --- Cycles ----------------------------------------------------------------------------------------


def cycle_in_intake(today=None) -> PlanningCycle | None:
    """The published cycle whose proposal intake is open today, if any."""
    for cycle in PlanningCycle.objects.published().order_by("-year"):
        if cycle.is_open(Phase.INTAKE, today):
            return cycle
    return None


def current_cycle() -> PlanningCycle | None:
    """The newest published cycle (what the public pages show by default)."""
    return PlanningCycle.objects.published().order_by("-year").first()


def reopen_rules(cycle: PlanningCycle, phase: str, user, reason: str):
    """Bappeda reopens the locked rules of ``phase`` for one save, with a logged reason."""
    if not is_bappeda(user):
        raise PermissionDenied(_("Only Bappeda may reopen a cycle's rules."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase.")})
    with transaction.atomic():
        reopening = cycle.reopenings.create(phase=phase, reason=reason.strip(), by=user)
        log(instance=cycle, action=REOPEN_ACTION, user=user, data={"phase": phase, "reason": reason.strip()})
    return reopening


def rules_saved(cycle: PlanningCycle) -> None:
    """A save of the cycle uses up its open reopenings: the rules are locked again."""
    cycle.reopenings.filter(used_at__isnull=True).update(used_at=timezone.now())


# --- Money -----------------------------------------------------------------------------------------


def kelurahan_total(cycle: PlanningCycle, kelurahan_id: int, *, exclude_pk: int | None = None) -> Decimal:
    """Estimated cost of the kelurahan's proposals still in the running (not stopped)."""
    proposals = Proposal.objects.public().filter(
        cycle=cycle, kelurahan_id=kelurahan_id, status__in=ACTIVE_STATES
    )
    if exclude_pk:
        proposals = proposals.exclude(pk=exclude_pk)
    return proposals.aggregate(total=Sum("estimated_cost"))["total"] or Decimal("0")


@dataclass
class PaguWarning:
    ceiling: Decimal
    total: Decimal
    with_this: Decimal

    @property
    def excess(self) -> Decimal:
        return self.with_this - self.ceiling


def pagu_warning(cycle: PlanningCycle, kelurahan_id: int, cost: Decimal) -> PaguWarning | None:
    """A warning when the kelurahan's proposals with this one exceed its ceiling (pagu)."""
    ceiling = cycle.ceiling_for_kelurahan(kelurahan_id)
    if ceiling is None:
        return None
    total = kelurahan_total(cycle, kelurahan_id)
    if total + cost <= ceiling:
        return None
    return PaguWarning(ceiling=ceiling, total=total, with_this=total + cost)


# --- Submitting ------------------------------------------------------------------------------------


@dataclass
class Submission:
    proposal: Proposal
    token: str


def submit_proposal(
    *,
    cycle: PlanningCycle,
    data: dict,
    uploads: list[CheckedUpload] = (),
    language: str = "id",
    confirm_url=None,
    by_staff=None,
    notify_proposer: bool = True,
) -> Submission:
    """Store a proposal with its first history entry and photos.

    From the website (``by_staff`` None) it waits for the proposer to confirm their e-mail or
    phone (a link or a code, ``smartcity.core.followers``), which makes the proposer a follower
    who hears of every change of stage. A facilitator entering a proposal from a paper
    deliberation (``by_staff``) submits it directly, during intake or the kelurahan deliberation.
    """
    now = timezone.now()
    entry_level = data.get("entry_level") or Level.KELURAHAN
    if by_staff is None:
        if not cycle.is_open(Phase.INTAKE):
            raise ValidationError(_("Proposal intake is closed."))
        if entry_level != Level.KELURAHAN or data.get("proposer_kind") == Proposal.ProposerKind.POKIR:
            raise PermissionDenied(_("Residents propose at the kelurahan."))
    else:
        check_staff_entry(by_staff, cycle, data["kelurahan"], entry_level, data.get("proposer_kind"))
    contact = ""
    raw_contact = data.get("proposer_email") or data.get("proposer_phone") or ""
    if raw_contact:
        _channel, contact = followers.normalise_contact(raw_contact)
    elif by_staff is None:
        raise ValidationError({"proposer_email": _("Give an e-mail address or a mobile number to confirm.")})
    repeats = data.get("repeats")
    if repeats is not None:
        _check_repeat(repeats, cycle, data["kelurahan"])
    item = data.get("item")
    kelurahan = data["kelurahan"]
    with transaction.atomic():
        token, token_hash = new_access_token()
        proposal = Proposal(
            reference=next_reference(Proposal.REFERENCE_PREFIX, cycle.year),
            access_token_hash=token_hash,
            status=S.UNCONFIRMED if by_staff is None else ENTRY_STATUS[entry_level],
            cycle=cycle,
            title=data["title"],
            problem=data["problem"],
            item=item,
            volume=data.get("volume") if item else None,
            other_cost=None if item else data.get("other_cost"),
            other_cost_justification="" if item else data.get("other_cost_justification", ""),
            sector=item.sector if item else data["sector"],
            kelurahan=kelurahan,
            kecamatan_id=kelurahan.kecamatan_id,
            rt=data.get("rt", ""),
            rw=data.get("rw", ""),
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            beneficiaries=data.get("beneficiaries") or 0,
            expected_agency=data.get("expected_agency") or (item.agency if item else None),
            entry_level=entry_level,
            proposer_kind=data.get("proposer_kind") or Proposal.ProposerKind.RESIDENT,
            proposer_name=data["proposer_name"],
            proposer_group=data.get("proposer_group", ""),
            proposer_email=data.get("proposer_email", ""),
            proposer_phone=data.get("proposer_phone", ""),
            proposer_contact=contact,
            stay_unnamed=data.get("stay_unnamed", False),
            language=language,
            source=Proposal.Source.WEB if by_staff is None else Proposal.Source.STAFF,
            repeats=repeats,
            repeat_reason=data.get("repeat_reason", "") if repeats else "",
            created_at=now,
            estimated_cost=Decimal("0"),
        )
        proposal.estimated_cost = proposal.compute_cost()
        proposal.full_clean(exclude=["reference", "access_token_hash", "status"])
        proposal.save()
        proposal.events.create(
            kind=ProposalEvent.Kind.CREATED,
            to_status=proposal.status,
            is_public=True,
            by_citizen=by_staff is None,
            actor=by_staff,
            created_at=now,
        )
        store_attachments(proposal, list(uploads), by_citizen=by_staff is None)
        if contact and confirm_url is not None and notify_proposer:
            followers.start_following(
                proposal,
                contact=contact,
                language=language,
                confirm_url=confirm_url,
                context={"reference": proposal.reference, "title": proposal.title},
            )
    return Submission(proposal=proposal, token=token)


class _Region:
    """Stands in for a proposal when checking who may enter one for a kelurahan."""

    def __init__(self, kelurahan):
        self.kelurahan_id = kelurahan.pk
        self.kecamatan_id = kelurahan.kecamatan_id


# Where a proposal entered by staff starts, by the level it is entered at.
ENTRY_STATUS = {Level.KELURAHAN: S.SUBMITTED, Level.KECAMATAN: S.AT_KECAMATAN, Level.CITY: S.AT_CITY}
# The phases during which staff may enter a proposal at each level: up to that level's deliberation.
ENTRY_PHASES = {
    Level.KELURAHAN: (Phase.INTAKE, Phase.KELURAHAN),
    Level.KECAMATAN: (Phase.INTAKE, Phase.KELURAHAN, Phase.KECAMATAN),
    Level.CITY: (Phase.INTAKE, Phase.KELURAHAN, Phase.KECAMATAN, Phase.CITY),
}


def entry_levels_of(user) -> list[str]:
    """The levels at which ``user`` may enter proposals: a facilitator at their own level(s),
    Bappeda at any level (proposals of the kecamatan or the city forum, DPRD members' pokir)."""
    if is_bappeda(user):
        return [Level.KELURAHAN, Level.KECAMATAN, Level.CITY]
    kelurahan_ids, kecamatan_ids = regions_of(user)
    regions = ((Level.KELURAHAN, kelurahan_ids), (Level.KECAMATAN, kecamatan_ids))
    return [level for level, ids in regions if ids]


def check_staff_entry(user, cycle: PlanningCycle, kelurahan, entry_level: str, proposer_kind=None) -> None:
    """Refuse a staff entry outside the user's level or region, outside its phases, or a pokir
    entered by anyone but Bappeda."""
    if entry_level not in ENTRY_PHASES:
        raise ValidationError({"entry_level": _("Choose a level.")})
    if not any(cycle.is_open(phase) for phase in ENTRY_PHASES[entry_level]):
        names = ", ".join(str(Phase(p).label) for p in ENTRY_PHASES[entry_level])
        raise ValidationError(
            _("Proposals can be entered at this level only while these phases are open: %(phases)s.")
            % {"phases": names}
        )
    if proposer_kind == Proposal.ProposerKind.POKIR and not is_bappeda(user):
        raise PermissionDenied(_("Only Bappeda enters DPRD members' aspirations (pokir)."))
    if is_bappeda(user):
        return
    if entry_level == Level.CITY or not can_act(user, _Region(kelurahan), entry_level):
        raise PermissionDenied(_("You may enter proposals only in your region and at your level."))


def _check_repeat(earlier: Proposal, cycle: PlanningCycle, kelurahan) -> None:
    if earlier.cycle.year >= cycle.year or earlier.status not in Proposal.UNFUNDED_STATES:
        raise ValidationError(
            {"repeats": _("Only an unfunded proposal of an earlier cycle can be proposed again.")}
        )
    if earlier.kelurahan_id != kelurahan.pk:
        raise ValidationError({"repeats": _("The earlier proposal is from another kelurahan.")})


def confirm_by_link(token: str) -> tuple[CaseFollower | None, Proposal | None]:
    """A proposer's or supporter's confirmation link: confirms the contact; for the proposer of a
    proposal waiting for it, submits the proposal (while intake is open)."""
    follower = followers.confirm_following(token)
    if follower is None or follower.content_type.model_class() is not Proposal:
        return follower, None
    proposal = Proposal.objects.select_related("cycle").filter(pk=follower.object_id).first()
    if (
        proposal is not None
        and proposal.status == S.UNCONFIRMED
        and follower.contact == proposal.proposer_contact
        and PROPOSAL_WORKFLOW.can(proposal, CITIZEN, "confirm")
    ):
        PROPOSAL_WORKFLOW.apply(proposal, "confirm", CITIZEN, is_public=True)
    return follower, proposal


# --- A returned proposal fixed by its proposer -------------------------------------------------------

FIX_SALT = "smartcity.musrenbang.fix"
FIX_TEMPLATE = "musrenbang/email/fix"
FIX_MAX_AGE = datetime.timedelta(days=60)
# What the proposer may change when fixing: the proposal itself, never the kelurahan or the proposer.
FIXABLE_FIELDS = (
    "title",
    "problem",
    "item",
    "volume",
    "other_cost",
    "other_cost_justification",
    "sector",
    "rt",
    "rw",
    "address",
    "latitude",
    "longitude",
    "beneficiaries",
    "expected_agency",
)


def fix_token(proposal: Proposal, returned: ProposalEvent) -> str:
    """The proposer's private link to fix ``proposal`` after the return ``returned``: signed, valid
    for ``FIX_MAX_AGE`` and only until the proposal is submitted again (or returned once more)."""
    signed = signing.dumps([proposal.pk, returned.pk], salt=FIX_SALT)
    # Wagtail's route components take no ":": wrapped in URL-safe base64 as core's links are.
    return signing.b64_encode(signed.encode()).decode()


def proposal_for_fix(token: str) -> Proposal | None:
    """The returned proposal a fix link is for, if the link is genuine, fresh and still current."""
    try:
        pk, event_pk = signing.loads(
            signing.b64_decode(token.encode()).decode(), salt=FIX_SALT, max_age=FIX_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    proposal = Proposal.objects.select_related("cycle", "item", "kelurahan").filter(pk=pk).first()
    if proposal is None or proposal.status != S.RETURNED:
        return None
    latest_return = proposal.events.filter(to_status=S.RETURNED).order_by("-pk").first()
    if latest_return is None or latest_return.pk != event_pk:
        return None
    return proposal


def returned_note(proposal: Proposal) -> str:
    latest_return = proposal.events.filter(to_status=S.RETURNED).order_by("-pk").first()
    return latest_return.note if latest_return else ""


def resubmit_by_proposer(proposal: Proposal, data: dict, uploads: list[CheckedUpload] = ()) -> ProposalEvent:
    """The proposer's fixed proposal goes back to the kelurahan's verification, with a history
    entry saying what changed (the field names, not the values)."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("cycle").get(pk=proposal.pk)
        if not PROPOSAL_WORKFLOW.can(proposal, CITIZEN, "resubmit"):
            raise ValidationError(_("This proposal can no longer be fixed here."))
        before = {name: getattr(proposal, name) for name in FIXABLE_FIELDS}
        for name in FIXABLE_FIELDS:
            if name in data:
                value = data[name]
                if name in ("rt", "rw", "address", "other_cost_justification") and value is None:
                    value = ""
                setattr(proposal, name, value)
        # As when submitted: a catalogue activity sets the sector and has no "other" cost.
        if proposal.item_id:
            proposal.sector = proposal.item.sector
            proposal.other_cost, proposal.other_cost_justification = None, ""
        else:
            proposal.volume = None
        changed = [
            str(Proposal._meta.get_field(name).verbose_name)
            for name in FIXABLE_FIELDS
            if getattr(proposal, name) != before[name]
        ]
        proposal.estimated_cost = proposal.compute_cost()
        proposal.full_clean(exclude=["reference", "access_token_hash", "status"])
        proposal.save()
        if uploads:
            store_attachments(proposal, list(uploads), by_citizen=True)
            changed.append(str(_("photos")))
        note = (
            _("Fixed by the proposer: %(fields)s.") % {"fields": ", ".join(changed)}
            if changed
            else _("Submitted again by the proposer without changes.")
        )
        event = PROPOSAL_WORKFLOW.apply(proposal, "resubmit", CITIZEN, note=str(note), is_public=True)
    notify_stage_change(proposal, event)
    return event


def _notify_proposer_of_return(proposal: Proposal, event: ProposalEvent, page) -> None:
    """Send the proposer (who confirmed their contact on the website) the link to fix it."""
    if proposal.source != Proposal.Source.WEB or not proposal.proposer_contact:
        return
    link = page.absolute_url(page.subpage_path("fix", token=fix_token(proposal, event)))
    by_sms = not proposal.proposer_email
    notify(
        FIX_TEMPLATE,
        [] if by_sms else [proposal.proposer_contact],
        {
            "reference": proposal.reference,
            "title": proposal.title,
            "note": event.note,
            "link": link,
            "days": FIX_MAX_AGE.days,
        },
        proposal.language,
        phones=[proposal.proposer_contact] if by_sms else None,
    )


# --- Photos ----------------------------------------------------------------------------------------


def set_photo_public(proposal: Proposal, attachment, user, *, public: bool) -> None:
    """Staff of the proposal's region (or Bappeda) withhold a photo from the public page, or show
    it again; recorded as an internal history entry."""
    from .access import can_see_proposal

    if not can_see_proposal(user, proposal):
        raise PermissionDenied(_("You may act only on proposals at your level and in your region."))
    if attachment.object_id != proposal.pk or attachment.content_type.model_class() is not Proposal:
        raise PermissionDenied
    with transaction.atomic():
        if public:
            changed = WithheldPhoto.objects.filter(proposal=proposal, attachment=attachment).delete()[0]
        else:
            _row, changed = WithheldPhoto.objects.get_or_create(
                proposal=proposal, attachment=attachment, defaults={"by": user}
            )
        if changed:
            message = (
                _("Photo %(n)s shown on the public page.")
                if public
                else _("Photo %(n)s withheld from the public page.")
            )
            proposal.events.create(
                kind=ProposalEvent.Kind.NOTE,
                note=str(message % {"n": attachment.pk}),
                is_public=False,
                actor=user,
            )


# --- Support ---------------------------------------------------------------------------------------


def support(proposal: Proposal, *, contact: str, language: str, confirm_url) -> CaseFollower:
    """A resident supports a proposal during intake: counted once their contact is confirmed."""
    if proposal.status == S.UNCONFIRMED or not proposal.cycle.is_open(Phase.INTAKE):
        raise ValidationError(_("Proposals can be supported only during intake."))
    return followers.start_following(
        proposal,
        contact=contact,
        language=language,
        confirm_url=confirm_url,
        context={"reference": proposal.reference, "title": proposal.title},
    )


def support_count_annotation():
    """Confirmed supporters of each proposal: its confirmed followers other than the proposer."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    confirmed = (
        CaseFollower.objects.filter(
            content_type=ContentType.objects.get_for_model(Proposal),
            object_id=OuterRef("pk"),
            confirmed_at__isnull=False,
        )
        .exclude(contact=OuterRef("proposer_contact"))
        .order_by()
        .values("object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)


# --- Acting on proposals ---------------------------------------------------------------------------


def act(proposal: Proposal, action: str, user, *, note: str = "", **options) -> ProposalEvent:
    """Perform ``action`` on ``proposal`` as ``user`` if its phase is open and it is theirs to do;
    forwarding respects the level's quota. Tells the proposer and supporters of the change."""
    if action not in ACTION_RULES:
        raise ValidationError(_("Unknown action."))
    level, phases = ACTION_RULES[action]
    if not phase_open_for(proposal, action):
        names = ", ".join(str(Phase(p).label) for p in phases)
        raise ValidationError(
            _("This action is accepted only while the phase is open: %(phases)s.") % {"phases": names}
        )
    if level is not None and not can_act(user, proposal, level):
        raise PermissionDenied(_("You may act only on proposals at your level and in your region."))
    with transaction.atomic():
        if action in ("forward_kecamatan", "forward_city"):
            _check_quota(proposal, action)
        event = PROPOSAL_WORKFLOW.apply(proposal, action, user, note=note, **options)
    notify_stage_change(proposal, event)
    return event


def _check_quota(proposal: Proposal, action: str) -> None:
    # The cycle row is locked: two facilitators forwarding at once cannot both take the last place.
    cycle = PlanningCycle.objects.select_for_update().get(pk=proposal.cycle_id)
    if action == "forward_kecamatan":
        used = Proposal.objects.filter(
            cycle=cycle, kelurahan_id=proposal.kelurahan_id, status__in=BEYOND_KELURAHAN
        ).count()
        quota = cycle.kelurahan_quota
    else:
        used = Proposal.objects.filter(
            cycle=cycle, kecamatan_id=proposal.kecamatan_id, status__in=BEYOND_KECAMATAN
        ).count()
        quota = cycle.kecamatan_quota
    if used >= quota:
        raise QuotaUsedUp(_("The quota of %(quota)s forwarded proposals is used up.") % {"quota": quota})


def notify_stage_change(proposal: Proposal, event: ProposalEvent) -> int:
    """E-mail (or text) the proposer and confirmed supporters about a public change of status."""
    from .models import MusrenbangPage

    page = MusrenbangPage.current()
    if page is None:
        return 0
    link = page.absolute_url(page.proposal_url(proposal.reference))

    def context(language: str) -> dict:
        with translation.override(language):
            status = str(event.to_status_label)
            stage = str(proposal.get_stage_display())
        return {
            "reference": proposal.reference,
            "title": proposal.title,
            "status": status,
            "stage": stage,
            "note": event.note_for_citizen,
            "link": link,
        }

    if event.to_status == S.RETURNED:
        _notify_proposer_of_return(proposal, event, page)
    return followers.notify_followers(
        proposal,
        STAGE_TEMPLATE,
        context,
        unfollow_url=lambda token: page.absolute_url(page.subpage_path("stop", token=token)),
    )


# --- Scoring and ranking ---------------------------------------------------------------------------

SCORED_STATUS = {Level.KELURAHAN: S.VERIFIED, Level.KECAMATAN: S.AT_KECAMATAN}
SCORING_PHASE = {Level.KELURAHAN: Phase.KELURAHAN, Level.KECAMATAN: Phase.KECAMATAN}


def weighted_score(values: dict[int, int], criteria) -> Decimal:
    """Σ score × weight / Σ max score × weight × 100, to two decimals (0–100)."""
    top = sum((Decimal(c.max_score) * c.weight for c in criteria), Decimal("0"))
    if not top:
        return Decimal("0.00")
    got = sum((Decimal(values.get(c.pk, 0)) * c.weight for c in criteria), Decimal("0"))
    return (got * 100 / top).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranking_key(proposal: Proposal, level: str):
    """The deterministic order of ``TIE_BREAK_RULE`` (sort ascending)."""
    score = getattr(proposal, f"{level}_score")
    return (
        -(score if score is not None else Decimal("-1")),
        -proposal.beneficiaries,
        proposal.estimated_cost,
        proposal.created_at,
        proposal.reference,
    )


def record_scores(proposal: Proposal, level: str, values: dict[int, int], user) -> Decimal:
    """A deliberation's scores of one proposal; its weighted score; the region re-ranked."""
    if not can_act(user, proposal, level):
        raise PermissionDenied(_("You may score only proposals at your level and in your region."))
    if not proposal.cycle.is_open(SCORING_PHASE[level]):
        raise ValidationError(_("Scores are recorded only while the deliberation is open."))
    if proposal.status != SCORED_STATUS[level]:
        raise ValidationError(_("Only proposals waiting for this deliberation can be scored."))
    criteria = list(proposal.cycle.criteria.all())
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None or not 0 <= int(value) <= criterion.max_score:
            raise ValidationError(
                _("Give “%(name)s” a score from 0 to %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
    score = weighted_score({k: int(v) for k, v in values.items()}, criteria)
    with transaction.atomic():
        for criterion in criteria:
            ProposalScore.objects.update_or_create(
                proposal=proposal,
                level=level,
                criterion=criterion,
                defaults={"value": int(values[criterion.pk])},
            )
        setattr(proposal, f"{level}_score", score)
        proposal.save(update_fields=[f"{level}_score", "updated_at"])
        proposal.events.create(
            kind=ProposalEvent.Kind.SCORE,
            note=str(
                _("Weighted score at the %(level)s deliberation: %(score)s")
                % {"level": Level(level).label, "score": score}
            ),
            is_public=True,
            actor=user,
        )
        rank_region(
            proposal.cycle,
            level,
            proposal.kelurahan_id if level == Level.KELURAHAN else proposal.kecamatan_id,
        )
    return score


def region_proposals(cycle: PlanningCycle, level: str, region_id: int):
    """The proposals a deliberation ranks: those it scored (or must score) in its region."""
    if level == Level.KELURAHAN:
        return Proposal.objects.filter(cycle=cycle, kelurahan_id=region_id).filter(
            Q(status=S.VERIFIED) | Q(kelurahan_score__isnull=False)
        )
    return Proposal.objects.filter(cycle=cycle, kecamatan_id=region_id).filter(
        Q(status=S.AT_KECAMATAN) | Q(kecamatan_score__isnull=False)
    )


def ranked(cycle: PlanningCycle, level: str, region_id: int) -> list[Proposal]:
    proposals = list(region_proposals(cycle, level, region_id).select_related("item", "sector", "kelurahan"))
    return sorted(proposals, key=lambda p: ranking_key(p, level))


def rank_region(cycle: PlanningCycle, level: str, region_id: int) -> list[Proposal]:
    """Store each proposal's rank in its region at ``level`` (1 = first)."""
    order = ranked(cycle, level, region_id)
    field = f"{level}_rank"
    for position, proposal in enumerate(order, start=1):
        if getattr(proposal, field) != position:
            setattr(proposal, field, position)
            Proposal.objects.filter(pk=proposal.pk).update(**{field: position})
    return order


def close_deliberation(cycle: PlanningCycle, level: str, region_id: int, user, note: str = "") -> dict:
    """Forward the best-ranked proposals within the quota and hold the rest, each with history."""
    forward_action, hold_action = (
        ("forward_kecamatan", "hold_kelurahan")
        if level == Level.KELURAHAN
        else ("forward_city", "hold_kecamatan")
    )
    waiting_status = SCORED_STATUS[level]
    result = {"forwarded": [], "held": []}
    for proposal in rank_region(cycle, level, region_id):
        if proposal.status != waiting_status:
            continue
        try:
            act(proposal, forward_action, user, note=note)
            result["forwarded"].append(proposal)
        except QuotaUsedUp:
            act(proposal, hold_action, user, note=str(_("Below the quota at the deliberation.")))
            result["held"].append(proposal)
    return result
