"""The public JSON API of e-budgeting (Django REST Framework, described with drf-spectacular).

=============================================  =================================================
``GET /api/v1/budget/years/``                   the published fiscal years and their versions
``GET /api/v1/budget/{year}/summary/``          revenue, expenditure, financing, surplus/deficit
``GET /api/v1/budget/{year}/lines/``            the lines, filtered (agency, program, kecamatan,
                                                type) and paginated
=============================================  =================================================

Amounts are whole rupiah as strings (exact decimals); totals are aggregated by the database.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import disclosure
from .models import Account, BudgetLine, BudgetVersion, FiscalYear

MONEY = {"max_digits": 18, "decimal_places": 0}


class PublicMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    version = serializers.CharField()
    kind = serializers.ChoiceField(choices=BudgetVersion.Kind.choices)
    legal_basis = serializers.CharField()
    explanation = serializers.CharField()


class PhasesSerializer(serializers.Serializer):
    proposed = serializers.DecimalField(**MONEY)
    approved = serializers.DecimalField(**MONEY)
    adjusted = serializers.DecimalField(
        **MONEY, help_text="In force: the APBD-P's where revised, else the APBD's."
    )
    executed = serializers.DecimalField(**MONEY)


class SummaryRowSerializer(PhasesSerializer):
    key = serializers.CharField()
    name = serializers.CharField()
    percent_executed = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class SummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    version = serializers.CharField()
    categories = SummaryRowSerializer(many=True)
    expenditure_types = SummaryRowSerializer(many=True)
    surplus = PhasesSerializer(help_text="Revenue minus expenditure (negative: deficit).")
    net_financing = PhasesSerializer()


class LineSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.short_name")
    agency_name = serializers.CharField(source="agency.name")
    program = serializers.CharField(source="sub_activity.activity.program.code", default=None)
    activity = serializers.CharField(source="sub_activity.activity.code", default=None)
    sub_activity = serializers.CharField(source="sub_activity.code", default=None)
    sub_activity_name = serializers.CharField(source="sub_activity.name", default=None)
    account = serializers.CharField(source="account.code")
    account_name = serializers.CharField(source="account.name")
    kecamatan = serializers.CharField(source="kecamatan.code", default=None)
    kelurahan = serializers.CharField(source="kelurahan.code", default=None)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "agency",
            "agency_name",
            "program",
            "activity",
            "sub_activity",
            "sub_activity_name",
            "account",
            "account_name",
            "category",
            "expenditure_type",
            "kecamatan",
            "kelurahan",
            "description",
            "proposed",
            "approved",
            "adjusted",
            "executed",
        ]


class LinePagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class YearListView(PublicMixin, APIView):
    @extend_schema(
        summary="Published fiscal years of the city budget (APBD)", responses=YearSerializer(many=True)
    )
    def get(self, request):
        rows = []
        for year in FiscalYear.objects.published().order_by("-year"):
            version = year.published_version()
            rows.append(
                {
                    "year": year.year,
                    "version": version.name,
                    "kind": version.kind,
                    "legal_basis": version.legal_basis,
                    "explanation": year.explanation,
                }
            )
        return Response(YearSerializer(rows, many=True).data)


class SummaryView(PublicMixin, APIView):
    @extend_schema(summary="A year's budget at a glance", responses=SummarySerializer)
    def get(self, request, year: int):
        version = disclosure.published_version(year)
        summary = disclosure.summary(version)
        data = {
            "year": year,
            "version": version.name,
            "categories": summary["rows"],
            "expenditure_types": summary["types"].rows,
            "surplus": summary["surplus"],
            "net_financing": summary["financing"],
        }
        return Response(SummarySerializer(data).data)


class LineListView(PublicMixin, generics.ListAPIView):
    serializer_class = LineSerializer
    pagination_class = LinePagination

    def get_queryset(self):
        version = disclosure.published_version(self.kwargs["year"])
        lines = BudgetLine.objects.filter(version=version).select_related(
            "agency", "sub_activity__activity__program", "account", "kecamatan", "kelurahan"
        )
        params = self.request.query_params
        if params.get("agency"):
            lines = lines.filter(agency__short_name__iexact=params["agency"]) | lines.filter(
                agency__slug=params["agency"]
            )
        if params.get("program"):
            lines = lines.filter(sub_activity__activity__program__code=params["program"])
        if params.get("kecamatan"):
            lines = lines.filter(kecamatan__code=params["kecamatan"])
        if params.get("type"):
            lines = lines.filter(expenditure_type=params["type"])
        if params.get("category"):
            lines = lines.filter(category=params["category"])
        return lines.order_by("pk")

    @extend_schema(
        summary="Budget lines of a year, filtered and paginated",
        parameters=[
            OpenApiParameter("agency", OpenApiTypes.STR, description="Agency short name or slug"),
            OpenApiParameter("program", OpenApiTypes.STR, description="Programme code, e.g. 1.01.01"),
            OpenApiParameter(
                "kecamatan", OpenApiTypes.STR, description="Kecamatan region code, e.g. 12.75.01"
            ),
            OpenApiParameter("type", OpenApiTypes.STR, enum=Account.ExpenditureType.values),
            OpenApiParameter("category", OpenApiTypes.STR, enum=Account.Category.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
