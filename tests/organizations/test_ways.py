"""The ways-to-join pages: every model of affiliation in the reader's language, each model's
page, and the committee's pages to add, edit and translate them."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from convene.core.text import text_fingerprint
from convene.organizations.models import AffiliationModel, AffiliationModelTranslation
from tests.factories import UserFactory

from .factories import (
    AffiliationModelFactory,
    OrganizationFactory,
    chapter_model,
    committee_member,
    user_group_model,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args: object, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"organizations:{name}", args=args)


def page(client, name: str, *args: object, language: str = "en") -> str:
    response = client.get(url(name, *args, language=language))
    assert response.status_code == 200
    return response.content.decode()


def translate(model: AffiliationModel, language: str, **texts: str) -> None:
    """Translations of the model's fields, up to date with its source."""
    for field, text in texts.items():
        AffiliationModelTranslation.objects.create(
            affiliation_model=model,
            field=field,
            language=language,
            text=text,
            source_digest=text_fingerprint(getattr(model, field)),
        )


@pytest.fixture
def committee():
    return committee_member(email="committee@example.org")


@pytest.fixture
def partner():
    return AffiliationModelFactory(
        slug="movement-partner",
        name="Movement partner",
        summary="A like-minded organization outside the Wikimedia community.",
        is_official=False,
        requires_activity_report=False,
        recognized_by="WMF or Chapters",
        order=5,
    )


# --- what everyone reads ----------------------------------------------------------------------


def test_the_ways_page_lists_every_model_with_its_main_rules_as_facts(client, partner):
    chapter = chapter_model()
    user_group_model()
    OrganizationFactory(affiliation_model=chapter)

    html = page(client, "ways")

    assert html.index(">Chapter</a>") < html.index(">Movement partner</a>")
    assert f'<a href="{url("model", "chapter")}" lang="en" dir="auto">Chapter</a>' in html
    assert f'href="{url("model", "user-group")}"' in html
    # the chapter's rules
    assert "<dt>Legal entity</dt>\n  <dd>Required</dd>" in html
    assert "<dd>Yearly activity report and yearly financial statement</dd>" in html
    assert "<dd>Within 4 months after the fiscal year ends</dd>" in html
    assert "1 organization recognized now." in html
    # the user group's
    assert "<dt>Legal entity</dt>\n  <dd>Not required</dd>" in html
    assert "<dd>12 months</dd>" in html
    # the movement partner's: proposed, owes no report, recognized by whom its text says
    assert html.count("Proposed, not official") == 1
    assert "<dd>None</dd>" in html
    assert '<dd><span lang="en" dir="auto">WMF or Chapters</span></dd>' in html
    # nothing for the committee
    assert url("model_create") not in html
    assert url("model_translations", "chapter") not in html


def test_readers_get_each_field_in_their_language_falling_back_to_the_source_field_by_field(
    client,
):
    chapter = AffiliationModelFactory(
        slug="chapter", name="Chapter", summary="An incorporated, geographic organization."
    )
    translate(chapter, "fr", name="Chapitre")  # the summary is not translated

    html = page(client, "ways", language="fr")

    assert (
        f'<a href="{url("model", "chapter", language="fr")}" lang="fr" dir="auto">Chapitre</a>'
        in html
    )
    assert '<p lang="en" dir="auto">An incorporated, geographic organization.</p>' in html
    assert "Translation of an older text" not in html
    detail = page(client, "model", "chapter", language="fr")
    assert '<h1 lang="fr" dir="auto">Chapitre</h1>' in detail
    assert (
        '<p lang="en" dir="auto"><strong>An incorporated, geographic organization.</strong></p>'
        in detail
    )


def test_in_arabic_the_page_runs_right_to_left_with_each_text_in_its_own_language(client):
    group = user_group_model()
    translate(group, "ar", name="مجموعة مستخدمين", summary="مجموعة مفتوحة.")

    html = page(client, "ways", language="ar")

    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="ar" dir="auto">مجموعة مستخدمين</a>' in html
    assert '<p lang="ar" dir="auto">مجموعة مفتوحة.</p>' in html
    assert 'lang="en"' not in html.split("<main", 1)[1].split("<dl", 1)[0]


