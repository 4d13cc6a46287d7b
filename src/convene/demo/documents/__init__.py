"""Demo data for strategy documents, feedback and the AMA questions.

Loaded at the end of `python -m convene load_demo`, after the demo accounts and events:

- "Movement Strategy 2018-20": its phases, the nine working groups' draft recommendations
  in two iterations (August and September 2019, as published on Meta-Wiki), French, Spanish
  and Arabic translations of Advocacy (some outdated on purpose), fictitious feedback on
  Advocacy and Community Health, and the final recommendations of 2020 with their verified
  initiatives;
- "Movement Charter": its phases and one chapter with a sample text, labelled as such;
- the questions and answers of the Movement Charter AMA, Asia-Pacific edition.

Idempotent: processes and documents are matched by slug, questions by their text, and
whatever exists is left as it is.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from convene.accounts.models import User
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.documents.models import Process

from . import ama, charter, strategy
from .common import People, Writer

__all__ = ["PROCESS_SLUGS", "load", "remove"]

PROCESS_SLUGS = (strategy.SLUG, charter.SLUG)


def _line(stdout: Writer, text: str) -> None:
    stdout.write(f"{text}\n")


@transaction.atomic
def load(*, stdout: Writer) -> None:
    """Add the demo processes, documents, feedback and AMA questions that are missing."""
    users = {user.email.lower(): user for user in User.objects.filter(
        email__in=[ORGANIZER_EMAIL, *(person.email for person in PARTICIPANTS)]
    )}  # fmt: skip
    organizer = users.get(ORGANIZER_EMAIL)
    people: People = {p.key: users[p.email] for p in PARTICIPANTS if p.email in users}
    if organizer is None or len(people) != len(PARTICIPANTS):
        _line(stdout, "strategy documents skipped: the demo accounts are missing")
        return
    _line(stdout, strategy.load(organizer, people))
    _line(stdout, charter.load(organizer))
    _line(stdout, ama.load(organizer, people))
    _line(stdout, _roles(users))


# Demo people who translate and moderate without being site administrators.
ROLES = {
    "Translators": (
        ("documents", "add_paragraphtranslation"),
        ["lavande@example.org", "nile@example.org"],
    ),
    "Moderators": (("discussion", "change_comment"), ["colibri@example.org", "kaveri@example.org"]),
}


def _roles(users: dict[str, User]) -> str:
    for name, ((app_label, codename), emails) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
        for email in emails:
            if email in users:
                users[email].groups.add(group)
    return "translators: lavande, nile; moderators: colibri, kaveri"


@transaction.atomic
def remove(*, stdout: Writer) -> None:
    """Delete the demo processes, with their documents, versions, comments and initiatives."""
    processes = Process.objects.filter(slug__in=PROCESS_SLUGS)
    _line(stdout, f"removing {processes.count()} demo processes")
    processes.delete()
