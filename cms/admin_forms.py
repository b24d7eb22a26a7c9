"""The admin's login form with a translatable password label.

Wagtail's ``LoginForm`` declares its password field without a label, so Django derives the
untranslatable "Password" from the field name; staff signing in in Indonesian saw English.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )
