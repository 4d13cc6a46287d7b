"""What the site refuses, it refuses clearly: a NUL byte in any field of the registry gives
the form back with a message (or is stored without it), never a server error; a stance that
is not one of the site's is refused."""

from __future__ import annotations

import pytest
from django.test import TestCase

from convene.discussion.models import Comment

from .corpus import NUL
from .fields import FIELDS, World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", FIELDS, ids=[field.name for field in FIELDS])
def test_a_nul_byte_is_refused_with_a_message_not_a_server_error(field):
    world = World.build()
    response = field.write(world, NUL)
    assert response.status_code < 500, field.name
    if response.status_code in (200, 400):
        assert b"errorlist" in response.content or b"error" in response.content, field.name


def test_a_stance_of_ones_own_making_is_refused():
    world = World.build()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = world.client(world.writer).post(
            world.doc_url("discussion:feedback", 1),
            {"language": "en", "body": "Fine.", "stance": "<script>alert(1)</script>"},
        )
    assert response.status_code == 400
    assert not Comment.objects.filter(author=world.writer).exists()
