from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    SUB_SAHARAN_AFRICA = "sub-saharan-africa", _("Sub-Saharan Africa")
    ASIA_PACIFIC = "asia-pacific", _("Asia/Pacific")
    EUROPE = "europe", _("Europe")
    MENA = "mena", _("Middle East and North Africa")
    NORTH_AMERICA = "north-america", _("North America")
    LATIN_AMERICA = "latin-america", _("South/Latin America")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Convene. Signs in with an email address; shows only a display name."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown next to what you write. A pseudonym is welcome."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the pages and of the emails you receive."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Times are shown in this zone. Leave empty to use your browser's."),
    )
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    calendar_token = models.CharField(
        _("calendar feed key"),
        max_length=43,
        unique=True,
        default=new_calendar_token,
        editable=False,
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name others see: the display name, never the email address."""
        return self.display_name or _("Participant %(number)s") % {"number": self.pk}
