"""Emails are signed with the configured site name, not Django's "example.com"."""

import pytest
from django.contrib.sites.models import Site

from convene.core.sites import site_sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_is_named_from_the_configuration_after_migrate():
    site = Site.objects.get_current()

    assert (site.name, site.domain) == ("Convene", "127.0.0.1:8000")


def test_a_new_configuration_is_written_at_the_next_migrate(settings):
    settings.SITE_NAME = "Wikimedia Convene"
    settings.SITE_URL = "https://convene.example.org"

    site_sync()

    Site.objects.clear_cache()
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Wikimedia Convene", "convene.example.org")


def test_sign_in_emails_are_signed_with_the_site_name(client, mailoutbox):
    UserFactory(email="amina@example.org")

    client.post("/en/accounts/password/reset/", {"email": "amina@example.org"})

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith("[Convene] ")
    assert "example.com" not in mailoutbox[0].body
