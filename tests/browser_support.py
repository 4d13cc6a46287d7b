"""Browser test fixtures: Playwright drives Debian's Chromium; axe-core checks every page visited.

Registered once, in tests/conftest.py, so every test package shares one browser.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CONVENE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = os.environ.get("CONVENE_BROWSER_TESTS") == "required"

# Playwright's sync API runs an event loop in this thread; Django's ORM is used beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if missing or shutil.which(CHROMIUM) is None:
        message = f"browser tests need {', '.join(missing) or CHROMIUM}"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class AxeViolations(AssertionError):
    pass


class CSPViolations(AssertionError):
    pass


# The Content-Security-Policy every page carries, directive by directive.
STRICT_CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}


def csp_directives(response) -> set[str]:
    """The directives of a Playwright response's Content-Security-Policy header."""
    header = response.headers.get("content-security-policy", "")
    return {part.strip() for part in header.split(";") if part.strip()}


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


# What the browser reports when the Content-Security-Policy refuses something.
_CSP_REPORT = re.compile(r"Content Security Policy|Content-Security-Policy")
# Scripts can also hear of refusals the console does not print (e.g. in an attribute).
_LISTEN_FOR_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
});
"""


def check_accessibility(page) -> None:
    """Run axe-core in the page; fail on any serious or critical violation."""
    if getattr(page, "javascript_enabled", True) is False:
        _check_accessibility_without_scripts(page)
        return
    # Evaluated from the test's side, not added as an inline <script>, which the site's
    # Content-Security-Policy refuses.
    page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in bad
        ]
        raise AxeViolations(f"{page.url}\n" + "\n".join(lines))


def _check_accessibility_without_scripts(page) -> None:
    """axe-core cannot run where scripts are off (its timers never fire), so check a twin: the
    same HTML at the same address, with the same stylesheets, in a page whose own scripts are
    blocked. Nothing is requested again from the server (a reload would, e.g., eat messages)."""
    address = page.url.split("#")[0]
    html = page.content()
    context = page.context.browser.new_context(
        viewport=page.viewport_size, locale=page.evaluate("() => navigator.language")
    )
    try:
        twin = context.new_page()
        twin.route(
            lambda url: url.split("#")[0] == address,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        twin.route("**/*.js", lambda route: route.abort())
        twin.goto(page.url)
        check_accessibility(twin)
    finally:
        context.close()


# A phone, as the page sweep opens pages: 360 CSS pixels wide, with the page's own
# viewport (a page wider than it is shown zoomed out, as phones do).
PHONE_WIDTH = 360
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,  # layout is in CSS pixels; more would only slow the sweep
}

# What sticks out of a phone's width, once every `<details>` is open: the page's scroll width,
# the window's (larger when the phone zooms out to show a wide page), and every element whose
# edge passes the window's (on either side: what passes the start edge cannot be scrolled
# to). Tables scroll inside their
# own `.table-wrap` by design, so what is inside one is not counted (the region itself is);
# nor what is visually hidden (`.visually-hidden`, the skip link until focused).
_OVERFLOW = """
(width) => {
  // What a tap opens counts too: the language menu, reply forms, hosts' tools.
  for (const details of document.querySelectorAll('details')) details.open = true;
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e.matches('.visually-hidden') || (e.matches('.skip') && !e.matches(':focus'))) return true;
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden') return true;
      if (style.clip !== 'auto' && ['absolute', 'fixed'].includes(style.position)) return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const past = Math.max(rect.right - width, -rect.left);
    if (past <= 0.5) continue;
    if (el.parentElement && el.parentElement.closest('.table-wrap')) continue;
    if (hidden(el)) continue;
    const name = el.localName + (el.id ? '#' + el.id : '')
      + [...el.classList].map((c) => '.' + c).join('');
    const text = (el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    offenders.push({name, width: Math.round(rect.width), left: Math.round(rect.left),
                    right: Math.round(rect.right), text});
  }
  offenders.sort((a, b) => b.width - a.width);
  // Words cut in two: a page can also fit by squeezing a column until its words break
  // between letters. A word here is a whitespace-separated run of letters (punctuation
  // around it aside) in a script that is written with spaces.
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const noSpaces = /[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]/u;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, textarea, select, noscript')) continue;
    for (const match of node.data.matchAll(/(?<!\\S)\\p{P}*([\\p{L}\\p{M}]{2,})\\p{P}*(?!\\S)/gu)) {
      const word = match[1];
      if (noSpaces.test(word)) continue;
      const start = match.index + match[0].indexOf(word);
      range.setStart(node, start);
      range.setEnd(node, start + word.length);
      const rects = [...range.getClientRects()];
      const lines = rects.filter((r) => r.top >= rects[0].bottom - 1).length;  // below the first
      if (lines && !hidden(parent)) {
        const rect = parent.getBoundingClientRect();
        broken.push(parent.localName + [...parent.classList].map((c) => '.' + c).join('')
          + ' (' + Math.round(rect.width) + ' px): ' + word);
      }
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          count: offenders.length, widest: offenders.slice(0, 3),
          broken: broken.length, brokenFirst: broken.slice(0, 3)};
}
"""


def phone_overflow(page, width: int = PHONE_WIDTH) -> str | None:
    """What makes the page in `page` wider than `width` (a phone's), or None if nothing does:
    the page's and the window's widths and the widest elements that stick out (tag, id,
    classes, width, edges, text)."""
    found = page.evaluate(_OVERFLOW, width)
    problems = []
    if found["scrollWidth"] > width or found["innerWidth"] > width or found["count"]:
        widest = "; ".join(
            f"<{o['name']}> {o['width']} px wide, from {o['left']} to {o['right']} px: "
            f"{o['text']!r}"
            for o in found["widest"]
        )
        problems.append(
            f"page {found['scrollWidth']} px wide in a {found['innerWidth']} px window; "
            f"{found['count']} element(s) stick out, the widest: {widest or 'none'}"
        )
    if found["broken"]:
        problems.append(
            f"{found['broken']} word(s) cut in two, e.g. " + "; ".join(found["brokenFirst"])
        )
    return " / ".join(problems) or None


@pytest.fixture
def new_page(browser, live_server):
    """A fresh browser context whose pages are checked with axe-core on every navigation."""
    contexts = []
    visited: list = []
    pages: list = []

    def make(
        locale: str = "en-GB",
        timezone_id: str = "Europe/Paris",
        javascript: bool = True,
        phone: bool = False,
    ):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id=timezone_id,
            java_script_enabled=javascript,
            **(PHONE if phone else {}),
        )
        contexts.append(context)
        if javascript:
            context.add_init_script(_LISTEN_FOR_CSP)
        page = context.new_page()
        page.set_default_timeout(10_000)
        violations: list[str] = []
        page.on(
            "console",
            lambda message, p=page: (
                violations.append(f"{p.url}: {message.text}")
                if _CSP_REPORT.search(message.text)
                else None
            ),
        )
        page.csp_violations = violations  # type: ignore[attr-defined]
        pages.append(page)
        page.on("load", lambda p=page: visited.append(p.url))
        external: list[str] = []
        page.on(
            "request",
            lambda request: (
                external.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "about:"))
                else None
            ),
        )
        page.external_requests = external  # type: ignore[attr-defined]
        page.javascript_enabled = javascript  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()
    # Any refusal by the Content-Security-Policy fails the test that opened the page.
    reported = [line for page in pages for line in page.csp_violations]
    if reported:
        raise CSPViolations("\n".join(reported))


@pytest.fixture
def log_in(live_server):
    """Sign `user` in to the browser context of `page` without the login form (a session cookie)."""
    from django.conf import settings
    from django.test import Client

    def log_in(page, user) -> None:
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return log_in


@pytest.fixture
def time_zone_cookie(live_server):
    """Set the zone cookie convene.js would set, so no reload happens under the test's feet."""

    def set_zone(page, name: str = "Europe/Paris") -> None:
        from django.conf import settings

        page.context.add_cookies(
            [{"name": settings.TIMEZONE_COOKIE_NAME, "value": name, "url": live_server.url}]
        )

    return set_zone
