"""The ways-to-join pages take an exact number of queries, the same with 3 or 10 models."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from convene.core.text import text_fingerprint
from convene.organizations.models import AffiliationModel, AffiliationModelTranslation
from tests.factories import UserFactory

from .factories import AffiliationModelFactory, OrganizationFactory, committee_member

pytestmark = pytest.mark.django_db


def grow(count: int) -> None:
    """`count` more models, each with an organization and a French translation of each of its
    fields (one outdated)."""
    for _number in range(count):
        model = AffiliationModelFactory(recognized_by="The committee.", minimum_rights="1. Use")
        OrganizationFactory(affiliation_model=model)
        for field in AffiliationModel.TRANSLATABLE:
            source = getattr(model, field)
            if source:
                AffiliationModelTranslation.objects.create(
                    affiliation_model=model,
                    field=field,
                    language="fr",
                    text=f"{source} (fr)",
                    source_digest=text_fingerprint(source if field != "summary" else "older"),
                )


# page, viewer, language: queries. A signed-in reader's page counts the login session, the
# user and whether they moderate (for the header), and their permissions (their own, then
# their groups'), read to tell whether they are on the committee. Read in the models' own language, no
# query for translations; in another, one for all of them.
QUERIES = {
    ("ways", "anonymous", "en"): 1,
    ("ways", "anonymous", "fr"): 2,
    ("ways", "participant", "fr"): 7,
    ("ways", "committee", "fr"): 7,
    ("model", "anonymous", "en"): 1,
    ("model", "anonymous", "fr"): 2,
    ("model", "committee", "fr"): 7,
    ("model_edit", "committee", "en"): 7,
    ("model_translations", "committee", "en"): 7,
    ("model_translate", "committee", "en"): 7,
}


@pytest.mark.parametrize(("page", "viewer", "language"), list(QUERIES))
def test_each_ways_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page, viewer, language
):
    first = AffiliationModelFactory(slug="first", recognized_by="The Board.")
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "committee":
        client.force_login(committee_member())
    args = {
        "ways": [],
        "model": ["first"],
        "model_edit": ["first"],
        "model_translations": ["first"],
        "model_translate": ["first", "fr"],
    }[page]
    with translation.override(language):
        path = reverse(f"organizations:{page}", args=args)
    for count in (3, 7):  # 3 models, then 10
        grow(count)
        for field in AffiliationModel.TRANSLATABLE:  # and the first model translated too
            AffiliationModelTranslation.objects.get_or_create(
                affiliation_model=first,
                field=field,
                language="fr",
                defaults={"text": "fr", "source_digest": ""},
            )
        with django_assert_num_queries(QUERIES[page, viewer, language]):
            assert client.get(path).status_code == 200
