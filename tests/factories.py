"""Factories shared by every test package. Keep it small: app factories live beside their tests."""

from __future__ import annotations

import factory

from convene.accounts.models import User

PASSWORD = "convene-demo-pass"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save(update_fields=["password"])
