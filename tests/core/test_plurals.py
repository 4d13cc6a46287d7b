"""Counts next to words take the plural form of the language: Arabic has six (0, 1, 2,
3-10, 11-99, 100+). Each message is checked with a small Arabic catalogue of its own, so the
test holds whatever the project's catalogue says."""

import gettext as gettext_module
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import trans_real

from convene.core.errors import ServiceError
from convene.core.templatetags.convene import _countdown_units, countdown_units

ARABIC_PLURAL = (
    "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5"
)
FORMS = ["zero {n}", "one {n}", "two {n}", "few {n}", "many {n}", "other {n}"]


@pytest.fixture
def arabic(monkeypatch):
    """Add messages with six forms each to the Arabic catalogue for the test."""

    def add(*messages: tuple[str, str, str]) -> None:
        catalog = Catalog(locale="ar")
        # The plural rule of the project's Arabic catalogue (Babel's orders the forms otherwise).
        catalog._num_plurals, catalog._plural_expr = 6, ARABIC_PLURAL
        for singular, plural, placeholder in messages:
            forms = [form.replace("{n}", placeholder) for form in FORMS]
            catalog.add((singular, plural), forms)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        extra = gettext_module.GNUTranslations(buffer)
        with translation.override("ar"):
            trans_real.translation("ar").merge(extra)

    yield add
    trans_real._translations = {}  # the next use reads the catalogues again
    _countdown_units.cache_clear()


@pytest.mark.parametrize(
    ("number", "form"),
    [(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (10, "few"), (11, "many"), (100, "other")],
)
def test_places_left_take_the_arabic_form_of_their_number(arabic, number, form):
    arabic(("%(left)s of %(capacity)s left", "%(left)s of %(capacity)s left", "%(left)s"))
    template = Template(
        # The sentence of the event and session pages.
        "{% load i18n %}{% blocktranslate count left=left with capacity=capacity %}"
        "{{ left }} of {{ capacity }} left{% plural %}{{ left }} of {{ capacity }} left"
        "{% endblocktranslate %}"
    )
    with translation.override("ar"):
        assert template.render(Context({"left": number, "capacity": 200})) == f"{form} {number}"


def test_the_project_catalogue_has_that_rule():
    from pathlib import Path

    po = Path(__file__).resolve().parents[2] / "src/convene/locale/ar/LC_MESSAGES/django.po"
    header = po.read_text().split("\n\n", 1)[0].replace('"\n"', "")
    assert (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;"
        in header
    )


def test_the_pages_use_that_plural_sentence():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src/convene/events/templates/events"
    sentence = (
        "{% blocktranslate count left=session.places_left with capacity=session.capacity %}"
        "{{ left }} of {{ capacity }} left{% plural %}{{ left }} of {{ capacity }} left"
        "{% endblocktranslate %}"
    )
    for name in ("event_detail.html", "session_detail.html"):
        assert sentence in (root / name).read_text()


def test_the_countdown_gives_the_browser_every_arabic_form(arabic):
    arabic(
        ("%(count)s day", "%(count)s days", "%(count)s"),
        ("%(count)s hour", "%(count)s hours", "%(count)s"),
        ("%(count)s minute", "%(count)s minutes", "%(count)s"),
    )
    with translation.override("ar"):
        units = _countdown_units("ar")

    assert units["d"] == {
        "zero": "zero {n}",
        "one": "one {n}",
        "two": "two {n}",
        "few": "few {n}",
        "many": "many {n}",
        "other": "other {n}",
    }
    assert units["h"] == units["m"] == units["d"]


def test_the_countdown_in_english_and_russian_categories():
    _countdown_units.cache_clear()
    with translation.override("en"):
        assert countdown_units() == (
            '{"d": {"other": "{n} days", "one": "{n} day"}, '
            '"h": {"other": "{n} hours", "one": "{n} hour"}, '
            '"m": {"other": "{n} minutes", "one": "{n} minute"}, "pair": "{a}, {b}"}'
        )
    assert set(_countdown_units("ru")["d"]) == {"one", "few", "many"}


@pytest.mark.parametrize(("limit", "form"), [(2, "two"), (5, "few"), (300, "other")])
def test_a_question_too_long_says_its_limit_in_the_right_form(arabic, limit, form):
    from convene.qanda.services import _clean_text

    arabic(
        (
            "Please keep it to %(max)s character; this text has %(length)s.",
            "Please keep it to %(max)s characters; this text has %(length)s.",
            "%(max)s",
        )
    )
    with translation.override("ar"), pytest.raises(ServiceError) as refused:
        _clean_text("x" * (limit + 1), max_length=limit, empty="", code="question")

    assert str(refused.value.message) == f"{form} {limit}"


@pytest.mark.django_db
@pytest.mark.parametrize(("limit", "form"), [("200", "other"), ("12", "many")])
def test_an_answer_too_long_says_its_limit_in_the_right_form(arabic, monkeypatch, limit, form):
    from convene.events import answers
    from tests.events.factories import QuestionFactory

    monkeypatch.setattr(answers, "SHORT_TEXT_MAX", int(limit))
    arabic(
        (
            "Please keep the answer under %(limit)s character (it has %(length)s).",
            "Please keep the answer under %(limit)s characters (it has %(length)s).",
            "%(limit)s",
        )
    )
    question = QuestionFactory(kind="short_text")
    with translation.override("ar"), pytest.raises(Exception) as refused:
        answers.validate_answer(question, "x" * (int(limit) + 1))

    assert refused.value.messages == [f"{form} {limit}"]
