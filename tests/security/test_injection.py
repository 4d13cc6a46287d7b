"""Every payload of the corpus in every field of the registry, read in Chromium by another person.

A round gives each field a different payload (field i gets payload i + round), writes them all
through the site's forms, then opens each page that shows them once, as its reader, in a
360 px wide window, and checks:

- no dialog opened, no page error, no console error;
- no script but the site's own (/static/), no `on*` attribute, no `javascript:` or `data:`
  address, no svg but the site's own charts and map (with nothing in them that runs, links,
  loads or nests), no math, style, iframe, object, embed, base or meta http-equiv element, no
  styled element from a payload;
- plain-text fields show the payload's text as typed (so it was escaped, not parsed);
- text with direction controls sits in an element of its own direction (`dir="auto"` or
  `<bdi>`), so it cannot turn the interface around it;
- a 5,000-character word does not make the page wider than the window.

Enough rounds run for every field to carry every payload once.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.contrib.auth.models import AnonymousUser

from .corpus import PAYLOADS
from .fields import FIELDS, SEPARATOR, Field, World, code, decode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360

INSPECT = """
({bidi}) => {
  const problems = [];
  const origin = location.origin;
  const where = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('script')) {
    const src = el.getAttribute('src');
    if (!(src && new URL(src, location.href).href.startsWith(origin + '/static/'))) {
      if (el.type !== 'application/json') problems.push('script: ' + where(el));
    }
  }
  const banned = 'math, style, iframe, frame, object, embed, base, meta[http-equiv], '
    + 'applet, portal, link:not([rel=icon]):not([rel=stylesheet]):not([rel=alternate])';
  for (const el of document.querySelectorAll(banned)) problems.push('element: ' + where(el));
  // The site's own inline SVG: the prioritization bar chart (charts.bar_chart_svg) and the
  // world map with its legend keys (organizations/_world_map.html). Any other svg is a
  // payload's; inside the site's own, nothing that could run, link, load or nest.
  const ownSvg = 'figure.chart-figure > svg.chart[role=img], '
    + 'figure.world-map > svg.map[role=img], '
    + 'figure.world-map > figcaption > ul.map-legend > li > svg.map-key[aria-hidden=true]';
  const inSvg = 'svg, foreignObject, script, a, image, use, animate, set, iframe';
  for (const el of document.querySelectorAll('svg')) {
    if (!el.matches(ownSvg)) problems.push('element: ' + where(el));
    else for (const inner of el.querySelectorAll(inSvg)) problems.push('in svg: ' + where(inner));
  }
  for (const el of document.querySelectorAll('link[rel=stylesheet]')) {
    if (!el.href.startsWith(origin + '/static/')) problems.push('stylesheet: ' + where(el));
  }
  const urls = ['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'poster',
    'background', 'xlink:href', 'ping', 'content'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push('handler: ' + where(el));
      else if (urls.includes(name) && /^(javascript|data|vbscript):/.test(value)
               && !(el.matches('link[rel=icon]') && attr.value === 'data:,')) {
        problems.push('address: ' + where(el));
      } else if (name === 'style' && /url\\(|expression|position|javascript|red/.test(value)) {
        problems.push('style: ' + where(el));
      }
    }
  }
  const isolation = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, textarea, option, noscript')) continue;
    if (!bidi.some((needle) => node.data.includes(needle))) continue;
    // An svg title is a tooltip, not a line of the page; a chart label isolates itself.
    if (parent.closest('svg title, svg text[unicode-bidi=isolate]')) continue;
    const holder = parent.closest('[dir], bdi');
    if (!(holder && (holder.localName === 'bdi' || holder.getAttribute('dir') === 'auto'))) {
      isolation.push((holder ? holder.localName + '[dir=' + holder.getAttribute('dir') + '] > ' : '')
        + parent.localName + ': ' + node.data.slice(0, 60));
    }
  }
  return {
    problems,
    isolation,
    text: document.body.textContent.replace(/\\s+/g, ' '),
    width: document.documentElement.scrollWidth,
  };
}
"""

CODE = re.compile(r"1\d{4}")
MAX_PER_FIELD = 5  # payloads one field carries at once, joined by SEPARATOR


def _blame(text: str) -> str:
    """Which (field, payload) a piece of markup came from, by the codes it carries."""
    names = set()
    for match in CODE.findall(text):
        field_index, payload_index = decode(int(match))
        if 0 <= field_index < len(FIELDS) and 0 <= payload_index < len(PAYLOADS):
            names.add(f"{FIELDS[field_index].name} / {PAYLOADS[payload_index].name}")
    return ", ".join(sorted(names)) or "?"


def _schedule() -> list[dict[int, list[int]]]:
    """Rounds of {field index: payload indexes}: each field carries up to MAX_PER_FIELD
    payloads at once, as many as its maximum length allows, starting at a different
    payload for each field; a long word travels alone. Payloads that alone exceed a field's
    maximum length are refused (see test_refusals), so they are not scheduled."""
    queues: dict[int, list[int]] = {}
    for index, field in enumerate(FIELDS):
        order = [(index + step) % len(PAYLOADS) for step in range(len(PAYLOADS))]
        queues[index] = [p for p in order if len(_text(index, p)) <= (field.max_length or 10**9)]
    rounds: list[dict[int, list[int]]] = []
    while any(queues.values()):
        this_round: dict[int, list[int]] = {}
        for index, queue in queues.items():
            taken: list[int] = []
            limit = FIELDS[index].max_length or 10**9
            if FIELDS[index].many:
                limit = 10**9  # the limit holds for each payload, checked above
            for candidate in list(queue):  # first fit
                if len(taken) == MAX_PER_FIELD or any(PAYLOADS[p].long_word for p in taken):
                    break
                if PAYLOADS[candidate].long_word and taken:
                    continue
                if len(SEPARATOR.join(_text(index, p) for p in [*taken, candidate])) > limit:
                    continue
                taken.append(candidate)
                queue.remove(candidate)
            if taken:
                this_round[index] = taken
        rounds.append(this_round)
    return rounds


def _text(field_index: int, payload_index: int) -> str:
    return PAYLOADS[payload_index].render(
        code(field_index, payload_index), FIELDS[field_index].max_length
    )


ROUNDS = _schedule()


def _listen(page) -> list[str]:
    """Dialogs (dismissed), page errors and console errors of `page`, as they happen."""
    events: list[str] = []

    def on_dialog(dialog) -> None:
        events.append(f"dialog {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events.append(f"page error {error}"))
    page.on(
        "console",
        lambda message: (
            events.append(f"console {message.text}") if message.type == "error" else None
        ),
    )
    return events


def test_every_field_carries_every_payload_that_fits():
    carried = {(f, p) for round_ in ROUNDS for f, ps in round_.items() for p in ps}
    for f, field in enumerate(FIELDS):
        for p in range(len(PAYLOADS)):
            if len(_text(f, p)) <= (field.max_length or 10**9):
                assert (f, p) in carried, (field.name, PAYLOADS[p].name)
    assert len(ROUNDS) <= 18  # the suite stays quick (some 6 s a round)


@pytest.mark.parametrize("round_number", range(len(ROUNDS)))
def test_payloads_stay_text_for_every_reader(
    new_page, log_in, time_zone_cookie, live_server, round_number
):
    world = World.build()
    failures: list[str] = []
    # (reader, url) -> [(field, payload indexes, text)]
    shown: dict[tuple[str, str], list[tuple[Field, list[int], str]]] = defaultdict(list)
    for field_index, payload_indexes in ROUNDS[round_number].items():
        field = FIELDS[field_index]
        text = SEPARATOR.join(_text(field_index, p) for p in payload_indexes)
        response = field.write(world, text)
        label = f"{field.name} / {', '.join(PAYLOADS[p].name for p in payload_indexes)}"
        if response.status_code >= 500:
            failures.append(f"{label}: the server failed ({response.status_code})")
            continue
        if response.status_code != 302:
            failures.append(f"{label}: refused ({response.status_code})")
            continue
        for page in field.pages:
            shown[(page.reader, page.url(world))].append((field, payload_indexes, text))

    readers = {"visitor": AnonymousUser(), "participant": world.reader, "staff": world.staff}
    for reader in ("visitor", "participant", "staff"):
        addresses = [url for who, url in shown if who == reader]
        if not addresses:
            continue
        page = new_page()
        page.set_viewport_size({"width": WIDTH, "height": 800})
        # Nothing leaves the test server: a payload's request fails at once, never waits.
        page.route(
            lambda url: not url.startswith((live_server.url, "data:", "about:")),
            lambda route: route.abort(),
        )
        time_zone_cookie(page)
        if reader != "visitor":
            log_in(page, readers[reader])
        events = _listen(page)
        for url in addresses:
            expected = shown[(reader, url)]
            response = page.goto(url)
            assert response is not None
            where = f"{url} as {reader}"
            if response.status != 200:
                failures.append(f"{where}: status {response.status}")
                continue
            page.wait_for_timeout(30)  # handlers that fire after load (autofocus, toggle)
            needles = [
                _text(FIELDS.index(f), p)[:12]
                for f, indexes, _t in expected
                for p in indexes
                if PAYLOADS[p].bidi
            ]
            found = page.evaluate(INSPECT, {"bidi": needles})
            for problem in found["problems"]:
                failures.append(f"{where}: {problem} [{_blame(problem)}]")
            for problem in found["isolation"]:
                failures.append(f"{where}: direction not isolated: {problem} [{_blame(problem)}]")
            for event in events:
                failures.append(f"{where}: {event} [{_blame(event)}]")
            events.clear()
            text = found["text"]
            for field, indexes, typed in expected:
                names = ", ".join(PAYLOADS[p].name for p in indexes)
                if any(PAYLOADS[p].long_word for p in indexes) and found["width"] > WIDTH:
                    failures.append(f"{where}: {field.name} widens the page to {found['width']} px")
                page_entry = next(p for p in field.pages if p.url(world) == url)
                parts = typed.split(SEPARATOR) if field.many else [typed]
                if field.plain and page_entry.whole:
                    wanted = [re.sub(r"\s+", " ", part) for part in parts]
                    if not all(part in text for part in wanted):
                        failures.append(f"{where}: {field.name} / {names} not shown as typed")
    assert not failures, "\n".join(failures)
