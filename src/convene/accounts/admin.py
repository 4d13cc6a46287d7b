from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User

# Django's own section titles (translated by Django), for the fields this user has.
_DJANGO_SECTIONS: Any = DjangoUserAdmin.fieldsets
_, PERSONAL, PERMISSIONS, DATES = _DJANGO_SECTIONS


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, for a user who signs in with an email address."""

    ordering = ["email"]
    list_display = ["email", "display_name", "preferred_language", "timezone", "is_staff"]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        "preferred_language",
        "region",
        "groups",
    ]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            PERSONAL[0],
            {
                "fields": (
                    "display_name",
                    "preferred_language",
                    "timezone",
                    "languages_spoken",
                    "region",
                )
            },
        ),
        PERMISSIONS,
        DATES,
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
