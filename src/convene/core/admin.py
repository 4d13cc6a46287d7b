from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import OutgoingEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through the site (which keeps counts and logs right)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
