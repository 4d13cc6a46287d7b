"""Load the demo: sample accounts and events, past and upcoming. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from convene.demo import documents, events, organizations, prioritization
from convene.demo import openspace as open_spaces


class Command(BaseCommand):
    help = (
        "Create demo accounts and events drawn from the Wikimedia Movement Strategy process: "
        "past Global Conversations, Movement Charter sessions and a Viral Open Space, and "
        "upcoming conversations placed relative to today; then the Movement Strategy and "
        "Movement Charter documents, with sample feedback, and the AMA questions; then the "
        "registry of affiliates: the models of affiliation, sample chapters and user groups "
        "with applications at each step, reports and a partnership, and the movement "
        "partners; then the prioritization of 2020 (the priorities of 50 sample communities and "
        "affiliates, the vote at the Global Conversations with its report) and a sample round "
        "open now; then the Viral Open Space of September 2020 as an open space with its "
        "harvest, the common event of December it led to, the series linking them, and an "
        "open space to try ten days ahead. What exists "
        "already is left as it is, so running it twice creates nothing twice. Every demo "
        f"account signs in with the password '{events.PASSWORD}'; {events.ORGANIZER_EMAIL} is a "
        "superuser and organizes every demo event. Refused unless CONVENE_DEBUG is on (or "
        "--force is given)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo prioritization rounds, organizations, events, accounts and "
            "strategy processes first, e.g. to move the upcoming events back into the future.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with CONVENE_DEBUG off. The demo accounts share a published "
            "password and one is a superuser: never on a public site.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or getattr(settings, "TESTING", False) or options["force"]):
            raise CommandError(
                "The demo creates a superuser with a published password. Run it with "
                "CONVENE_DEBUG=1, or pass --force if this site is not reachable by others."
            )
        if options["reset"]:
            open_spaces.remove(log=self.stdout.write)
            prioritization.remove(log=self.stdout.write)
            organizations.remove(log=self.stdout.write)
            documents.remove(stdout=self.stdout)
            events.demo_remove(log=self.stdout.write)
        events.demo_load(log=self.stdout.write)
        documents.load(stdout=self.stdout)
        organizations.load(log=self.stdout.write)
        prioritization.load(log=self.stdout.write)
        open_spaces.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready. Sign in as {events.ORGANIZER_EMAIL} (organizer, superuser) or as a "
                f"participant, e.g. {events.PARTICIPANTS[0].email}; every demo password is "
                f"'{events.PASSWORD}'."
            )
        )
