from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token

from convene.accounts.models import User
from convene.accounts.services import user_delete
from convene.core.models import OutgoingEmail
from convene.events.models import LightningTalk, Registration
from convene.events.services import Needs, registration_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register(session, user, now):
    return registration_create(
        session=session, user=user, needs=Needs(), accepted_code_of_conduct=True, now=now
    )


def test_delete_page_explains_what_happens(user_client):
    response = user_client.get("/en/me/delete/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "the places you held go to the people on the waiting list" in html
    assert "attributed to “deleted user”" in html
    assert '<label for="id_email">Your email address</label>' in html


def test_delete_asks_anonymous_visitors_to_log_in(client):
    response = client.post("/en/me/delete/", {"email": "amina@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("typed", ["", "someone@example.org", "amina@example"])
def test_delete_with_the_wrong_email_changes_nothing(user_client, user, session, now, typed):
    registration = register(session, user, now)

    response = user_client.post("/en/me/delete/", {"email": typed})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
    assert User.objects.filter(pk=user.pk).exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert user_client.get("/en/me/").status_code == 200


def test_delete_with_the_wrong_email_says_why(user_client):
    response = user_client.post("/en/me/delete/", {"email": "someone@example.org"})

    assert response.context["form"].errors == {
        "email": [
            "This is not the email address of your account. "
            "Nothing was deleted: type the address exactly as shown above."
        ]
    }


def test_delete_removes_the_account_and_gives_the_place_to_the_waiting_list(
    user_client, user, session, now
):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Token.objects.create(user=user)
    register(session, user, now)
    waiting = UserFactory(email="waiting@example.org")
    waiting_registration = register(session, waiting, now)
    assert waiting_registration.status == Registration.Status.WAITLISTED
    talk = LightningTalk.objects.create(
        session=session, speaker=user, title="Offline reading", abstract="Kiwix.", language="en"
    )

    # The address typed differs in case and spacing only.
    response = user_client.post("/en/me/delete/", {"email": " Amina@Example.org "})

    assert response.status_code == 302
    assert response["Location"] == "/en/events/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Registration.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(email="amina@example.org").exists()
    assert not Token.objects.exists()
    waiting_registration.refresh_from_db()
    assert waiting_registration.status == Registration.Status.CONFIRMED
    session.refresh_from_db()
    assert session.confirmed_count == 1
    talk.refresh_from_db()
    assert talk.speaker is None
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [
        "waiting@example.org",
        "waiting@example.org",
    ]
    # Logged out, with a message on the next page.
    follow = user_client.get("/en/me/")
    assert follow.status_code == 302
    page = user_client.get("/en/events/")
    assert [str(m) for m in page.context["messages"]] == [
        "Your account has been deleted. Thank you for taking part."
    ]


def test_delete_keeps_the_count_of_a_session_that_has_begun(user, session, now):
    register(session, user, now)

    user_delete(user=user, now=session.starts_at + timedelta(hours=1))

    assert not User.objects.filter(pk=user.pk).exists()
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_delete_leaves_cancelled_registrations_alone(user_client, user, session, now):
    from convene.events.services import registration_cancel

    registration_cancel(registration=register(session, user, now), now=now)

    response = user_client.post("/en/me/delete/", {"email": user.email})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    session.refresh_from_db()
    assert session.confirmed_count == 0
