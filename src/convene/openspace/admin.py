"""Open space in the administration: for looking things up and mending data. The grid, the
marketplace and the notes change through the site, where their rules are kept (one topic per
slot and room, notes never overwritten), so what records people's actions is read-only."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import URLField
from django.http import HttpRequest

from .models import (
    Action,
    ActionTaker,
    Interest,
    NoteVersion,
    OpenSpace,
    Presence,
    Room,
    Series,
    SeriesFollow,
    SeriesMeeting,
    Slot,
    Topic,
)

HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"form_class": URLField, "assume_scheme": "https"}
}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what people did: looked up, never written here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SlotInline(admin.TabularInline):
    model = Slot
    fields = ["starts_at", "ends_at"]
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    fields = ["name", "kind", "meeting_url", "place", "position"]
    extra = 0
    formfield_overrides = HTTPS_URLS


@admin.register(OpenSpace)
class OpenSpaceAdmin(admin.ModelAdmin):
    list_display = ["event", "is_sample", "harvest_published_at", "created_at"]
    list_filter = ["is_sample"]
    search_fields = ["event__title", "event__slug"]
    list_select_related = ["event"]
    raw_id_fields = ["event", "harvest_published_by"]
    filter_horizontal = ["cohosts"]
    readonly_fields = ["grid_version", "created_at"]
    inlines = [SlotInline, RoomInline]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "open_space", "starts_at", "ends_at"]
    list_select_related = ["open_space__event"]
    search_fields = ["open_space__event__title"]
    raw_id_fields = ["open_space"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "open_space", "kind", "position"]
    list_filter = ["kind"]
    list_select_related = ["open_space__event"]
    search_fields = ["name", "open_space__event__title"]
    raw_id_fields = ["open_space"]
    formfield_overrides = HTTPS_URLS


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The words may be mended here; placing, merging and withdrawing go through the site."""

    list_display = ["title", "open_space", "status", "convener", "interest_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["open_space__event", "convener"]
    search_fields = ["title", "open_space__event__title"]
    raw_id_fields = ["open_space", "convener", "slot", "room", "merged_into"]
    readonly_fields = ["status", "slot", "room", "merged_into", "interest_count", "created_at"]


@admin.register(Interest)
class InterestAdmin(ReadOnlyAdmin):
    list_display = ["topic", "user", "created_at"]
    list_select_related = ["topic", "user"]
    search_fields = ["topic__title"]


@admin.register(Presence)
class PresenceAdmin(ReadOnlyAdmin):
    list_display = ["topic", "slot", "user", "updated_at"]
    list_select_related = ["topic", "slot", "user"]
    search_fields = ["topic__title"]


@admin.register(NoteVersion)
class NoteVersionAdmin(ReadOnlyAdmin):
    """Versions of notes are never changed or deleted."""

    list_display = ["topic", "language", "number", "author", "created_at"]
    list_filter = ["language"]
    list_select_related = ["topic", "author"]
    search_fields = ["topic__title"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["what", "open_space", "topic", "who", "due_on", "done_at"]
    list_select_related = ["open_space__event", "topic"]
    search_fields = ["what", "who"]
    raw_id_fields = ["open_space", "topic", "created_by", "carried_from"]


@admin.register(ActionTaker)
class ActionTakerAdmin(ReadOnlyAdmin):
    list_display = ["action", "user", "created_at"]
    list_select_related = ["action", "user"]


class SeriesMeetingInline(admin.TabularInline):
    model = SeriesMeeting
    fields = ["event", "added_at", "announced_at"]
    readonly_fields = ["added_at", "announced_at"]
    raw_id_fields = ["event"]
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "created_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organizers"]
    raw_id_fields = ["board"]
    inlines = [SeriesMeetingInline]


@admin.register(SeriesMeeting)
class SeriesMeetingAdmin(admin.ModelAdmin):
    list_display = ["series", "event", "added_at", "announced_at"]
    list_select_related = ["series", "event"]
    raw_id_fields = ["series", "event"]
    readonly_fields = ["announced_at"]


@admin.register(SeriesFollow)
class SeriesFollowAdmin(ReadOnlyAdmin):
    list_display = ["series", "user", "created_at"]
    list_select_related = ["series", "user"]
