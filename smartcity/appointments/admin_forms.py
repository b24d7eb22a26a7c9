"""The bookable service's admin form: closures typed into it may not hide booked citizens."""

from __future__ import annotations

from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ServiceClosure


class BookableServiceForm(WagtailAdminModelForm):
    """Refuses a new or changed closure that covers bookings.

    Those citizens must be told: the agenda's "Close a day" screen (``services.close_period``)
    cancels their bookings with the reason and sends each one a notice.
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or self.instance.pk is None or "closures" not in self.formsets:
            return valid
        for form in self.formsets["closures"].forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not form.has_changed() or not data.get("date"):
                continue
            closure = ServiceClosure(
                service=self.instance,
                date=data["date"],
                starts_at=data.get("starts_at"),
                ends_at=data.get("ends_at"),
            )
            count = closure.covered_bookings().count()
            if count:
                form.add_error(
                    None,
                    ngettext(
                        "%(count)d booking falls in this closure. Use “Close a day or a period” in the "
                        "agenda: it cancels the booking and tells the citizen.",
                        "%(count)d bookings fall in this closure. Use “Close a day or a period” in the "
                        "agenda: it cancels them and tells each citizen.",
                        count,
                    )
                    % {"count": count},
                )
                valid = False
        return valid
