"""Capacity under truly concurrent requests: PostgreSQL, one connection per thread."""

import os
import threading

import pytest
from django.db import connection, connections

from convene.events import services
from convene.events.models import Registration, Session
from tests.factories import UserFactory

from .factories import SessionFactory

REQUIRED = os.environ.get("CONVENE_REQUIRE_POSTGRES") == "1"


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        if REQUIRED:
            pytest.fail("CONVENE_REQUIRE_POSTGRES is set but the tests run on " + connection.vendor)
        pytest.skip("row-level concurrency is tested on PostgreSQL")


def run_together(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait()
            target(index)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_capacity(postgres):
    session = SessionFactory(capacity=5)
    users = [UserFactory() for _ in range(24)]

    errors = run_together(
        24,
        lambda i: services.registration_create(
            session=session, user=users[i], needs=services.Needs(), accepted_code_of_conduct=True
        ),
    )

    assert errors == []
    assert Registration.objects.filter(status="confirmed").count() == 5
    assert Registration.objects.filter(status="waitlisted").count() == 19
    assert Session.objects.get(pk=session.pk).confirmed_count == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submission_creates_one_registration(postgres):
    session = SessionFactory(capacity=5)
    user = UserFactory()

    errors = run_together(
        8,
        lambda i: services.registration_create(
            session=session, user=user, needs=services.Needs(), accepted_code_of_conduct=True
        ),
    )

    assert len(errors) == 7
    assert {e.code for e in errors} == {"already_registered"}
    assert Registration.objects.count() == 1
    assert Session.objects.get(pk=session.pk).confirmed_count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once(postgres):
    session = SessionFactory(capacity=4)
    confirmed = [
        services.registration_create(
            session=session,
            user=UserFactory(),
            needs=services.Needs(),
            accepted_code_of_conduct=True,
        )
        for _ in range(4)
    ]
    for _ in range(6):
        services.registration_create(
            session=session,
            user=UserFactory(),
            needs=services.Needs(),
            accepted_code_of_conduct=True,
        )

    errors = run_together(4, lambda i: services.registration_cancel(registration=confirmed[i]))

    assert errors == []
    assert Registration.objects.filter(status="confirmed").count() == 4
    assert Registration.objects.filter(status="waitlisted").count() == 2
    assert Session.objects.get(pk=session.pk).confirmed_count == 4
