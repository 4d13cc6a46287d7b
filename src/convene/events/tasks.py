"""Background work of events: thin wrappers that load by id and call one service."""

from __future__ import annotations

from django_tasks import task

from . import messaging, services
from .models import Session


@task()
def session_send_join_links(*, session_id: int) -> int:
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if session is None:
        return 0
    return services.join_links_send(session=session)


@task()
def session_send_reminders(*, session_id: int) -> int:
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if session is None:
        return 0
    return messaging.reminders_send(session=session)


@task()
def session_erase_sensitive(*, session_id: int) -> bool:
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if session is None:
        return False
    return services.sensitive_answers_erase(session=session)
