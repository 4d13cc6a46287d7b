"""Optional machine translation through an HTTP service (LibreTranslate's or MinT's API).

With no `CONVENE_MACHINE_TRANSLATION_URL` configured there is no backend, and the feature
is simply absent from the site. Output is always stored and shown as machine translation.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass

from django.conf import settings


class MachineTranslationError(Exception):
    pass


@dataclass(frozen=True)
class LibreTranslateBackend:
    """POST {url}/translate with q, source, target, format (LibreTranslate's API)."""

    url: str
    api_key: str = ""
    timeout: float = 20.0

    def translate(self, text: str, *, source: str, target: str) -> str:
        payload = {"q": text, "source": _code(source), "target": _code(target), "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(
            self.url.rstrip("/") + "/translate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = json.loads(response.read().decode())
        except (OSError, ValueError) as exc:
            raise MachineTranslationError(str(exc)) from exc
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(translated, str) or not translated.strip():
            raise MachineTranslationError("no translatedText in the answer")
        return translated


def _code(language: str) -> str:
    return {"zh-hans": "zh", "pt-br": "pt"}.get(language, language)


def get_backend() -> LibreTranslateBackend | None:
    url = getattr(settings, "CONVENE_MACHINE_TRANSLATION_URL", "")
    if not url:
        return None
    return LibreTranslateBackend(
        url=url, api_key=getattr(settings, "CONVENE_MACHINE_TRANSLATION_KEY", "")
    )
