"""Passing the invitation to any event on: the invitation in the language the sender
chooses, its times in UTC with links to read them in one's own zone, and the local-time
page."""

from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from convene.events.translations import content_translation_save
from convene.openspace.forms_invitation import moment_address, moment_parse
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import NOW, SLOT_START, OpenSpaceFactory, TopicFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args) + query


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values


@pytest.fixture
def organizer():
    return UserFactory(email="facilitator@example.org", display_name="Facilitator")


@pytest.fixture
def event(organizer):
    event = EventFactory(
        slug="gc",
        title="Global Conversation",
        summary="Which initiatives need global coordination?",
        language="en",
        organizers=[organizer],
    )
    SessionFactory(
        event=event,
        title="Opening",
        starts_at=SLOT_START,
        ends_at=SLOT_START + timedelta(hours=2),
    )
    SessionFactory(
        event=event,
        title="Closing",
        starts_at=datetime(2020, 9, 21, 23, 30, tzinfo=UTC),
        ends_at=datetime(2020, 9, 22, 1, 0, tzinfo=UTC),
    )
    return event


def text_of(response):
    return unescape(response.context["text"])


# --- the invitation ---------------------------------------------------------------------


def test_the_invitation_is_in_the_senders_language_by_default(client, event):
    response = client.get(url("invitation", "gc"))
    assert response.status_code == 200
    text = text_of(response)
    assert response.context["chosen"] == "en"
    assert text.startswith("You are invited to Global Conversation.\n")
    assert "Which initiatives need global coordination?" in text
    assert "Sessions\n" in text
    assert "- Opening: Sun, Sep 20, 2020, 16:00–18:00 UTC\n" in text
    # a session over midnight in UTC gives its end with its day
    assert "- Closing: Mon, Sep 21, 2020, 23:30–Tue, Sep 22, 2020, 01:00 UTC\n" in text
    assert (
        "  See your local time: http://testserver/en/open-space/time/2020-09-20T16:00Z/?event=gc\n"
        in text
    )
    assert (
        "See your local time: http://testserver/en/open-space/time/2020-09-21T23:30Z/?event=gc"
        in text
    )
    assert "Register here: http://testserver/en/events/gc/\n" in text
    assert (
        "Everyone taking part follows the code of conduct: "
        "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct" in text
    )


def test_a_french_invitation_says_everything_in_french_with_the_translated_title(client, event):
    content_translation_save(
        owner=event, field="title", language="fr", text="Conversation mondiale", translator=None
    )
    response = client.get(url("invitation", "gc", query="?language=fr"))
    assert response.status_code == 200
    text = text_of(response)
    # The interface sentences in French (those of the catalogue, and the new ones as the
    # catalogue has them), the title in French, the summary in its source.
    assert "Séances\n" in text
    assert text.startswith(
        in_language("fr", "You are invited to %(event)s.", event="Conversation mondiale")
    )
    assert "Which initiatives need global coordination?" in text
    # Times in UTC, written as French writes them; links under the /fr/ prefix.
    assert "dim. 20 sept. 2020, 16:00–18:00 UTC" in text
    assert (
        in_language(
            "fr",
            "See your local time: %(url)s",
            url="http://testserver/fr/open-space/time/2020-09-20T16:00Z/?event=gc",
        )
        in text
    )
    assert (
        in_language("fr", "Register here: %(url)s", url="http://testserver/fr/events/gc/") in text
    )
    # The page around it stays in the reader's language (English here).
    content = response.content.decode()
    assert "<h1>Pass the invitation on</h1>" in content
    assert 'lang="fr"' in content
    # The preview says the same, with links.
    preview = response.context["preview"]
    assert "Conversation mondiale" in preview
    assert "Séances" in preview
    assert '<time datetime="2020-09-20T16:00:00Z">dim. 20 sept. 2020, 16:00</time>' in preview
    assert (
        '<a href="http://testserver/fr/events/gc/">http://testserver/fr/events/gc/</a>' in preview
    )
    assert '<a href="http://testserver/fr/open-space/time/2020-09-20T16:00Z/?event=gc">' in preview


def test_without_a_translation_the_invitation_gives_the_source_title(client, event):
    text = text_of(client.get(url("invitation", "gc", query="?language=de")))
    assert text.startswith(
        in_language("de", "You are invited to %(event)s.", event="Global Conversation")
    )
    assert (
        in_language("de", "Register here: %(url)s", url="http://testserver/de/events/gc/") in text
    )


def test_the_default_language_is_the_readers_interface_language(client, event):
    response = client.get(url("invitation", "gc", language="fr"))
    assert response.context["chosen"] == "fr"
    assert "http://testserver/fr/events/gc/" in text_of(response)
    assert response.context["form"]["language"].value() == "fr"


