"""The hosts' page of live questions grows with the number of questions, not with its
square: the questions to merge into or follow are offered once, in one list, and each
question's forms take a question by its number."""

import re

import pytest

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def hosts_page(client, session, count):
    QuestionFactory.create_batch(count - session.questions.count(), session=session)
    return client.get(f"/en/events/mc/sessions/{session.pk}/questions/").text


def test_the_hosts_page_grows_linearly_with_the_questions(client, clock, session, host):
    client.force_login(host)
    pages = {count: hosts_page(client, session, count) for count in (10, 20, 40)}

    options = {count: page.count("<option") for count, page in pages.items()}
    datalists = {
        count: re.findall(r'<datalist id="qanda-targets">(.*?)</datalist>', page, re.S)
        for count, page in pages.items()
    }
    for count, page in pages.items():
        assert len(datalists[count]) == 1
        assert datalists[count][0].count("<option") == count
        assert page.count('list="qanda-targets"') == 2 * count  # merge and follow-up
        assert page.count("Host actions") == count
    assert options[40] - options[20] == 2 * (options[20] - options[10]) == 20
    sizes = {count: len(page.encode()) for count, page in pages.items()}
    growth = (sizes[40] - sizes[20]) / (sizes[20] - sizes[10])
    assert 1.9 < growth < 2.1, sizes


def test_a_question_is_merged_and_linked_by_its_number(client, clock, session, host):
    first, second, third = QuestionFactory.create_batch(3, session=session)
    client.force_login(host)
    page = client.get(f"/en/events/mc/sessions/{session.pk}/questions/").text
    assert (
        f'<input type="text" id="follows-{third.pk}" name="follows" inputmode="numeric" '
        'pattern="[0-9]+" list="qanda-targets" value="" autocomplete="off">'
    ) in page
    assert f'<option value="{first.pk}" dir="auto">#{first.pk} ' in page

    client.post(
        f"/en/events/mc/sessions/{session.pk}/questions/{third.pk}/follow-up/",
        {"follows": str(first.pk)},
    )
    client.post(
        f"/en/events/mc/sessions/{session.pk}/questions/{second.pk}/merge/", {"into": str(first.pk)}
    )

    third.refresh_from_db()
    second.refresh_from_db()
    assert (third.follows_id, second.merged_into_id) == (first.pk, first.pk)
    page = client.get(f"/en/events/mc/sessions/{session.pk}/questions/").text
    assert (
        f'id="follows-{third.pk}" name="follows" inputmode="numeric" pattern="[0-9]+" list="qanda-targets" value="{first.pk}"'
        in page
    )
