"""Who may see and handle cases: supervisors see every case, agency staff see their agency's.

* A *case supervisor* is a superuser or a member of the "Case supervisors" group (e.g. the
  city's complaint desk at Diskominfo): verifies, assigns, reassigns and rejects.
* *Agency staff* are users linked to an agency through an active ``StaffMember`` row: they
  work on the cases assigned to their agency.

A case model may narrow this (e.g. PPID information requests, whose ID card copies and contacts
are for the owning agency's information officers only): ``SEEN_BY_SUPERVISORS = False`` leaves
the complaint desk out (superusers still see everything), and ``STAFF_PERMISSION`` (a
``"app_label.codename"``) is required of agency staff on top of working for the agency.
"""

from django.contrib.auth.models import AnonymousUser

SUPERVISORS_GROUP = "Case supervisors"


def is_case_supervisor(user) -> bool:
    # Not only users reach here: the workflow's CITIZEN actor (the token holder) has no account.
    if user is None or isinstance(user, AnonymousUser) or not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_case_supervisor", None)
    if cached is None:
        cached = user.groups.filter(name=SUPERVISORS_GROUP).exists()
        user._is_case_supervisor = cached
    return cached


def agency_ids_for(user) -> frozenset[int]:
    """The agencies a user works for (memoised on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_agency_ids", None)
    if cached is None:
        from .models import StaffMember

        cached = frozenset(
            StaffMember.objects.filter(user=user, is_active=True, agency__is_active=True).values_list(
                "agency_id", flat=True
            )
        )
        user._agency_ids = cached
    return cached


def works_for(user, agency_id: int | None) -> bool:
    return agency_id is not None and agency_id in agency_ids_for(user)


def _sees_all_of(user, model) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return getattr(model, "SEEN_BY_SUPERVISORS", True) and is_case_supervisor(user)


def _holds_staff_permission(user, model) -> bool:
    permission = getattr(model, "STAFF_PERMISSION", "")
    return not permission or user.has_perm(permission)


def can_see_case(user, case) -> bool:
    """Supervisors see every case; agency staff see the cases of their agency."""
    if _sees_all_of(user, type(case)):
        return True
    return works_for(user, case.agency_id) and _holds_staff_permission(user, type(case))


def visible_cases(user, queryset):
    """Filter a case queryset down to what ``user`` may see in the admin."""
    if _sees_all_of(user, queryset.model):
        return queryset
    if not _holds_staff_permission(user, queryset.model):
        return queryset.none()
    return queryset.filter(agency_id__in=agency_ids_for(user))


def acting_agency_id_for(user, case) -> int | None:
    """The agency ``user`` acts for on ``case``: the handling agency if they work for it.

    None means the complaint desk (a case supervisor) or the citizen; the case's history shows
    the citizen who acted in those terms, never an agency that did not act.
    """
    return case.agency_id if works_for(user, case.agency_id) else None


def case_supervisor_emails() -> list[str]:
    """Addresses of the complaint desk: active members of the "Case supervisors" group."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__name=SUPERVISORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def agency_staff_emails(agency_id: int | None) -> list[str]:
    """Addresses of an agency's active staff with an active account."""
    if agency_id is None:
        return []
    from .models import StaffMember

    return list(
        StaffMember.objects.filter(
            agency_id=agency_id, is_active=True, user__isnull=False, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
