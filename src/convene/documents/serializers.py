"""JSON shapes of the documents API: processes, documents, published versions, initiatives.

Serializers only shape data: reads come from selectors and the views' querysets. Drafts are
never shaped here: every version a serializer sees is published. No person appears: not the
authors of a document, nor who wrote or translated a version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.api import QuerySerializer
from convene.core.serializers import UTCDateTimeField, UTCModelSerializer

from . import rules, selectors
from .models import (
    Document,
    DocumentVersion,
    Initiative,
    Paragraph,
    Phase,
    Process,
)

FEEDBACK_STATES = ["open", "not_yet_open", "closed", "none"]


def site_url(context: dict[str, Any], name: str, **kwargs: Any) -> str:
    """The address of a page of the site, in the default language (it redirects to the
    reader's), absolute for the request if there is one."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs=kwargs)
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


def _now(context: dict[str, Any]) -> datetime:
    """One moment per request, so every item of a list is judged at the same time."""
    now = context.get("now")
    return now if isinstance(now, datetime) else timezone.now()


def _today(context: dict[str, Any]) -> date:
    """Today in UTC, whatever zone the request activated: the current phase is the same for all."""
    return _now(context).astimezone(UTC).date()


# --- Processes ------------------------------------------------------------------


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["kind", "title", "description", "starts_on", "ends_on"]
        read_only_fields = fields


class ProcessSerializer(UTCModelSerializer):
    """Expects `process.phases` prefetched in order (the current phase costs no query)."""

    phases = PhaseSerializer(many=True, read_only=True)
    current_phase = serializers.SerializerMethodField(
        help_text="The phase running today (UTC), or null."
    )
    next_phase = serializers.SerializerMethodField(
        help_text="The first phase starting after today (UTC), or null."
    )
    url = serializers.SerializerMethodField(help_text="The process's page on the site.")

    class Meta:
        model = Process
        fields = ["slug", "title", "description", "url", "phases", "current_phase", "next_phase"]
        read_only_fields = fields

    def _phases(self, process: Process) -> tuple[list[Phase], Phase | None, Phase | None]:
        return selectors.process_phases(process=process, today=_today(self.context))

    @extend_schema_field(PhaseSerializer(allow_null=True))
    def get_current_phase(self, process: Process) -> dict[str, Any] | None:
        current = self._phases(process)[1]
        return PhaseSerializer(current).data if current is not None else None

    @extend_schema_field(PhaseSerializer(allow_null=True))
    def get_next_phase(self, process: Process) -> dict[str, Any] | None:
        upcoming = self._phases(process)[2]
        return PhaseSerializer(upcoming).data if upcoming is not None else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, process: Process) -> str:
        return site_url(self.context, "documents:process", process=process.slug)


# --- Documents and versions -------------------------------------------------------


class VersionSummarySerializer(UTCModelSerializer):
    # Never null here: only published versions are shown.
    published_at = UTCDateTimeField(read_only=True)

    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "title", "change_summary", "published_at"]
        read_only_fields = fields


class InitiativeSerializer(serializers.ModelSerializer):
    document: serializers.PrimaryKeyRelatedField[Document] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    identifier = serializers.SlugField(
        read_only=True, help_text="Stable, e.g. initiative-22: other parts of Convene refer to it."
    )

    class Meta:
        model = Initiative
        fields = ["identifier", "number", "title", "description", "document"]
        read_only_fields = fields


class DocumentSerializer(UTCModelSerializer):
    """Expects `document.process` loaded, `document.published_versions` and
    `document.initiatives` prefetched. One shape for lists and details (few initiatives)."""

    process: serializers.SlugRelatedField[Process] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    url = serializers.SerializerMethodField(help_text="The document's page on the site.")
    versions = VersionSummarySerializer(
        source="published_versions",
        many=True,
        read_only=True,
        help_text="The published iterations, oldest first: the last is the latest.",
    )
    initiatives = InitiativeSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "process",
            "slug",
            "title",
            "kind",
            "working_group",
            "url",
            "versions",
            "initiatives",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, document: Document) -> str:
        return site_url(
            self.context,
            "documents:document",
            process=document.process.slug,
            document=document.slug,
        )


