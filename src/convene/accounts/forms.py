from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.core import context
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from convene.core import languages, ratelimit
from convene.core.forms import TimezoneField, ZoneSelect

from .models import Region, User


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "nickname"}),
        help_text=_(
            "Shown next to what you write. A pseudonym is welcome; "
            "if you leave it empty, others see “Participant” and a number."
        ),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the pages and of the emails you receive."),
    )
    timezone = TimezoneField(
        label=_("Time zone"),
        required=False,
        help_text=_("Times are shown in this zone. Leave empty to use your browser's."),
        widget=ZoneSelect(blank_label=_("Use my browser's time zone")),
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=languages.sorted_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Helps organizers plan interpretation. Optional."),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("Not given")), *Region.choices],
        required=False,
        help_text=_("Optional."),
    )

    @classmethod
    def for_user(cls, user: User, data: Any = None) -> ProfileForm:
        return cls(
            data,
            initial={
                "display_name": user.display_name,
                "preferred_language": user.preferred_language,
                "timezone": user.timezone,
                "languages_spoken": list(user.languages_spoken),
                "region": user.region,
            },
        )


class DeleteAccountForm(forms.Form):
    email = forms.CharField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Type the email address of this account to confirm."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        typed = self.cleaned_data["email"].strip()
        if typed.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                _(
                    "This is not the email address of your account. "
                    "Nothing was deleted: type the address exactly as shown above."
                ),
                code="email_mismatch",
            )
        return typed


def _limited(*, action: str, email: str) -> None:
    """Count a well-formed request for `email` from the client's address, or refuse it with
    allauth's translated message (the form is shown again with what was typed)."""
    try:
        ratelimit.consume(
            action=action, account=email, address=ratelimit.client_address(context.request)
        )
    except ratelimit.RateLimited as refused:
        raise get_adapter().validation_error("rate_limited") from refused


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, limited per address and per email address in the database."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            _limited(action="signup", email=cleaned.get("email", ""))
        return cleaned


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """allauth's password reset request, limited per address and per email address."""

    def clean_email(self) -> str:
        email = super().clean_email()
        _limited(action="password_reset", email=email)
        return email
