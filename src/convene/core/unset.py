"""A keyword argument left out: services that set fields take each as `value | Unset = UNSET`."""

from __future__ import annotations

from enum import Enum
from typing import Final


class Unset(Enum):
    """A field not given: the model's default when creating, left as it is when updating."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


def given(**values: object) -> dict[str, object]:
    """The values of the keyword arguments that were given, by name."""
    return {name: value for name, value in values.items() if value is not UNSET}
