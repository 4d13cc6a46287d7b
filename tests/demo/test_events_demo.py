from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from convene.accounts.models import User
from convene.demo.events import GLOBAL_CONVERSATIONS_LANGUAGES, ORGANIZER_EMAIL, PASSWORD
from convene.events import rules
from convene.events.models import (
    Event,
    LightningTalk,
    Registration,
    RegistrationQuestion,
    Session,
)

pytestmark = pytest.mark.django_db

EVENT_SLUGS = {
    "global-conversations-2020",
    "global-conversations-implementation-2020",
    "movement-charter-ama-2022",
    "movement-charter-conversation-hours",
    "hubs-dialogue-open-space",
}


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def starts(slug):
    return list(
        Session.objects.filter(event__slug=slug)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )


def test_loading_twice_creates_everything_once():
    first = load_demo()
    second = load_demo()

    # The demo open spaces (tests/demo/test_openspace_demo.py) are events of their own.
    events = Event.objects.exclude(open_space__isnull=False)
    assert set(events.values_list("slug", flat=True)) == EVENT_SLUGS
    assert events.count() == 5
    assert Session.objects.filter(event__in=events).count() == 12
    assert User.objects.count() == 11
    assert Registration.objects.filter(session__event__in=events).count() == 42
    assert RegistrationQuestion.objects.count() == 5
    assert LightningTalk.objects.count() == 7
    assert first.count(" created") == 11 + 5
    assert " created" not in second
    assert second.count("already there") == 5
    assert PASSWORD in second


def test_movement_charter_ama_asia_pacific_edition():
    load_demo()

    apac = Session.objects.get(
        event__slug="movement-charter-ama-2022", title="Asia-Pacific edition"
    )
    assert apac.starts_at == datetime(2022, 11, 4, 9, tzinfo=UTC)
    assert apac.ends_at == datetime(2022, 11, 4, 10, 30, tzinfo=UTC)
    assert apac.meeting_url == "https://meet.example.org/mc-ama-apac"
    assert apac.event.link_reveal_hours == 48
    assert starts("movement-charter-ama-2022") == [
        datetime(2022, 11, 4, 9, tzinfo=UTC),
        datetime(2022, 11, 5, 15, tzinfo=UTC),
        datetime(2022, 11, 6, 17, tzinfo=UTC),
    ]


def test_global_conversations_dates_and_interpretation():
    load_demo()

    assert starts("global-conversations-2020") == [
        datetime(2020, 11, 21, 13, tzinfo=UTC),
        datetime(2020, 11, 22, 13, tzinfo=UTC),
    ]
    assert starts("global-conversations-implementation-2020") == [
        datetime(2020, 12, 5, 13, tzinfo=UTC),
        datetime(2020, 12, 6, 13, tzinfo=UTC),
    ]
    implementation = Event.objects.get(slug="global-conversations-implementation-2020")
    assert implementation.registration_closes_at == datetime(2020, 12, 4, 23, 59, tzinfo=UTC)
    sessions = Session.objects.filter(event__slug__startswith="global-conversations")
    assert [s.interpretation_languages for s in sessions] == [
        ["ar", "zh-hans", "fr", "de", "id", "ru", "es"]
    ] * 4
    assert GLOBAL_CONVERSATIONS_LANGUAGES == ["ar", "zh-hans", "fr", "de", "id", "ru", "es"]
    assert {s.agenda for s in sessions[:2]} == {"prioritization"}
    assert list(
        LightningTalk.objects.filter(session__event=implementation)
        .values_list("status", flat=True)
        .order_by("status")
        .distinct()
    ) == ["accepted", "declined"]


def test_every_counter_matches_the_confirmed_registrations():
    load_demo()
    load_demo()

    sessions = Session.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    assert [(s.pk, s.confirmed_count) for s in sessions] == [(s.pk, s.confirmed) for s in sessions]
    assert all(s.confirmed_count > 0 for s in sessions)


