"""factory_boy factories for the portal's content and reference data."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection

from home.models import (
    Announcement,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ServiceIndexPage,
    StandardPage,
)
from smartcity.core.models import Agency


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # the groups hook saves through the relation itself

    username = factory.Sequence(lambda n: f"staf{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@binjaikota.go.id")
    password = factory.django.Password("kata-sandi-uji")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Pengumuman {n}")
    text = "Kantor pelayanan tutup sementara."


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Beranda"
    hero_title = "Pemerintah Kota Binjai"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Halaman {n}")
    intro = "Pengantar halaman."


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "Layanan"
    slug = "layanan"
    intro = "Layanan online Pemerintah Kota Binjai."


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Foto {n}")
    file = factory.django.ImageField(width=64, height=48, color="green")


class DocumentFactory(wagtail_factories.DocumentFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Dokumen {n}")
    file = factory.django.FileField(filename="laporan.pdf", data=b"%PDF-1.4 uji")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Berita"
    slug = "berita"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Berita nomor {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Ringkasan berita tentang kota."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Isi berita tentang pelayanan publik di Kota Binjai.</p>")]
    )
