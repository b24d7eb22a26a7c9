"""The public JSON API of e-musrenbang (Django REST Framework, described with drf-spectacular).

==============================================  ===============================================
``GET /api/v1/musrenbang/cycles/``               the published planning cycles and their phases
``GET /api/v1/musrenbang/proposals/``            public proposals, filtered and paginated
``GET /api/v1/musrenbang/proposals/{reference}/``  one proposal with its journey and history
==============================================  ===============================================

No personal data: the proposer appears as on the public pages (their kind only when unnamed).
"""

from __future__ import annotations

from django.http import Http404, QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from .forms import ListFilterForm
from .models import PlanningCycle, Proposal
from .views import _public_proposals, public_timeline


class PhaseSerializer(serializers.Serializer):
    phase = serializers.CharField()
    label = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    state = serializers.ChoiceField(choices=["past", "open", "future"])


class CycleSerializer(serializers.ModelSerializer):
    phases = serializers.SerializerMethodField()
    open_phase = serializers.SerializerMethodField()

    class Meta:
        model = PlanningCycle
        fields = ["year", "name", "plan_year", "kelurahan_quota", "kecamatan_quota", "open_phase", "phases"]

    def get_phases(self, cycle) -> list[dict]:
        return PhaseSerializer(cycle.phases(), many=True).data

    def get_open_phase(self, cycle) -> str | None:
        return cycle.open_phase()


class ProposalSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.year")
    kelurahan = serializers.CharField(source="kelurahan.name")
    kecamatan = serializers.CharField(source="kecamatan.name")
    sector = serializers.CharField(source="sector.name")
    activity = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    proposer = serializers.CharField(source="public_proposer")
    pokir = serializers.BooleanField(source="is_pokir")
    stage = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    supporters = serializers.IntegerField()
    agency = serializers.SerializerMethodField()
    agreed_cost = serializers.SerializerMethodField()
    repeats = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "reference",
            "cycle",
            "title",
            "kecamatan",
            "kelurahan",
            "sector",
            "activity",
            "volume",
            "unit",
            "estimated_cost",
            "beneficiaries",
            "proposer",
            "pokir",
            "stage",
            "status",
            "status_label",
            "kelurahan_score",
            "kelurahan_rank",
            "kecamatan_score",
            "kecamatan_rank",
            "agency",
            "agreed_cost",
            "supporters",
            "repeats",
            "latitude",
            "longitude",
        ]

    def get_activity(self, proposal) -> str:
        return proposal.item.name if proposal.item_id else ""

    def get_unit(self, proposal) -> str:
        return proposal.item.unit if proposal.item_id else ""

    def get_agency(self, proposal) -> str:
        return (
            proposal.agency.name if proposal.status == Proposal.Status.ACCEPTED and proposal.agency_id else ""
        )

    def get_agreed_cost(self, proposal) -> str | None:
        return str(proposal.agreed_cost) if proposal.status == Proposal.Status.ACCEPTED else None

    def get_repeats(self, proposal) -> str:
        return proposal.repeats.reference if proposal.repeats_id else ""

    def get_latitude(self, proposal) -> float | None:
        return proposal.public_point[0] if proposal.has_point else None

    def get_longitude(self, proposal) -> float | None:
        return proposal.public_point[1] if proposal.has_point else None


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField(source="note_for_citizen")


class JourneyStepSerializer(serializers.Serializer):
    level = serializers.CharField()
    label = serializers.CharField()
    state = serializers.ChoiceField(choices=["passed", "current", "stopped", "future", "skipped"])


class ProposalDetailSerializer(ProposalSerializer):
    problem = serializers.CharField()
    journey = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    earlier_and_later = serializers.SerializerMethodField()

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "problem", "journey", "history", "earlier_and_later"]

    def get_journey(self, proposal) -> list[dict]:
        return JourneyStepSerializer(proposal.journey(), many=True).data

    def get_history(self, proposal) -> list[dict]:
        return EventSerializer(public_timeline(proposal), many=True).data

    def get_earlier_and_later(self, proposal) -> list[dict]:
        return [
            {"reference": p.reference, "cycle": p.cycle.year, "status": p.status}
            for p in proposal.lineage()
            if p.pk != proposal.pk and p.status != Proposal.Status.UNCONFIRMED
        ]


class ProposalPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


FILTER_PARAMETERS = [
    OpenApiParameter("tahun", OpenApiTypes.INT, description="Cycle year"),
    OpenApiParameter("tahap", OpenApiTypes.STR, enum=Proposal.Stage.values, description="Stage"),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=[s for s in Proposal.Status.values if s != "unconfirmed"]
    ),
    OpenApiParameter("sektor", OpenApiTypes.STR, description="Sector slug"),
    OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kecamatan region code"),
    OpenApiParameter("kelurahan", OpenApiTypes.STR, description="Kelurahan region code"),
    OpenApiParameter(
        "pokir", OpenApiTypes.STR, enum=["ya", "tidak"], description="Only / without DPRD aspirations"
    ),
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the title, or a reference"),
]


class PublicMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]


class CycleListView(PublicMixin, generics.ListAPIView):
    serializer_class = CycleSerializer
    pagination_class = None
    queryset = PlanningCycle.objects.published().order_by("-year")

    @extend_schema(summary="Planning cycles (Musrenbang) and their phases")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProposalListView(PublicMixin, generics.ListAPIView):
    serializer_class = ProposalSerializer
    pagination_class = ProposalPagination

    def get_queryset(self):
        params = QueryDict(mutable=True)
        for key in ("tahun", "tahap", "status", "sektor", "kecamatan", "kelurahan", "pokir", "q"):
            if key in self.request.query_params:
                params[key] = self.request.query_params[key]
        form = ListFilterForm(params)
        return form.filter(_public_proposals().select_related("repeats"))

    @extend_schema(summary="Public proposals", parameters=FILTER_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProposalDetailView(PublicMixin, generics.RetrieveAPIView):
    serializer_class = ProposalDetailSerializer

    def get_object(self):
        proposal = (
            _public_proposals().select_related("repeats").filter(reference=self.kwargs["reference"]).first()
        )
        if proposal is None:
            raise Http404
        return proposal

    @extend_schema(summary="One proposal with its journey and history")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
