"""The one error every service raises when it refuses an action.

A service refuses with a message for the person who tried (translated, in their language)
and a stable `code`. Pages show the message; the API answers it as JSON with the HTTP
status `convene.core.api.STATUS_OF_CODE` gives the code (400 for a code it does not list).
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused action: `message` for the person who tried it, `code` for programs."""

    def __init__(self, message: Any, code: str = "refused") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
