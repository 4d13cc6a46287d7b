"""Unknown spoken languages are named in a list of the reader's language, with its plural."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from convene.accounts import services

pytestmark = pytest.mark.django_db


def refusal(user, codes):
    with pytest.raises(ValidationError) as error:
        services.user_update_profile(
            user=user,
            display_name="",
            preferred_language="en",
            timezone_name="",
            languages_spoken=codes,
            region="",
        )
    return error.value.message_dict["languages_spoken"]


def test_one_unknown_language(user):
    with translation.override("en"):
        assert refusal(user, ["tlh"]) == ["Unknown language: tlh"]


def test_several_unknown_languages_in_a_list(user):
    with translation.override("en"):
        assert refusal(user, ["tlh", "qya", "sjn"]) == ["Unknown languages: tlh, qya, and sjn"]
