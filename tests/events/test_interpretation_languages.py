"""Interpretation can be offered into any language, each named in its own language."""

import pytest

from convene.events.forms import RegistrationForm, SessionForm

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Day 1",
    "timezone": "UTC",
    "starts_at": "2030-03-01T10:00",
    "ends_at": "2030-03-01T12:00",
    "capacity": "50",
    "location_type": "online",
    "meeting_url": "https://meet.example.org/room",
}


def test_common_and_other_languages_are_offered_together():
    event = EventFactory()
    form = SessionForm(
        {**DATA, "interpretation_languages": ["fr"], "more_interpretation_languages": ["sw", "yo"]},
        event=event,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["interpretation_languages"] == ["fr", "sw", "yo"]


def test_an_unknown_language_code_is_refused_with_a_message():
    form = SessionForm({**DATA, "more_interpretation_languages": ["xx"]}, event=EventFactory())

    assert not form.is_valid()
    assert form.errors["more_interpretation_languages"] == [
        "Select a valid choice. xx is not one of the available choices."
    ]


def test_the_languages_are_named_in_their_own_language_and_split_when_edited():
    session = SessionFactory(interpretation_languages=["ar", "sw"])
    form = SessionForm(instance=session, event=session.event)

    assert form.initial["interpretation_languages"] == ["ar"]
    assert form.initial["more_interpretation_languages"] == ["sw"]
    assert ("ar", "العربية") in form.fields["interpretation_languages"].choices
    assert ("sw", "Kiswahili") in form.fields["more_interpretation_languages"].choices


def test_registrants_choose_among_the_sessions_languages_named_in_their_own():
    session = SessionFactory(interpretation_languages=["sw", "fr"])
    form = RegistrationForm(session=session, questions=[])

    assert form.fields["interpretation_language"].choices[1:] == [
        ("sw", "Kiswahili"),
        ("fr", "Français"),
    ]
