"""Who may see cases: supervisors everything, agency staff their agency's cases, others nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from smartcity.complaints.models import Complaint
from smartcity.core.access import (
    SUPERVISORS_GROUP,
    agency_ids_for,
    can_see_case,
    is_case_supervisor,
    visible_cases,
    works_for,
)
from smartcity.core.models import Agency
from tests.complaints.factories import ComplaintFactory, StaffMemberFactory
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request would load it (access answers are memoised per user object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def agencies():
    return AgencyFactory(), AgencyFactory()


@pytest.fixture
def cases(agencies):
    first, second = agencies
    return {
        "first": ComplaintFactory(agency=first),
        "second": ComplaintFactory(agency=second),
        "unassigned": ComplaintFactory(agency=None),
    }


def visible(user) -> set[int]:
    return set(visible_cases(user, Complaint.objects.all()).values_list("pk", flat=True))


def test_the_supervisors_group_exists_and_its_members_see_every_case(cases):
    assert Group.objects.filter(name=SUPERVISORS_GROUP).exists()
    supervisor = UserFactory(groups=[SUPERVISORS_GROUP])
    assert is_case_supervisor(supervisor)
    assert all(can_see_case(supervisor, case) for case in cases.values())
    assert visible(supervisor) == {case.pk for case in cases.values()}


def test_superusers_are_supervisors(superuser, cases):
    assert is_case_supervisor(superuser)
    assert visible(superuser) == set(Complaint.objects.values_list("pk", flat=True))


def test_inactive_and_anonymous_users_are_not_supervisors(superuser):
    supervisor = UserFactory(groups=[SUPERVISORS_GROUP])
    supervisor.is_active = False
    superuser.is_active = False
    assert not is_case_supervisor(supervisor)
    assert not is_case_supervisor(superuser)
    assert not is_case_supervisor(AnonymousUser())
    assert not is_case_supervisor(None)


def test_other_staff_groups_are_not_supervisors(editor, administrator, cases):
    for user in (editor, administrator, UserFactory(groups=["Agency officers"])):
        assert not is_case_supervisor(user)
        assert visible(user) == set()
        assert not any(can_see_case(user, case) for case in cases.values())


def test_agency_staff_see_only_their_agencys_cases(agencies, cases):
    first, second = agencies
    member = StaffMemberFactory(agency=first)
    user = member.user
    assert agency_ids_for(user) == {first.pk}
    assert works_for(user, first.pk) and not works_for(user, second.pk) and not works_for(user, None)
    assert can_see_case(user, cases["first"])
    assert not can_see_case(user, cases["second"])
    assert not can_see_case(user, cases["unassigned"])
    assert visible(user) == {cases["first"].pk}


def test_staff_of_several_agencies_see_all_of_theirs(agencies, cases):
    first, second = agencies
    member = StaffMemberFactory(agency=first)
    StaffMemberFactory(agency=second, user=member.user)
    assert visible(fresh(member.user)) == {cases["first"].pk, cases["second"].pk}


def test_an_inactive_membership_gives_no_access(agencies, cases):
    member = StaffMemberFactory(agency=agencies[0], is_active=False)
    assert agency_ids_for(member.user) == frozenset()
    assert not can_see_case(member.user, cases["first"])
    assert visible(member.user) == set()


def test_an_inactive_agency_gives_no_access(agencies, cases):
    member = StaffMemberFactory(agency=agencies[0])
    assert visible(fresh(member.user)) == {cases["first"].pk}
    Agency.objects.filter(pk=agencies[0].pk).update(is_active=False)
    user = fresh(member.user)
    assert agency_ids_for(user) == frozenset()
    assert not can_see_case(user, cases["first"])
    assert visible(user) == set()


def test_a_membership_ends_with_the_next_request(agencies, cases):
    member = StaffMemberFactory(agency=agencies[0])
    assert can_see_case(fresh(member.user), cases["first"])
    member.is_active = False
    member.save()
    assert not can_see_case(fresh(member.user), cases["first"])


def test_anonymous_visitors_see_nothing(cases):
    anonymous = AnonymousUser()
    assert agency_ids_for(anonymous) == frozenset()
    assert visible(anonymous) == set()
    assert not any(can_see_case(anonymous, case) for case in cases.values())


def test_visible_cases_keeps_the_callers_filters(agencies, cases):
    member = StaffMemberFactory(agency=agencies[0])
    extra = ComplaintFactory(agency=agencies[0], status=Complaint.Status.RESOLVED)
    queryset = Complaint.objects.filter(status=Complaint.Status.RECEIVED)
    assert set(visible_cases(member.user, queryset).values_list("pk", flat=True)) == {cases["first"].pk}
    assert extra.pk in visible(fresh(member.user))


def test_access_answers_are_memoised_per_user_object(agencies, django_assert_num_queries):
    member = StaffMemberFactory(agency=agencies[0])
    supervisor = UserFactory(groups=[SUPERVISORS_GROUP])
    user = fresh(member.user)
    with django_assert_num_queries(2):
        for _ in range(3):
            agency_ids_for(user)
            is_case_supervisor(supervisor)
