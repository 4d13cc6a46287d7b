"""A row of the registry and an entry of a history are shared pieces: each keyed by exactly
what its template shows."""

from datetime import UTC, date, datetime, timedelta

from convene.accounts.models import User
from convene.organizations.models import HistoryEntry, Organization
from convene.organizations.rendering import HISTORY_ENTRY, ROW
from tests.core.test_piece_keys import changed, template_reads, undeclared


def row() -> dict:
    organization = Organization(
        pk=1,
        slug="wmde",
        name="Wikimedia Deutschland",
        code="WMDE",
        region="europe",
        status="recognized",
        status_since=datetime(2020, 1, 1, tzinfo=UTC),
        recognized_on=date(2004, 6, 13),
        provisional_until=date(2005, 6, 13),
        derecognized_on=date(2030, 1, 1),
        compliance_level=2,
        is_sample=True,
        mission="Not on the row.",
    )
    organization.shown_name = "Wikimédia Allemagne"  # type: ignore[attr-defined]
    organization.shown_language = "fr"  # type: ignore[attr-defined]
    organization.model_name = "Chapitre"  # type: ignore[attr-defined]
    organization.countries_text = "Allemagne"  # type: ignore[attr-defined]
    return {"organization": organization}


def test_the_row_reads_nothing_its_key_is_not_made_of():
    reads = set()
    for status in ("recognized", "suspended", "derecognized", "withdrawn", "applying"):
        context = row()
        context["organization"].status = status
        reads |= template_reads(ROW, context)

    assert "organization.status_since" in reads and "organization.derecognized_on" in reads
    assert undeclared(ROW, reads) == set()


def test_each_field_a_row_shows_makes_a_new_key():
    key = ROW.key(row())
    for path in ROW.shows:
        context = row()
        organization = context["organization"]
        name = path.removeprefix("organization.")
        value = getattr(organization, name)
        new = value + timedelta(days=1) if type(value) is date else changed(value)
        setattr(organization, name, new)
        assert ROW.key(context) != key, path


def test_what_a_row_does_not_show_keeps_its_key():
    context = row()
    key = ROW.key(context)
    context["organization"].mission = "Edited, but not on the row."
    assert ROW.key(context) == key


def entry(sees_private: bool = True) -> dict:
    made = HistoryEntry(
        pk=5,
        kind="recognized",
        at=datetime(2024, 1, 1, 9, 30, tzinfo=UTC),
        public_note="Welcome.",
        private_note="Unanimous.",
        actor=User(pk=3, display_name="Clerk"),
        from_status="applying",
    )
    made.kind_label = "Reconnue"  # type: ignore[attr-defined]
    return {"entry": made, "sees_private": sees_private}


def test_the_history_entry_reads_nothing_its_key_is_not_made_of():
    reads = template_reads(HISTORY_ENTRY, entry())

    assert "entry.private_note" in reads and "entry.actor.display_name" in reads
    assert undeclared(HISTORY_ENTRY, reads) == set()


def test_each_field_an_entry_shows_makes_a_new_key():
    key = HISTORY_ENTRY.key(entry())
    for path in HISTORY_ENTRY.shows:
        context = entry()
        *names, last = path.split(".")
        holder = context
        for name in names:
            holder = holder[name] if isinstance(holder, dict) else getattr(holder, name)
        if isinstance(holder, dict):
            holder[last] = changed(holder[last])
        else:
            setattr(holder, last, changed(getattr(holder, last)))
        assert HISTORY_ENTRY.key(context) != key, path


def test_readers_who_see_the_same_of_an_entry_share_it():
    context = entry(sees_private=False)
    key = HISTORY_ENTRY.key(context)
    context["entry"].from_status = "suspended"  # not shown
    assert HISTORY_ENTRY.key(context) == key
    assert "Unanimous." not in HISTORY_ENTRY.render(entry(sees_private=False))
    assert "Unanimous." in HISTORY_ENTRY.render(entry(sees_private=True))
