"""Event pages, for organizers, registrants, other users and anonymous visitors."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from convene.events import services
from convene.events.models import Event, LightningTalk, Registration, RegistrationQuestion, Session
from convene.events.selectors import Figure, NeedsSummary
from tests.factories import UserFactory

from .factories import (
    EventFactory,
    QuestionFactory,
    SessionFactory,
    TalkFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/secret-room-42"


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], title="Global Conversations", slug="gc")


@pytest.fixture
def session(event):
    return SessionFactory(event=event, title="Day 1", capacity=2, starts_at=in_days(10))


def url(name, *args):
    return reverse(f"events:{name}", args=args)


def register(session, user, **needs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            session=session, user=user, needs=services.Needs(**needs), accepted_code_of_conduct=True
        )


# --- lists and pages -----------------------------------------------------


def test_event_list_shows_upcoming_and_past_published_events(client):
    EventFactory(title="Future talk", slug="future")
    SessionFactory(event=Event.objects.get(slug="future"), starts_at=in_days(5))
    past = EventFactory(title="Old talk", slug="old")
    SessionFactory(event=past, starts_at=in_days(-30), ends_at=in_days(-30) + timedelta(hours=1))
    EventFactory(title="Secret draft", slug="draft", is_published=False)

    response = client.get("/en/events/")

    assert response.status_code == 200
    assert [e.slug for e in response.context["upcoming"]] == ["future"]
    assert [e.slug for e in response.context["past"]] == ["old"]
    assert "Secret draft" not in response.text


def test_draft_event_is_404_for_others_and_visible_to_its_organizers(client, organizer):
    draft = EventFactory(slug="draft", is_published=False, organizers=[organizer])

    assert client.get(url("detail", draft.slug)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url("detail", draft.slug)).status_code == 404
    client.force_login(organizer)
    assert client.get(url("detail", draft.slug)).status_code == 200


def test_event_page_shows_times_in_viewer_zone_with_organizer_time(client, event):
    event_session = SessionFactory(
        event=event,
        title="Evening",
        timezone="Europe/Paris",
        starts_at=datetime(2030, 9, 20, 16, 0, tzinfo=UTC),
        ends_at=datetime(2030, 9, 20, 18, 0, tzinfo=UTC),
    )
    client.cookies["convene_tz"] = "Asia/Jakarta"

    response = client.get(url("detail", event.slug))

    assert response.status_code == 200
    text = response.text
    assert (
        '<time datetime="2030-09-20T16:00:00Z">Fri, Sep 20, 2030, 23:00</time>–'
        '<time datetime="2030-09-20T18:00:00Z">Sat, Sep 21, 2030, 01:00</time> '
        '<span class="tz">GMT+07:00</span>'
    ) in text
    assert "Organizers&#x27; time: Fri, Sep 20, 2030, 18:00–20:00 GMT+02:00 (France Time)" in text
    assert event_session.title in text


def test_event_page_query_count_is_constant_in_registrations(
    client, event, django_assert_max_num_queries
):
    # the organizations hosting the event count one
    sessions = [SessionFactory(event=event, capacity=500) for _ in range(3)]
    client.force_login(UserFactory())
    for s in sessions:
        for _ in range(3):
            register(s, UserFactory())
    with django_assert_max_num_queries(9):
        client.get(url("detail", event.slug))
    for s in sessions:
        for _ in range(20):
            register(s, UserFactory())
    with django_assert_max_num_queries(9):
        assert client.get(url("detail", event.slug)).status_code == 200


def test_event_list_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        SessionFactory()
    with django_assert_max_num_queries(5):
        client.get("/en/events/")
    for _ in range(20):
        SessionFactory()
    with django_assert_max_num_queries(5):
        assert client.get("/en/events/").status_code == 200


# --- registration --------------------------------------------------------


def test_anonymous_register_redirects_to_login(client, session):
    response = client.get(url("register", "gc", session.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_register_with_needs_and_answers(client, session):
    question = QuestionFactory(
        event=session.event, kind="multiple_choice", choices=["Hubs", "Charter"]
    )
    user = UserFactory(email="amina@example.org")
    client.force_login(user)

    form = client.get(url("register", "gc", session.pk))
    assert form.status_code == 200
    assert "Do you need interpretation?" in form.text

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url("register", "gc", session.pk),
            {
                "interpretation_language": "fr",
                "needs_data_support": "on",
                "accessibility_needs": "Captions",
                f"q_{question.pk}": ["Charter"],
                "accept_code_of_conduct": "on",
            },
        )

    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert (
        registration.status,
        registration.interpretation_language,
        registration.needs_data_support,
    ) == (
        "confirmed",
        "fr",
        True,
    )
    assert registration.answers == {str(question.pk): ["Charter"]}
    assert mail.outbox[0].to == ["amina@example.org"]


def test_register_page_escapes_what_organizers_wrote_in_questions(client, session):
    QuestionFactory(
        event=session.event,
        kind="single_choice",
        label="<b>Label</b>",
        help_text='<img src=x onerror="alert(1)">',
        choices=["<i>One</i>", "Two"],
    )
    client.force_login(UserFactory())

    page = client.get(url("register", "gc", session.pk)).text

    assert '<img src=x onerror="alert(1)">' not in page
    # Escaped, and isolated in their own direction, in the language they are written in.
    assert '<bdi lang="en">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</bdi>' in page
    assert "<b>Label</b>" not in page and '<bdi lang="en">&lt;b&gt;Label&lt;/b&gt;</bdi>' in page
    assert "<i>One</i>" not in page and '<bdi lang="en">&lt;i&gt;One&lt;/i&gt;</bdi>' in page


def test_register_without_code_of_conduct_shows_error_and_changes_nothing(client, session):
    client.force_login(UserFactory())

    response = client.post(url("register", "gc", session.pk), {"interpretation_language": "fr"})

    assert response.status_code == 400
    assert "Please accept the code of conduct to register." in response.text
    assert Registration.objects.count() == 0


def test_register_with_oversized_answer_is_refused(client, session):
    client.force_login(UserFactory())

    response = client.post(
        url("register", "gc", session.pk),
        {"accessibility_needs": "x" * 1001, "accept_code_of_conduct": "on"},
    )

    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters (it has 1001)." in response.text
    assert Registration.objects.count() == 0


def test_register_with_unknown_interpretation_language_is_refused(client, session):
    client.force_login(UserFactory())

    response = client.post(
        url("register", "gc", session.pk),
        {"interpretation_language": "xx", "accept_code_of_conduct": "on"},
    )

    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_register_after_deadline_says_closed(client, session):
    Event.objects.filter(pk=session.event_id).update(registration_closes_at=in_days(-1))
    client.force_login(UserFactory())

    response = client.post(url("register", "gc", session.pk), {"accept_code_of_conduct": "on"})

    assert response.status_code == 409
    assert "Registration for this event has closed." in response.text
    assert Registration.objects.count() == 0


def test_register_for_started_session_says_started(client, event):
    started = SessionFactory(event=event, starts_at=in_days(-0.01), ends_at=in_days(0.1))
    client.force_login(UserFactory())

    response = client.post(url("register", "gc", started.pk), {"accept_code_of_conduct": "on"})

    assert response.status_code == 409
    assert "This session has already started; registration is closed." in response.text


def test_second_registration_redirects_with_message(client, session):
    user = UserFactory()
    register(session, user)
    client.force_login(user)

    response = client.post(
        url("register", "gc", session.pk), {"accept_code_of_conduct": "on"}, follow=True
    )

    assert "You are already registered for this session." in response.text
    assert Registration.objects.filter(user=user).count() == 1


def test_register_in_arabic_shows_arabic_direction(client, session):
    client.force_login(UserFactory())
    response = client.get(f"/ar/events/gc/sessions/{session.pk}/register/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text


def test_forged_csrf_token_is_refused_with_a_clear_page(session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(
        url("register", "gc", session.pk),
        {"accept_code_of_conduct": "on", "csrfmiddlewaretoken": "forged"},
    )

    assert response.status_code == 403
    assert "This form could not be accepted" in response.text
    assert Registration.objects.count() == 0


def test_cancel_confirmation_and_cancel(client, session):
    user = UserFactory()
    register(session, user)
    client.force_login(user)

    assert client.get(url("cancel", "gc", session.pk)).status_code == 200
    response = client.post(url("cancel", "gc", session.pk))

    assert response.status_code == 302
    assert Registration.objects.get(user=user).status == "cancelled"
    assert Session.objects.get(pk=session.pk).confirmed_count == 0


def test_cancel_of_a_past_session_is_refused_with_a_message(client, session):
    user = UserFactory()
    register(session, user)
    client.force_login(user)

    with time_machine.travel(session.ends_at + timedelta(days=1)):
        page = client.get(url("session", "gc", session.pk))
        response = client.post(url("cancel", "gc", session.pk), follow=True)

    assert "Cancel my registration" not in page.text
    assert [str(m) for m in response.context["messages"]] == [
        "This session has started: its registrations can no longer be cancelled."
    ]
    assert Registration.objects.get(user=user).status == "confirmed"
    assert Session.objects.get(pk=session.pk).confirmed_count == 1


# --- the join link on the page -------------------------------------------


def test_join_link_on_page_only_for_confirmed_after_reveal(client, session):
    confirmed, waiting, other = UserFactory(), UserFactory(), UserFactory()
    register(session, confirmed)
    register(session, UserFactory())
    register(session, waiting)
    page = url("session", "gc", session.pk)
    reveal = session.starts_at - timedelta(hours=48)

    with time_machine.travel(reveal - timedelta(seconds=1), tick=False):
        client.force_login(confirmed)
        before = client.get(page).text
    assert LINK not in before
    assert "The join link will appear here" in before

    with time_machine.travel(reveal, tick=False):
        for user, sees in ((confirmed, True), (waiting, False), (other, False)):
            client.force_login(user)
            assert (LINK in client.get(page).text) is sees
        client.logout()
        assert LINK not in client.get(page).text
        assert LINK not in client.get(url("detail", "gc")).text
        assert LINK.encode() not in client.get(url("session_ics", "gc", session.pk)).content


# --- calendar ------------------------------------------------------------


def test_session_ics_is_valid_icalendar(client, session):
    from icalendar import Calendar

    response = client.get(url("session_ics", "gc", session.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == session.starts_at
    assert str(events[0]["summary"]) == "Global Conversations: Day 1"


def test_personal_feed_lists_registered_sessions_only(client, event, session):
    from icalendar import Calendar

    user = UserFactory()
    register(session, user)
    SessionFactory(event=event, title="Not mine")

    response = client.get(reverse("calendar_feed", args=[user.calendar_token]))

    assert response.status_code == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Global Conversations: Day 1"]
    assert client.get(reverse("calendar_feed", args=["wrong"])).status_code == 404


def test_personal_feed_is_in_the_persons_language(client, session):
    from icalendar import Calendar

    user = UserFactory(preferred_language="fr")
    register(session, user)

    feed = Calendar.from_ical(
        client.get(reverse("calendar_feed", args=[user.calendar_token])).content
    )

    (entry,) = feed.walk("VEVENT")
    assert str(feed["X-WR-CALNAME"]) == "Convene\u00a0: vos séances"
    assert str(entry["url"]) == f"http://127.0.0.1:8000/fr/events/gc/sessions/{session.pk}/"


def test_my_sessions_page(client, session):
    user = UserFactory()
    register(session, user)
    client.force_login(user)

    response = client.get(url("mine"))

    assert response.status_code == 200
    assert user.calendar_token in response.text
    assert "Day 1" in response.text


# --- organizers ------------------------------------------------------------


def test_create_event_needs_permission(client):
    client.force_login(UserFactory())
    assert client.get(url("create")).status_code == 403


def test_organizer_creates_event_and_session_in_organizer_time_zone(client):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    client.force_login(user)

    response = client.post(
        url("create"),
        {
            "title": "Viral Open Space",
            "slug": "vos",
            "timezone": "Europe/Paris",
            "language": "fr",
            "link_reveal_hours": "48",
            "reminder_hours": "24",
            "code_of_conduct_url": "https://example.org/coc",
            "sensitive_data_retention_days": "30",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="vos")
    assert list(event.organizers.all()) == [user]
    assert (event.language, event.reminder_hours) == ("fr", 24)

    response = client.post(
        url("session_create", "vos"),
        {
            "title": "Process design",
            "timezone": "Europe/Paris",
            "starts_at": "2030-09-20T18:00",
            "ends_at": "2030-09-20T20:00",
            "capacity": "100",
            "interpretation_languages": ["fr", "es"],
            "location_type": "online",
            "meeting_url": "https://meet.example.org/vos",
        },
    )
    assert response.status_code == 302
    created = Session.objects.get(event=event)
    assert created.starts_at == datetime(2030, 9, 20, 16, 0, tzinfo=UTC)
    assert created.interpretation_languages == ["fr", "es"]


def test_session_time_that_does_not_exist_is_refused(client, event, organizer):
    client.force_login(organizer)

    response = client.post(
        url("session_create", "gc"),
        {
            "title": "Spring forward",
            "timezone": "Europe/Paris",
            "starts_at": "2030-03-31T02:30",
            "ends_at": "2030-03-31T04:00",
            "capacity": "10",
            "location_type": "online",
            "meeting_url": "https://meet.example.org/x",
        },
    )

    assert response.status_code == 400
    assert "2030-03-31 02:30 does not exist in Europe/Paris" in response.text
    assert Session.objects.filter(event=event).count() == 0


def test_session_form_with_unknown_time_zone_is_refused(client, event, organizer):
    client.force_login(organizer)

    response = client.post(
        url("session_create", "gc"),
        {
            "title": "X",
            "timezone": "Mars/Olympus",
            "starts_at": "2030-01-01T10:00",
            "ends_at": "2030-01-01T11:00",
            "capacity": "10",
            "location_type": "online",
            "meeting_url": "https://meet.example.org/x",
        },
    )

    assert response.status_code == 400
    assert "is not a time zone we know" in response.text


def test_edit_session_shows_times_in_its_zone_and_refuses_capacity_below_confirmed(
    client, organizer, event
):
    session = SessionFactory(
        event=event,
        capacity=2,
        timezone="Asia/Kolkata",
        starts_at=datetime(2030, 1, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 1, 10, 0, tzinfo=UTC),
    )
    register(session, UserFactory())
    register(session, UserFactory())
    client.force_login(organizer)

    page = client.get(url("session_edit", "gc", session.pk))
    assert 'value="2030-01-01T14:30"' in page.text

    response = client.post(
        url("session_edit", "gc", session.pk),
        {
            "title": "Day 1",
            "timezone": "Asia/Kolkata",
            "starts_at": "2030-01-01T14:30",
            "ends_at": "2030-01-01T15:30",
            "capacity": "1",
            "location_type": "online",
            "meeting_url": LINK,
        },
    )
    assert response.status_code == 400
    assert (
        "2 people are already confirmed; the capacity cannot be lower than that. "
        "Cancel registrations first."
    ) in response.text
    assert Session.objects.get(pk=session.pk).capacity == 2


@pytest.mark.parametrize("who", ["anonymous", "other", "registrant"])
def test_organizer_pages_are_refused_to_others(client, session, who):
    if who != "anonymous":
        user = UserFactory()
        if who == "registrant":
            register(session, user)
        client.force_login(user)
    pages = [
        url("edit", "gc"),
        url("questions", "gc"),
        url("session_create", "gc"),
        url("session_edit", "gc", session.pk),
        url("manage", "gc", session.pk),
        url("registrations_csv", "gc", session.pk),
    ]
    for page in pages:
        response = client.get(page)
        if who == "anonymous":
            assert response.status_code == 302, page
        else:
            assert response.status_code == 403, page


def test_organizer_view_summarizes_needs_and_searches(
    client, organizer, session, django_assert_max_num_queries
):
    register(
        session,
        UserFactory(display_name="Amina", timezone="Africa/Cairo"),
        interpretation_language="ar",
        childcare=True,
    )
    register(session, UserFactory(display_name="Budi", timezone="Asia/Jakarta"), data_support=True)
    register(
        session, UserFactory(display_name="Chen", timezone="Asia/Jakarta"), accessibility="Captions"
    )
    client.force_login(organizer)

    with django_assert_max_num_queries(15):
        response = client.get(url("manage", "gc", session.pk))

    assert response.status_code == 200
    assert response.context["summary"] == NeedsSummary(
        registrants=Figure(confirmed=2, waiting=1),
        data_support=Figure(confirmed=1),
        childcare=Figure(confirmed=1),
        accessibility=Figure(waiting=1),
        interpretation={"ar": Figure(confirmed=1)},
    )
    assert [row[:2] for row in response.context["spread"]] == [("UTC+02:00", 1), ("UTC+07:00", 2)]
    assert response.context["counts"] == {"confirmed": 2, "waitlisted": 1, "cancelled": 0}

    found = client.get(url("manage", "gc", session.pk), {"q": "budi"})
    assert [r.user.display_name for r in found.context["page"]] == ["Budi"]
    waiting = client.get(url("manage", "gc", session.pk), {"status": "waitlisted"})
    assert [r.user.display_name for r in waiting.context["page"]] == ["Chen"]


def test_csv_export(client, organizer, session):
    question = QuestionFactory(event=session.event, label="Community")
    register(
        session,
        UserFactory(display_name="=HYPERLINK(1)", email="a@example.org", timezone="Asia/Jakarta"),
        interpretation_language="ar",
        answers={str(question.pk): "WM ID"},
    )
    client.force_login(organizer)

    response = client.get(url("registrations_csv", "gc", session.pk))

    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Name,Email,Status,Registered (UTC),Time zone,Interpretation,Internet data support,Childcare,"
        "Accessibility support,Community"
    )
    assert lines[1].startswith("'=HYPERLINK(1),a@example.org,confirmed,")
    assert lines[1].endswith(",Asia/Jakarta,ar,no,no,,WM ID")


def test_csv_export_guards_every_cell_against_formulas(client, organizer, session):
    question = QuestionFactory(event=session.event, label="@SUM(A1:A9)")
    register(
        session,
        UserFactory(display_name="Ana", email="=cmd@example.org", timezone="Asia/Jakarta"),
        answers={str(question.pk): "+1 555"},
    )
    client.force_login(organizer)

    lines = client.get(url("registrations_csv", "gc", session.pk)).content.decode("utf-8-sig")

    header, row = lines.splitlines()
    assert header.endswith(",Accessibility support,'@SUM(A1:A9)")
    assert row.startswith("Ana,'=cmd@example.org,confirmed,")
    assert row.endswith(",Asia/Jakarta,,no,no,,'+1 555")


def test_questions_add_edit_delete(client, organizer, event):
    client.force_login(organizer)

    response = client.post(
        url("questions", "gc"),
        {
            "label": "Topics",
            "kind": "multiple_choice",
            "choices_text": "Hubs\nCharter",
            "position": "1",
        },
    )
    assert response.status_code == 302
    question = RegistrationQuestion.objects.get()
    assert question.choices == ["Hubs", "Charter"]

    bad = client.post(
        url("questions", "gc"), {"label": "One", "kind": "single_choice", "choices_text": "Only"}
    )
    assert bad.status_code == 400
    assert "Give at least two choices, one per line." in bad.text

    client.post(url("question_edit", "gc", question.pk), {"delete": "1"})
    assert RegistrationQuestion.objects.count() == 0


# --- lightning talks -------------------------------------------------------


def test_only_registered_people_propose_talks(client, session):
    client.force_login(UserFactory())
    assert client.get(url("talk_propose", "gc", session.pk)).status_code == 403


def test_talk_proposal_accept_and_running_order(client, organizer, session):
    speaker = UserFactory(display_name="Ravi")
    register(session, speaker)
    client.force_login(speaker)
    response = client.post(
        url("talk_propose", "gc", session.pk),
        {
            "title": "Hubs for South Asia",
            "abstract": "Why and how.",
            "language": "hi",
            "duration_minutes": "5",
        },
    )
    assert response.status_code == 302
    too_long = client.post(
        url("talk_propose", "gc", session.pk),
        {"title": "Long", "abstract": "x", "language": "en", "duration_minutes": "6"},
    )
    assert too_long.status_code == 400
    talk = LightningTalk.objects.get()
    other = TalkFactory(session=session, title="Second talk")

    client.force_login(speaker)
    assert (
        client.post(url("talk_decide", "gc", session.pk, talk.pk), {"action": "accept"}).status_code
        == 403
    )

    client.force_login(organizer)
    client.post(url("talk_decide", "gc", session.pk, talk.pk), {"action": "accept"})
    client.post(url("talk_decide", "gc", session.pk, other.pk), {"action": "accept"})
    client.post(url("talk_decide", "gc", session.pk, other.pk), {"action": "up"})

    page = client.get(url("session", "gc", session.pk))
    assert [t.title for t in page.context["talks"]] == ["Second talk", "Hubs for South Asia"]


def test_deleted_speaker_is_shown_as_deleted_user(client, session):
    TalkFactory(session=session, speaker=None, status="accepted", position=1)
    response = client.get(url("session", "gc", session.pk))
    assert "deleted user" in response.text


# --- time zone choice ------------------------------------------------------


def test_choose_time_zone_without_javascript(client):
    response = client.post("/en/timezone/", {"timezone": "America/Bogota", "next": "/en/events/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/events/"
    assert response.cookies["convene_tz"].value == "America/Bogota"


def test_time_zone_cookie_is_secure_under_https(client, settings):
    settings.TIMEZONE_COOKIE_SECURE = True

    response = client.post("/en/timezone/", {"timezone": "America/Bogota"})

    assert response.cookies["convene_tz"]["secure"] is True


def test_unknown_time_zone_is_refused_with_message(client):
    response = client.post("/en/timezone/", {"timezone": "Mars/Olympus"})
    assert response.status_code == 400
    assert "“Mars/Olympus” is not a time zone we know." in response.text
    assert "convene_tz" not in response.cookies


def test_signed_in_time_zone_choice_is_saved_to_profile(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/timezone/", {"timezone": "Asia/Kolkata"})
    user.refresh_from_db()
    assert user.timezone == "Asia/Kolkata"


def test_browser_detected_time_zone_cookie_is_used_even_url_encoded(client, event):
    SessionFactory(
        event=event,
        starts_at=datetime(2030, 1, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(2030, 1, 1, 10, 0, tzinfo=UTC),
    )
    client.cookies["convene_tz"] = "Asia%2FCalcutta"

    response = client.get(url("detail", event.slug))

    assert response.context["viewer_timezone"] == "Asia/Kolkata"
    assert "Tue, Jan 1, 2030, 14:30" in response.text


def test_session_page_lists_interpretation_languages(client, session):
    response = client.get(url("session", "gc", session.pk))
    assert "<dt>Interpretation</dt><dd>Arabic, French, and Spanish</dd>" in response.text


def test_new_session_form_starts_in_the_events_time_zone(client, organizer):
    EventFactory(slug="kolkata", organizers=[organizer], timezone="Asia/Kolkata")
    client.force_login(organizer)

    response = client.get(url("session_create", "kolkata"))

    assert '<option value="Asia/Kolkata" selected>' in response.text
