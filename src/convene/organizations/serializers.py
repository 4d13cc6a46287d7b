"""JSON shapes of the registry's API and of its JSON download.

Serializers only shape data: reads come from selectors, and nothing here is written. The
contact person, the committee's notes and private history never appear: every field is one
the organization's public page shows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.api import QuerySerializer
from convene.core.serializers import UTCModelSerializer

from .forms.registry import SEARCH_MAX_LENGTH
from .models import AffiliationModel, HistoryEntry, Organization, Region
from .querysets import LISTED
from .selectors import choice_labels


def _absolute(request: Any, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


def _page_url(context: dict[str, Any], name: str, slug: str) -> str:
    """A page of the site in the default language; the site redirects to the reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs={"slug": slug})
    return _absolute(context.get("request"), path)


# --- Organizations -------------------------------------------------------------------


class OrganizationSerializer(UTCModelSerializer):
    """An organization of the registry: every public field. Expects its model (select_related)
    and its names (prefetched)."""

    affiliation_model: serializers.SlugRelatedField[AffiliationModel] = (
        serializers.SlugRelatedField(
            slug_field="slug",
            read_only=True,
            help_text="The slug of its model of affiliation (/api/v1/affiliation-models/).",
        )
    )
    countries = serializers.SerializerMethodField(
        help_text="ISO 3166-1 alpha-2 codes of the countries it works in."
    )
    names = serializers.SerializerMethodField(
        help_text="Its name in other languages, by language code."
    )
    working_languages = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Language codes."
    )
    url = serializers.SerializerMethodField(help_text="The organization's page on the site.")
    website = serializers.SerializerMethodField(help_text="Its website; null if none.")
    wiki_page = serializers.SerializerMethodField(help_text="Its page on a wiki; null if none.")
    public_email = serializers.SerializerMethodField(
        help_text="Its public contact address; null if none."
    )

    class Meta:
        model = Organization
        fields = [
            "slug",
            "code",
            "name",
            "names",
            "language",
            "affiliation_model",
            "region",
            "countries",
            "territorial_range",
            "working_languages",
            "is_incorporated",
            "legal_name",
            "registration_number",
            "member_count",
            "fiscal_year_start_month",
            "website",
            "wiki_page",
            "public_email",
            "mission",
            "status",
            "status_since",
            "recognized_on",
            "provisional_until",
            "renewed_on",
            "derecognized_on",
            "compliance_level",
            "is_sample",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(min_length=2)))
    def get_countries(self, organization: Organization) -> list[str]:
        return [str(country) for country in organization.countries]

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_names(self, organization: Organization) -> dict[str, str]:
        return {name.language: name.name for name in organization.names.all()}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, organization: Organization) -> str:
        return _page_url(self.context, "organizations:detail", organization.slug)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_website(self, organization: Organization) -> str | None:
        return organization.website or None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_wiki_page(self, organization: Organization) -> str | None:
        return organization.wiki_page or None

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_public_email(self, organization: Organization) -> str | None:
        return organization.public_email or None


class OrganizationListQuerySerializer(QuerySerializer):
    # Blank (or only spaces) is no filter at all, as on the registry's page.
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        help_text="Part of its name (in any language it has one) or code.",
    )
    model = serializers.SlugField(
        required=False, help_text="Only organizations of this model of affiliation (its slug)."
    )
    region = serializers.ChoiceField(choices=Region.values, required=False)
    country = serializers.ChoiceField(
        choices=[code for code, _name in countries],
        required=False,
        help_text="Only organizations working in this country (ISO 3166-1 alpha-2).",
    )
    status = serializers.ChoiceField(choices=list(LISTED), required=False)
    language = serializers.ChoiceField(
        choices=languages.ALL, required=False, help_text="Only organizations working in it."
    )


# --- Models of affiliation ---------------------------------------------------------------


class AffiliationModelSerializer(UTCModelSerializer):
    """A model of affiliation with its defining characteristics and the rules its applications
    follow. The translatable fields are given in the language asked for where the committee
    translated them (the view attaches `translated_fields`: {field: (text, is_outdated)})."""

    shown_in = serializers.SerializerMethodField(
        help_text="The language each translatable field is given in: the one asked for where "
        "translated, else the model's own language."
    )
    outdated = serializers.SerializerMethodField(
        help_text="The translatable fields given in a translation of an earlier text of the "
        "model's own language."
    )
    url = serializers.SerializerMethodField(help_text="The model's page on the site.")

    class Meta:
        model = AffiliationModel
        fields = [
            "slug",
            "name",
            "summary",
            "language",
            *AffiliationModel.CHARACTERISTICS,
            "is_official",
            "accepts_applications",
            "requires_incorporation",
            "requires_activity_report",
            "requires_financial_statement",
            "report_months",
            "provisional_months",
            "quorum",
            "majority_percent",
            "reapply_months",
            "url",
            "shown_in",
            "outdated",
        ]
        read_only_fields = fields

    @staticmethod
    def _translated(model: AffiliationModel) -> dict[str, tuple[str, bool]]:
        return getattr(model, "translated_fields", {})

    @extend_schema_field(
        serializers.DictField(child=serializers.ChoiceField(choices=languages.CONTENT))
    )
    def get_shown_in(self, model: AffiliationModel) -> dict[str, str]:
        translated = self._translated(model)
        language = self.context.get("content_language", "")
        return {
            name: language if name in translated else model.language
            for name in AffiliationModel.TRANSLATABLE
        }

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_outdated(self, model: AffiliationModel) -> list[str]:
        return [name for name, (_text, old) in self._translated(model).items() if old]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, model: AffiliationModel) -> str:
        return _page_url(self.context, "organizations:model", model.slug)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        for name, (text, _old) in self._translated(instance).items():
            data[name] = text
        return data


class ContentLanguageQuerySerializer(QuerySerializer):
    language = serializers.ChoiceField(
        choices=languages.CONTENT,
        required=False,
        help_text=(
            "Give the name, summary and characteristics in this language where the committee "
            "translated them; each field not translated stays in the model's language (see "
            "shown_in). Without it: as the committee wrote them."
        ),
    )


# --- Registry changes --------------------------------------------------------------------


class ChangeSerializer(UTCModelSerializer):
    """A public entry of an organization's history. Expects its organization and actor
    (select_related)."""

    organization: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The slug of the organization."
    )
    kind_label = serializers.SerializerMethodField(
        help_text="What changed, for people, in the negotiated language."
    )
    actor = serializers.SerializerMethodField(
        help_text="The display name of who made the change; null when none is recorded."
    )

    class Meta:
        model = HistoryEntry
        fields = [
            "id",
            "organization",
            "kind",
            "kind_label",
            "from_status",
            "to_status",
            "public_note",
            "actor",
            "at",
        ]
        read_only_fields = fields

    def get_kind_label(self, entry: HistoryEntry) -> str:
        labels = self.context.get("kind_labels")
        if labels is None:  # read once for all the entries of a response
            labels = self.context["kind_labels"] = choice_labels(HistoryEntry.Kind)
        return labels.get(entry.kind, entry.kind)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, entry: HistoryEntry) -> str | None:
        return entry.actor.public_name if entry.actor is not None else None


class ChangeListQuerySerializer(QuerySerializer):
    organization = serializers.SlugField(
        required=False, help_text="Only the changes of this organization (its slug)."
    )
    since = serializers.DateTimeField(
        required=False, help_text="Only changes at or after this moment (ISO 8601)."
    )
