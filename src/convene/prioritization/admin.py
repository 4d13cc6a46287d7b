"""Prioritization in the site's administration: to look things up and mend by hand."""

from django.contrib import admin

from .models import (
    Ballot,
    BallotVersion,
    Cluster,
    Count,
    Group,
    Item,
    ItemTranslation,
    ReportTranslation,
    Round,
)


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["position", "identifier", "title", "heading", "cluster"]
    extra = 0
    show_change_link = True


class ClusterInline(admin.TabularInline):
    model = Cluster
    fields = ["position", "code", "name"]
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "process", "opens_at", "closes_at", "ballot_form", "max_items"]
    search_fields = ["title", "slug"]
    list_select_related = ["process"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organizers"]
    raw_id_fields = ["individuals_event"]
    inlines = [ClusterInline, ItemInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["identifier", "title", "round", "position", "cluster"]
    list_filter = ["round"]
    search_fields = ["identifier", "title"]
    raw_id_fields = ["initiative"]


@admin.register(ItemTranslation)
class ItemTranslationAdmin(admin.ModelAdmin):
    list_display = ["item", "language"]
    list_filter = ["language"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "round", "position"]
    list_filter = ["round"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "kind", "region", "category"]
    list_filter = ["kind", "region", "round"]
    search_fields = ["name"]
    raw_id_fields = ["organization"]
    filter_horizontal = ["representatives"]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    list_display = ["public_id", "round", "track", "group", "size", "external_id", "version"]
    list_filter = ["track", "round"]
    search_fields = ["public_id", "external_id"]
    raw_id_fields = ["voter", "group", "submitted_by", "event"]
    readonly_fields = ["public_id", "ranking"]


@admin.register(BallotVersion)
class BallotVersionAdmin(admin.ModelAdmin):
    list_display = ["ballot", "number", "saved_at"]
    raw_id_fields = ["ballot", "saved_by"]
    readonly_fields = ["ranking"]


@admin.register(ReportTranslation)
class ReportTranslationAdmin(admin.ModelAdmin):
    list_display = ["round", "language", "machine", "updated_at"]
    raw_id_fields = ["translated_by"]


@admin.register(Count)
class CountAdmin(admin.ModelAdmin):
    list_display = ["round", "counted_at", "ballots"]
    readonly_fields = ["data"]
