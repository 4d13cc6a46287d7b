"""Every model of open space opens in the administration, its list and one record; what
records people's actions (interests, presences, versions of notes) is read-only there."""

from __future__ import annotations

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    ActionFactory,
    NoteVersionFactory,
    OpenSpaceFactory,
    SeriesMeetingFactory,
    TopicFactory,
    grid,
    participant,
    placed,
)

pytestmark = pytest.mark.django_db

MODELS = [model for model in apps.get_app_config("openspace").get_models()]


def test_every_model_is_registered():
    assert [model for model in MODELS if model not in admin.site._registry] == []


@pytest.fixture
def data():
    from convene.openspace import services
    from convene.openspace.models import ActionTaker, Interest, SeriesFollow

    space = OpenSpaceFactory()
    slots, rooms = grid(space)
    topic = placed(TopicFactory(open_space=space), slots[0], rooms[0])
    person = participant(space)
    Interest.objects.create(topic=topic, user=person)
    with time_machine.travel(NOW, tick=False):
        services.presence_set(topic=topic, user=person)
    NoteVersionFactory(topic=topic)
    action = ActionFactory(topic=topic)
    ActionTaker.objects.create(action=action, user=person)
    meeting = SeriesMeetingFactory(event=space.event)
    SeriesFollow.objects.create(series=meeting.series, user=person)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_each_list_and_record_opens_for_an_administrator(client, data, model):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200
    record = model.objects.first()
    assert record is not None
    response = client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    )
    assert response.status_code == 200


def test_records_of_what_people_did_are_read_only(client, data):
    from convene.openspace.models import NoteVersion

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    version = NoteVersion.objects.get()
    assert client.get(reverse("admin:openspace_noteversion_add")).status_code == 403
    response = client.get(reverse("admin:openspace_noteversion_delete", args=[version.pk]))
    assert response.status_code == 403
