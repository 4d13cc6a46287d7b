"""Every decision of a host on a question is logged, and the log stays when the decision
is undone; the hosts see it on the questions page, nobody else does."""

import pytest

from convene.core.errors import ServiceError
from convene.qanda import services
from convene.qanda.models import HostAction

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/events/mc/sessions/{}/questions/"


def log(session):
    return [
        (action.action, action.question_id, action.host.display_name, action.detail)
        for action in HostAction.objects.filter(question__session=session).order_by("pk")
    ]


def test_each_decision_is_logged_with_its_host_and_detail(clock, session, host):
    first, second, third = (QuestionFactory(session=session) for _ in range(3))

    services.answer(question=first, host=host, text="Yes.")
    services.link_follow_up(question=second, follows=first, host=host)
    services.link_follow_up(question=second, follows=None, host=host)
    services.merge(duplicate=third, into=first, host=host)
    services.hide(question=second, host=host, reason="Off topic")
    services.unhide(question=second, host=host)

    assert log(session) == [
        ("answer", first.pk, "Host Hana", ""),
        ("follow_up", second.pk, "Host Hana", f"#{first.pk}"),
        ("unfollow", second.pk, "Host Hana", ""),
        ("merge", third.pk, "Host Hana", f"#{first.pk}"),
        ("hide", second.pk, "Host Hana", "Off topic"),
        ("unhide", second.pk, "Host Hana", ""),
    ]


def test_a_refused_decision_is_not_logged(clock, session, host, amina):
    question = QuestionFactory(session=session)
    with pytest.raises(ServiceError):
        services.hide(question=question, host=host, reason="   ")
    with pytest.raises(ServiceError):
        services.unhide(question=question, host=host)
    with pytest.raises(ServiceError):
        services.answer(question=question, host=amina, text="Not a host.")

    assert log(session) == []


def test_the_hosts_see_the_log_and_participants_do_not(client, clock, session, host, amina):
    question = QuestionFactory(session=session)
    services.hide(question=question, host=host, reason="Personal attack")
    services.unhide(question=question, host=host)

    client.force_login(amina)
    assert '<h2 id="log-heading">Hosts\' log</h2>' not in client.get(PAGE.format(session.pk)).text
    client.force_login(host)
    html = client.get(PAGE.format(session.pk)).text

    assert '<h2 id="log-heading">Hosts\' log</h2>' in html
    assert "<summary>The hosts' latest decisions (2)</summary>" in html
    assert '<td dir="auto">Personal attack</td>' in html
    assert f'<a href="#q-{question.pk}">#{question.pk}</a>' in html
    assert "<td>Shown again</td>" in html and "<td>Hidden</td>" in html
    french = client.get(PAGE.replace("/en/", "/fr/").format(session.pk)).text
    assert "Journal des animateurs" in french
    assert "Les dernières décisions des animateurs (2)" in french


def test_an_erased_host_stays_in_the_log_as_a_deleted_user(client, clock, session, host):
    question = QuestionFactory(session=session)
    services.answer(question=question, host=host, text="Yes.")
    host.delete()

    action = HostAction.objects.get()
    assert (action.host, action.action) == (None, "answer")
