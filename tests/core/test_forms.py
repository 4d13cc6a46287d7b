"""Forms render help text escaped in every layout: people's text in it is never markup."""

import pytest
from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.safestring import mark_safe

from tests.factories import UserFactory

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


class Form(forms.Form):
    name = forms.CharField(label=PAYLOAD, help_text=PAYLOAD)


@pytest.mark.parametrize("layout", ["as_div", "as_p", "as_table", "as_ul"])
def test_help_text_and_label_are_escaped_in_every_layout(layout):
    html = getattr(Form(), layout)()

    assert PAYLOAD not in html
    assert html.count(ESCAPED) == 2


def test_help_text_and_label_are_escaped_in_a_field_group():
    html = Form()["name"].as_field_group()

    assert PAYLOAD not in html
    assert html.count(ESCAPED) == 2


def test_help_text_marked_safe_by_the_code_keeps_its_markup():
    class Marked(forms.Form):
        name = forms.CharField(help_text=mark_safe("<em>constant</em>"))

    assert "<em>constant</em>" in Marked().as_div()


@pytest.mark.django_db
def test_django_password_help_list_keeps_its_markup():
    html = SetPasswordForm(UserFactory()).as_div()

    assert "<ul><li>" in html


def test_bdi_escapes_and_isolates_peoples_text():
    from convene.core.markup import bdi

    assert bdi("\u202e<b>x</b>") == "<bdi>\u202e&lt;b&gt;x&lt;/b&gt;</bdi>"
