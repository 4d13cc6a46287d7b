"""Community prioritization: rounds, the items they prioritize, the groups and people who cast
ballots, every version of a ballot, and the stored count that the result pages read.

A ballot's order is kept packed (`ranking`: the items' ids as little-endian 32-bit integers,
first choice first), so that counting reads a million ballots as one column of bytes; the
services check every item before packing, and `Ballot.item_ids` unpacks it.
"""

from __future__ import annotations

import secrets
import struct

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convene.documents.models import Initiative, Process
from convene.events.models import Event
from convene.organizations.models import Organization, Region

from .querysets import BallotQuerySet, RoundQuerySet


def pack_ranking(item_ids: list[int]) -> bytes:
    """The items of a ballot, first choice first, as stored in `Ballot.ranking`."""
    return struct.pack(f"<{len(item_ids)}i", *item_ids)


def unpack_ranking(data: bytes | memoryview) -> list[int]:
    data = bytes(data)
    return list(struct.unpack(f"<{len(data) // 4}i", data))


def new_public_id() -> str:
    """An opaque id under which a ballot is published; it tells nothing of who cast it."""
    return secrets.token_hex(6)


class Round(models.Model):
    """A round of prioritization of one process: what is prioritized, when, how and by whom."""

    class BallotForm(models.TextChoices):
        RANKED = "ranked", _("Rank up to K items")
        CHOOSE = "choose", _("Choose up to K items, without order")

    process = models.ForeignKey(
        Process, on_delete=models.PROTECT, related_name="prioritization_rounds"
    )
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    question = models.CharField(_("guiding question"), max_length=300)
    instructions = models.TextField(_("instructions"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language of the texts"),
        max_length=10,
        default="en",
        help_text=_("The language the organizers write the round and its report in."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    ballot_form = models.CharField(
        _("ballot"), max_length=10, choices=BallotForm.choices, default=BallotForm.RANKED
    )
    max_items = models.PositiveSmallIntegerField(
        _("how many items a ballot may list (K)"), default=5
    )
    group_track = models.BooleanField(
        _("groups take part"),
        default=True,
        help_text=_("One ballot per organization of the registry or per named community."),
    )
    registry_groups = models.BooleanField(
        _("every recognized organization of the registry may take part"), default=True
    )
    individual_track = models.BooleanField(
        _("individuals take part"),
        default=False,
        help_text=_("One ballot per signed-in person."),
    )
    individuals_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only the confirmed registrants of this event's sessions"),
    )
    results_before_close = models.BooleanField(
        _("show results while the round is open"), default=False
    )
    bootstrap_top = models.PositiveSmallIntegerField(
        _("stability: how often each item is in the top"),
        default=5,
    )
    report = models.TextField(_("report"), blank=True, help_text=_("Markdown."))
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="prioritization_rounds",
        verbose_name=_("organizers"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("prioritization round")
        verbose_name_plural = _("prioritization rounds")
        ordering = ["-opens_at", "pk"]
        permissions = [("organize_rounds", _("Can organize prioritization rounds"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="prioritization_round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(max_items__gte=1) & Q(max_items__lte=100),
                name="prioritization_round_k_in_range",
            ),
            models.CheckConstraint(
                condition=Q(group_track=True) | Q(individual_track=True),
                name="prioritization_round_has_a_track",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ranked(self) -> bool:
        return self.ballot_form == self.BallotForm.RANKED


class ReportTranslation(models.Model):
    """The report's narrative in another language, tied to the text it was made from."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_translations")
    language = models.CharField(_("language"), max_length=10)
    report = models.TextField(_("report"), help_text=_("Markdown."))
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    machine = models.BooleanField(_("machine translation"), default=False)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report translation")
        verbose_name_plural = _("report translations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "language"], name="prioritization_report_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} [{self.language}]"


class Cluster(models.Model):
    """A named group of items whose results are also shown together ("A: Movement Charter,
    Interim Global Council, Global Council")."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="clusters")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="prioritization_cluster_once")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Item(models.Model):
    """One thing to prioritize, e.g. an initiative of the final recommendations."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="items")
    identifier = models.SlugField(
        _("identifier"), max_length=60, help_text=_("Stable, e.g. initiative-22.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the item belongs to, e.g. its recommendation; the ballot groups items by it."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "identifier"], name="prioritization_item_identifier_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ItemTranslation(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("item translation")
        verbose_name_plural = _("item translations")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "language"], name="prioritization_item_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} [{self.language}]"


class Group(models.Model):
    """A group that casts one ballot in the group track: an organization of the registry or
    a named community with its region and language, acting through its representatives."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community")
        ORGANIZATION = "organization", _("Organization")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    language = models.CharField(_("language"), max_length=20, blank=True)
    # For organizations: the affiliation model's slug ("chapter", "user-group"); communities:
    # "community". Results are also shown by it.
    category = models.CharField(_("kind of group"), max_length=60)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="prioritization_groups",
        verbose_name=_("representatives"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"],
                condition=Q(organization__isnull=False),
                name="prioritization_group_organization_once",
            ),
            models.UniqueConstraint(
                fields=["round", "name"], name="prioritization_group_name_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="community", organization__isnull=True)
                | Q(kind="organization", organization__isnull=False),
                name="prioritization_group_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    """One ballot: a person's (individual track) or a group's submission (group track).

    Changed in place until the round closes; every saved state is also kept as a
    `BallotVersion`. The database keeps one ballot per person and per group in a round.
    """

    class Track(models.TextChoices):
        GROUP = "group", _("Groups")
        INDIVIDUAL = "individual", _("Individuals")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    track = models.CharField(_("track"), max_length=12, choices=Track.choices)
    public_id = models.CharField(
        _("public id"), max_length=24, unique=True, default=new_public_id, editable=False
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prioritization_ballots",
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="ballots"
    )
    ranking = models.BinaryField(_("ranking"))
    size = models.PositiveSmallIntegerField(_("items listed"))
    # Group submissions: the reason for each priority, by item identifier, and the discussion.
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)
    participants = models.PositiveIntegerField(_("people who took part"), null=True, blank=True)
    discussion_place = models.CharField(_("where"), max_length=200, blank=True)
    discussion_when = models.CharField(_("when"), max_length=200, blank=True)
    notes_url = models.URLField(_("notes"), blank=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event of Convene"),
    )
    missing = models.TextField(_("what is missing"), blank=True)
    # Imported ballots: the id they had where they were gathered, and their region.
    external_id = models.CharField(_("imported as"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=30, blank=True, choices=Region.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("cast"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voter"],
                condition=Q(track="individual", voter__isnull=False),
                name="prioritization_one_ballot_per_person",
            ),
            models.UniqueConstraint(
                fields=["round", "group"],
                condition=Q(group__isnull=False),
                name="prioritization_one_ballot_per_group",
            ),
            models.UniqueConstraint(
                fields=["round", "external_id"],
                condition=~Q(external_id=""),
                name="prioritization_imported_once",
            ),
            models.CheckConstraint(
                condition=Q(track="individual", group__isnull=True)
                | Q(track="group", group__isnull=False),
                name="prioritization_ballot_track_matches",
            ),
        ]
        indexes = [models.Index(fields=["round", "track"])]

    def __str__(self) -> str:
        return self.public_id

    @property
    def item_ids(self) -> list[int]:
        return unpack_ranking(self.ranking)


class BallotVersion(models.Model):
    """A saved state of a ballot, kept when it is changed (never changed itself)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    ranking = models.BinaryField(_("ranking"))
    details = models.JSONField(_("details"), default=dict, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot version")
        verbose_name_plural = _("ballot versions")
        ordering = ["ballot", "number"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "number"], name="prioritization_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot} v{self.number}"

    @property
    def item_ids(self) -> list[int]:
        return unpack_ranking(self.ranking)


class Count(models.Model):
    """The round's result as last counted: everything the result pages, the report, the API
    and the downloads show, so that they read one row whatever the number of ballots."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="count")
    counted_at = models.DateTimeField(_("counted"))
    ballots = models.PositiveIntegerField(_("ballots counted"))
    data = models.JSONField(_("result"))

    class Meta:
        verbose_name = _("count")
        verbose_name_plural = _("counts")

    def __str__(self) -> str:
        return f"{self.round} ({self.counted_at:%Y-%m-%d %H:%M})"
