"""The public JSON API of e-appointment (Django REST Framework, described with drf-spectacular).

==========================================================  ====================================
``GET  /api/v1/appointments/services/``                     the bookable services
``GET  /api/v1/appointments/services/{slug}/slots/``        slots with free places (≤ 62 days)
``POST /api/v1/appointments/bookings/``                     book: 201, 409 with alternatives, 400
``POST /api/v1/appointments/bookings/{code}/cancel/``       cancel with ``Authorization: Token``
==========================================================  ====================================

The same service functions as the web form decide everything; this module only translates
JSON to their arguments and their answers to HTTP.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from smartcity.core.antispam import submission_limited
from smartcity.core.case_access import find_case
from smartcity.core.lookup_limits import count_lookup_failure, lookup_blocked
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.workflow import CITIZEN

from . import services
from .forms import parse_slot_start
from .models import AppointmentPage, BookableService, Booking

MAX_DAYS_PER_CALL = 62


class ServiceSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")

    class Meta:
        model = BookableService
        fields = ["slug", "name", "agency", "location", "slot_minutes", "requires_approval"]


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    available = serializers.IntegerField()


class SlotQuerySerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "end must not be before start."})
        if (attrs["end"] - attrs["start"]).days + 1 > MAX_DAYS_PER_CALL:
            raise serializers.ValidationError({"end": f"At most {MAX_DAYS_PER_CALL} days per call."})
        return attrs


@extend_schema_field(OpenApiTypes.DATETIME)
class SlotStartField(serializers.CharField):
    """A slot's start as ISO 8601 text (naive means WIB); parsed by the same rule as the web form."""


@extend_schema_field({"type": "boolean", "enum": [True], "description": "Must be true to book."})
class ConsentField(serializers.BooleanField):
    pass


class BookingRequestSerializer(serializers.Serializer):
    service = serializers.SlugField(max_length=80)
    start = SlotStartField(max_length=40, help_text="ISO 8601, e.g. 2026-12-03T09:00:00+07:00")
    name = serializers.CharField(max_length=120)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    nik = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=1000)
    consent = ConsentField()

    def validate_start(self, value):
        moment = parse_slot_start(value)
        if moment is None:
            raise serializers.ValidationError("Give the slot's start as an ISO 8601 date and time.")
        return moment

    def validate_phone(self, value):
        return _django_to_drf(clean_phone, value.strip())

    def validate_nik(self, value):
        return _django_to_drf(clean_nik, value.replace(" ", "").strip())

    def validate_consent(self, value):
        if not value:
            raise serializers.ValidationError("Consent is required to book.")
        return value

    def validate(self, attrs):
        if not attrs.get("email") and not attrs.get("phone"):
            raise serializers.ValidationError({"email": "Give an e-mail address or a phone number."})
        return attrs


