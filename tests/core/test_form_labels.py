"""A label ending in punctuation gets no colon, in any script; the colon is the language's."""

import pytest
from django import forms
from django.utils import translation

from convene.core.markup import bdi


class Questions(forms.Form):
    childcare = forms.CharField(label="Do you need childcare?")
    arabic = forms.CharField(label="هل تحتاج إلى رعاية الأطفال؟")
    chinese = forms.CharField(label="需要托儿服务吗？")
    spanish = forms.CharField(label="¡Bienvenida!")
    organizers = forms.CharField(label=bdi("Will you <b>come</b>?"))
    name = forms.CharField(label="Name")
    choice = forms.ChoiceField(label="Which day?", choices=[("1", "1")], widget=forms.RadioSelect)


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "fr"])
def test_no_colon_after_a_question_or_exclamation_mark_in_any_script(language):
    with translation.override(language):
        form = Questions()
        tags = {name: str(form[name].label_tag()) for name in form.fields}

    assert tags["childcare"] == '<label for="id_childcare">Do you need childcare?</label>'
    assert tags["arabic"] == '<label for="id_arabic">هل تحتاج إلى رعاية الأطفال؟</label>'
    assert tags["chinese"] == '<label for="id_chinese">需要托儿服务吗？</label>'
    assert tags["spanish"] == '<label for="id_spanish">¡Bienvenida!</label>'
    assert tags["organizers"] == (
        '<label for="id_organizers"><bdi>Will you &lt;b&gt;come&lt;/b&gt;?</bdi></label>'
    )


def test_no_colon_after_a_question_in_a_legend():
    html = Questions()["choice"].as_field_group()

    assert "<legend>Which day?</legend>" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Name:"),
        ("ar", "Name:"),
        ("zh-hans", "Name："),  # full-width colon
        ("fr", "Name\u00a0:"),  # a no-break space before it, so it never starts a line
    ],
)
def test_the_colon_is_the_languages(language, expected):
    with translation.override(language):
        assert str(Questions()["name"].label_tag()) == f'<label for="id_name">{expected}</label>'


def test_a_suffix_a_form_chooses_is_kept():
    with translation.override("zh-hans"):
        form = Questions(label_suffix=" →")

        assert str(form["name"].label_tag()) == '<label for="id_name">Name →</label>'
        assert str(form["childcare"].label_tag()) == (
            '<label for="id_childcare">Do you need childcare?</label>'
        )
