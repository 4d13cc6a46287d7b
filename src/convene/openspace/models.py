"""Open space: an event whose agenda its participants make, and series of meetings.

An `OpenSpace` is an event (`events.Event`) run in this format: the organizers set the
`Slot`s and `Room`s; participants propose `Topic`s in the marketplace, mark `Interest`, the
convener places a topic in a free slot and room (one topic per slot and room: a unique
index), participants say which topic they are at in each slot (`Presence`, one per person
and slot), and each topic gathers `NoteVersion`s (never changed, never deleted) and
`Action`s that people take on (`ActionTaker`). At the close the organizers publish the
harvest. A `Series` links events into a journey of meetings (`SeriesMeeting`), which people
follow (`SeriesFollow`), with a discussion board of its own between the meetings.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convene.core import languages
from convene.discussion.models import Board
from convene.events.models import Event
from convene.organizations.models import Organization

TOPIC_TITLE_MAX_LENGTH = 150
TOPIC_DESCRIPTION_MAX_LENGTH = 1000
NOTES_MAX_LENGTH = 50_000
REASON_MAX_LENGTH = 500


class Series(models.Model):
    """A journey of meetings ("from September to December"), open spaces or other events."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, max_length=10000, help_text=_("Markdown.")
    )
    language = models.CharField(
        _("language the organizers write in"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organized_series", verbose_name=_("organizers")
    )
    board = models.OneToOneField(
        Board,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("discussion space"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("series of meetings")
        verbose_name_plural = _("series of meetings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SeriesMeeting(models.Model):
    """One event of a series; an event belongs to one series at most. Followers hear of it
    once (`announced_at`), when it is published."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="series_meeting")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    announced_at = models.DateTimeField(_("announced to followers"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting of a series")
        verbose_name_plural = _("meetings of a series")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.series}: {self.event}"


class SeriesFollow(models.Model):
    """Someone who wants an email, in their language, of each new meeting of a series."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="series_follows"
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower of a series")
        verbose_name_plural = _("followers of a series")
        constraints = [
            models.UniqueConstraint(fields=["series", "user"], name="series_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.series}"


class OpenSpace(models.Model):
    """The open-space format of an event: its slots, rooms, marketplace and harvest.

    `grid_version` grows with every change of the grid (a topic placed, moved, merged or
    withdrawn, a room or slot changed): pages poll it to update without a reload.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="open_space")
    networks = models.JSONField(
        _("co-hosting networks"),
        default=list,
        blank=True,
        help_text=_("Names of co-hosting networks that are not in the registry."),
    )
    cohosts = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="open_spaces",
        verbose_name=_("co-hosting organizations"),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Shown with a notice on every page.")
    )
    grid_version = models.PositiveIntegerField(default=1, editable=False)
    harvest_published_at = models.DateTimeField(_("harvest published"), null=True, blank=True)
    harvest_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("open space")
        verbose_name_plural = _("open spaces")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.event)


class Slot(models.Model):
    """A time in which topics are held, stored in UTC."""

    open_space = models.ForeignKey(OpenSpace, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="openspace_slot_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["open_space", "starts_at"], name="openspace_slot_one_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"

    def has_started(self, now: datetime) -> bool:
        return now >= self.starts_at

    def has_ended(self, now: datetime) -> bool:
        return now >= self.ends_at


class Room(models.Model):
    """Where topics are held: online with its own meeting link, or a place in a venue."""

    class Kind(models.TextChoices):
        ONLINE = "online", _("Online")
        VENUE = "venue", _("In a venue")

    open_space = models.ForeignKey(OpenSpace, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ONLINE)
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        max_length=500,
        help_text=_("Given only to confirmed participants, from the reveal time on."),
    )
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Where the room is in the venue.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["open_space", "name"], name="openspace_room_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A topic proposed in the marketplace; placed in one slot and room at most.

    Withdrawn and merged topics leave their place (slot and room are cleared), so the
    unique index on (slot, room) holds for the topics on the grid only.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("status of a topic", "Proposed")
        PLACED = "placed", pgettext_lazy("status of a topic", "Placed")
        MERGED = "merged", pgettext_lazy("status of a topic", "Merged")
        WITHDRAWN = "withdrawn", pgettext_lazy("status of a topic", "Withdrawn")

    open_space = models.ForeignKey(OpenSpace, on_delete=models.CASCADE, related_name="topics")
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convened_topics",
        verbose_name=_("convener"),
    )
    title = models.CharField(_("title"), max_length=TOPIC_TITLE_MAX_LENGTH)
    description = models.TextField(
        _("a few lines about it"), blank=True, max_length=TOPIC_DESCRIPTION_MAX_LENGTH
    )
    languages = models.JSONField(_("held in"), default=list)
    wants_interpretation = models.BooleanField(_("would like interpretation"), default=False)
    wants_note_taker = models.BooleanField(_("would like a note-taker"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, null=True, blank=True, related_name="topics"
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="topics"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_topics"
    )
    organizer_reason = models.CharField(
        _("organizers' reason"), max_length=REASON_MAX_LENGTH, blank=True
    )
    interest_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["open_space", "status"])]
        constraints = [
            # One topic per slot and room, whoever places it and however many at once.
            models.UniqueConstraint(
                fields=["slot", "room"],
                condition=Q(slot__isnull=False),
                name="openspace_topic_one_per_slot_room",
            ),
            models.CheckConstraint(
                condition=Q(
                    slot__isnull=True,
                    room__isnull=True,
                    status__in=["proposed", "merged", "withdrawn"],
                )
                | Q(slot__isnull=False, room__isnull=False, status="placed"),
                name="openspace_topic_placed_has_slot_and_room",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(status="merged"),
                name="openspace_topic_merged_into_only_when_merged",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_on_grid(self) -> bool:
        return self.status == self.Status.PLACED

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.PLACED)


class Interest(models.Model):
    """Someone who would like to be at a topic (the marketplace's show of hands)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_interests"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interest in a topic")
        verbose_name_plural = _("interests in topics")
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="openspace_interest_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.topic_id}"


class Presence(models.Model):
    """Which topic someone is at in a slot: one per person and slot (the law of two feet
    moves it, never doubles it)."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="presences")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_presences"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("presence at a topic")
        verbose_name_plural = _("presences at topics")
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="openspace_presence_one_per_slot")
        ]
        indexes = [models.Index(fields=["topic"])]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.topic_id}"


class NoteVersion(models.Model):
    """One saved version of a topic's notes in one language. Never changed or deleted:
    a save always adds the next number, and `based_on` says which version the writer
    started from (when it is not the one before, someone else saved in between)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="note_versions")
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    number = models.PositiveIntegerField(_("version"))
    based_on = models.PositiveIntegerField(_("written from version"), null=True, blank=True)
    body = models.TextField(_("notes"), max_length=NOTES_MAX_LENGTH, help_text=_("Markdown."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of notes")
        verbose_name_plural = _("versions of notes")
        ordering = ["topic", "language", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "language", "number"], name="openspace_note_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.language} v{self.number})"


class Action(models.Model):
    """Something to do that came out of a topic: what, who, by when. An action carried to a
    later meeting of the series points to the one it continues."""

    open_space = models.ForeignKey(OpenSpace, on_delete=models.CASCADE, related_name="actions")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    what = models.CharField(_("what"), max_length=300)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.what


class ActionTaker(models.Model):
    """Someone who took an action on."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="takers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actions_taken"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person taking an action on")
        verbose_name_plural = _("people taking actions on")
        constraints = [
            models.UniqueConstraint(fields=["action", "user"], name="openspace_action_taker_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.action_id}"


def link_reveal_at(slot: Slot, event: Event) -> datetime:
    """From when a room's link is given for a slot: the event's reveal hours before it."""
    return slot.starts_at - timedelta(hours=event.link_reveal_hours)
