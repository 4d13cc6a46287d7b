"""Organizations hosting events: who names them, what the event page shows, and the page
where organizers name them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from convene.core.errors import ServiceError
from convene.events.models import Event
from convene.organizations import hosting
from convene.organizations.models import EventHost, Organization, OrganizationName
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import OrganizationFactory, committee_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    return EventFactory(slug="gc", title="Global Conversations", organizers=[organizer])


@pytest.fixture
def ours(organizer):
    """A recognized organization the organizer represents."""
    return OrganizationFactory(
        name="Wikimedians of Lagos", slug="lagos", representatives=[organizer]
    )


@pytest.fixture
def theirs():
    """A recognized organization the organizer does not act for."""
    return OrganizationFactory(name="Wikimedia Kenya", slug="kenya")


def hosts_of(event):
    return list(
        EventHost.objects.filter(event=event)
        .order_by("pk")
        .values_list("organization__slug", flat=True)
    )


def hosts_url(event):
    return reverse("organizations:event_hosts", args=[event.slug])


# --- the service -------------------------------------------------------------------


def test_an_organizer_names_an_organization_they_represent(organizer, event, ours):
    hosts = hosting.event_hosts_set(user=organizer, event=event, organizations=[ours])

    assert hosts == [ours]
    assert hosts_of(event) == ["lagos"]


def test_the_contact_person_acts_for_the_organization(organizer, event):
    contact = OrganizationFactory(slug="contact", contact_person=organizer)

    hosting.event_hosts_set(user=organizer, event=event, organizations=[contact])

    assert hosts_of(event) == ["contact"]


def test_naming_again_changes_nothing_and_leaving_out_removes(organizer, event, ours):
    other = OrganizationFactory(slug="other", representatives=[organizer])
    hosting.event_hosts_set(user=organizer, event=event, organizations=[ours, other])
    hosting.event_hosts_set(user=organizer, event=event, organizations=[ours, other])
    assert hosts_of(event) == ["lagos", "other"]

    hosting.event_hosts_set(user=organizer, event=event, organizations=[other])

    assert hosts_of(event) == ["other"]


def test_only_the_events_organizers_name_hosts(event, ours):
    representative = UserFactory()
    ours.representatives.add(representative)

    with pytest.raises(ServiceError) as refused:
        hosting.event_hosts_set(user=representative, event=event, organizations=[ours])

    assert refused.value.code == "forbidden"
    assert hosts_of(event) == []


def test_an_organizer_cannot_name_an_organization_they_do_not_act_for(
    organizer, event, ours, theirs
):
    with pytest.raises(ServiceError) as refused:
        hosting.event_hosts_set(user=organizer, event=event, organizations=[ours, theirs])

    assert refused.value.code == "forbidden"
    assert "Wikimedia Kenya is not one of them" in str(refused.value.message)
    assert hosts_of(event) == []


def test_the_committee_names_any_recognized_organization(event, ours, theirs):
    member = committee_member()
    event.organizers.add(member)

    hosting.event_hosts_set(user=member, event=event, organizations=[theirs, ours])

    assert sorted(hosts_of(event)) == ["kenya", "lagos"]


def test_the_committee_must_also_organize_the_event(event, theirs):
    with pytest.raises(ServiceError) as refused:
        hosting.event_hosts_set(user=committee_member(), event=event, organizations=[theirs])

    assert refused.value.code == "forbidden"


@pytest.mark.parametrize(
    "status",
    [
        Organization.Status.APPLYING,
        Organization.Status.NOT_RECOGNIZED,
        Organization.Status.SUSPENDED,
        Organization.Status.DERECOGNIZED,
        Organization.Status.WITHDRAWN,
    ],
)
def test_a_new_host_must_be_recognized(organizer, event, ours, status):
    other = OrganizationFactory(name="Wikimedians of Accra", representatives=[organizer])
    Organization.objects.filter(pk=other.pk).update(status=status)
    other.refresh_from_db()

    with pytest.raises(ServiceError) as refused:
        hosting.event_hosts_set(user=organizer, event=event, organizations=[ours, other])

    assert refused.value.code == "not_recognized"
    assert "Wikimedians of Accra is not recognized now" in str(refused.value.message)
    assert hosts_of(event) == []


def test_a_host_suspended_since_may_stay(organizer, event, ours):
    hosting.event_hosts_set(user=organizer, event=event, organizations=[ours])
    Organization.objects.filter(pk=ours.pk).update(status=Organization.Status.SUSPENDED)
    ours.refresh_from_db()

    hosting.event_hosts_set(user=organizer, event=event, organizations=[ours])

    assert hosts_of(event) == ["lagos"]


def test_hosts_named_by_another_organizer_stay(organizer, event, ours, theirs):
    colleague = UserFactory()
    event.organizers.add(colleague)
    theirs.representatives.add(colleague)
    hosting.event_hosts_set(user=colleague, event=event, organizations=[theirs])

    hosting.event_hosts_set(user=organizer, event=event, organizations=[ours])
    assert hosts_of(event) == ["kenya", "lagos"]

    hosting.event_hosts_set(user=organizer, event=event, organizations=[])
    assert hosts_of(event) == ["kenya"]


def test_an_unknown_organization_is_refused(organizer, event, ours):
    ghost = Organization(pk=987654, name="Ghost")

    with pytest.raises(ServiceError) as refused:
        hosting.event_hosts_set(user=organizer, event=event, organizations=[ours, ghost])

    assert refused.value.code == "invalid"
    assert hosts_of(event) == []


# --- the selector ------------------------------------------------------------------


def test_hosts_for_events_reads_every_event_in_one_query(
    organizer, ours, theirs, django_assert_num_queries
):
    events = [EventFactory(organizers=[organizer]) for _number in range(3)]
    EventHost.objects.create(event=events[0], organization=theirs)
    EventHost.objects.create(event=events[0], organization=ours)
    EventHost.objects.create(event=events[2], organization=ours)
    applying = OrganizationFactory(status=Organization.Status.APPLYING)
    EventHost.objects.create(event=events[2], organization=applying)  # not listed: not shown
    OrganizationName.objects.create(organization=ours, language="fr", name="Wikimédiens de Lagos")

    with translation.override("fr"), django_assert_num_queries(1):
        hosts = hosting.hosts_for_events(events)
        names = {pk: [hosting.shown_name(each) for each in found] for pk, found in hosts.items()}

    assert names == {
        events[0].pk: ["Wikimedia Kenya", "Wikimédiens de Lagos"],
        events[1].pk: [],
        events[2].pk: ["Wikimédiens de Lagos"],
    }


def test_hosts_for_no_events_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert hosting.hosts_for_events([]) == {}


# --- the event page ----------------------------------------------------------------


def test_the_event_page_names_its_hosts_linked_to_their_pages(client, event, ours, theirs):
    EventHost.objects.create(event=event, organization=ours)
    EventHost.objects.create(event=event, organization=theirs)

    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()

    lagos = reverse("organizations:detail", args=["lagos"])
    kenya = reverse("organizations:detail", args=["kenya"])
    assert (
        f'<p class="hosts">Hosted by <a href="{lagos}"><bdi>Wikimedians of Lagos</bdi></a> and '
        f'<a href="{kenya}"><bdi>Wikimedia Kenya</bdi></a></p>'
    ) in html


def test_the_event_page_escapes_a_hosts_name(client, event):
    hostile = OrganizationFactory(name="<script>alert(1)</script>", slug="hostile")
    EventHost.objects.create(event=event, organization=hostile)

    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_event_without_hosts_says_nothing_of_them(client, event):
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()

    assert "Hosted by" not in html


def test_the_event_page_links_its_organizers_to_the_hosting_page(client, organizer, event):
    assert hosts_url(event) not in client.get(reverse("events:detail", args=[event.slug])).text

    client.force_login(organizer)

    assert hosts_url(event) in client.get(reverse("events:detail", args=[event.slug])).text


# --- the hosting page --------------------------------------------------------------


def test_the_hosting_page_offers_the_organizations_the_organizer_may_name(
    client, organizer, event, ours, theirs
):
    other = OrganizationFactory(name="Wikimedians of Accra", representatives=[organizer])
    OrganizationFactory(
        name="Applying group", representatives=[organizer], status=Organization.Status.APPLYING
    )
    EventHost.objects.create(event=event, organization=other)
    EventHost.objects.create(event=event, organization=theirs)  # named by someone else
    client.force_login(organizer)

    response = client.get(hosts_url(event))

    assert response.status_code == 200
    html = response.content.decode()
    assert [
        label for _value, label in response.context["form"].fields["organizations"].choices
    ] == [
        "Wikimedians of Accra",
        "Wikimedians of Lagos",
    ]
    assert f'value="{other.pk}"' in html and f'value="{ours.pk}"' in html
    assert response.context["form"]["organizations"].value() == [other.pk]
    assert "Applying group" not in html
    assert "Also hosted by <bdi>Wikimedia Kenya</bdi>: another organizer named them" in html


def test_the_hosting_page_saves_the_hosts(client, organizer, event, ours):
    client.force_login(organizer)

    response = client.post(hosts_url(event), {"organizations": [ours.pk]})

    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.slug])
    assert hosts_of(event) == ["lagos"]
    assert "Hosted by" in client.get(response["Location"]).text


def test_the_hosting_page_refuses_an_organization_it_did_not_offer(
    client, organizer, event, ours, theirs
):
    client.force_login(organizer)

    response = client.post(hosts_url(event), {"organizations": [ours.pk, theirs.pk]})

    assert response.status_code == 400
    assert 'class="error-summary' in response.text or "errorlist" in response.text
    assert hosts_of(event) == []


def test_the_hosting_page_no_longer_offers_an_organization_suspended_meanwhile(
    client, organizer, event, ours
):
    client.force_login(organizer)
    EventHost.objects.create(event=event, organization=ours)
    Organization.objects.filter(pk=ours.pk).update(status=Organization.Status.SUSPENDED)
    other = OrganizationFactory(name="Wikimedians of Accra", representatives=[organizer])
    assert f'value="{other.pk}"' in client.get(hosts_url(event)).text
    Organization.objects.filter(pk=other.pk).update(status=Organization.Status.SUSPENDED)

    response = client.post(hosts_url(event), {"organizations": [ours.pk, other.pk]})

    assert response.status_code == 400
    assert f"Select a valid choice. {other.pk} is not one of the available choices." in (
        response.text
    )
    assert hosts_of(event) == ["lagos"]


def test_an_organizer_who_acts_for_no_organization_is_told_who_can(client, organizer, event):
    client.force_login(organizer)

    response = client.get(hosts_url(event))

    assert response.status_code == 200
    assert "You act for no recognized organization" in response.text
    assert "<form" not in response.text.split("<main", 1)[-1]


def test_the_hosting_page_is_for_the_events_organizers(client, event, ours):
    assert client.get(hosts_url(event)).status_code == 302  # to sign in
    stranger = UserFactory()
    client.force_login(stranger)

    assert client.get(hosts_url(event)).status_code == 403
    assert client.post(hosts_url(event), {"organizations": [ours.pk]}).status_code == 403
    assert client.get(reverse("organizations:event_hosts", args=["nothing"])).status_code == 404
    assert hosts_of(event) == []


def test_a_draft_events_organizers_name_its_hosts(client, organizer, ours):
    draft = EventFactory(slug="draft", is_published=False, organizers=[organizer])
    client.force_login(organizer)

    client.post(hosts_url(draft), {"organizations": [ours.pk]})

    assert hosts_of(Event.objects.get(slug="draft")) == ["lagos"]


def grow(organizer, count):
    for _number in range(count):
        OrganizationFactory(representatives=[organizer])
        OrganizationFactory()


@pytest.mark.parametrize("viewer", ["organizer", "committee"])
def test_the_hosting_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, organizer, event, viewer, django_assert_num_queries
):
    reader = organizer if viewer == "organizer" else committee_member()
    event.organizers.add(reader)
    client.force_login(reader)
    # the login session, the user, the event with its organizers (2), whether the user
    # organizes it, the current hosts with their representatives (2), the user's permissions
    # (2: their own and their groups'), the organizations on offer, whether they moderate (the
    # header's link)
    for count in (3, 27):
        grow(organizer, count)
        for organization in Organization.objects.all()[:count]:
            EventHost.objects.get_or_create(event=event, organization=organization)
        with django_assert_num_queries(11):
            assert client.get(hosts_url(event)).status_code == 200
