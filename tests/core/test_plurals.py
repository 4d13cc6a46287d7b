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


# --- messages with two numbers: one sentence, and one plural form, for each ------------------

COMMENT_TOO_LONG = [
    (
        "Your comment is %(length)s character long.",
        "Your comment is %(length)s characters long.",
        "%(length)s",
    ),
    (
        "The limit is %(limit)s character: shorten it, or split it into a comment and a reply.",
        "The limit is %(limit)s characters: shorten it, or split it into a comment and a reply.",
        "%(limit)s",
    ),
]


@pytest.mark.parametrize(
    ("length", "limit", "expected"),
    [
        (2, 1, "two 2 one 1"),
        (3, 2, "few 3 two 2"),
        (11, 10, "many 11 few 10"),
        (101, 99, "other 101 many 99"),
    ],
)
def test_a_comment_too_long_says_its_length_and_its_limit_each_in_its_form(
    arabic, monkeypatch, length, limit, expected
):
    from convene.discussion import services

    monkeypatch.setattr(services, "COMMENT_MAX_LENGTH", limit)
    arabic(*COMMENT_TOO_LONG)
    with translation.override("ar"), pytest.raises(ServiceError) as refused:
        services._check_body("x" * length)

    assert refused.value.code == "too_long"
    assert str(refused.value.message) == expected


@pytest.mark.parametrize(
    ("length", "limit", "expected"),
    [(1, 0, "one 1 zero 0"), (12, 2, "many 12 two 2"), (501, 500, "other 501 other 500")],
)
def test_a_reason_too_long_says_its_length_and_its_limit_each_in_its_form(
    arabic, length, limit, expected
):
    from convene.discussion import services

    arabic(
        (
            "Your reason is %(length)s character long.",
            "Your reason is %(length)s characters long.",
            "%(length)s",
        ),
        ("The limit is %(limit)s character.", "The limit is %(limit)s characters.", "%(limit)s"),
    )
    with translation.override("ar"):
        assert services._reason_too_long(length, limit) == expected


def test_sentences_are_joined_as_the_language_joins_them():
    from convene.core.text import sentences

    with translation.override("en"):
        assert sentences("One.", "Two.") == "One. Two."
    with translation.override("zh-hans"):
        assert sentences("一。", "二。") == "一。二。"


@pytest.mark.parametrize(
    ("seconds", "minutes", "form"),
    [(30, 1, "one"), (60, 1, "one"), (90, 2, "two"), (300, 5, "few"), (3600, 60, "many")],
)
def test_the_wait_after_a_limit_takes_the_form_of_its_minutes(arabic, seconds, minutes, form):
    from convene.core.ratelimit import Rate, wait_message

    arabic(
        (
            "Please wait up to %(minutes)s minute and try again; your text is kept below.",
            "Please wait up to %(minutes)s minutes and try again; your text is kept below.",
            "%(minutes)s",
        )
    )
    rate = Rate(amount=5, seconds=seconds, per="account")
    assert rate.minutes == minutes  # rounded up: no one is told to wait too little
    with translation.override("ar"):
        assert wait_message(rate) == f"{form} {minutes}"
    with translation.override("en"):
        unit = "minute" if minutes == 1 else "minutes"
        assert wait_message(rate) == (
            f"Please wait up to {minutes} {unit} and try again; your text is kept below."
        )


@pytest.mark.parametrize(("limit", "form"), [(1, "one"), (4, "few"), (5000, "other")])
def test_the_comment_help_says_its_limit_in_the_right_form(arabic, monkeypatch, limit, form):
    from convene.discussion import forms

    monkeypatch.setattr(forms, "COMMENT_MAX_LENGTH", limit)
    arabic(
        (
            "Plain text; line breaks are kept. At most %(limit)s character. "
            "It is public, with your display name.",
            "Plain text; line breaks are kept. At most %(limit)s characters. "
            "It is public, with your display name.",
            "%(limit)s",
        )
    )
    with translation.override("ar"):
        assert forms._body_help_text() == f"{form} {limit}"
    with translation.override("en"):
        assert forms._body_help_text() == (
            f"Plain text; line breaks are kept. At most {limit} "
            f"{'character' if limit == 1 else 'characters'}. It is public, with your display name."
        )


@pytest.mark.parametrize(
    ("field", "limit", "form", "english"),
    [
        ("subject", 1, "one", "A subject can have at most 1 character."),
        ("subject", 20, "many", "A subject can have at most 20 characters."),
        ("body", 2, "two", "A message can have at most 2 characters."),
        ("body", 100, "other", "A message can have at most 100 characters."),
    ],
)
def test_a_subject_or_message_too_long_says_its_limit_in_the_right_form(
    arabic, monkeypatch, field, limit, form, english
):
    from convene.events import messaging

    monkeypatch.setattr(messaging, "SUBJECT_MAX" if field == "subject" else "BODY_MAX", limit)
    arabic(
        (
            "A subject can have at most %(max)s character.",
            "A subject can have at most %(max)s characters.",
            "%(max)s",
        ),
        (
            "A message can have at most %(max)s character.",
            "A message can have at most %(max)s characters.",
            "%(max)s",
        ),
    )
    text = {"subject": "Agenda", "body": "Hello."}
    text[field] = "x" * (limit + 1)
    for language, message in (("ar", f"{form} {limit}"), ("en", english)):
        with translation.override(language), pytest.raises(ServiceError) as refused:
            messaging._check_text(text["subject"], text["body"])
        assert (refused.value.code, str(refused.value.message)) == ("too_long", message)


@pytest.mark.parametrize(
    ("length", "word"),
    [(5001, "символ"), (5002, "символа"), (5005, "символов"), (5011, "символов")],
)
def test_the_russian_catalogue_counts_a_comment_too_long_in_its_own_forms(length, word):
    """With the project's compiled Russian catalogue: 5001 takes the form of 1, 5002 of 2,
    5005 and 5011 of 5; the limit, 5000, takes the form of 5 in its own sentence."""
    from convene.discussion import services

    with translation.override("ru"), pytest.raises(ServiceError) as refused:
        services._check_body("x" * length)

    assert str(refused.value.message) == (
        f"Длина вашего комментария — {length} {word}. Ограничение — 5000 символов: "
        "сократите комментарий или разделите его на комментарий и ответ."
    )
