"""Admin of strategy documents. Versions and translations change through the site, where
publishing keeps anchors and translations in step; here they can only be looked at."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Document, DocumentVersion, Initiative, Phase, Process


class PhaseInline(admin.TabularInline):
    model = Phase
    fields = ["kind", "title", "starts_on", "ends_on"]
    extra = 0


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "created_at"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PhaseInline]


class InitiativeInline(admin.TabularInline):
    model = Initiative
    fields = ["number", "identifier", "title"]
    extra = 0


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "kind", "working_group", "position"]
    list_filter = ["process", "kind"]
    list_select_related = ["process"]
    search_fields = ["title", "slug", "working_group"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["authors", "followers"]
    inlines = [InitiativeInline]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Read-only: the document's authors write and publish versions on the site."""

    list_display = ["document", "number", "title", "source_language", "published_at"]
    list_filter = ["source_language", "document__process"]
    list_select_related = ["document"]
    search_fields = ["title", "document__title"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Drafts may go; a published version (read, commented, translated) stays, and so
        does a document that has one."""
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)