def test_a_translation_of_an_older_source_is_shown_labelled(client):
    chapter = chapter_model()
    translate(chapter, "fr", summary="Ancien résumé.")
    chapter.summary = "A new summary."
    chapter.save()

    html = page(client, "model", "chapter", language="fr")

    assert '<p lang="fr" dir="auto"><strong>Ancien résumé.</strong></p>' in html
    assert 'class="badge warn" lang="fr"' in html


def test_the_model_page_shows_every_characteristic_in_order_with_markdown_for_rights(client):
    AffiliationModelFactory(
        slug="movement-partner",
        name="Movement partner",
        mission="Variable; like minded organizations",
        territorial_range="Variable: global, regional, national",
        minimum_rights="1. Recognition as supporters\n2. Relevant trademark use",
        withdrawal="Needs discussion; by or with recommendations by AffCom",
        quorum=5,
        majority_percent=50,
    )

    html = page(client, "model", "movement-partner")

    headings = ["Mission", "Territorial range", "Minimum rights", "Withdrawal of recognition"]
    positions = [html.index(f">{heading}</h3>") for heading in headings]
    assert positions == sorted(positions)
    assert "<li>Recognition as supporters</li>" in html
    assert '<p lang="en" dir="auto">Variable: global, regional, national</p>' in html
    assert ">Incorporation</h3>" not in html  # left empty: not shown
    assert "<dt>Votes needed for a decision</dt>\n  <dd>5</dd>" in html
    assert "<dd>50%</dd>" in html


def _route(name: str) -> str | None:
    try:
        return reverse(f"organizations:{name}")
    except NoReverseMatch:
        return None


def test_the_model_page_offers_to_apply_only_when_the_model_takes_applications(client):
    apply = _route("apply")
    if apply is None:
        pytest.skip("the application form (organizations:apply) is not there yet")
    chapter_model()
    AffiliationModelFactory(slug="hub", name="Hub", accepts_applications=False)

    assert f'href="{apply}?model=chapter">Apply as a <bdi>Chapter</bdi></a>' in page(
        client, "model", "chapter"
    )
    assert "Apply as a" not in page(client, "model", "hub")


def test_the_model_page_links_to_the_organizations_listed_under_it(client):
    listing = _route("list")
    if listing is None:
        pytest.skip("the registry's list (organizations:list) is not there yet")
    chapter = chapter_model()
    OrganizationFactory(affiliation_model=chapter)
    OrganizationFactory(affiliation_model=chapter, status="applying")

    html = page(client, "model", "chapter")

    assert "The registry lists 1 organization under this model." in html
    assert f'href="{listing}?model=chapter"' in html


def test_an_unknown_model_is_not_found(client):
    assert client.get(url("model", "nothing")).status_code == 404


# --- the committee's pages --------------------------------------------------------------------

COMMITTEE_PAGES = [
    ("model_create", ()),
    ("model_edit", ("chapter",)),
    ("model_translations", ("chapter",)),
    ("model_translate", ("chapter", "fr")),
]


@pytest.mark.parametrize(("name", "args"), COMMITTEE_PAGES)
def test_the_committee_pages_send_visitors_to_log_in_and_refuse_others(client, name, args):
    chapter_model()
    address = url(name, *args)

    response = client.get(address)
    assert response.status_code == 302
    assert response.url.startswith(f"{url('ways')[:4]}accounts/login/?next=")

    client.force_login(UserFactory())
    assert client.get(address).status_code == 403
    assert client.post(address, {"name": "Taken over"}).status_code == 403
    assert AffiliationModel.objects.get(slug="chapter").name == "Chapter"


@pytest.mark.parametrize(("name", "args"), COMMITTEE_PAGES)
def test_the_committee_opens_its_pages(client, committee, name, args):
    chapter_model()
    client.force_login(committee)
    assert client.get(url(name, *args)).status_code == 200


