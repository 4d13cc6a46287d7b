"""Comments are plain text: whatever people type is shown as they typed it, never run."""

import re

import pytest
from django.test import TestCase

from convene.discussion import services
from convene.discussion.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FEEDBACK = "/en/processes/ms2030/advocacy/v1/feedback/"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example.org/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "[click me](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(document.cookie))",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)//-->",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    "\u202egnp.exe and an RTL override",
    "abc\u202ecba\u202c then \u2067an isolate",
    "{{ request.user.email }} {% debug %}",
]

# Anything that would make the browser run or load something.
DANGEROUS = [
    re.compile(r"<\s*script", re.I),
    re.compile(r"<\s*(img|svg|iframe|body|object|math|style|embed)\b", re.I),
    re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),  # an event handler attribute
    re.compile(r"""<[^>]*=\s*["']?\s*(javascript|data):""", re.I),  # a script or data URL
    re.compile(r"<!--"),
]


def comments_section(html):
    match = re.search(r'<section aria-labelledby="comments">.*?</section>', html, re.S)
    assert match
    return match.group(0)


def assert_safe(html):
    for pattern in DANGEROUS:
        assert not pattern.search(html), (pattern.pattern, pattern.search(html).group(0))


@pytest.fixture
def posted(client, clock, version):
    """Each payload posted through the page, by a different person (rate limits)."""
    for payload in PAYLOADS:
        client.force_login(UserFactory())
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(FEEDBACK, {"language": "en", "body": payload})
        assert response.status_code == 302, payload
    client.logout()
    return list(Comment.objects.order_by("pk"))


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 20


def test_payloads_are_shown_escaped_on_the_feedback_page(client, posted):
    assert [comment.body for comment in posted] == PAYLOADS
    html = comments_section(client.get(FEEDBACK).text) + comments_section(
        client.get(f"{FEEDBACK}?page=2").text
    )

    assert_safe(html)
    assert html.count('<article id="comment-') == len(PAYLOADS)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;svg onload=alert(1)&gt;" in html
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;" in html
    assert "[click me](javascript:alert(1))" in html  # Markdown is not rendered
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in html  # entities stay text
    assert "&amp;#60;script&amp;#62;" in html
    assert "&quot;&gt;&lt;script&gt;" in html
    assert "&#x27;&gt;&lt;img" in html
    assert "{{ request.user.email }} {% debug %}" in html  # not a template
    # Direction overrides stay inside the comment, which is isolated by dir="auto".
    for comment in posted:
        if "\u202e" in comment.body:
            body = re.search(
                rf'id="comment-{comment.pk}".*?<div class="comment-body" lang="en" dir="auto">(.*?)</div>',
                html,
                re.S,
            ).group(1)
            assert "\u202e" in body


def test_payloads_are_escaped_for_moderators_in_the_queue_and_in_hidden_reasons(
    client, posted, moderator
):
    reporter = UserFactory()
    for comment in posted:
        services.report_create(comment=comment, reporter=reporter, reason=comment.body)
    services.comment_hide(
        comment=posted[0], moderator=moderator, reason="<img src=x onerror=alert(1)>"
    )
    client.force_login(moderator)

    queue = client.get("/en/moderation/?page=1").text
    main = re.search(r"<main.*</main>", queue, re.S).group(0)
    assert_safe(main)
    assert "&lt;svg onload=alert(1)&gt;" in main

    feedback = client.get(f"{FEEDBACK}?page=2").text
    section = comments_section(feedback)
    assert_safe(section)
    assert "Hidden by moderators: <bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>" in section

    log = re.search(r"<main.*</main>", client.get("/en/moderation/log/").text, re.S).group(0)
    assert_safe(log)


def test_payloads_are_escaped_in_search_results_and_single_comment_pages(client, posted):
    main = "".join(
        re.search(
            r"<main.*</main>", client.get(f"/en/search/?q=alert&page={page}").text, re.S
        ).group(0)
        for page in (1, 2)
    )
    assert_safe(main)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main

    client.force_login(UserFactory())
    for comment in posted[:5]:
        for page in ("reply", "report"):
            html = client.get(f"/en/comments/{comment.pk}/{page}/").text
            assert_safe(re.search(r"<main.*</main>", html, re.S).group(0))
