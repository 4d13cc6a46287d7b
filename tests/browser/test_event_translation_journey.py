"""Browser journey: a translator translates a session's title into French, without
JavaScript too, and a reader who reads French sees it on the event and session pages.

Every page visited is checked with axe-core; controls are found by ids and addresses.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_translated_session_title_reaches_a_french_reader(new_page, log_in, javascript):
    event = EventFactory(slug="gc", title="Global Conversations")
    session = SessionFactory(event=event, title="Day one")
    translator = UserFactory(display_name="Lavande", preferred_language="fr")
    translator.user_permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="add_contenttranslation")
    )

    page = new_page(locale="fr-FR", javascript=javascript)
    log_in(page, translator)
    page.goto("/fr/events/gc/translations/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    field = page.locator(f"#session-{session.pk}-title-text")
    field.fill("Premier jour")
    page.locator(f"#session-{session.pk}-title form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert page.locator(f"#session-{session.pk}-title-text").input_value() == "Premier jour"

    reader = new_page(locale="fr-FR", javascript=javascript)
    reader.goto("/fr/events/gc/")
    assert (
        reader.locator(
            f"a[href='/fr/events/gc/sessions/{session.pk}/'][lang=fr]"
        ).first.inner_text()
        == "Premier jour"
    )
    reader.goto(f"/fr/events/gc/sessions/{session.pk}/")
    heading = reader.locator("h1")
    assert heading.inner_text() == "Premier jour"
    assert heading.get_attribute("lang") == "fr"
    assert heading.get_attribute("dir") == "auto"