def form_data(model: AffiliationModel | None = None, **changes: object) -> dict[str, object]:
    """What the model form sends for `model` (a new one by default), with `changes`."""
    data: dict[str, object] = {
        "name": "Wikimedia Learning Circle",
        "slug": "learning-circle",
        "summary": "A small circle of learners.",
        "language": "en",
        "order": 6,
        "mission": "Learn together.",
        "accepts_applications": "on",
        "requires_activity_report": "on",
        "report_months": 4,
        "provisional_months": 6,
        "quorum": 3,
        "majority_percent": 50,
        "reapply_months": 6,
    }
    if model is not None:
        for name in ("name", "slug", "summary", "language", "order", *model.CHARACTERISTICS):
            data[name] = getattr(model, name)
        for name in (
            "is_official",
            "accepts_applications",
            "requires_incorporation",
            "requires_activity_report",
            "requires_financial_statement",
        ):
            data[name] = "on" if getattr(model, name) else ""
        for name in (
            "report_months",
            "provisional_months",
            "quorum",
            "majority_percent",
            "reapply_months",
        ):
            data[name] = getattr(model, name)
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_a_model_added_through_the_page_is_on_the_ways_page_with_no_code(client, committee):
    chapter_model()
    client.force_login(committee)

    response = client.post(url("model_create"), form_data(is_official="on"))

    assert response.status_code == 302
    assert response.url == url("model", "learning-circle")
    added = AffiliationModel.objects.get(slug="learning-circle")
    assert (added.provisional_months, added.requires_incorporation) == (6, False)
    client.logout()
    html = page(client, "ways")
    assert ">Wikimedia Learning Circle</a>" in html
    assert '<p lang="en" dir="auto">A small circle of learners.</p>' in html
    assert "<dd>6 months</dd>" in html


def test_the_committee_edits_every_field_including_the_rules(client, committee):
    chapter = chapter_model()
    client.force_login(committee)

    response = client.post(
        url("model_edit", "chapter"),
        form_data(chapter, report_months=6, provisional_months=3, withdrawal="By the Board."),
    )

    assert response.status_code == 302
    chapter.refresh_from_db()
    assert (chapter.report_months, chapter.provisional_months) == (6, 3)
    assert chapter.withdrawal == "By the Board."
    assert "<dd>Within 6 months after the fiscal year ends</dd>" in page(client, "ways")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "User group"}, "Model of affiliation with this Name already exists."),
        (
            {"slug": "user-group"},
            "Model of affiliation with this Short name in the address already exists.",
        ),
        (
            {"requires_incorporation": "", "requires_financial_statement": "on"},
            "Only a model that requires a legal entity can ask for a financial statement.",
        ),
        ({"slug": "new"}, "This short name is taken by a page of Convene. Choose another."),
        # forged: values no form offers
        ({"language": "tlh"}, "Select a valid choice. tlh is not one of the available choices."),
        ({"quorum": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"report_months": "many"}, "Enter a whole number."),
        (
            {"withdrawal": "w" * 10001},
            "Ensure this value has at most 10000 characters (it has 10001).",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, committee, changes, message):
    chapter = chapter_model()
    user_group_model()
    before = list(AffiliationModel.objects.order_by("pk").values())
    client.force_login(committee)

    edited = client.post(url("model_edit", "chapter"), form_data(chapter, **changes))
    created = client.post(url("model_create"), form_data(**changes))

    for response in (edited, created):
        assert response.status_code == 400
        assert message in response.content.decode()
        assert 'class="error-summary"' in response.content.decode()
    assert list(AffiliationModel.objects.order_by("pk").values()) == before


