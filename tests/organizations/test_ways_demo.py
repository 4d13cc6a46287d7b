"""The demo's five models of affiliation and their translations."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from convene.core import languages
from convene.demo.organizations import models_of_affiliation
from convene.organizations import translations
from convene.organizations.models import AffiliationModel, AffiliationModelTranslation

pytestmark = pytest.mark.django_db

SLUGS = ["chapter", "thematic-organization", "user-group", "hub", "movement-partner"]


def test_the_demo_loads_five_models_once_however_often_it_runs():
    first = models_of_affiliation.load()
    again = models_of_affiliation.load()

    assert list(first) == SLUGS
    assert {slug: model.pk for slug, model in again.items()} == {
        slug: model.pk for slug, model in first.items()
    }
    assert list(AffiliationModel.objects.values_list("slug", flat=True)) == SLUGS
    assert AffiliationModelTranslation.objects.count() == 5 * 4 * 9


def test_the_movement_partner_is_proposed_takes_applications_and_keeps_the_draft_words():
    partner = models_of_affiliation.load()["movement-partner"]

    assert (partner.is_official, partner.accepts_applications) == (False, True)
    assert partner.territorial_range == "Variable: global, regional, national"
    assert partner.recognized_by == "WMF or Chapters"
    assert partner.withdrawal == "Needs discussion; by or with recommendations by AffCom"
    assert partner.minimum_rights.splitlines()[2] == "3. Simplified access to grants"


def test_the_rules_follow_the_public_record():
    models = models_of_affiliation.load()
    chapter, group = models["chapter"], models["user-group"]

    assert (chapter.requires_incorporation, chapter.requires_financial_statement) == (True, True)
    assert chapter.report_months == 4
    assert (group.requires_incorporation, group.provisional_months, group.reapply_months) == (
        False,
        12,
        6,
    )
    assert "Sample text" in models["hub"].summary
    assert all(model.full_clean() is None for model in models.values())


def test_every_model_is_translated_into_every_other_language_one_field_left_outdated():
    models = models_of_affiliation.load()
    others = [code for code in languages.CONTENT if code != "en"]
    outdated = []
    for slug, model in models.items():
        for row in translations.progress(affiliation_model=model, codes=others):
            assert row["up_to_date"] + row["outdated"] == 4, (slug, row)
            if row["outdated"]:
                outdated.append((slug, row["language"]))
    assert outdated == [("user-group", "de")]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_ways_page_shows_the_demo_in_every_interface_language(client, language):
    models = models_of_affiliation.load()
    with translation.override(language):
        path = reverse("organizations:ways")

    html = client.get(path).content.decode()

    for model in models.values():
        expected = (
            model.name
            if language == "en"
            else AffiliationModelTranslation.objects.get(
                affiliation_model=model, field="name", language=language
            ).text
        )
        assert f'lang="{language}" dir="auto">{expected}</a>' in html
