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
