"""Partnership pages: recording one through the form by each role, what the form refuses,
who sees a private partnership (404 for everyone else), changing and ending one, and the
partial an organization's page includes."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from convene.organizations import partnerships
from convene.organizations.models import HistoryEntry, Organization, Partnership
from tests.factories import UserFactory

from .factories import OrganizationFactory, committee_member

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()


def url(name, *args):
    return reverse(f"organizations:{name}", args=args)


@pytest.fixture
def representative():
    return UserFactory()


@pytest.fixture
def chapter(representative):
    return OrganizationFactory(
        name="Wikimedia Example", slug="wikimedia-example", representatives=[representative]
    )


@pytest.fixture
def user_group():
    return OrganizationFactory(name="Wikimedians of the Coast")


def form_data(**changes):
    data = {
        "title": "Edit-a-thons at the city library",
        "organizations": [],
        "outside_parties": "City Library of Example\n\n",
        "scope": "Two edit-a-thons a year.",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "signed_text_url": "example.org/mou.pdf",
        "is_public": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def record(user, organization, *others, **fields):
    return partnerships.partnership_create(
        user=user,
        organization=organization,
        title=fields.get("title", "Library partnership"),
        scope="Edit-a-thons.",
        starts_on=fields.get("starts_on", date(2025, 1, 1)),
        ends_on=fields.get("ends_on"),
        is_public=fields.get("is_public", True),
        signed_text_url="",
        other_parties=list(others),
        outside_parties=fields.get("outside_parties", ["City Library of Example"]),
    )


# --- recording, by role ----------------------------------------------------------------------


def test_a_representative_records_a_partnership_through_the_form(
    client, representative, chapter, user_group
):
    client.force_login(representative)
    page = client.get(url("partnership_new", chapter.slug))
    assert page.status_code == 200
    assert "Wikimedians of the Coast" in page.content.decode()  # offered as a party

    response = client.post(
        url("partnership_new", chapter.slug),
        form_data(organizations=[str(user_group.pk)], outside_parties="City Library\nMuseum"),
    )

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == url("partnership", partnership.pk)
    assert partnership.signed_text_url == "https://example.org/mou.pdf"
    assert partnership.ends_on == date(2027, 12, 31)
    assert [str(party) for party in partnership.parties.all()] == [
        str(chapter.pk),
        str(user_group.pk),
        "City Library",
        "Museum",
    ]
    assert HistoryEntry.objects.filter(kind="partnership").count() == 2
    shown = client.get(response.url).content.decode()
    assert "The partnership is recorded." in shown
    assert "Edit-a-thons at the city library" in shown


def test_the_committee_records_one_for_any_organization(client, chapter):
    client.force_login(committee_member())

    response = client.post(url("partnership_new", chapter.slug), form_data())

    assert response.status_code == 302
    assert Partnership.objects.get().parties.count() == 2


def test_another_user_is_refused(client, chapter):
    client.force_login(UserFactory())

    assert client.get(url("partnership_new", chapter.slug)).status_code == 403
    assert client.post(url("partnership_new", chapter.slug), form_data()).status_code == 403
    assert Partnership.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client, chapter):
    response = client.post(url("partnership_new", chapter.slug), form_data())

    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert Partnership.objects.count() == 0


def test_an_unknown_organization_is_missing(client, representative):
    client.force_login(representative)

    assert client.get(url("partnership_new", "nowhere")).status_code == 404


# --- bad input -----------------------------------------------------------------------------------


def post_refused(client, representative, chapter, **changes):
    client.force_login(representative)
    response = client.post(url("partnership_new", chapter.slug), form_data(**changes))
    assert response.status_code == 400
    assert Partnership.objects.count() == 0
    assert HistoryEntry.objects.count() == 0
    return response.content.decode()


def test_one_party_only_is_refused(client, representative, chapter):
    page = post_refused(client, representative, chapter, outside_parties="")

    assert "A partnership needs at least two parties: name the other party." in page


def test_an_end_before_the_start_is_refused(client, representative, chapter):
    page = post_refused(client, representative, chapter, ends_on="2025-12-31")

    assert "A partnership cannot end before it starts." in page


@pytest.mark.parametrize(
    ("forged", "message"),
    [
        ("987654", "Select a valid choice. 987654 is not one of the available choices."),
        ("not-a-number", "“not-a-number” is not a valid value."),
    ],
)
def test_a_forged_organization_id_is_refused(client, representative, chapter, forged, message):
    page = post_refused(client, representative, chapter, organizations=[forged])

    assert message in page


def test_an_organization_not_recognized_is_not_offered_nor_accepted(
    client, representative, chapter
):
    applying = OrganizationFactory(name="Still applying", status=Organization.Status.APPLYING)
    client.force_login(representative)

    assert "Still applying" not in client.get(url("partnership_new", chapter.slug)).content.decode()
    post_refused(client, representative, chapter, organizations=[str(applying.pk)])


def test_the_recording_organization_is_not_offered_as_its_own_party(
    client, representative, chapter
):
    page = post_refused(client, representative, chapter, organizations=[str(chapter.pk)])

    assert "Select a valid choice." in page


def test_a_party_named_twice_is_refused(client, representative, chapter):
    page = post_refused(client, representative, chapter, outside_parties="Library\n library")

    assert "Each party is named once." in page


def test_a_missing_title_and_scope_are_refused(client, representative, chapter):
    page = post_refused(client, representative, chapter, title="", scope="")

    assert page.count("This field is required.") >= 2


# --- who sees what ---------------------------------------------------------------------------------


@pytest.fixture
def private(representative, chapter, user_group):
    return record(representative, chapter, user_group, title="Confidential MoU", is_public=False)


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("anonymous", 404),
        ("other user", 404),
        ("liaison", 404),
        ("representative", 200),
        ("other party's representative", 200),
        ("committee", 200),
    ],
)
def test_a_private_partnership_is_seen_by_the_committee_and_the_parties_only(
    client, private, chapter, user_group, representative, viewer, status
):
    if viewer == "representative":
        client.force_login(representative)
    elif viewer == "other party's representative":
        other = UserFactory()
        user_group.representatives.add(other)
        client.force_login(other)
    elif viewer == "committee":
        client.force_login(committee_member())
    elif viewer == "liaison":
        liaison = UserFactory()
        chapter.liaisons.add(liaison)
        client.force_login(liaison)
    elif viewer == "other user":
        client.force_login(UserFactory())

    response = client.get(url("partnership", private.pk))

    assert response.status_code == status
    assert ("Confidential MoU" in response.content.decode()) == (status == 200)
    listed = client.get(url("partnerships")).content.decode()
    assert "Confidential MoU" not in listed  # the public list has public ones only
    seen = partnerships.partnerships_for(
        chapter, response.wsgi_request.user if viewer != "anonymous" else AnonymousUser()
    )
    assert [partnership.title for partnership in seen] == (
        ["Confidential MoU"] if status == 200 else []
    )


def test_the_edit_page_of_a_private_partnership_is_missing_for_others(client, private):
    client.force_login(UserFactory())

    assert client.get(url("partnership_edit", private.pk)).status_code == 404
    assert client.post(url("partnership_end", private.pk)).status_code == 404


def test_a_public_partnership_page_shows_its_parties_dates_and_scope(
    client, representative, chapter, user_group
):
    partnership = record(
        representative,
        chapter,
        user_group,
        title="Library partnership",
        ends_on=date(2030, 6, 30),
    )

    page = client.get(url("partnership", partnership.pk)).content.decode()

    assert '<h1 dir="auto">Library partnership</h1>' in page
    assert "Wikimedia Example" in page and "Wikimedians of the Coast" in page
    assert "<bdi>City Library of Example</bdi> (outside the registry)" in page
    assert '<time datetime="2025-01-01">Jan 1, 2025</time>' in page
    assert '<time datetime="2030-06-30">Jun 30, 2030</time>' in page
    assert "<p>Edit-a-thons.</p>" in page
    assert "Change or end the partnership" not in page


def test_the_public_list_has_current_and_ended_partnerships(client, representative, chapter):
    record(representative, chapter, title="Running one")
    record(
        representative,
        chapter,
        title="Old one",
        starts_on=date(2020, 1, 1),
        ends_on=date(2021, 1, 1),
    )
    record(representative, chapter, title="Hidden one", is_public=False)

    response = client.get(url("partnerships"))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Current partnerships") < page.index("Running one")
    assert page.index("Ended partnerships") < page.index("Old one")
    assert "Hidden one" not in page
    assert "Between <bdi>Wikimedia Example</bdi> and <bdi>City Library of Example</bdi>" in page
    current, ended = partnerships.partnership_list_public()
    assert [item.title for item in current] == ["Running one"]
    assert [item.title for item in ended] == ["Old one"]


def test_people_s_text_is_escaped(client, representative, chapter):
    partnership = record(
        representative,
        chapter,
        title="<script>alert(1)</script>",
        outside_parties=["<img src=x onerror=alert(2)>"],
    )

    for page in (url("partnership", partnership.pk), url("partnerships")):
        content = client.get(page).content.decode()
        assert "<script>alert(1)" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


# --- changing and ending ---------------------------------------------------------------------------


def test_a_representative_changes_a_partnership(client, representative, chapter, user_group):
    partnership = record(representative, chapter, title="Library partnership")
    client.force_login(representative)

    page = client.get(url("partnership_edit", partnership.pk))
    assert page.status_code == 200
    assert "City Library of Example" in page.content.decode()  # the outside parties, a line each

    response = client.post(
        url("partnership_edit", partnership.pk),
        form_data(
            title="Renewed partnership",
            organizations=[str(chapter.pk), str(user_group.pk)],
            ends_on="",
        ),
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Renewed partnership"
    assert partnership.ends_on is None
    assert partnership.parties.count() == 3


def test_another_user_cannot_change_a_public_partnership(client, representative, chapter):
    partnership = record(representative, chapter)
    client.force_login(UserFactory())

    assert client.get(url("partnership_edit", partnership.pk)).status_code == 403
    assert client.post(url("partnership_edit", partnership.pk), form_data()).status_code == 403
    assert client.post(url("partnership_end", partnership.pk)).status_code == 403


def test_a_refused_change_says_why(client, representative, chapter, user_group):
    partnership = record(representative, chapter, user_group)
    client.force_login(representative)

    response = client.post(
        url("partnership_edit", partnership.pk),
        form_data(organizations=[str(chapter.pk)], outside_parties=""),
    )

    assert response.status_code == 400
    assert "A partnership needs at least two parties" in response.content.decode()
    assert partnership.parties.count() == 3


def test_ending_a_partnership_from_its_edit_page(client, representative, chapter):
    partnership = record(representative, chapter)
    client.force_login(representative)

    response = client.post(url("partnership_end", partnership.pk), {"end-ends_on": str(TODAY)})

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.ends_on == TODAY


def test_an_end_before_the_start_is_refused_on_the_edit_page(client, representative, chapter):
    partnership = record(representative, chapter)
    client.force_login(representative)

    response = client.post(url("partnership_end", partnership.pk), {"end-ends_on": "2024-01-01"})

    assert response.status_code == 400
    assert "A partnership cannot end before it starts." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.ends_on is None


# --- on the organization's page --------------------------------------------------------------------


def test_the_partial_lists_an_organizations_partnerships_with_the_other_parties(
    representative, chapter, user_group
):
    record(representative, chapter, user_group, title="With the coast")
    record(
        representative,
        chapter,
        title="Long ago",
        starts_on=date(2019, 1, 1),
        ends_on=TODAY - timedelta(days=1),
    )
    record(representative, chapter, title="Kept quiet", is_public=False)

    html = render_to_string(
        "organizations/_partnerships.html",
        {
            "partnerships": partnerships.partnerships_for(chapter, AnonymousUser()),
            "organization": chapter,
            "can_record_partnership": False,
        },
    )

    assert html.index("With the coast") < html.index("Long ago")  # the ended one last
    assert "Kept quiet" not in html
    assert "With <bdi>Wikimedians of the Coast</bdi> and <bdi>City Library of Example</bdi>" in html
    assert "Wikimedia Example" not in html  # its own name is the page's
    assert "Ended" in html
    assert "Record a partnership" not in html
    mine = render_to_string(
        "organizations/_partnerships.html",
        {
            "partnerships": partnerships.partnerships_for(chapter, representative),
            "organization": chapter,
            "can_record_partnership": True,
        },
    )
    assert "Kept quiet" in mine
    assert url("partnership_new", chapter.slug) in mine


def test_the_partial_says_when_there_is_none(chapter):
    html = render_to_string(
        "organizations/_partnerships.html",
        {"partnerships": [], "organization": chapter, "can_record_partnership": False},
    )

    assert "No partnership is recorded." in html
