"""factory_boy factories for e-masyarakat complaints (shared: append, don't rewrite)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from smartcity.complaints.models import Complaint, ComplaintCategory, ComplaintEvent, ComplaintPage
from smartcity.core.models import Kelurahan, StaffMember
from smartcity.core.tokens import digest

# The access token every ComplaintFactory case accepts unless ``token=`` is given.
TEST_TOKEN = "token-uji-rahasia-0123456789"


class ComplaintCategoryFactory(factory.django.DjangoModelFactory):
    """A new category; most tests can use the 12 loaded by migration instead."""

    class Meta:
        model = ComplaintCategory

    name = factory.Sequence(lambda n: f"Kategori uji {n}")
    slug = factory.Sequence(lambda n: f"kategori-uji-{n}")
    service_code = factory.Sequence(lambda n: f"uji-{n}")
    default_agency = factory.SubFactory("tests.factories.AgencyFactory")
    resolution_days = 7


def _migrated_category():
    return ComplaintCategory.objects.order_by("pk").first()


def _migrated_kelurahan():
    return Kelurahan.objects.order_by("pk").first()


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A stored complaint in status "received" (pass ``status=``), handled by its category's
    default agency; past "received" it counts as checked by the desk (``verified_at``).

    Pass ``token=`` to choose the access token (the digest is stored); the default is
    ``TEST_TOKEN``. Deadlines are set plainly (not from the working-day calendar).
    """

    class Meta:
        model = Complaint

    class Params:
        token = TEST_TOKEN

    reference = factory.Sequence(lambda n: f"TST-2000-{n:06d}")
    access_token_hash = factory.LazyAttribute(lambda o: digest(o.token))
    title = factory.Sequence(lambda n: f"Lampu jalan mati nomor {n}")
    description = "Lampu jalan di depan rumah mati sejak seminggu."
    category = factory.LazyFunction(_migrated_category)
    kelurahan = factory.LazyFunction(_migrated_kelurahan)
    agency = factory.LazyAttribute(lambda o: o.category.default_agency)
    reporter_name = "Budi Santoso"
    reporter_email = factory.Sequence(lambda n: f"warga{n}@example.com")
    reporter_phone = "+6281234567890"
    consent_at = factory.LazyFunction(timezone.now)
    status = Complaint.Status.RECEIVED
    # Past "received" the desk has checked the complaint (which makes it public unless private).
    verified_at = factory.LazyAttribute(
        lambda o: None if o.status == Complaint.Status.RECEIVED else timezone.now()
    )
    first_response_due = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    resolution_due = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class PublicComplaintFactory(ComplaintFactory):
    """A complaint the desk has checked, so public unless private or spam (public-side tests)."""

    verified_at = factory.LazyFunction(timezone.now)


class ComplaintEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintEvent

    case = factory.SubFactory(ComplaintFactory)
    kind = ComplaintEvent.Kind.NOTE
    note = "Catatan internal."


class StaffMemberFactory(factory.django.DjangoModelFactory):
    """Links a user to an agency (an "Agency officer")."""

    class Meta:
        model = StaffMember

    agency = factory.SubFactory("tests.factories.AgencyFactory")
    user = factory.SubFactory("tests.factories.UserFactory", groups=["Agency officers"])
    name = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.user.username if o.user else "Staf")
    role = StaffMember.Role.OFFICER


# --- The public complaint page (public-side tests) -----------------------------------------------


class ComplaintPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ComplaintPage

    title = "Pengaduan Masyarakat"
    slug = "pengaduan"
    intro = "Sampaikan pengaduan dan aspirasi Anda kepada Pemerintah Kota Binjai."


def make_complaint_page(home_page) -> ComplaintPage:
    """/layanan/pengaduan/: a ServiceIndexPage under the home page with the complaint page below it."""
    from tests.factories import ServiceIndexPageFactory

    services_index = ServiceIndexPageFactory(parent=home_page)
    return ComplaintPageFactory(parent=services_index)


def complaint_form_data(**overrides) -> dict:
    """A valid POST for the public complaint form (the fill-time stamp is 10 seconds old)."""
    import time

    from smartcity.core.antispam import issue_stamp

    data = {
        "kind": Complaint.Kind.COMPLAINT,
        "category": str(_migrated_category().pk),
        "title": "Jalan berlubang di Jalan Sudirman",
        "description": "Lubang besar di tengah jalan,\nberbahaya bagi pengendara motor.",
        "kelurahan": str(_migrated_kelurahan().pk),
        "address": "Jl. Sudirman No. 12",
        "latitude": "",
        "longitude": "",
        "reporter_name": "Siti Aminah",
        "reporter_email": "siti@example.com",
        "reporter_phone": "0812 3456 7890",
        "reporter_nik": "",
        "consent": "on",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data


def png_upload(name: str = "foto.png", size: tuple[int, int] = (8, 6)):
    """A real (tiny) PNG photo as an uploaded file."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- Open311 API (tests/complaints/test_open311.py) ---------------------------------------------

# The API key every Open311ClientFactory client accepts unless ``key=`` is given.
TEST_API_KEY = "kunci-api-uji-0123456789abcdef"


class Open311ClientFactory(factory.django.DjangoModelFactory):
    """An active Open311 API client; only the digest of ``key`` is stored, like create_client()."""

    class Meta:
        model = "complaints.Open311Client"

    class Params:
        key = TEST_API_KEY

    name = factory.Sequence(lambda n: f"Aplikasi warga {n}")
    key_hash = factory.LazyAttribute(lambda o: digest(o.key))
    key_hint = factory.LazyAttribute(lambda o: o.key[:6])


# --- Reference data after a transactional flush (browser tests) --------------------------------


class _RegistryWithoutPermissionSync:
    """The app registry as the data migrations' loaders see it, minus the permission sync.

    complaints 0002 first creates the permissions of every app (on a fresh database they do not
    exist yet during migrate); after a flush Django has recreated them already, and that step
    would change the live registry's app configs, so it is skipped here.
    """

    @staticmethod
    def get_model(app_label, model_name=None):
        from django.apps import apps

        return apps.get_model(app_label, model_name)

    @staticmethod
    def get_app_configs():
        return []


def load_reference_data() -> None:
    """Recreate the migration-loaded rows that a transactional test's flush removes.

    Runs the data migrations' own loader functions (idempotent): kecamatan, kelurahan and
    agencies (core 0002), kelurahan centres (core 0005), complaint categories and the
    "Case supervisors" / "Agency officers" groups with their permissions (complaints 0002).
    """
    import importlib

    registry = _RegistryWithoutPermissionSync()
    for module in (
        "smartcity.core.migrations.0002_load_reference_data",
        "smartcity.core.migrations.0005_kelurahan_approximate_centres",
        "smartcity.complaints.migrations.0002_categories_and_roles",
    ):
        importlib.import_module(module).load(registry, None)
