from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import UserFactory


def render(author):
    return Template("{% load accounts %}{{ author|author_name }}").render(
        Context({"author": author})
    )


def test_author_name_of_a_deleted_account():
    with translation.override("en"):
        assert render(None) == "deleted user"


@pytest.mark.django_db
def test_author_name_is_the_public_name():
    assert render(UserFactory(display_name="Wiki <Bee>")) == "Wiki &lt;Bee&gt;"
    anonymous = UserFactory(display_name="")
    assert render(anonymous) == f"Participant {anonymous.pk}"
