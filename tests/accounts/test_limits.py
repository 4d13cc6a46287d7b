"""Sign-in, sign-up and password reset are limited in the database, per account and address."""

from __future__ import annotations

import pytest
from django.core import mail

from convene.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 42"


@pytest.fixture
def limits(settings):
    settings.CONVENE_RATE_LIMITS = {
        "login": "60/1m/address",
        "login_failed": "5/5m/account+address,20/1h/account",
        "signup": "20/1m/address,3/1h/account",
        "password_reset": "20/1m/address,3/1h/account",
    }


def log_in(client, email, password, ip="192.0.2.1"):
    return client.post(
        "/en/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(response):
    return response.status_code == 302


def test_failures_lock_one_account_from_one_address_and_no_other(client, limits):
    ana = UserFactory(email="ana@example.org", password=PASSWORD)
    UserFactory(email="bo@example.org", password=PASSWORD)

    for _ in range(5):
        assert log_in(client, "ana@example.org", "wrong").status_code == 200
    locked = log_in(client, "ana@example.org", PASSWORD)
    assert not signed_in(locked)
    assert "Too many failed login attempts" in locked.content.decode()
    # The same address signs another account in,
    assert signed_in(log_in(client, "bo@example.org", PASSWORD))
    client.logout()
    # and the locked account signs in from another address.
    assert signed_in(log_in(client, "ana@example.org", PASSWORD, ip="198.51.100.2"))
    assert int(client.session["_auth_user_id"]) == ana.pk


def test_failures_from_many_addresses_lock_only_that_account(client, limits):
    UserFactory(email="ana@example.org", password=PASSWORD)
    UserFactory(email="bo@example.org", password=PASSWORD)
    for number in range(20):
        log_in(client, "ana@example.org", "wrong", ip=f"198.51.100.{number}")
    assert not signed_in(log_in(client, "ana@example.org", PASSWORD, ip="203.0.113.1"))
    assert signed_in(log_in(client, "bo@example.org", PASSWORD, ip="198.51.100.1"))


def test_a_successful_sign_in_is_not_counted_as_a_failure(client, limits):
    UserFactory(email="ana@example.org", password=PASSWORD)
    for _ in range(4):
        log_in(client, "ana@example.org", "wrong")
    for _ in range(3):
        assert signed_in(log_in(client, "ana@example.org", PASSWORD))
        client.logout()
    assert log_in(client, "ana@example.org", "wrong").status_code == 200
    assert not signed_in(log_in(client, "ana@example.org", PASSWORD))


def test_attempts_per_address(client, settings):
    settings.CONVENE_RATE_LIMITS = {"login": "3/1m/address", "login_failed": ""}
    UserFactory(email="ana@example.org", password=PASSWORD)
    for _ in range(3):
        log_in(client, "nobody@example.org", "wrong")
    assert not signed_in(log_in(client, "ana@example.org", PASSWORD))
    assert signed_in(log_in(client, "ana@example.org", PASSWORD, ip="192.0.2.2"))


def sign_up(client, email, ip="192.0.2.1"):
    return client.post(
        "/en/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=ip,
    )


def test_twenty_sign_ups_a_minute_per_address(client, limits):
    for number in range(25):
        client.logout()
        sign_up(client, f"person{number}@example.org")
    assert User.objects.count() == 20
    client.logout()
    refused = sign_up(client, "late@example.org")
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Be patient, you are sending too many requests." in html
    assert 'value="late@example.org"' in html  # what was typed is kept
    assert signed_in(sign_up(client, "late@example.org", ip="198.51.100.1"))


def test_invalid_sign_ups_are_not_counted(client, settings):
    settings.CONVENE_RATE_LIMITS = {"signup": "1/1m/address"}
    response = client.post(
        "/en/accounts/signup/",
        {"email": "a@example.org", "password1": PASSWORD, "password2": "other"},
    )
    assert response.status_code == 200
    assert signed_in(sign_up(client, "a@example.org", ip="127.0.0.1"))


def test_three_sign_ups_an_hour_per_email_address(client, limits, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    UserFactory(email="taken@example.org")
    codes = [
        sign_up(client, "taken@example.org", ip=f"198.51.100.{n}").status_code for n in range(5)
    ]
    # With enumeration prevention each looks accepted (and mails the owner): three times only.
    assert codes == [302, 302, 302, 200, 200]


def reset(client, email, ip="192.0.2.1"):
    return client.post("/en/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ip)


def test_three_password_resets_an_hour_per_email_address(client, limits):
    UserFactory(email="ana@example.org")
    codes = [reset(client, "ana@example.org", ip=f"198.51.100.{n}").status_code for n in range(5)]
    assert codes == [302, 302, 302, 200, 200]
    assert len(mail.outbox) == 3


def test_twenty_password_resets_a_minute_per_address(client, limits):
    codes = [reset(client, f"p{number}@example.org").status_code for number in range(22)]
    assert codes.count(302) == 20
    refused = reset(client, "p99@example.org")
    assert "Be patient, you are sending too many requests." in refused.content.decode()
    assert reset(client, "p99@example.org", ip="198.51.100.1").status_code == 302
