"""Partnerships: who records them, what is refused, the history entries on each party in the
registry, changing and ending one, and the reminder before one ends (once, in each
representative's language)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import TestCase

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.organizations import partnerships
from convene.organizations.models import (
    HistoryEntry,
    Organization,
    Partnership,
    PartnershipParty,
)
from tests.factories import UserFactory

from .factories import OrganizationFactory, PartnershipFactory, committee_member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def representative():
    return UserFactory(email="rep@example.org")


@pytest.fixture
def chapter(representative):
    return OrganizationFactory(name="Wikimedia Example", representatives=[representative])


@pytest.fixture
def user_group():
    return OrganizationFactory(name="Wikimedians of the Coast")


def terms(**changes):
    values = {
        "title": "Edit-a-thons at the city library",
        "scope": "Two edit-a-thons a year, and a **shared** catalogue.",
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "is_public": True,
        "signed_text_url": "https://example.org/mou.pdf",
        "other_parties": [],
        "outside_parties": ["City Library of Example"],
    }
    values.update(changes)
    return values


def create(user, organization, **changes):
    return partnerships.partnership_create(
        user=user, organization=organization, now=NOW, **terms(**changes)
    )


def party_names(partnership):
    return [
        str(party) if party.name else party.organization.name for party in partnership.parties.all()
    ]


# --- recording, by role ----------------------------------------------------------------------


def test_a_representative_records_a_partnership_with_a_library(representative, chapter):
    partnership = create(representative, chapter)

    assert party_names(partnership) == ["Wikimedia Example", "City Library of Example"]
    assert partnership.created_by == representative
    assert partnership.title == "Edit-a-thons at the city library"
    assert partnership.ends_on == date(2027, 12, 31)
    entry = HistoryEntry.objects.get(organization=chapter)
    assert entry.kind == HistoryEntry.Kind.PARTNERSHIP
    assert entry.actor == representative
    assert entry.at == NOW
    assert entry.public_note == (
        "Partnership with City Library of Example: Edit-a-thons at the city library"
    )
    assert entry.private_note == ""


def test_the_contact_person_records_one_too(user_group):
    contact = UserFactory()
    chapter = OrganizationFactory(contact_person=contact)

    partnership = create(contact, chapter, other_parties=[user_group], outside_parties=[])

    assert {party.organization for party in partnership.parties.all()} == {chapter, user_group}


def test_the_committee_records_one_between_two_organizations(chapter, user_group):
    member = committee_member()

    partnership = create(member, chapter, other_parties=[user_group], outside_parties=[])

    assert party_names(partnership) == ["Wikimedia Example", "Wikimedians of the Coast"]
    notes = dict(
        HistoryEntry.objects.filter(kind="partnership").values_list("organization", "public_note")
    )
    assert notes == {
        chapter.pk: "Partnership with Wikimedians of the Coast: Edit-a-thons at the city library",
        user_group.pk: "Partnership with Wikimedia Example: Edit-a-thons at the city library",
    }


def test_each_party_in_the_registry_gets_its_entry_and_outside_parties_none(
    representative, chapter, user_group
):
    third = OrganizationFactory(name="Third")
    create(
        representative,
        chapter,
        other_parties=[user_group, third, user_group, chapter],
        outside_parties=["Museum", "Library"],
    )

    assert PartnershipParty.objects.count() == 5
    entries = HistoryEntry.objects.filter(kind="partnership")
    assert sorted(entry.organization.name for entry in entries) == [
        "Third",
        "Wikimedia Example",
        "Wikimedians of the Coast",
    ]
    assert entries.get(organization=third).public_note == (
        "Partnership with Wikimedia Example, Wikimedians of the Coast, Museum, and Library: "
        "Edit-a-thons at the city library"
    )


def test_a_private_partnership_leaves_a_note_for_the_committee_only(representative, chapter):
    create(representative, chapter, is_public=False)

    entry = HistoryEntry.objects.get(organization=chapter)
    assert entry.public_note == ""
    assert entry.private_note == (
        "Partnership with City Library of Example: Edit-a-thons at the city library"
    )


@pytest.mark.parametrize("who", ["other user", "liaison", "representative of a suspended one"])
def test_others_cannot_record_one_for_an_organization(who, chapter):
    user = UserFactory()
    if who == "liaison":
        chapter.liaisons.add(user)
    elif who == "representative of a suspended one":
        chapter.representatives.add(user)
        Organization.objects.filter(pk=chapter.pk).update(status="suspended")
        chapter.refresh_from_db()
    chapter = Organization.objects.get(pk=chapter.pk)

    with pytest.raises(ServiceError) as refused:
        create(user, chapter)

    assert refused.value.code == "forbidden"
    assert Partnership.objects.count() == 0
    assert HistoryEntry.objects.count() == 0


def test_an_anonymous_visitor_cannot_record_one(chapter):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServiceError) as refused:
        create(AnonymousUser(), chapter)

    assert refused.value.code == "forbidden"


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"outside_parties": []}, "too_few_parties"),
        ({"outside_parties": [" "]}, "party_name_missing"),
        ({"outside_parties": ["Library", ""]}, "party_name_missing"),
        ({"outside_parties": ["Library", " library "]}, "duplicate_party"),
        ({"outside_parties": ["L" * 201]}, "too_long"),
        ({"ends_on": date(2025, 12, 31)}, "dates_disordered"),
        ({"title": "  "}, "title_missing"),
        ({"title": "T" * 201}, "too_long"),
        ({"scope": ""}, "scope_missing"),
        ({"scope": "s" * 10001}, "too_long"),
        ({"signed_text_url": "javascript:alert(1)"}, "invalid_url"),
        ({"signed_text_url": "not a link"}, "invalid_url"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_changes_nothing(
    representative, chapter, changes, code
):
    with pytest.raises(ServiceError) as refused:
        create(representative, chapter, **changes)

    assert refused.value.code == code
    assert str(refused.value.message)
    assert Partnership.objects.count() == 0
    assert PartnershipParty.objects.count() == 0
    assert HistoryEntry.objects.count() == 0


def test_naming_only_itself_twice_is_one_party(representative, chapter):
    with pytest.raises(ServiceError) as refused:
        create(representative, chapter, other_parties=[chapter], outside_parties=[])

    assert refused.value.code == "too_few_parties"


@pytest.mark.parametrize("status", ["applying", "withdrawn", "derecognized"])
def test_another_party_must_be_recognized_now(representative, chapter, status):
    other = OrganizationFactory(status=status)

    with pytest.raises(ServiceError) as refused:
        create(representative, chapter, other_parties=[other])

    assert refused.value.code == "party_not_recognized"
    assert other.name in str(refused.value.message)
    assert Partnership.objects.count() == 0


def test_a_forged_organization_is_refused(representative, chapter):
    forged = Organization(pk=987654, name="Made up", status="recognized")

    with pytest.raises(ServiceError) as refused:
        create(representative, chapter, other_parties=[forged])

    assert refused.value.code == "party_not_recognized"
    assert Partnership.objects.count() == 0


def test_the_database_refuses_dates_out_of_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(starts_on=date(2026, 1, 2), ends_on=date(2026, 1, 1))


# --- changing and ending ------------------------------------------------------------------------


def update(user, partnership, **changes):
    values = terms(**changes)
    values.pop("other_parties")
    values.setdefault("organizations", changes.get("organizations", []))
    return partnerships.partnership_update(
        user=user, partnership=partnership, now=NOW, **{**values, **changes}
    )


def test_a_representative_changes_the_terms_and_adds_a_party(representative, chapter, user_group):
    partnership = create(representative, chapter)

    update(
        representative,
        partnership,
        title="Edit-a-thons and a photo contest",
        organizations=[chapter, user_group],
        outside_parties=["City Library of Example", "City Museum"],
    )

    partnership.refresh_from_db()
    assert partnership.title == "Edit-a-thons and a photo contest"
    assert sorted(party_names(partnership)) == [
        "City Library of Example",
        "City Museum",
        "Wikimedia Example",
        "Wikimedians of the Coast",
    ]
    # The new party gets its entry; the chapter has its one from the start.
    assert HistoryEntry.objects.filter(organization=chapter).count() == 1
    assert HistoryEntry.objects.get(organization=user_group).public_note == (
        "Partnership with Wikimedia Example, City Library of Example, and City Museum: "
        "Edit-a-thons and a photo contest"
    )


def test_a_representative_cannot_take_another_organization_out(representative, chapter, user_group):
    partnership = create(representative, chapter, other_parties=[user_group])

    with pytest.raises(ServiceError) as refused:
        update(representative, partnership, organizations=[chapter])

    assert refused.value.code == "forbidden"
    assert PartnershipParty.objects.filter(organization=user_group).exists()
    # The committee can.
    update(committee_member(), partnership, organizations=[chapter])
    assert not PartnershipParty.objects.filter(organization=user_group).exists()


def test_someone_acting_for_no_party_cannot_change_it(representative, chapter, user_group):
    partnership = create(representative, chapter)
    outsider = UserFactory()
    user_group.representatives.add(outsider)

    with pytest.raises(ServiceError) as refused:
        update(outsider, partnership, title="Taken over", organizations=[chapter])

    assert refused.value.code == "forbidden"
    partnership.refresh_from_db()
    assert partnership.title == "Edit-a-thons at the city library"


def test_a_change_that_leaves_one_party_is_refused(representative, chapter):
    partnership = create(representative, chapter)

    with pytest.raises(ServiceError) as refused:
        update(representative, partnership, organizations=[chapter], outside_parties=[])

    assert refused.value.code == "too_few_parties"
    assert partnership.parties.count() == 2


def test_ending_a_partnership_early(representative, chapter, user_group):
    partnership = create(representative, chapter, other_parties=[user_group])

    partnerships.partnership_end(
        user=representative, partnership=partnership, ends_on=date(2026, 3, 31), now=NOW
    )

    partnership.refresh_from_db()
    assert partnership.ends_on == date(2026, 3, 31)
    assert partnership.end_reminder_sent_at == NOW  # no reminder of an end the parties chose
    ended = HistoryEntry.objects.filter(organization=user_group).first()
    assert ended.public_note == (
        "Partnership with Wikimedia Example and City Library of Example ends on Mar 31, 2026: "
        "Edit-a-thons at the city library"
    )


@pytest.mark.parametrize(
    ("ends_on", "existing_end", "code"),
    [
        (date(2025, 12, 31), date(2027, 12, 31), "dates_disordered"),
        (date(2028, 1, 1), date(2027, 12, 31), "ends_later"),
        (date(2026, 3, 1), date(2026, 2, 1), "already_ended"),
    ],
)
def test_ending_refusals(representative, chapter, ends_on, existing_end, code):
    partnership = create(representative, chapter, ends_on=existing_end)

    with pytest.raises(ServiceError) as refused:
        partnerships.partnership_end(
            user=representative, partnership=partnership, ends_on=ends_on, now=NOW
        )

    assert refused.value.code == code
    partnership.refresh_from_db()
    assert partnership.ends_on == existing_end


def test_only_those_who_may_change_it_end_it(representative, chapter):
    partnership = create(representative, chapter)

    with pytest.raises(ServiceError) as refused:
        partnerships.partnership_end(
            user=UserFactory(), partnership=partnership, ends_on=TODAY, now=NOW
        )

    assert refused.value.code == "forbidden"


# --- the reminder before the end ------------------------------------------------------------------


@pytest.fixture
def ending(chapter, user_group, representative):
    """A partnership ending in 30 days between the chapter (one representative, English) and
    the user group (two: French and Arabic, one of whom represents the chapter too)."""
    french = UserFactory(email="fr@example.org", preferred_language="fr", display_name="Aimée")
    arabic = UserFactory(email="ar@example.org", preferred_language="ar")
    user_group.representatives.add(french, arabic)
    chapter.representatives.add(french)
    UserFactory(email="gone@example.org", is_active=False).represented_organizations.add(chapter)
    return create(
        representative,
        chapter,
        other_parties=[user_group],
        ends_on=TODAY + timedelta(days=30),
    )


def send(today=TODAY, now=NOW):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return partnerships.partnership_reminders_send(today=today, now=now)


def test_representatives_are_reminded_30_days_before_once_each(ending):
    assert send(today=TODAY - timedelta(days=1)) == 0  # 31 days before: not yet
    assert mail.outbox == []

    assert send() == 3
    assert send() == 0  # a second run sends nothing more
    assert send(today=TODAY + timedelta(days=5)) == 0

    assert sorted(email.to[0] for email in mail.outbox) == [
        "ar@example.org",
        "fr@example.org",
        "rep@example.org",
    ]
    ending.refresh_from_db()
    assert ending.end_reminder_sent_at == NOW


def test_each_email_is_in_its_readers_language_and_says_what_ends_when(ending):
    send()

    emails = {email.to: email for email in OutgoingEmail.objects.all()}
    english = emails["rep@example.org"]
    assert english.language == "en"
    assert english.subject == "Partnership ending soon: Edit-a-thons at the city library"
    assert (
        "The partnership “Edit-a-thons at the city library” of Wikimedia Example with "
        "Wikimedians of the Coast and City Library of Example ends on Apr 1, 2026, in 30 days."
    ) in english.body
    assert f"/en/organizations/partnerships/{ending.pk}/" in english.body
    french = emails["fr@example.org"]
    assert french.language == "fr"
    assert "Aimée" in french.body
    assert "1 avr. 2026" in french.body  # the day as French writes it
    assert "Wikimedians of the Coast et City Library of Example" in french.body  # French list
    assert f"/fr/organizations/partnerships/{ending.pk}/" in french.body
    arabic = emails["ar@example.org"]
    assert arabic.language == "ar"
    assert "/ar/organizations/partnerships/" in arabic.body


def test_a_partnership_that_ended_or_ends_later_or_has_no_end_is_not_reminded(
    representative, chapter
):
    create(representative, chapter, ends_on=TODAY - timedelta(days=1), starts_on=date(2025, 1, 1))
    create(representative, chapter, ends_on=TODAY + timedelta(days=31))
    create(representative, chapter, ends_on=None)
    sample = create(representative, chapter, ends_on=TODAY + timedelta(days=10))
    Partnership.objects.filter(pk=sample.pk).update(is_sample=True)

    assert send() == 0
    assert mail.outbox == []


def test_a_day_missed_is_caught_up_and_a_late_end_date_reminded_again(representative, chapter):
    partnership = create(representative, chapter, ends_on=TODAY + timedelta(days=20))

    assert send() == 1
    # Renewed for a year: its new end will be reminded of when it comes.
    update(
        representative,
        partnership,
        organizations=[chapter],
        ends_on=TODAY + timedelta(days=365),
    )
    partnership.refresh_from_db()
    assert partnership.end_reminder_sent_at is None
    assert send() == 0
    assert send(today=TODAY + timedelta(days=340)) == 1


def test_a_claimed_partnership_is_not_reminded_by_a_second_worker(ending):
    # Another run claimed it between this run's read and its update.
    Partnership.objects.filter(pk=ending.pk).update(end_reminder_sent_at=NOW)

    assert send() == 0
    assert mail.outbox == []


def test_the_reminder_takes_a_constant_number_of_queries(
    representative, chapter, user_group, django_assert_num_queries
):
    for _number in range(3):
        create(
            representative,
            chapter,
            other_parties=[user_group],
            ends_on=TODAY + timedelta(days=30),
        )
    user_group.representatives.add(UserFactory(), UserFactory())
    # 3 reads (partnerships, parties and organizations, representatives); then for each
    # partnership a claim and one email row each of its 3 representatives, in a savepoint
    # (2 queries).
    with django_assert_num_queries(3 + 3 * (1 + 3 + 2)):
        assert partnerships.partnership_reminders_send(today=TODAY, now=NOW) == 9