class ProcessDetailSerializer(ProcessSerializer):
    documents = DocumentSerializer(
        source="published_documents",
        many=True,
        read_only=True,
        help_text="Documents with at least one published iteration.",
    )

    class Meta(ProcessSerializer.Meta):
        fields = [*ProcessSerializer.Meta.fields, "documents"]
        read_only_fields = fields


class ParagraphSerializer(serializers.Serializer):
    """A paragraph of a version as read in one language (`selectors.ReadingParagraph`)."""

    anchor = serializers.SlugField(
        source="paragraph.anchor",
        read_only=True,
        help_text="Stable across iterations while the paragraph continues.",
    )
    position = serializers.IntegerField(source="paragraph.position", read_only=True, min_value=1)
    kind = serializers.ChoiceField(
        source="paragraph.kind", choices=Paragraph.Kind.choices, read_only=True
    )
    text = serializers.CharField(read_only=True, help_text="Markdown.")
    language = serializers.CharField(read_only=True, help_text="The language of `text`.")
    is_fallback = serializers.BooleanField(
        read_only=True,
        help_text="No translation into the language asked for: `text` is the source text.",
    )
    is_outdated = serializers.BooleanField(
        read_only=True, help_text="A translation of an older text of this paragraph."
    )
    is_machine = serializers.BooleanField(read_only=True, help_text="A machine translation.")


class VersionSerializer(UTCModelSerializer):
    """A published version; expects `version.reading` (the paragraphs in `version.language`)
    and `version.document.process` loaded."""

    document: serializers.PrimaryKeyRelatedField[Document] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    # Not an enum here: the schema names the choice set of languages after `language` only.
    source_language = serializers.CharField(
        read_only=True, help_text="The language the text is written in (a code of `language`)."
    )
    published_at = UTCDateTimeField(read_only=True)  # never null: only published versions
    feedback_opens_at = UTCDateTimeField(read_only=True, allow_null=True)
    feedback_closes_at = UTCDateTimeField(read_only=True, allow_null=True)
    feedback_state = serializers.SerializerMethodField()
    guiding_questions = serializers.ListField(
        child=serializers.CharField(),
        source="questions_list",
        read_only=True,
        help_text="Questions the authors ask of the people giving feedback.",
    )
    language = serializers.ChoiceField(
        choices=languages.choices(languages.CONTENT),
        source="reading_language",
        read_only=True,
        help_text="The language asked for with ?lang=, else the source language.",
    )
    paragraphs = ParagraphSerializer(source="reading", many=True, read_only=True)
    url = serializers.SerializerMethodField(help_text="The version's page on the site.")

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "title",
            "change_summary",
            "source_language",
            "published_at",
            "feedback_opens_at",
            "feedback_closes_at",
            "feedback_state",
            "guiding_questions",
            "url",
            "language",
            "paragraphs",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=FEEDBACK_STATES))
    def get_feedback_state(self, version: DocumentVersion) -> str:
        return rules.feedback_state(version, _now(self.context))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, version: DocumentVersion) -> str:
        document = version.document
        return site_url(
            self.context,
            "documents:version",
            process=document.process.slug,
            document=document.slug,
            number=version.number,
        )


# --- Query parameters ---------------------------------------------------------------


class DocumentListQuerySerializer(QuerySerializer):
    process = serializers.SlugField(required=False, help_text="Only the documents of this process.")


class VersionQuerySerializer(QuerySerializer):
    lang = serializers.ChoiceField(
        choices=languages.choices(languages.CONTENT),
        required=False,
        help_text=(
            "Read the paragraphs in this language; a paragraph not translated yet comes in "
            "the source language with is_fallback true. Without it: the source language."
        ),
    )


class InitiativeListQuerySerializer(QuerySerializer):
    document = serializers.IntegerField(
        required=False, min_value=1, help_text="Only the initiatives of this document (its id)."
    )
