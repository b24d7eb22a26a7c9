"""The public JSON API of e-sippadu (Django REST Framework, described with drf-spectacular).

=========================================  ===================================================
``GET /api/v1/permits/types/``             the permit types open for applications
``GET /api/v1/permits/verify/{code}/``     whether a permit is genuine and valid (404 if unknown)
=========================================  ===================================================

No personal data: a permit shows only its holder's name, as printed on it.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control
from django_ratelimit.core import is_ratelimited
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Permit, PermitType
from .views import VERIFY_RATE


def _fresh(response):
    # A revocation must show at once: no shared cache may keep an earlier answer.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


class RequirementSerializer(serializers.Serializer):
    label = serializers.CharField()
    guidance = serializers.CharField()
    mandatory = serializers.BooleanField()
    file_kinds = serializers.CharField()
    reusable = serializers.BooleanField()


class PermitTypeSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    steps = serializers.ListField(source="steps_list", child=serializers.CharField())
    requirements = RequirementSerializer(many=True)

    class Meta:
        model = PermitType
        fields = [
            "slug",
            "name",
            "code",
            "agency",
            "summary",
            "applicant_kind",
            "risk_level",
            "fee_method",
            "fee_amount",
            "fee_unit",
            "service_level_days",
            "validity_months",
            "steps",
            "requirements",
        ]


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Permit.State.choices)
    number = serializers.CharField()
    type = serializers.CharField()
    holder = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class PermitTypeListView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(tags=["permits"], responses=PermitTypeSerializer(many=True), summary="Permit types")
    def get(self, request):
        types = PermitType.objects.open().select_related("agency").prefetch_related("requirements")
        return Response(PermitTypeSerializer(types, many=True).data)


class PermitVerifyView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        tags=["permits"],
        summary="Verify a permit by the code of its QR",
        responses={
            200: VerificationSerializer,
            404: OpenApiResponse(description="No permit has this code."),
            429: OpenApiResponse(description="Too many lookups from this address."),
        },
    )
    def get(self, request, code: str):
        if is_ratelimited(request, group="permits:verify", key="ip", rate=VERIFY_RATE, increment=True):
            return Response({"detail": "Too many lookups. Try again in a minute."}, status=429)
        permit = Permit.objects.select_related("permit_type").filter(verification_code=code[:64]).first()
        if permit is None:
            return _fresh(Response({"detail": "No permit has this code."}, status=404))
        state = permit.state()
        data = {
            "valid": state == Permit.State.VALID,
            "status": state,
            "number": permit.number,
            "type": permit.permit_type.name,
            "holder": permit.holder_name,
            "valid_from": permit.valid_from,
            "valid_until": permit.valid_until,
            "revoked_at": permit.revoked_at,
        }
        return _fresh(Response(VerificationSerializer(data).data))
