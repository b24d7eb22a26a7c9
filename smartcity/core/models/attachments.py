"""Files citizens attach to a case, kept outside the public media folder.

Files are stored under ``PRIVATE_MEDIA_ROOT`` with server-generated names and are only served
by ``smartcity.core.views.download_attachment`` after the owning case allows it.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _


class PrivateStorage(LazyObject):
    """File storage outside MEDIA_ROOT with no public URL (read from settings when first used)."""

    def _setup(self):
        from django.conf import settings

        # Readable by the application's user only: other accounts on the server (a web server
        # worker, a backup agent) have no business reading citizens' files.
        self._wrapped = FileSystemStorage(
            location=settings.PRIVATE_MEDIA_ROOT,
            base_url=None,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(setting, **_kwargs):
    # Follow PRIVATE_MEDIA_ROOT when it changes (tests point it at a temporary folder).
    if setting == "PRIVATE_MEDIA_ROOT":
        private_storage._wrapped = empty


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never the citizen's file name: it may hold personal data or path tricks.
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
    return f"cases/{timezone.now():%Y/%m}/{instance.uuid}.{extension.get(instance.mime_type, 'bin')}"


def _storage():
    return private_storage


class Attachment(models.Model):
    """A checked file (image re-encoded without metadata, or PDF) belonging to any case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), storage=_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    mime_type = models.CharField(_("file type"), max_length=60)
    size = models.PositiveIntegerField(_("size in bytes"))
    by_citizen = models.BooleanField(_("from the citizen"), default=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attachment_case_idx")]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")
