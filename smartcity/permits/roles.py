"""The licensing roles (groups created by migration 0002) and who may act on an application.

* Front office (*loket*): checks completeness, returns an application with what is missing,
  passes complete ones to technical review, files applications for walk-in applicants.
* Technical reviewer: reviews, schedules a site survey and attaches its report, recommends.
* Head of agency (decision): approves (the permit is issued) or rejects with a reason.
* Inspectorate: sees every application and the overdue alerts; changes nothing.

Staff act only on their agency's applications (``smartcity.core.access``); a superuser holds
every role, but even then the separation of duties applies (see ``workflow``).
"""

from __future__ import annotations

FRONT_OFFICE = "Permit front office"
TECHNICAL_REVIEWERS = "Permit technical reviewers"
DECISION_MAKERS = "Permit decision makers"
INSPECTORATE = "Inspectorate"
ROLES = (FRONT_OFFICE, TECHNICAL_REVIEWERS, DECISION_MAKERS, INSPECTORATE)


def has_role(user, group: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_permit_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._permit_roles = cached
    return group in cached


def is_permit_staff(user) -> bool:
    return any(has_role(user, role) for role in ROLES)


def inspectorate_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__name=INSPECTORATE, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def sees_every_agency(user) -> bool:
    """The Inspectorate and the case supervisors see every agency's applications (read-only for
    the Inspectorate: it holds no processing role, so the workflow lets it do nothing)."""
    from smartcity.core.access import is_case_supervisor

    return is_case_supervisor(user) or has_role(user, INSPECTORATE)


def visible_applications(user, queryset, *, through: str = ""):
    """``queryset`` narrowed to the applications ``user`` may see: their agencies' ones
    (``smartcity.core.access``), or all for the Inspectorate. ``through`` is the path to the
    application from the queryset's model (``"application__"`` for permits)."""
    from smartcity.core.access import agency_ids_for

    if sees_every_agency(user):
        return queryset
    return queryset.filter(**{f"{through}agency_id__in": agency_ids_for(user)})


def can_see_application(user, application) -> bool:
    from smartcity.core.access import can_see_case

    return sees_every_agency(user) or can_see_case(user, application)


PROCESSING_ROLES = (FRONT_OFFICE, TECHNICAL_REVIEWERS, DECISION_MAKERS)


def can_see_applicant(user, application) -> bool:
    """Personal data (NIK, contacts, address, the documents) is for the staff who process the
    application: a processing role in the handling agency (or a case supervisor). The
    Inspectorate audits the handling, not the applicant: it sees the holder's name only."""
    from smartcity.core.access import can_see_case

    return any(has_role(user, role) for role in PROCESSING_ROLES) and can_see_case(user, application)