def test_the_demo_organizer_signs_in_and_organizes_everything(client):
    load_demo()

    assert client.login(email=ORGANIZER_EMAIL, password="convene-demo") is True
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    assert organizer.display_name == "Mehrdad (Support Team)"
    assert organizer.is_staff
    assert organizer.is_superuser
    assert list(organizer.groups.values_list("name", flat=True)) == ["Organizers"]
    assert set(organizer.groups.get().permissions.values_list("codename", flat=True)) == {
        "add_event",
        "change_event",
    }
    # The five events and the three demo open spaces.
    assert Event.objects.filter(is_published=True, organizers=organizer).count() == 8
    participant = User.objects.get(email="nile@example.org")
    assert participant.preferred_language == "ar"
    assert participant.timezone == "Africa/Cairo"
    assert client.login(email="nile@example.org", password="convene-demo") is True


def test_upcoming_sessions_are_open_with_a_full_one_and_a_revealed_link():
    load_demo()

    hours = Event.objects.get(slug="movement-charter-conversation-hours")
    upcoming = Session.objects.filter(event__slug__in=[hours.slug, "hubs-dialogue-open-space"])
    assert [rules.registration_state(s) for s in upcoming] == [rules.RegistrationState.OPEN] * 5

    full = hours.sessions.get(title="Sub-Saharan Africa")
    assert (full.capacity, full.confirmed_count) == (3, 3)
    assert list(full.registrations.values_list("user__email", "status")) == [
        ("harmattan@example.org", "confirmed"),
        ("lavande@example.org", "confirmed"),
        ("nile@example.org", "confirmed"),
        ("feldhase@example.org", "waitlisted"),
    ]

    revealed = hours.sessions.get(title="East, Southeast Asia and Pacific")
    registration = revealed.registrations.first()
    assert rules.can_see_join_link(registration, revealed)
    assert registration.join_link_sent_at is not None
    assert [
        rules.can_see_join_link(r, r.session)
        for r in Registration.objects.filter(session__in=upcoming).exclude(session=revealed)
    ] == [False] * 11

    questions = list(hours.questions.all())
    assert [q.kind for q in questions] == [
        "short_text",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "long_text",
    ]
    assert [q.is_sensitive for q in questions] == [False, False, False, False, True]
    kaveri = Registration.objects.get(session__event=hours, user__email="kaveri@example.org")
    assert kaveri.interpretation_language == "hi"
    assert kaveri.needs_childcare is True
    assert kaveri.answers[str(questions[3].pk)] == "yes"

    hubs = Session.objects.get(event__slug="hubs-dialogue-open-space")
    assert hubs.location_type == "hybrid"
    assert hubs.venue
    assert list(hubs.lightning_talks.values_list("status", flat=True)) == ["proposed"]


def test_reset_reloads_from_scratch():
    load_demo()
    before = set(Event.objects.values_list("pk", flat=True))

    load_demo("--reset")

    events = Event.objects.exclude(open_space__isnull=False)  # the open spaces are apart
    assert events.count() == 5
    assert Event.objects.count() == 5 + 3
    assert User.objects.count() == 11
    assert Registration.objects.filter(session__event__in=events).count() == 42
    assert before.isdisjoint(Event.objects.values_list("pk", flat=True))


def test_refused_on_a_production_site(settings):
    settings.DEBUG = False
    settings.TESTING = False

    with pytest.raises(CommandError, match="published password"):
        load_demo()

    assert User.objects.count() == 0


def test_the_movement_charter_hours_are_translated_by_people_with_one_field_outdated(client):
    from django.utils import translation

    from convene.events import translations
    from convene.events.models import ContentTranslation, Event

    call_command("load_demo", stdout=StringIO())
    event = Event.objects.get(slug="movement-charter-conversation-hours")
    progress = translations.event_progress(event=event, languages=["fr", "es", "ar", "de"])

    assert progress["fr"]["missing"] == progress["fr"]["outdated"] == 0
    assert progress["ar"]["missing"] == progress["ar"]["outdated"] == 0
    assert (progress["es"]["missing"], progress["es"]["outdated"]) == (0, 1)
    assert progress["de"]["up_to_date"] == 0
    assert not ContentTranslation.objects.filter(event=event, is_machine=True).exists()
    with translation.override("fr"):
        page = client.get(f"/fr/events/{event.slug}/").content.decode()
    assert "Heures de conversation régionales sur la Charte du Mouvement" in page
    assert "Afrique subsaharienne" in page
