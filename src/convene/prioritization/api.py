"""Prioritization's read API: rounds, their items, their ballots (anonymized) and their
results. Read-only and public; the ballots and the results answer 403 (code results_hidden)
until they are visible (`rules.results_visible`: after the close, unless the round shows
them while open), and the results 409 (code not_counted) before the first count.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from convene.core.api import PAGE_NOT_FOUND, NowContextMixin, error_response
from convene.core.errors import ServiceError
from convene.core.timezones import utc_text

from . import rules, selectors_data
from .models import Round
from .serializers import BallotSerializer, ItemSerializer, ResultsSerializer, RoundSerializer

NO_ROUND = error_response("No such round (code not_found).")
HIDDEN = error_response(
    "The ballots and results are published when the round closes (code results_hidden)."
)

# What a track's result gives, straight from the stored count.
TALLY_FIELDS = (
    "ballots",
    "support",
    "approval",
    "borda",
    "copeland",
    "schulze",
    "ranked_pairs",
    "kemeny",
    "kemeny_status",
    "orders",
    "agreement",
    "stability",
)


def _refuse_unless_visible(request: Request, round_: Round) -> None:
    if not rules.results_visible(request.user, round_):
        raise ServiceError(
            _("The ballots and the results of this round are published when it closes."),
            code="results_hidden",
        )


@extend_schema_view(
    list=extend_schema(
        summary="Rounds of prioritization",
        description="Every round, newest first, with its number of ballots per track.",
        responses={200: RoundSerializer(many=True), 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One round of prioritization",
        description="Its question, ballot form, K, tracks, times (UTC) and ballot counts.",
        responses={200: RoundSerializer, 404: NO_ROUND},
    ),
)
class RoundViewSet(NowContextMixin, viewsets.ReadOnlyModelViewSet[Round]):
    lookup_field = "slug"
    permission_classes = [AllowAny]
    serializer_class = RoundSerializer

    def get_queryset(self) -> QuerySet[Round]:
        return selectors_data.rounds_listed()

    @extend_schema(
        summary="The items of a round",
        description="What the round prioritizes, in its order, in the round's language.",
        responses={200: ItemSerializer(many=True), 404: NO_ROUND},
    )
    @action(detail=True, pagination_class=None)
    def items(self, request: Request, slug: str | None = None) -> Response:
        round_ = self.get_object()
        items = selectors_data.items_of(round_=round_)
        return Response(ItemSerializer(items, many=True).data)

    @extend_schema(
        summary="The ballots of a round (anonymized)",
        description=(
            "Every ballot in the order it was cast, under its opaque public id: a group's "
            "ballot gives the group's name, a person's nothing of who cast it."
        ),
        responses={
            200: BallotSerializer(many=True),
            403: HIDDEN,
            404: error_response("No such round, or no such page (code not_found)."),
        },
    )
    @action(detail=True)
    def ballots(self, request: Request, slug: str | None = None) -> Response:
        round_ = self.get_object()
        _refuse_unless_visible(request, round_)
        identifiers = {item.pk: item.identifier for item in selectors_data.items_of(round_=round_)}
        # The page of the ballots' values (tuples), not of rounds: one query.
        page = self.paginate_queryset(cast(Any, selectors_data.ballot_rows_queryset(round_=round_)))
        rows = [selectors_data.ballot_row(values, identifiers) for values in page or []]
        return self.get_paginated_response(BallotSerializer(rows, many=True).data)

    @extend_schema(
        summary="The results of a round",
        description=(
            "Per track, from the stored count: the item identifiers in order, the matrix s, "
            "the approval, Borda and Copeland scores, the Schulze, ranked-pairs and "
            "Kemeny-Young orders as tiers (lists of items that tie), the agreement between "
            "the methods and the stability of the top. Results by region, kind of group and "
            "cluster are in the round's results.json."
        ),
        responses={
            200: ResultsSerializer,
            403: HIDDEN,
            404: NO_ROUND,
            409: error_response("The round has not been counted yet (code not_counted)."),
        },
    )
    @action(detail=True)
    def results(self, request: Request, slug: str | None = None) -> Response:
        round_ = self.get_object()
        _refuse_unless_visible(request, round_)
        count = selectors_data.round_count(round_=round_)
        if count is None:
            raise ServiceError(_("This round has not been counted yet."), code="not_counted")
        return Response(results_data(round_, count.counted_at, count.ballots, count.data))


def results_data(round_: Round, counted_at: Any, ballots: int, data: dict[str, Any]) -> dict:
    """The results response: the stored count's figures per track, as they are."""
    items = data.get("items", [])
    return {
        "round": round_.slug,
        "counted_at": utc_text(counted_at),
        "ballots": ballots,
        "ballot_form": data.get("ballot_form", round_.ballot_form),
        "max_items": data.get("max_items", round_.max_items),
        "seed": data.get("seed"),
        "items": items,
        "tracks": {
            track: {"items": items, **{name: tally.get(name) for name in TALLY_FIELDS}}
            for track, tally in data.get("tracks", {}).items()
        },
    }