def test_the_invitation_in_arabic_reads_right_to_left(client, event):
    response = client.get(url("invitation", "gc", query="?language=ar"))
    assert response.context["chosen_dir"] == "rtl"
    assert '<textarea id="invitation-text" readonly rows="14" lang="ar" dir="rtl">' in (
        response.content.decode()
    )


def test_an_unknown_language_is_refused_and_the_readers_is_used(client, event):
    response = client.get(url("invitation", "gc", query="?language=xx"))
    assert response.status_code == 400
    assert response.context["chosen"] == "en"
    assert "Select a valid choice." in response.content.decode()


def test_the_text_is_in_a_readonly_textarea_and_shared_by_email_and_link(client, event):
    response = client.get(url("invitation", "gc", query="?language=es"))
    content = response.content.decode()
    text = response.context["text"]
    assert '<textarea id="invitation-text" readonly rows="14" lang="es" dir="ltr">' in content
    subject = in_language("es", "Invitation: %(event)s", event="Global Conversation")
    mailto = "mailto:?subject=" + quote(subject, safe="") + "&body=" + quote(text, safe="")
    assert response.context["mailto"] == mailto
    assert 'href="' + mailto.replace("&", "&amp;") + '"' in content
    assert response.context["page_url"] == "http://testserver/es/open-space/invite/gc/"
    assert 'value="http://testserver/es/open-space/invite/gc/"' in content
    # The copy buttons are hidden until the script shows them; no other host is asked.
    assert "/static/convene/openspace-invitation.js" in content
    assert "data-copy-row" in content
    assert "<iframe" not in content
    assert "https://" not in content.replace(
        "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct", ""
    )


def test_people_s_text_is_escaped_in_the_page_and_the_preview(client, organizer):
    EventFactory(slug="xss", title="<script>alert(1)</script>", organizers=[organizer])
    response = client.get(url("invitation", "xss"))
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "You are invited to <script>alert(1)</script>." in unescape(response.context["text"])
    assert "The times of its sessions are not set yet." in response.context["text"]


@pytest.mark.parametrize("role", ["organizer", "convener", "participant", "signed_in", "anonymous"])
def test_every_role_reads_the_invitation_of_a_published_event(client, role, organizer):
    open_space = OpenSpaceFactory(event__slug="os", event__organizers=[organizer])
    person = {
        "organizer": organizer,
        "convener": TopicFactory(open_space=open_space).convener if role == "convener" else None,
        "participant": participant(open_space) if role == "participant" else None,
        "signed_in": UserFactory(),
    }.get(role)
    if person is not None:
        client.force_login(person)
    response = client.get(url("invitation", "os"))
    assert response.status_code == 200
    assert "Opening circle" in response.context["text"]
    assert "facilitator@example.org" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("organizer", 200), ("signed_in", 404), ("anonymous", 404)]
)
def test_an_unpublished_event_s_invitation_is_for_its_organizers_only(
    client, role, status, organizer
):
    EventFactory(slug="draft", is_published=False, organizers=[organizer])
    if role != "anonymous":
        client.force_login(organizer if role == "organizer" else UserFactory())
    assert client.get(url("invitation", "draft")).status_code == status
    assert client.get(url("local_time", "2020-09-20T16:00Z", query="?event=draft")).status_code == (
        200
    )


def test_an_unknown_event_has_no_invitation(client):
    assert client.get(url("invitation", "nothing")).status_code == 404


# --- the local time -----------------------------------------------------------------------


def test_moments_are_parsed_strictly():
    assert moment_parse("2020-09-20T16:00Z") == datetime(2020, 9, 20, 16, tzinfo=UTC)
    assert moment_address(datetime(2020, 9, 20, 18, 5, 30, tzinfo=UTC)) == "2020-09-20T18:05Z"
    for bad in [
        "2020-09-20T16:00",
        "2020-09-20T16:00:00Z",
        "2020-09-20T16:00+02:00",
        "2020-09-20 16:00Z",
        "2020-9-20T16:00Z",
        "2020-02-30T16:00Z",
        "2020-09-20T24:00Z",
        "2020-09-20T16:60Z",
        "0000-01-01T00:00Z",
        "9999-12-31T23:59Z",
        "２０２０-09-20T16:00Z",
        "2020-09-20T16:00Z\n",
        "",
    ]:
        assert moment_parse(bad) is None, bad


@pytest.mark.parametrize(
    "moment",
    [
        "2020-09-20T16:00",
        "2020-09-20T16:00:00Z",
        "2020-02-30T16:00Z",
        "tomorrow",
        "2020-09-20T25:00Z",
    ],
)
def test_a_bad_moment_is_not_found(client, moment):
    assert client.get(url("local_time", moment)).status_code == 404


