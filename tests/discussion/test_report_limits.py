"""Reports of comments are limited per person and address; comments per address too."""

from __future__ import annotations

import pytest

from convene.core.errors import ServiceError
from convene.discussion import services
from convene.discussion.models import Comment, Report
from tests.factories import UserFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_thirty_reports_an_hour_per_person(clock, version, settings):
    settings.CONVENE_RATE_LIMITS = {"report": "30/1h/account,100/1h/address"}
    reporter = UserFactory()
    comments = CommentFactory.create_batch(31, version=version)
    for comment in comments[:30]:
        services.report_create(comment=comment, reporter=reporter, reason="Spam", address="")
    with pytest.raises(ServiceError) as refused:
        services.report_create(comment=comments[30], reporter=reporter, reason="Spam")
    assert refused.value.code == "rate_limited"
    assert str(refused.value.message) == (
        "You can send at most 30 reports in a short time. "
        "Please wait up to 60 minutes and try again; your text is kept below."
    )
    assert Report.objects.count() == 30
    services.report_create(comment=comments[30], reporter=UserFactory(), reason="Spam")


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        (
            "1/1m/account",
            "You can send at most 1 report in a short time. "
            "Please wait up to 1 minute and try again; your text is kept below.",
        ),
        (
            "2/5m/account",
            "You can send at most 2 reports in a short time. "
            "Please wait up to 5 minutes and try again; your text is kept below.",
        ),
    ],
)
def test_the_report_limit_names_its_reports_and_its_minutes_each_by_its_number(
    clock, version, settings, rate, message
):
    settings.CONVENE_RATE_LIMITS = {"report": rate}
    reporter = UserFactory()
    amount = int(rate.split("/")[0])
    comments = CommentFactory.create_batch(amount + 1, version=version)
    for comment in comments[:amount]:
        services.report_create(comment=comment, reporter=reporter, reason="Spam")
    with pytest.raises(ServiceError) as refused:
        services.report_create(comment=comments[amount], reporter=reporter, reason="Spam")
    assert (refused.value.code, str(refused.value.message)) == ("rate_limited", message)


def test_reports_and_comments_per_address(clock, version, settings):
    settings.CONVENE_RATE_LIMITS = {"report": "2/1h/address", "comment": "2/1m/address"}
    comment = CommentFactory(version=version)
    for number in range(3):
        try:
            services.report_create(
                comment=comment, reporter=UserFactory(), reason="Spam", address="192.0.2.1"
            )
        except ServiceError as error:
            assert number == 2
            assert error.code == "rate_limited"
    assert Report.objects.count() == 2
    for number in range(3):
        try:
            services.comment_create(
                version=version,
                author=UserFactory(),
                body="Hello",
                language="en",
                address="192.0.2.1",
            )
        except ServiceError as error:
            assert number == 2
            assert error.message.startswith("Too many requests come from your network")
    assert Comment.objects.filter(body="Hello").count() == 2
