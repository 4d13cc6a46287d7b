"""All ten languages: complete catalogues, prefixed addresses, direction, switcher."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from convene.core import languages
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "convene"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def catalogue(code: str, root: str = "locale"):
    folder = code.replace("-hans", "_Hans").replace("pt-br", "pt_BR")
    with (SRC / root / folder / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=folder)


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_is_complete_and_consistent(code):
    messages = [m for m in catalogue(code) if m.id]
    assert len(messages) > 300
    untranslated = [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code):
    problems = [(m.id, errors) for m, errors in catalogue(code).check() if errors]
    assert problems == []


def test_hindi_sign_in_pages_are_translated():
    messages = [m for m in catalogue("hi", "locale_allauth") if m.id]
    assert [
        m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ] == []


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_in_every_language_with_the_right_direction(client, code):
    event = EventFactory(slug="gc", title="Global Conversations")
    session = SessionFactory(event=event)
    client.force_login(UserFactory())
    direction = "rtl" if code == "ar" else "ltr"
    for path in (
        f"/{code}/events/",
        f"/{code}/events/gc/",
        f"/{code}/events/gc/sessions/{session.pk}/",
        f"/{code}/events/gc/sessions/{session.pk}/register/",
        f"/{code}/me/",
        f"/{code}/timezone/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{code}" dir="{direction}">' in response.text, path


@pytest.mark.django_db
def test_interface_text_is_translated(client):
    response = client.get("/fr/events/")
    assert "<h1>" + catalogue("fr").get("Events").string + "</h1>" in response.text


@pytest.mark.django_db
def test_language_switcher_keeps_the_page(client):
    EventFactory(slug="gc")
    text = client.get("/en/events/gc/?tab=1").text
    assert 'href="/ar/events/gc/?tab=1" hreflang="ar" lang="ar"' in text
    assert 'href="/pt-br/events/gc/?tab=1" hreflang="pt-br" lang="pt-br"' in text
    assert 'href="/en/events/gc/?tab=1" hreflang="en" lang="en" aria-current="true"' in text


def test_unprefixed_address_redirects_to_a_language():
    from django.test import Client

    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/events/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/events/"


# --- Language names (convene.core.languages) -----------------------------------------------

ENGLISH_NAMES = [
    "Arabic",
    "Chinese",
    "English",
    "French",
    "German",
    "Hindi",
    "Indonesian",
    "Portuguese",
    "Russian",
    "Spanish",
]


def test_interface_languages_are_the_settings_ones():
    assert languages.INTERFACE == LANGUAGES


def test_content_languages_keep_their_english_names_and_order():
    assert languages.CONTENT == ["ar", "zh-hans", "en", "fr", "de", "hi", "id", "pt-br", "ru", "es"]
    assert [languages.language_name(code, reader="en") for code in languages.CONTENT] == (
        ENGLISH_NAMES
    )
    assert sorted(languages.CONTENT) == sorted(languages.INTERFACE)


def test_the_full_set_holds_the_content_languages_and_many_more():
    assert set(languages.CONTENT) < set(languages.ALL)
    assert len(languages.ALL) == 159
    assert languages.language_name("sw", reader="en") == "Swahili"
    assert languages.language_name("yo", reader="en") == "Yoruba"
    assert languages.language_name("qu", reader="en") == "Quechua"
    # Chinese and Portuguese are spelled as in the interface, once.
    assert "zh" not in languages.ALL
    assert "pt" not in languages.ALL
    assert languages.ALL.index("ar") < languages.ALL.index("pt-br") < languages.ALL.index("sw")


@pytest.mark.parametrize(
    ("reader", "names"),
    [
        ("fr", ["Arabe", "Chinois", "Anglais", "Français", "Allemand", "Hindi", "Indonésien",
                "Portugais", "Russe", "Espagnol"]),
        ("es", ["Árabe", "Chino", "Inglés", "Francés", "Alemán", "Hindi", "Indonesio",
                "Portugués", "Ruso", "Español"]),
        ("pt-br", ["Árabe", "Chinês", "Inglês", "Francês", "Alemão", "Híndi", "Indonésio",
                   "Português", "Russo", "Espanhol"]),
        ("ru", ["Арабский", "Китайский", "Английский", "Французский", "Немецкий", "Хинди",
                "Индонезийский", "Португальский", "Русский", "Испанский"]),
        ("id", ["Bahasa Arab", "Bahasa Tionghoa", "Bahasa Inggris", "Bahasa Prancis",
                "Bahasa Jerman", "Bahasa Hindi", "Bahasa Indonesia", "Bahasa Portugis",
                "Bahasa Rusia", "Bahasa Spanyol"]),
        ("de", ["Arabisch", "Chinesisch", "Englisch", "Französisch", "Deutsch", "Hindi",
                "Indonesisch", "Portugiesisch", "Russisch", "Spanisch"]),
        ("ar", ["العربية", "الصينية", "الإنجليزية", "الفرنسية", "الألمانية", "الهندية",
                "الإندونيسية", "البرتغالية", "الروسية", "الإسبانية"]),
        ("hi", ["अरबी", "चीनी", "अंग्रेज़ी", "फ़्रेंच", "जर्मन", "हिन्दी", "इंडोनेशियाई", "पुर्तगाली",
                "रूसी", "स्पेनिश"]),
        ("zh-hans", ["阿拉伯语", "中文", "英语", "法语", "德语", "印地语", "印度尼西亚语", "葡萄牙语",
                     "俄语", "西班牙语"]),
    ],
)  # fmt: skip
def test_names_are_in_the_readers_language_capitalized(reader, names):
    # The same names each catalogue translated the English ones into before they came from
    # the CLDR ("Bahasa" added in Indonesian, where the CLDR gives the bare name).
    assert [languages.language_name(code, reader=reader) for code in languages.CONTENT] == names


def test_names_in_other_readers_languages():
    assert languages.language_name("fr", reader="de") == "Französisch"
    assert languages.language_name("sw", reader="de") == "Suaheli"
    assert languages.language_name("yo", reader="fr") == "Yoruba"
    assert languages.language_name("de", reader="ar") == "الألمانية"
    assert languages.language_name("en", reader="hi") == "अंग्रेज़ी"


def test_reader_defaults_to_the_active_language_and_falls_back():
    with translation.override("fr"):
        assert languages.language_name("de") == "Allemand"
    with translation.override("pt-br"):
        assert languages.language_name("pt-br") == "Português"
    assert languages.language_name("es", reader="fr-ca") == "Espagnol"
    assert languages.language_name("es", reader="tlh") == "Spanish"
    assert languages.language_name("tlh", reader="fr") == "tlh"


def test_choices_without_a_reader_are_named_when_shown():
    pairs = languages.choices(["fr", "sw"])
    with translation.override("de"):
        assert [(code, str(name)) for code, name in pairs] == [
            ("fr", "Französisch"),
            ("sw", "Suaheli"),
        ]
    with translation.override("en"):
        assert [(code, str(name)) for code, name in pairs] == [("fr", "French"), ("sw", "Swahili")]
    assert languages.choices(["de"], reader="es") == [("de", "Alemán")]
    assert [code for code, _name in languages.choices()] == languages.ALL


def test_sorted_choices_follow_the_readers_alphabet():
    assert languages.sorted_choices(["de", "en", "fr"], reader="fr") == [
        ("de", "Allemand"),
        ("en", "Anglais"),
        ("fr", "Français"),
    ]
    assert languages.sorted_choices(["de", "en", "es"], reader="es") == [
        ("de", "Alemán"),
        ("es", "Español"),
        ("en", "Inglés"),
    ]
    with translation.override("de"):
        assert [code for code, _name in languages.sorted_choices(["de", "en", "fr"])] == [
            "de",
            "en",
            "fr",
        ]
