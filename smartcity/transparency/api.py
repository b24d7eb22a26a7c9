"""The public JSON API of the PPID (Django REST Framework, described with drf-spectacular).

``GET /api/v1/ppid/report/{year}/``: the yearly report, the same figures as the report page.
Nothing personal: counts, times and agencies only.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .report import yearly_report

_AgencyRow = inline_serializer(
    "PPIDAgencyRow",
    {
        "agency": serializers.CharField(),
        "received": serializers.IntegerField(),
        "answered": serializers.IntegerField(),
        "average_answer_working_days": serializers.FloatField(allow_null=True),
        "share_within_deadline": serializers.FloatField(
            allow_null=True, help_text="Percent of answered requests."
        ),
    },
    many=True,
)

ReportSerializer = inline_serializer(
    "PPIDYearlyReport",
    {
        "year": serializers.IntegerField(),
        "received": serializers.IntegerField(),
        "granted": serializers.IntegerField(),
        "partly_granted": serializers.IntegerField(),
        "refused": serializers.IntegerField(),
        "not_held": serializers.IntegerField(),
        "forwarded": serializers.IntegerField(),
        "answered": serializers.IntegerField(),
        "answered_within_deadline": serializers.IntegerField(),
        "share_within_deadline": serializers.FloatField(allow_null=True),
        "open": serializers.IntegerField(),
        "average_answer_working_days": serializers.FloatField(allow_null=True),
        "median_answer_working_days": serializers.FloatField(allow_null=True),
        "refused_by_ground": inline_serializer(
            "PPIDRefusalGround",
            {
                "ground": serializers.CharField(),
                "label": serializers.CharField(),
                "count": serializers.IntegerField(),
            },
            many=True,
        ),
        "objections": inline_serializer(
            "PPIDObjections",
            {
                "filed": serializers.IntegerField(),
                "upheld": serializers.IntegerField(),
                "rejected": serializers.IntegerField(),
                "pending": serializers.IntegerField(),
                "disputed": serializers.IntegerField(),
            },
        ),
        "agencies": _AgencyRow,
    },
)


class YearlyReportView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=ReportSerializer,
        summary="Yearly report of the public information service (PPID)",
        description=(
            "Requests received in the year (Asia/Jakarta) and their outcome: granted, partly granted, "
            "refused by exemption ground (UU 14/2008 art. 17), not held, forwarded; average and median "
            "answer time in working days; objections and their outcome; agencies by answer time."
        ),
    )
    def get(self, request, year: int):
        if not 2000 <= year <= 2100:
            return Response({"detail": "Year out of range."}, status=404)
        return Response(yearly_report(year))
