"""The registration form, long with the organizers' questions, says what is wrong at its top."""

import re

import pytest
from django.urls import reverse

from convene.events.models import Registration
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory, SessionFactory, in_days

pytestmark = pytest.mark.django_db


def test_registration_errors_are_summed_up_first_with_links_to_both_fields(client):
    event = EventFactory(slug="gc")
    session = SessionFactory(event=event, starts_at=in_days(10), location_type="online")
    question = QuestionFactory(event=event, label="Which hub are you from?", required=True)
    client.force_login(UserFactory())

    response = client.post(
        reverse("events:register", args=["gc", session.pk]), {"accessibility_needs": ""}
    )

    assert response.status_code == 400
    html = response.text
    form = html[html.index('<form method="post" novalidate>') :]
    summary = re.search(r'<div class="error-summary".*?</div>', form, re.S).group(0)
    # The summary is the first thing in the form, before any field.
    assert form.index('class="error-summary"') < form.index("<fieldset")
    assert "There are 2 problems with this form" in summary
    # In the order of the form's fields (the page may place them otherwise).
    assert re.findall(r'<a href="#([^"]+)">', summary) == [
        "id_accept_code_of_conduct",
        f"id_q_{question.pk}",
    ]
    assert re.search(r"<bdi[^>]*>Which hub are you from\?</bdi> This field is required\.", summary)
    assert "Please accept the code of conduct to register." in summary
    assert f'id="id_q_{question.pk}"' in html and 'id="id_accept_code_of_conduct"' in html
    assert Registration.objects.count() == 0


def test_registration_summary_in_arabic_is_right_to_left(client):
    event = EventFactory(slug="gc")
    session = SessionFactory(event=event, starts_at=in_days(10), location_type="online")
    client.force_login(UserFactory())

    response = client.post(
        reverse("events:register", args=["gc", session.pk]).replace("/en/", "/ar/"),
        {"accessibility_needs": ""},
    )

    html = response.text
    assert '<html lang="ar" dir="rtl">' in html
    assert html.count('class="error-summary"') == 1
    assert '<a href="#id_accept_code_of_conduct">' in html