def test_the_local_time_is_shown_in_the_readers_zone(client):
    client.cookies["convene_tz"] = "Europe/Paris"
    response = client.get(url("local_time", "2020-09-20T16:00Z"))
    assert response.status_code == 200
    assert response.context["local"].strftime("%H:%M") == "18:00"
    content = response.content.decode()
    assert (
        '<time datetime="2020-09-20T16:00:00Z">Sun, Sep 20, 2020, 18:00 '
        '<span class="tz">GMT+02:00</span></time>' in content
    )
    assert "In France Time:" in content
    assert (
        'That is <time datetime="2020-09-20T16:00:00Z">Sun, Sep 20, 2020, 16:00 '
        '<span class="tz">UTC</span></time>.' in content
    )


def test_the_local_time_follows_the_profile_zone(client):
    client.force_login(UserFactory(timezone="Asia/Kolkata"))
    response = client.get(url("local_time", "2020-09-20T16:00Z"))
    assert response.context["local"].strftime("%H:%M") == "21:30"
    assert 'Sun, Sep 20, 2020, 21:30 <span class="tz">GMT+05:30</span>' in (
        response.content.decode()
    )


def test_another_zone_can_be_chosen_with_the_form(client):
    response = client.get(url("local_time", "2020-09-20T16:00Z", query="?timezone=Asia/Kolkata"))
    assert response.status_code == 200
    assert response.context["zone_name"] == "Asia/Kolkata"
    assert response.context["local"].strftime("%Y-%m-%d %H:%M") == "2020-09-20 21:30"
    content = response.content.decode()
    assert '<option value="Asia/Kolkata" selected>' in content
    assert 'href="/en/timezone/?next=' in content


def test_an_unknown_zone_is_refused_and_the_readers_kept(client):
    response = client.get(url("local_time", "2020-09-20T16:00Z", query="?timezone=Mars/Olympus"))
    assert response.status_code == 400
    assert response.context["zone_name"] == "UTC"
    assert "is not a time zone we know" in response.content.decode()


def test_the_moment_is_written_in_the_movements_zones(client):
    response = client.get(url("local_time", "2020-09-20T16:00Z"))
    rows = {row.zone: row.local.strftime("%Y-%m-%d %H:%M") for row in response.context["zones"]}
    assert rows == {
        "UTC": "2020-09-20 16:00",
        "America/Sao_Paulo": "2020-09-20 13:00",
        "Africa/Lagos": "2020-09-20 17:00",
        "Europe/Paris": "2020-09-20 18:00",
        "Asia/Kolkata": "2020-09-20 21:30",
        "Asia/Jakarta": "2020-09-20 23:00",
    }
    content = response.content.decode()
    assert '<div class="table-wrap" role="region" tabindex="0"' in content
    for label in ["France Time", "India Time", "Sao Paulo Time", "Nigeria Time"]:
        assert f'<th scope="row">{label}</th>' in content
    assert "Europe/Paris</th>" not in content


def test_the_movements_zones_are_named_in_the_readers_language(client):
    content = client.get(url("local_time", "2020-09-20T16:00Z", language="ru")).content.decode()
    assert '<th scope="row">Франция</th>' in content


def test_the_local_time_links_back_to_the_event(client, event):
    content_translation_save(
        owner=event, field="title", language="fr", text="Conversation mondiale", translator=None
    )
    response = client.get(url("local_time", "2020-09-20T16:00Z", language="fr", query="?event=gc"))
    content = response.content.decode()
    assert 'href="/fr/events/gc/"' in content
    assert "Conversation mondiale" in content
    assert '<input type="hidden" name="event" value="gc">' in content


def test_an_unknown_event_gives_no_back_link(client):
    response = client.get(url("local_time", "2020-09-20T16:00Z", query="?event=<nothing>"))
    assert response.status_code == 200
    assert response.context["event"] is None
    assert "/events/" not in response.content.decode().split("<main")[1]


def test_the_local_time_is_cached_for_anonymous_visitors(client, settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 5
    client.cookies["convene_tz"] = "Asia/Jakarta"
    first = client.get(url("local_time", "2020-09-20T16:00Z"))
    second = client.get(url("local_time", "2020-09-20T16:00Z"))
    assert "X-Convene-Cache" not in first
    assert second["X-Convene-Cache"] == "hit"
    assert second.content == first.content
    # another zone is another page
    client.cookies["convene_tz"] = "Europe/Paris"
    third = client.get(url("local_time", "2020-09-20T16:00Z"))
    assert "X-Convene-Cache" not in third
    assert "18:00" in third.content.decode()
