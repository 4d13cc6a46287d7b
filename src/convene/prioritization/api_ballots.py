"""A person's own ballot in a round, through the JSON API: read it, cast it or change it.

Thin like the pages: the service checks everything (the round open, who may vote, every
item, at most K) and a refusal becomes JSON with the HTTP status of its code
(`convene.core.api`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from convene.accounts.users import signed_in
from convene.core.api import FORBIDDEN, INVALID, UNAUTHENTICATED, error_response
from convene.core.ratelimit import client_address

from . import services
from .models import Ballot, Item, Round
from .selectors_ballots import own_ballot, round_get


class BallotInputSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=60),
        max_length=100,
        allow_empty=True,
        help_text="Item identifiers, first choice first (any order for a round without order).",
    )


class OwnBallotSerializer(serializers.Serializer):
    round = serializers.CharField(help_text="The round's slug.")
    public_id = serializers.CharField(help_text="The opaque id the ballot is published under.")
    items = serializers.ListField(
        child=serializers.CharField(), help_text="Item identifiers, first choice first."
    )
    version = serializers.IntegerField(help_text="1 when cast, one more at each change.")
    cast_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def _data(round_: Round, ballot: Ballot) -> dict[str, Any]:
    identifiers = dict(Item.objects.filter(round=round_).values_list("pk", "identifier"))
    return OwnBallotSerializer(
        {
            "round": round_.slug,
            "public_id": ballot.public_id,
            "items": [identifiers[pk] for pk in ballot.item_ids if pk in identifiers],
            "version": ballot.version,
            "cast_at": ballot.created_at,
            "updated_at": ballot.updated_at,
        }
    ).data


NOT_FOUND = error_response("No such round (code not_found).")


class OwnBallotView(APIView):
    permission_classes = [IsAuthenticated]

    def _round(self, slug: str) -> Round:
        round_ = round_get(slug=slug)
        if round_ is None:
            raise NotFound()
        return round_

    @extend_schema(
        operation_id="prioritization_own_ballot",
        summary="Your ballot in a round",
        responses={
            200: OwnBallotSerializer,
            401: UNAUTHENTICATED,
            404: error_response(
                "No such round, or you have cast no ballot in it (code not_found)."
            ),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        round_ = self._round(slug)
        ballot = own_ballot(round_=round_, viewer=signed_in(request))
        if ballot is None:
            raise NotFound(_("You have cast no ballot in this round."))
        return Response(_data(round_, ballot))

    @extend_schema(
        operation_id="prioritization_own_ballot_cast",
        summary="Cast or change your ballot in a round",
        description=(
            "Until the round closes. Answers the ballot with 201 when it is cast, 200 when "
            "an earlier ballot is changed (every version is kept). Nothing is saved when "
            "anything is refused."
        ),
        request=BallotInputSerializer,
        responses={
            200: OwnBallotSerializer,
            201: OwnBallotSerializer,
            400: OpenApiResponse(
                INVALID.response,
                description=(
                    "Invalid input (code invalid), malformed JSON (code parse_error), no item "
                    "(code empty_ballot), more items than the round's K (too_many_items), an "
                    "item listed twice (repeated_item) or not of the round (unknown_item)."
                ),
            ),
            401: UNAUTHENTICATED,
            403: OpenApiResponse(
                FORBIDDEN.response,
                description=(
                    "Session cookie without a valid CSRF token (code permission_denied), or "
                    "you may not vote in this round: it takes groups only, or only the "
                    "confirmed registrants of its event (code forbidden)."
                ),
            ),
            404: NOT_FOUND,
            409: error_response(
                "The round is not open yet (code not_yet_open) or has closed (code closed)."
            ),
            429: error_response("Too many ballots saved in a short while (code rate_limited)."),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        round_ = self._round(slug)
        data = BallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_cast(
            round_=round_,
            voter=signed_in(request),
            identifiers=list(data.validated_data["items"]),
            address=client_address(request),
        )
        return Response(
            _data(round_, ballot),
            status=status.HTTP_201_CREATED if ballot.version == 1 else status.HTTP_200_OK,
        )
