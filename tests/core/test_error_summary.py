"""Every form with errors starts with a summary of them, each linked to its field."""

import re

from django import forms
from django.utils import translation

from convene.core.forms import error_summary


class Form(forms.Form):
    name = forms.CharField(label="Name")
    email = forms.EmailField(label="Email address")
    day = forms.ChoiceField(
        label="Which day?", choices=[("1", "Monday"), ("2", "Tuesday")], widget=forms.RadioSelect
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Registration is closed.")


def summary(html: str) -> str:
    return re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)


def test_the_summary_comes_first_and_links_each_error_to_its_field():
    html = Form({"email": "not an email"}).as_div()

    assert html.lstrip().startswith('<div class="error-summary" role="alert"')
    assert summary(html) == (
        '<div class="error-summary" role="alert" aria-labelledby="error-summary-form">\n'
        '  <h2 id="error-summary-form" tabindex="-1">There are 4 problems with this form</h2>\n'
        "  <ul>\n"
        "    <li>Registration is closed.</li>\n"
        '    <li><a href="#id_name"><bdi>Name</bdi>: This field is required.</a></li>\n'
        '    <li><a href="#id_email"><bdi>Email address</bdi>: Enter a valid email address.</a></li>\n'
        '    <li><a href="#id_day_0"><bdi>Which day?</bdi> This field is required.</a></li>\n'
        "    \n"
        "  </ul>\n"
        "</div>"
    )
    for target in ("id_name", "id_email", "id_day_0"):
        assert f'id="{target}"' in html


def test_one_problem_is_said_in_the_singular():
    class One(forms.Form):
        name = forms.CharField(label="Name")

    html = One({}).as_div()

    assert "There is 1 problem with this form" in html


def test_no_summary_before_sending_or_when_all_is_well():
    class One(forms.Form):
        name = forms.CharField(label="Name")

    assert "error-summary" not in One().as_div()
    assert "error-summary" not in One({"name": "Amina"}).as_div()


def test_every_layout_has_the_summary():
    form = Form({})

    for html in (form.as_p(), form.as_table(), form.as_ul()):
        assert html.count('class="error-summary"') == 1


def test_two_forms_on_a_page_have_their_own_heading_id():
    html = Form({}, prefix="reply").as_div()

    assert 'aria-labelledby="error-summary-reply"' in html
    assert '<a href="#id_reply-name">' in html


def test_what_people_wrote_in_a_label_is_escaped():
    class Organizer(forms.Form):
        answer = forms.CharField(label="<script>x</script>")

    html = Organizer({}).as_div()

    assert "<script>x</script>" not in html
    assert "<bdi>&lt;script&gt;x&lt;/script&gt;</bdi>" in summary(html)


def test_the_summary_is_in_the_viewers_language():
    with translation.override("fr"):
        items = error_summary(Form({"email": "x"}))

    assert [(str(item.label), item.suffix, item.target) for item in items] == [
        ("", "", ""),
        ("<bdi>Name</bdi>", "\u00a0:", "id_name"),
        ("<bdi>Email address</bdi>", "\u00a0:", "id_email"),
        ("<bdi>Which day?</bdi>", "", "id_day_0"),
    ]
    assert items[1].message == "Ce champ est obligatoire."
