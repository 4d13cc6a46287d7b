"""The movement's registry: models of affiliation, organizations, their applications,
committee votes, yearly reports, partnerships and an append-only history of every change.

What a model of affiliation requires (incorporation, a financial statement, a provisional
period, quorum and majority, the wait after a refusal) is data the committee edits; the
rules in `rules.py` and the services read it, so a new model needs no code.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from convene.core import languages

from .querysets import ApplicationQuerySet, OrganizationQuerySet, PartnershipQuerySet

COMPLIANCE_MAX = 5


class Region(models.TextChoices):
    """The seven regions of the affiliations committee's records."""

    INTERNATIONAL = "international", _("International")
    SUB_SAHARAN_AFRICA = "sub_saharan_africa", _("Sub-Saharan Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia/Pacific")
    EUROPE = "europe", _("Europe")
    MENA = "mena", _("Middle East and North Africa")
    NORTH_AMERICA = "north_america", _("North America")
    SOUTH_LATIN_AMERICA = "south_latin_america", _("South/Latin America")


class AffiliationModel(models.Model):
    """A way to join the movement (chapter, thematic organization, user group, hub, movement
    partner) with its defining characteristics and the rules its applications follow."""

    # The defining characteristics, in the order the ways-to-join page shows them.
    CHARACTERISTICS = (
        "mission",
        "territorial_range",
        "incorporation",
        "minimum_rights",
        "minimum_duties",
        "trademark_use",
        "origin_of_funds",
        "overlapping_entities",
        "board_and_membership",
        "transparency",
        "recognized_by",
        "recognition_requirements",
        "recognition_document",
        "reporting_requirements",
        "mentoring",
        "change_of_status",
        "withdrawal",
    )
    TRANSLATABLE = ("name", "summary", *CHARACTERISTICS)

    slug = models.SlugField(_("short name in the address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    language = models.CharField(
        _("language it is written in"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
    )
    mission = models.TextField(_("mission"), blank=True)
    territorial_range = models.TextField(_("territorial range"), blank=True)
    incorporation = models.TextField(_("incorporation"), blank=True)
    minimum_rights = models.TextField(_("minimum rights"), blank=True, help_text=_("Markdown."))
    minimum_duties = models.TextField(_("minimum duties"), blank=True, help_text=_("Markdown."))
    trademark_use = models.TextField(_("trademark use"), blank=True)
    origin_of_funds = models.TextField(_("origin of funds"), blank=True)
    overlapping_entities = models.TextField(_("relationship with overlapping entities"), blank=True)
    board_and_membership = models.TextField(_("board and membership"), blank=True)
    transparency = models.TextField(_("transparency and communication"), blank=True)
    recognized_by = models.TextField(_("recognition from"), blank=True)
    recognition_requirements = models.TextField(
        _("minimum requirements for recognition"), blank=True
    )
    recognition_document = models.TextField(_("recognition document"), blank=True)
    reporting_requirements = models.TextField(_("reporting requirements"), blank=True)
    mentoring = models.TextField(_("mentoring and support"), blank=True)
    change_of_status = models.TextField(_("change of status"), blank=True)
    withdrawal = models.TextField(_("withdrawal of recognition"), blank=True)

    # What the rules read.
    is_official = models.BooleanField(
        _("official model"),
        default=True,
        help_text=_("A proposed model is shown as such on the ways-to-join page."),
    )
    accepts_applications = models.BooleanField(_("accepts applications"), default=True)
    requires_incorporation = models.BooleanField(
        _("requires a legal entity"),
        default=False,
        help_text=_("Applicants give their legal entity and registration number."),
    )
    requires_activity_report = models.BooleanField(_("yearly activity report"), default=True)
    requires_financial_statement = models.BooleanField(
        _("yearly financial statement"), default=False
    )
    report_months = models.PositiveSmallIntegerField(
        _("months after the fiscal year ends that reports are due"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    provisional_months = models.PositiveSmallIntegerField(
        _("provisional period in months"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_("0: recognition is not provisional."),
    )
    quorum = models.PositiveSmallIntegerField(
        _("votes needed for a decision"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Yes, no and abstain all count towards the quorum."),
    )
    majority_percent = models.PositiveSmallIntegerField(
        _("share of yes among yes and no to pass, in percent"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Passes with more than this share: 50 is more than half, 66 two thirds."),
    )
    reapply_months = models.PositiveSmallIntegerField(
        _("months an applicant waits after being declined"),
        default=6,
        validators=[MaxValueValidator(60)],
    )
    order = models.PositiveSmallIntegerField(_("order on the page"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("model of affiliation")
        verbose_name_plural = _("models of affiliation")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.requires_financial_statement and not self.requires_incorporation:
            raise ValidationError(
                {
                    "requires_financial_statement": _(
                        "Only a model that requires a legal entity can ask for a financial "
                        "statement."
                    )
                }
            )


class AffiliationModelTranslation(models.Model):
    """The committee's text of one field of a model of affiliation in another language.

    `source_digest` is the fingerprint of the source it was made from
    (`core.text.text_fingerprint`): a changed source shows the translation as outdated.
    """

    affiliation_model = models.ForeignKey(
        AffiliationModel, on_delete=models.CASCADE, related_name="translations"
    )
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("translation"), max_length=10000)
    source_digest = models.CharField(max_length=64)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation of a model of affiliation")
        verbose_name_plural = _("translations of models of affiliation")
        constraints = [
            models.UniqueConstraint(
                fields=["affiliation_model", "field", "language"],
                name="affiliation_model_translation_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.affiliation_model_id} {self.field} [{self.language}]"


class Organization(models.Model):
    """An organization of the movement, from its first application on."""

    class Status(models.TextChoices):
        APPLYING = "applying", _("Applying")
        RECOGNIZED = "recognized", _("Recognized")
        NOT_RECOGNIZED = "not_recognized", _("Not recognized")
        SUSPENDED = "suspended", _("Suspended")
        DERECOGNIZED = "derecognized", _("Derecognized")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Proposal(models.TextChoices):
        NONE = "", _("Nothing proposed")
        SUSPEND = "suspend", _("Suspension proposed")
        DERECOGNIZE = "derecognize", _("Derecognition proposed")

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("short code"),
        max_length=20,
        unique=True,
        help_text=_("Letters, digits and hyphens, e.g. WMDE or WUG-NG."),
    )
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    affiliation_model = models.ForeignKey(
        AffiliationModel,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("model of affiliation"),
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    territorial_range = models.CharField(_("territorial range"), max_length=300, blank=True)
    is_incorporated = models.BooleanField(_("legal entity"), default=False)
    legal_name = models.CharField(_("name of the legal entity"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True, max_length=300)
    wiki_page = models.URLField(_("wiki page"), blank=True, max_length=300)
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    mission = models.TextField(_("mission"), blank=True, max_length=5000, help_text=_("Markdown."))
    language = models.CharField(
        _("language its texts are written in"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("month its fiscal year starts"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    public_email = models.EmailField(_("public contact address"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_organizations",
        verbose_name=_("contact person"),
        help_text=_("Seen by the committee only; receives the recognition letter."),
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="represented_organizations",
        verbose_name=_("representatives"),
    )
    liaisons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="liaison_for_organizations",
        verbose_name=_("liaisons"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLYING
    )
    status_since = models.DateTimeField(_("status since"), null=True, blank=True)
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    provisional_until = models.DateField(_("provisional until"), null=True, blank=True)
    renewed_on = models.DateField(_("recognition last renewed"), null=True, blank=True)
    derecognized_on = models.DateField(_("derecognized on"), null=True, blank=True)
    compliance_level = models.PositiveSmallIntegerField(
        _("out-of-compliance level"), default=0, validators=[MaxValueValidator(COMPLIANCE_MAX)]
    )
    proposal = models.CharField(
        _("proposed by the compliance schedule"),
        max_length=20,
        choices=Proposal.choices,
        default=Proposal.NONE,
        blank=True,
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Shown as sample data, not a real record.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        permissions = [("act_as_committee", _("Act as the affiliations committee"))]
        indexes = [models.Index(fields=["status", "region"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(compliance_level__lte=COMPLIANCE_MAX), name="organization_compliance"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganizationName(models.Model):
    """The organization's name in another language (Wikimedia Deutschland, ...)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=10)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("name in another language")
        verbose_name_plural = _("names in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "language"], name="organization_name_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """A request to be recognized under a model, from the letter of intent to the decision.

    A move to another model (a user group becoming a chapter) is a new application of the
    same organization, so its history stays on one record.
    """

    class Step(models.TextChoices):
        RECEIVED = "received", _("Received")
        CRITERIA_REVIEW = "criteria_review", _("Criteria review")
        INTERVIEW = "interview", _("Interview")
        VOTE = "vote", _("Committee vote")
        RECOGNIZED = "recognized", _("Recognized")
        DEFERRED = "deferred", _("Deferred")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STEPS = (Step.RECEIVED, Step.CRITERIA_REVIEW, Step.INTERVIEW, Step.VOTE)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications"
    )
    affiliation_model = models.ForeignKey(
        AffiliationModel,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("model of affiliation"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organization_applications",
    )
    letter_of_intent = models.TextField(
        _("letter of intent"), max_length=20000, help_text=_("Markdown.")
    )
    language = models.CharField(
        _("language of the letter"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.RECEIVED)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    step_changed_at = models.DateTimeField(_("step since"), null=True, blank=True)
    interview_at = models.DateTimeField(_("interview"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    interview_url = models.URLField(_("interview meeting link"), blank=True, max_length=500)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reasons"), blank=True, max_length=5000)
    reapply_after = models.DateField(_("may apply again from"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(step__in=["received", "criteria_review", "interview", "vote"]),
                name="application_one_open_per_organization",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.affiliation_model}"

    @property
    def is_open(self) -> bool:
        return self.step in self.OPEN_STEPS


class ApplicationComment(models.Model):
    """A public comment on an application; the committee can hide it (it is kept)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"comment {self.pk} on application {self.application_id}"


class Vote(models.Model):
    """A committee member's vote on an application; one each, never changed."""

    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="vote_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.choice} on application {self.application_id}"


class Recusal(models.Model):
    """A committee member tied to an applicant steps aside from its application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("tie to the applicant"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="recusal_once")
        ]

    def __str__(self) -> str:
        return f"recusal on application {self.application_id}"


class Report(models.Model):
    """A yearly report an organization owes (activity report or financial statement) for the
    fiscal year that ended on `period_end`. A returned report stays on the record; the
    organization submits a new one."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity report")
        FINANCIAL = "financial", _("Financial statement")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("fiscal year from"))
    period_end = models.DateField(_("fiscal year to"))
    due_on = models.DateField(_("due"))
    body = models.TextField(_("report"), max_length=50000, help_text=_("Markdown."))
    link = models.URLField(_("link to the full document"), blank=True, max_length=500)
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT), default="en"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("committee's note"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "kind", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period_end"],
                condition=Q(state__in=["submitted", "accepted"]),
                name="report_one_standing_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_end} of organization {self.organization_id}"


class ReportReminder(models.Model):
    """That a reminder about a report went out: the unique constraint sends each once."""

    class When(models.TextChoices):
        BEFORE = "before", _("30 days before")
        DUE = "due", _("On the due date")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="report_reminders"
    )
    period_end = models.DateField()
    when = models.CharField(max_length=10, choices=When.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_end", "when"], name="report_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.when} {self.period_end} of organization {self.organization_id}"


class Partnership(models.Model):
    """A memorandum of understanding between organizations of the registry and others."""

    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), max_length=10000, help_text=_("Markdown."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    signed_text_url = models.URLField(_("signed text"), blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    end_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="partnership_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PartnershipParty(models.Model):
    """One party to a partnership: an organization of the registry, or one named outside it
    (a city library)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_parties",
    )
    name = models.CharField(_("name of a party outside the registry"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(name=""))
                | (Q(organization__isnull=True) & ~Q(name="")),
                name="partnership_party_one_kind",
            ),
            models.UniqueConstraint(
                fields=["partnership", "organization"], name="partnership_party_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.organization_id)


class EventHost(models.Model):
    """An organization hosting an event of Convene."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="hosts")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="hosted_events"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="event_host_once")
        ]

    def __str__(self) -> str:
        return f"organization {self.organization_id} hosts event {self.event_id}"


class HistoryEntryQuerySet(models.QuerySet["HistoryEntry"]):
    def update(self, **kwargs: object) -> int:
        raise ValidationError("History entries are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError("History entries are never deleted.")

    def public(self) -> HistoryEntryQuerySet:
        """Entries shown on the organization's page: not votes, recusals or interviews, and
        not the record of a private partnership (whose public note is empty)."""
        return self.exclude(kind__in=HistoryEntry.PRIVATE_KINDS).exclude(
            kind=HistoryEntry.Kind.PARTNERSHIP, public_note=""
        )


class HistoryEntry(models.Model):
    """One dated, attributed change of an organization or its application. Append-only:
    saving an existing entry or deleting one raises, and on PostgreSQL a trigger refuses it
    too. `public_note` is shown on the organization's page; `private_note` to the committee."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACKNOWLEDGED = "acknowledged", _("Application acknowledged")
        STEP = "step", _("Application moved to a new step")
        INTERVIEW = "interview", _("Interview scheduled")
        VOTE = "vote", _("Vote cast")
        RECUSAL = "recusal", _("Member recused")
        RECOGNIZED = "recognized", _("Recognized")
        DEFERRED = "deferred", _("Deferred")
        DECLINED = "declined", _("Declined")
        APPLICATION_WITHDRAWN = "application_withdrawn", _("Application withdrawn")
        REPORT_SUBMITTED = "report_submitted", _("Report submitted")
        REPORT_ACCEPTED = "report_accepted", _("Report accepted")
        REPORT_RETURNED = "report_returned", _("Report returned")
        RENEWED = "renewed", _("Recognition renewed")
        COMPLIANCE = "compliance", _("Out-of-compliance level changed")
        PROPOSED = "proposed", _("Change of status proposed")
        PROPOSAL_DISMISSED = "proposal_dismissed", _("Proposal dismissed")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")
        DERECOGNIZED = "derecognized", _("Derecognized")
        WITHDRAWN = "withdrawn", _("Withdrew from the movement")
        MODEL_CHANGED = "model_changed", _("Model of affiliation changed")
        RECORD_UPDATED = "record_updated", _("Record updated")
        PARTNERSHIP = "partnership", _("Partnership recorded")

    # Shown to the committee only, whatever their notes say.
    PRIVATE_KINDS = (Kind.VOTE, Kind.RECUSAL, Kind.INTERVIEW)

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="history")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="history"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    public_note = models.TextField(blank=True, max_length=5000)
    private_note = models.TextField(blank=True, max_length=5000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(db_index=True)

    objects = HistoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organization", "-at"])]

    def __str__(self) -> str:
        return f"{self.kind} of organization {self.organization_id} at {self.at}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError("History entries are never changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("History entries are never deleted.")

    @property
    def is_public(self) -> bool:
        return self.kind not in self.PRIVATE_KINDS and not (
            self.kind == self.Kind.PARTNERSHIP and not self.public_note
        )
