"""JSON shapes of prioritization's read API: rounds, items, ballots (anonymized) and results.

Serializers only shape data: reads come from `selectors_data`. A ballot is given under its
public id only: never who cast it, nor the id it had where it was gathered. The results are
the stored count's figures as they are (`Count.data`); their serializers describe them for
the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core.serializers import UTCModelSerializer

from . import rules, selectors_data
from .models import Ballot, Item, Round

TRACKS = [choice.value for choice in Ballot.Track]


def _page_url(context: dict[str, Any], name: str, slug: str) -> str:
    """A page of the site in the default language; the site redirects to the reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, args=[slug])
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else f"{settings.SITE_URL}{path}"


class BallotCountsSerializer(serializers.Serializer):
    group = serializers.IntegerField(
        required=False, help_text="Ballots of groups (absent when groups do not take part)."
    )
    individual = serializers.IntegerField(
        required=False, help_text="Ballots of people (absent when individuals do not take part)."
    )


class RoundSerializer(UTCModelSerializer):
    """A round with its number of ballots per track (annotated by `selectors_data`)."""

    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The slug of the process it prioritizes for."
    )
    tracks = serializers.SerializerMethodField(
        help_text="Who takes part: groups, individuals or both, as separate tracks."
    )
    state = serializers.SerializerMethodField(help_text="Whether it is upcoming, open or closed.")
    ballots = serializers.SerializerMethodField(
        help_text="How many ballots each track has; always given."
    )
    url = serializers.SerializerMethodField(help_text="The round's page on the site.")
    data_url = serializers.SerializerMethodField(
        help_text="The round's raw data page: its files (CSV, JSON) and their Data Package."
    )

    class Meta:
        model = Round
        fields = [
            "slug",
            "title",
            "question",
            "language",
            "process",
            "ballot_form",
            "max_items",
            "tracks",
            "opens_at",
            "closes_at",
            "state",
            "results_before_close",
            "ballots",
            "url",
            "data_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "max_items": {"help_text": "K: how many items a ballot may list."},
            "results_before_close": {
                "help_text": "Whether the ballots and results are public while it is open."
            },
        }

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=TRACKS)))
    def get_tracks(self, round_: Round) -> list[str]:
        return selectors_data.tracks_of(round_)

    @extend_schema_field(serializers.ChoiceField(choices=["upcoming", "open", "closed"]))
    def get_state(self, round_: Round) -> str:
        return rules.round_state(round_, self.context.get("now") or timezone.now())

    @extend_schema_field(BallotCountsSerializer)
    def get_ballots(self, round_: Round) -> dict[str, int]:
        counts = {
            "group": getattr(round_, "group_ballots", 0),
            "individual": getattr(round_, "individual_ballots", 0),
        }
        return {track: counts[track] for track in selectors_data.tracks_of(round_)}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, round_: Round) -> str:
        return _page_url(self.context, "prioritization:round", round_.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_data_url(self, round_: Round) -> str:
        return _page_url(self.context, "prioritization:data", round_.slug)


class ItemSerializer(serializers.ModelSerializer):
    cluster = serializers.SerializerMethodField(
        help_text="The code of the cluster it belongs to; null if none."
    )

    class Meta:
        model = Item
        fields = ["identifier", "position", "heading", "title", "description", "cluster"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_cluster(self, item: Item) -> str | None:
        return item.cluster.code if item.cluster is not None else None


class BallotSerializer(serializers.Serializer):
    """A ballot as published (`selectors_data.BallotRow`): nothing of who cast it."""

    public_id = serializers.CharField(help_text="The ballot's opaque public id.")
    track = serializers.ChoiceField(choices=TRACKS)
    group = serializers.CharField(
        allow_null=True, help_text="The group's name for a group's ballot; null for a person's."
    )
    kind = serializers.CharField(
        allow_null=True,
        help_text="The kind of group (community, or its model of affiliation); null for a "
        "person's ballot.",
    )
    region = serializers.CharField(
        allow_null=True,
        help_text="The group's region, or the one given with an imported ballot; null if none.",
    )
    items = serializers.ListField(
        child=serializers.CharField(),
        help_text="The identifiers of the items it lists, first choice first.",
    )

    def to_representation(self, instance: selectors_data.BallotRow) -> dict[str, Any]:
        return {
            "public_id": instance.public_id,
            "track": instance.track,
            "group": instance.group or None,
            "kind": instance.kind or None,
            "region": instance.region or None,
            "items": instance.items,
        }


# --- Results (descriptions of the stored count, for the schema) ----------------------------


def _tiers(help_text: str, *, allow_null: bool = False) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        allow_null=allow_null,
        help_text=help_text,
    )


class StabilitySerializer(serializers.Serializer):
    top = serializers.IntegerField(help_text="The top looked at.")
    resamples = serializers.IntegerField(help_text="How many bootstrap resamples were drawn.")
    shares = serializers.DictField(
        child=serializers.FloatField(),
        help_text="For each item, the share of resamples in which it was in the top by Borda.",
    )


class TallySerializer(serializers.Serializer):
    ballots = serializers.IntegerField(help_text="How many ballots the track has.")
    items = serializers.ListField(
        child=serializers.CharField(),
        help_text="Every item identifier, in the round's order: the order of the rows and "
        "columns of `support`.",
    )
    support = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="The matrix s: support[a][b] is the number of ballots ranking a above b.",
    )
    approval = serializers.DictField(
        child=serializers.IntegerField(), help_text="How many ballots list each item."
    )
    borda = serializers.DictField(
        child=serializers.IntegerField(), help_text="B(a): the sum over b of s(a, b)."
    )
    copeland = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Pairwise contests won, plus one half for each tie.",
    )
    schulze = _tiers("Schulze's order: tiers, best first, each a list of items that tie.")
    ranked_pairs = _tiers("The order of ranked pairs, as tiers, best first.")
    kemeny = _tiers(
        "The Kemeny-Young order, as tiers, best first; null when not computed (see kemeny_status).",
        allow_null=True,
    )
    kemeny_status = serializers.ChoiceField(choices=["optimal", "time_limit", "too_large"])
    orders = serializers.DictField(
        child=_tiers("Tiers, best first."),
        help_text="The approval, Borda and Copeland scores turned into tiers, best first.",
    )
    agreement = serializers.DictField(
        child=serializers.DictField(child=serializers.FloatField(allow_null=True)),
        help_text="Kendall's tau-b between the orders of each pair of methods.",
    )
    stability = StabilitySerializer()


class ResultsSerializer(serializers.Serializer):
    round = serializers.SlugField(help_text="The round's slug.")
    counted_at = serializers.DateTimeField(help_text="When it was counted (UTC).")
    ballots = serializers.IntegerField(help_text="How many ballots were counted.")
    ballot_form = serializers.ChoiceField(choices=Round.BallotForm.values)
    max_items = serializers.IntegerField()
    seed = serializers.IntegerField(help_text="The seed of the bootstrap's resamples.")
    items = serializers.ListField(
        child=serializers.CharField(), help_text="Every item identifier, in the round's order."
    )
    tracks = serializers.DictField(
        child=TallySerializer(),
        help_text="Per track (group, individual, and all when the round has both).",
    )
