from __future__ import annotations

import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_user_factory_saves_a_usable_password():
    user = UserFactory()
    user.refresh_from_db()

    assert user.check_password(PASSWORD)
    assert user.email.endswith("@example.org")
