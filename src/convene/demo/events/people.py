"""The demo accounts: one organizer and pseudonymous participants around the world."""

from __future__ import annotations

from dataclasses import dataclass

from convene.accounts.models import Region, User

PASSWORD = "convene-demo"  # published on purpose: demo accounts only
ORGANIZER_EMAIL = "organizer@example.org"
ORGANIZER_GROUP = "Organizers"
ORGANIZER_PERMISSIONS = ("events.add_event", "events.change_event")

People = dict[str, User]


@dataclass(frozen=True)
class Person:
    key: str
    email: str
    display_name: str
    language: str
    timezone: str
    region: str
    languages_spoken: tuple[str, ...]


# Pseudonymous sample participants, one per interface language and a wide spread of zones.
PARTICIPANTS = (
    Person(
        "kaveri", "kaveri@example.org", "Kaveri Reads", "hi", "Asia/Kolkata",
        Region.ASIA_PACIFIC, ("hi", "en", "mr"),
    ),
    Person(
        "nile", "nile@example.org", "Nile Scribe", "ar", "Africa/Cairo",
        Region.MENA, ("ar", "en"),
    ),
    Person(
        "lavande", "lavande@example.org", "Lavande", "fr", "Europe/Paris",
        Region.EUROPE, ("fr", "en", "oc"),
    ),
    Person(
        "colibri", "colibri@example.org", "Colibrí", "es", "America/Bogota",
        Region.LATIN_AMERICA, ("es", "en"),
    ),
    Person(
        "komodo", "komodo@example.org", "Komodo Notes", "id", "Asia/Jakarta",
        Region.ASIA_PACIFIC, ("id", "jv", "en"),
    ),
    Person(
        "ipe", "ipe@example.org", "Ipê Amarelo", "pt-br", "America/Sao_Paulo",
        Region.LATIN_AMERICA, ("pt-br", "es"),
    ),
    Person(
        "zhujian", "zhujian@example.org", "竹简", "zh-hans", "Asia/Shanghai",
        Region.ASIA_PACIFIC, ("zh-hans", "en"),
    ),
    Person(
        "feldhase", "feldhase@example.org", "Feldhase", "de", "Europe/Berlin",
        Region.EUROPE, ("de", "en", "fr"),
    ),
    Person(
        "taiga", "taiga@example.org", "Таёжник", "ru", "Europe/Moscow",
        Region.EUROPE, ("ru", "uk", "en"),
    ),
    Person(
        "harmattan", "harmattan@example.org", "Harmattan", "en", "Africa/Lagos",
        Region.SUB_SAHARAN_AFRICA, ("en", "yo", "ha"),
    ),
)  # fmt: skip

DEMO_EMAILS = (ORGANIZER_EMAIL, *(person.email for person in PARTICIPANTS))
