from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import URLField
from django.http import HttpRequest

from .models import Event, LightningTalk, Message, Registration, RegistrationQuestion, Session

HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"form_class": URLField, "assume_scheme": "https"}
}


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["title", "starts_at", "ends_at", "timezone", "capacity", "location_type"]
    extra = 0
    show_change_link = True


class QuestionInline(admin.TabularInline):
    model = RegistrationQuestion
    fields = ["label", "kind", "choices", "required", "is_sensitive", "position"]
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "registration_closes_at", "created_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organizers"]
    inlines = [SessionInline, QuestionInline]
    formfield_overrides = HTTPS_URLS


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Capacity and counters change through the site, where the waiting list is kept in order."""

    list_display = ["title", "event", "starts_at", "capacity", "confirmed_count", "location_type"]
    list_filter = ["location_type", "event"]
    search_fields = ["title", "event__title"]
    readonly_fields = [
        "confirmed_count",
        "join_links_sent_at",
        "sensitive_erased_at",
        "needs_summary_archive",
    ]
    formfield_overrides = HTTPS_URLS


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: registrations change through the site so counters and waiting lists stay right."""

    list_display = ["user", "session", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__display_name", "session__title"]
    list_select_related = ["user", "session"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LightningTalk)
class LightningTalkAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "speaker", "status", "position"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the copies of what organizers emailed; messages are sent through the site."""

    list_display = ["subject", "event", "session", "author", "recipient_count", "created_at"]
    list_filter = ["event"]
    search_fields = ["subject", "event__title"]
    list_select_related = ["event", "session", "author"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
