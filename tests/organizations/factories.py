"""Factories of the registry. Add what your tests need at the end; keep the defaults valid."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from convene.accounts.models import User
from convene.organizations.models import (
    AffiliationModel,
    Application,
    HistoryEntry,
    Organization,
    Partnership,
    PartnershipParty,
    Report,
)
from tests.factories import UserFactory


class AffiliationModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AffiliationModel
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"model-{n}")
    name = factory.Sequence(lambda n: f"Model {n}")
    summary = "A way to join the movement."
    mission = "Support the Wikimedia projects."
    quorum = 3
    majority_percent = 50


def chapter_model() -> AffiliationModel:
    return AffiliationModelFactory(
        slug="chapter",
        name="Chapter",
        requires_incorporation=True,
        requires_financial_statement=True,
        report_months=4,
    )


def user_group_model() -> AffiliationModel:
    return AffiliationModelFactory(
        slug="user-group", name="User group", provisional_months=12, report_months=4
    )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Wikimedians of Place {n}")
    code = factory.Sequence(lambda n: f"WUG-{n}")
    slug = factory.Sequence(lambda n: f"wikimedians-of-place-{n}")
    affiliation_model = factory.SubFactory(AffiliationModelFactory)
    region = "europe"
    countries = ["DE"]
    status = Organization.Status.RECOGNIZED
    status_since = factory.LazyFunction(timezone.now)
    recognized_on = date(2020, 1, 15)
    working_languages = ["en"]

    @factory.post_generation
    def representatives(self, create, extracted, **kwargs):
        if create and extracted:
            self.representatives.add(*extracted)

    @factory.post_generation
    def liaisons(self, create, extracted, **kwargs):
        if create and extracted:
            self.liaisons.add(*extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organization = factory.SubFactory(OrganizationFactory, status=Organization.Status.APPLYING)
    affiliation_model = factory.SelfAttribute("organization.affiliation_model")
    applicant = factory.SubFactory(UserFactory)
    letter_of_intent = "We edit Wikipedia together and would like to be recognized."
    step = Application.Step.RECEIVED


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    organization = factory.SubFactory(OrganizationFactory)
    kind = Report.Kind.ACTIVITY
    period_start = date(2025, 1, 1)
    period_end = date(2025, 12, 31)
    due_on = date(2026, 4, 30)
    body = "We held ten edit-a-thons."


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Memorandum {n}")
    scope = "Joint edit-a-thons at the library."
    starts_on = date(2025, 1, 1)


class PartnershipPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipParty

    partnership = factory.SubFactory(PartnershipFactory)
    organization = factory.SubFactory(OrganizationFactory)
    name = ""


def history_entry(organization: Organization, **fields: object) -> HistoryEntry:
    fields.setdefault("kind", HistoryEntry.Kind.RECORD_UPDATED)
    fields.setdefault("at", timezone.now())
    return HistoryEntry.objects.create(organization=organization, **fields)


def committee_member(**fields: object) -> User:
    """A person in the affiliations committee group (which holds the committee permission)."""
    user = UserFactory(**fields)
    group, created = Group.objects.get_or_create(name="Affiliations committee")
    if created:
        group.permissions.add(
            Permission.objects.get(
                codename="act_as_committee", content_type__app_label="organizations"
            )
        )
    user.groups.add(group)
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per object
