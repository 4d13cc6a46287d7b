"""A person's ballot and a group's submission, as plain form controls that work without
JavaScript: a rank (a select) or a tick (a checkbox) per item for a person; for a group, a
numbered list of priorities, each an item chosen from a list grouped by heading, with its
reason. Each form checks what the service checks again, so a mistake is shown next to the
control that made it, in the reader's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from convene.core.lists import joined_text
from convene.events.models import Event

from ..models import Ballot, Round
from ..selectors_ballots import Heading, ItemShown

REASON_MAX_LENGTH = 500
MISSING_MAX_LENGTH = 5000


def item_field_name(identifier: str) -> str:
    return f"item-{identifier}"


class BallotForm(forms.Form):
    """Ranked rounds: a select per item, "—" or a rank from 1 to K; a rank is given once.
    Rounds without order: a checkbox per item, at most K ticked."""

    def __init__(
        self,
        *args: Any,
        round_: Round,
        headings: list[Heading],
        ranking: list[ItemShown] | None = None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {}
        for rank, item in enumerate(ranking or [], start=1):
            initial[item_field_name(item.identifier)] = rank if round_.is_ranked else True
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.round = round_
        self.headings = headings
        self.identifiers: list[str] = []
        choices = [("", "—"), *((rank, str(rank)) for rank in range(1, round_.max_items + 1))]
        for heading in headings:
            for item in heading.items:
                name = item_field_name(item.identifier)
                if round_.is_ranked:
                    self.fields[name] = forms.TypedChoiceField(
                        label=item.title,
                        choices=choices,
                        coerce=int,
                        empty_value=None,
                        required=False,
                    )
                else:
                    self.fields[name] = forms.BooleanField(label=item.title, required=False)

    def rows(self) -> list[tuple[Heading, list[tuple[ItemShown, forms.BoundField]]]]:
        """Each heading with its items and their controls, for the template."""
        return [
            (heading, [(item, self[item_field_name(item.identifier)]) for item in heading.items])
            for heading in self.headings
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        items = [item for heading in self.headings for item in heading.items]
        chosen = [(item, data.get(item_field_name(item.identifier))) for item in items]
        if self.round.is_ranked:
            ranked = [(rank, item) for item, rank in chosen if rank]
            by_rank: dict[int, list[ItemShown]] = {}
            for rank, item in ranked:
                by_rank.setdefault(rank, []).append(item)
            for rank, same in sorted(by_rank.items()):
                if len(same) > 1:
                    for item in same:
                        self.add_error(
                            item_field_name(item.identifier),
                            _("Rank %(rank)s is given to %(items)s: give each rank once.")
                            % {"rank": rank, "items": joined_text([i.title for i in same])},
                        )
            ranked.sort(key=lambda pair: (pair[0], pair[1].item.position, pair[1].pk))
            self.identifiers = [item.identifier for _rank, item in ranked]
        else:
            self.identifiers = [item.identifier for item, ticked in chosen if ticked]
        if self.errors:
            return data
        if not self.identifiers:
            raise forms.ValidationError(_("Choose at least one item."), code="empty_ballot")
        if len(self.identifiers) > self.round.max_items:
            raise forms.ValidationError(
                ngettext(
                    "A ballot lists at most %(count)d item.",
                    "A ballot lists at most %(count)d items.",
                    self.round.max_items,
                )
                % {"count": self.round.max_items},
                code="too_many_items",
            )
        return data


class GroupSubmissionForm(forms.Form):
    """A group's priorities in order (K numbered choices, each an item picked from a list
    grouped by heading, with a short reason), how it discussed them, and what is missing."""

    participants = forms.IntegerField(
        label=gettext_lazy("How many people took part"),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    discussion_place = forms.CharField(
        label=gettext_lazy("Where"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. the village pump of Swahili Wikipedia, or a meetup in Accra."),
    )
    discussion_when = forms.CharField(
        label=gettext_lazy("When"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("E.g. 2 to 16 November 2020."),
    )
    notes_url = forms.URLField(
        label=gettext_lazy("Link to the notes of the discussion"),
        max_length=200,
        required=False,
        assume_scheme="https",
    )
    event = forms.ModelChoiceField(
        label=gettext_lazy("Or an event of Convene where you discussed"),
        queryset=Event.objects.none(),
        required=False,
    )
    missing = forms.CharField(
        label=gettext_lazy("What is missing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MISSING_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy("What your group thinks the list leaves out."),
    )

    def __init__(
        self,
        *args: Any,
        round_: Round,
        headings: list[Heading],
        ballot: Ballot | None = None,
        ranking: list[ItemShown] | None = None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {}
        if ballot is not None:
            for number, item in enumerate(ranking or [], start=1):
                initial[f"priority_{number}"] = item.identifier
                initial[f"reason_{number}"] = ballot.reasons.get(item.identifier, "")
            initial.update(
                participants=ballot.participants,
                discussion_place=ballot.discussion_place,
                discussion_when=ballot.discussion_when,
                notes_url=ballot.notes_url,
                event=ballot.event_id,
                missing=ballot.missing,
            )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.round = round_
        self.identifiers: list[str] = []
        self.reasons: dict[str, str] = {}
        self.fields["event"].queryset = Event.objects.published().order_by("title", "pk")  # type: ignore[attr-defined]
        choices: list[Any] = [("", "—")]
        for heading in headings:
            options = [(item.identifier, item.title) for item in heading.items]
            if heading.name:
                choices.append((heading.name, options))
            else:
                choices.extend(options)
        self.slots = list(range(1, round_.max_items + 1))
        for number in self.slots:
            self.fields[f"priority_{number}"] = forms.ChoiceField(
                label=_("Priority %(number)s") % {"number": number},
                choices=choices,
                required=False,
            )
            self.fields[f"reason_{number}"] = forms.CharField(
                label=_("Why, for priority %(number)s") % {"number": number},
                max_length=REASON_MAX_LENGTH,
                required=False,
            )

    def priority_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (number, self[f"priority_{number}"], self[f"reason_{number}"]) for number in self.slots
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[str, int] = {}
        for number in self.slots:
            identifier = data.get(f"priority_{number}") or ""
            reason = (data.get(f"reason_{number}") or "").strip()
            if not identifier:
                if reason:
                    self.add_error(f"priority_{number}", _("Choose the item this reason is for."))
                continue
            if identifier in seen:
                self.add_error(
                    f"priority_{number}",
                    _("This item is already priority %(number)s; choose each item once.")
                    % {"number": seen[identifier]},
                )
                continue
            seen[identifier] = number
            self.identifiers.append(identifier)
            if reason:
                self.reasons[identifier] = reason
        if not self.errors and not self.identifiers:
            raise forms.ValidationError(_("Choose at least one item."), code="empty_ballot")
        return data