def test_a_forged_form_without_its_fields_changes_nothing(client, committee):
    chapter = chapter_model()
    client.force_login(committee)

    response = client.post(url("model_edit", "chapter"), {"name": "Chapter", "slug": "chapter"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert AffiliationModel.objects.get(pk=chapter.pk).report_months == 4


# --- translating --------------------------------------------------------------------------------


def test_the_committee_translates_a_model_and_readers_see_it(client, committee):
    chapter = chapter_model()
    client.force_login(committee)
    form = page(client, "model_translate", "chapter", "fr")
    assert (
        '<blockquote id="source-summary" lang="en" dir="auto">A way to join the movement.</blockquote>'
        in form
    )
    assert 'lang="fr"' in form and 'aria-describedby="source-summary' in form

    response = client.post(
        url("model_translate", "chapter", "fr"),
        {
            "text_name": "Chapitre",
            "seen_name": text_fingerprint("Chapter"),
            "text_summary": "Une façon de rejoindre le mouvement.",
            "seen_summary": text_fingerprint(chapter.summary),
        },
    )

    assert response.status_code == 302
    assert response.url == url("model_translate", "chapter", "fr")
    texts = dict(
        AffiliationModelTranslation.objects.filter(language="fr").values_list("field", "text")
    )
    assert texts == {"name": "Chapitre", "summary": "Une façon de rejoindre le mouvement."}
    client.logout()
    assert '<h1 lang="fr" dir="auto">Chapitre</h1>' in page(
        client, "model", "chapter", language="fr"
    )


def _state_of(html: str, field: str) -> str:
    section = html.split(f'id="field-{field}-heading">', 1)[1].split("</h2>", 1)[0]
    for state in ("Not translated", "Outdated", "Up to date"):
        if state in section:
            return state
    raise AssertionError(section)


def test_a_translation_becomes_outdated_when_its_source_changes(client, committee):
    chapter = chapter_model()
    client.force_login(committee)
    digest = text_fingerprint(chapter.summary)
    client.post(
        url("model_translate", "chapter", "fr"),
        {"text_summary": "Une façon de rejoindre.", "seen_summary": digest},
    )
    assert _state_of(page(client, "model_translate", "chapter", "fr"), "summary") == "Up to date"

    client.post(url("model_edit", "chapter"), form_data(chapter, summary="A new summary."))

    html = page(client, "model_translate", "chapter", "fr")
    assert _state_of(html, "summary") == "Outdated"
    assert _state_of(html, "name") == "Not translated"
    overview = page(client, "model_translations", "chapter")
    french = overview.split('id="language-fr"', 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in french.split('<td class="num">')[1:]] == ["0", "1", "2"]
    # Saved again unchanged, it stays outdated; confirmed, it is up to date.
    new_digest = text_fingerprint("A new summary.")
    sent = {"text_summary": "Une façon de rejoindre.", "seen_summary": new_digest}
    client.post(url("model_translate", "chapter", "fr"), sent)
    assert _state_of(page(client, "model_translate", "chapter", "fr"), "summary") == "Outdated"
    client.post(url("model_translate", "chapter", "fr"), {**sent, "confirm_summary": "on"})
    assert _state_of(page(client, "model_translate", "chapter", "fr"), "summary") == "Up to date"


def test_a_translation_of_a_source_that_changed_meanwhile_is_refused(client, committee):
    chapter = chapter_model()
    client.force_login(committee)

    response = client.post(
        url("model_translate", "chapter", "fr"),
        {"text_summary": "Traduit d’un ancien texte.", "seen_summary": text_fingerprint("Old.")},
    )

    assert response.status_code == 400
    assert (
        "The original of Summary changed while you were translating." in response.content.decode()
    )
    assert not AffiliationModelTranslation.objects.exists()
    assert chapter.summary == AffiliationModel.objects.get(pk=chapter.pk).summary


def test_the_ways_page_links_the_committee_to_translations(client, committee):
    chapter_model()
    client.force_login(committee)

    html = page(client, "ways")

    assert f'href="{url("model_translations", "chapter")}"' in html
    assert f'href="{url("model_create")}"' in html


@pytest.mark.parametrize("language", ["en", "xx", "pt_BR"])
def test_no_translation_page_into_the_source_or_an_unknown_language(client, committee, language):
    chapter_model()
    client.force_login(committee)
    assert client.get(url("model_translate", "chapter", language)).status_code == 404