def _django_to_drf(clean, value):
    try:
        return clean(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from None


class BookingSerializer(serializers.Serializer):
    code = serializers.CharField(source="reference")
    status = serializers.CharField()
    start = serializers.DateTimeField(source="starts_at")
    end = serializers.DateTimeField(source="ends_at")


DETAIL_RESPONSE = inline_serializer("Detail", {"detail": serializers.CharField()})
FIELD_ERRORS = OpenApiResponse(
    {
        "type": "object",
        "additionalProperties": {
            "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
        },
    },
    description="A list of messages per field (`non_field_errors` for the request as a whole), "
    "or `detail` when the body is not JSON",
)


class BookingCreatedSerializer(BookingSerializer):
    access_token = serializers.CharField(help_text="The access code: keep it to cancel the booking")


class PublicAPIView(APIView):
    """No sessions, no CSRF: the API is for anonymous clients and proves access by token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


class ServiceListView(PublicAPIView):
    @extend_schema(responses=ServiceSerializer(many=True), summary="Bookable services")
    def get(self, request):
        queryset = BookableService.objects.bookable().select_related("agency")
        return Response(ServiceSerializer(queryset, many=True).data)


class SlotListView(PublicAPIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True),
        ],
        responses={
            200: SlotSerializer(many=True),
            400: FIELD_ERRORS,
            404: OpenApiResponse(DETAIL_RESPONSE, description="No bookable service with this slug"),
        },
        summary="Slots of a service with their free places",
    )
    def get(self, request, slug):
        service = get_object_or_404(BookableService.objects.bookable(), slug=slug)
        query = SlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        slots = services.availability(service, query.validated_data["start"], query.validated_data["end"])
        return Response(SlotSerializer(slots, many=True).data)


ALTERNATIVES_RESPONSE = inline_serializer(
    "SlotTaken",
    {"detail": serializers.CharField(), "alternatives": SlotSerializer(many=True)},
)


class BookingCreateView(PublicAPIView):
    @extend_schema(
        request=BookingRequestSerializer,
        responses={
            201: BookingCreatedSerializer,
            400: FIELD_ERRORS,
            409: OpenApiResponse(
                ALTERNATIVES_RESPONSE, description="The slot (or its day) is full: the nearest free slots"
            ),
            429: OpenApiResponse(DETAIL_RESPONSE, description="Too many bookings"),
        },
        summary="Book a slot",
    )
    def post(self, request):
        incoming = BookingRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        contacts = [data.get("email", ""), data.get("phone", "")]
        if submission_limited(request, "appointments-api", contacts, per_ip="60/h", per_contact="5/h"):
            return Response({"detail": "Too many bookings; try again later."}, status=429)
        service = BookableService.objects.filter(slug=data["service"]).select_related("agency").first()
        if service is None:
            return Response({"service": ["No such service."]}, status=status.HTTP_400_BAD_REQUEST)
        page = AppointmentPage.current()
        try:
            result = services.book(
                service=service,
                start=data["start"],
                data={k: data.get(k, "") for k in ("name", "email", "phone", "nik", "purpose")},
                language=request.LANGUAGE_CODE,
                source=Booking.Source.API,
                manage_link=request.build_absolute_uri(page.subpage_path("manage")) + "#" if page else "",
            )
        except services.SlotTaken as taken:
            return Response(
                {"detail": taken.message, "alternatives": SlotSerializer(taken.alternatives, many=True).data},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            body = (
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            )
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        result.booking.access_token = result.token
        return Response(BookingCreatedSerializer(result.booking).data, status=status.HTTP_201_CREATED)


class BookingCancelView(PublicAPIView):
    @extend_schema(
        request=None,
        parameters=[
            OpenApiParameter(
                "Authorization",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="Token <access code>",
            )
        ],
        responses={
            200: BookingSerializer,
            400: OpenApiResponse(DETAIL_RESPONSE, description="Too late to cancel, or already cancelled"),
            401: OpenApiResponse(DETAIL_RESPONSE, description="No `Authorization: Token …` header"),
            404: OpenApiResponse(DETAIL_RESPONSE, description="No booking with this code and token"),
            429: OpenApiResponse(DETAIL_RESPONSE, description="Too many wrong tokens; try again later"),
        },
        summary="Cancel a booking (its place is free at once)",
    )
    def post(self, request, code):
        code = code.upper()
        if lookup_blocked(request, "appointments", code):
            return Response({"detail": "Too many attempts; try again later."}, status=429)
        header = request.headers.get("Authorization", "")
        token = header[6:].strip() if header.startswith("Token ") else ""
        if not token:
            return Response(
                {"detail": "Give the access code in an `Authorization: Token <access code>` header."},
                status=status.HTTP_401_UNAUTHORIZED,
                headers={"WWW-Authenticate": "Token"},
            )
        # find_case compares a digest even for an unknown booking code, so timing tells nothing.
        booking = find_case(Booking.objects.select_related("service"), code, token)
        if booking is None:
            count_lookup_failure(request, "appointments", code)
            return Response({"detail": "No booking with this code and token."}, status=404)
        try:
            services.cancel(booking, CITIZEN)
        except DjangoValidationError as error:
            return Response({"detail": " ".join(error.messages)}, status=status.HTTP_400_BAD_REQUEST)
        booking.refresh_from_db()
        return Response(BookingSerializer(booking).data)
