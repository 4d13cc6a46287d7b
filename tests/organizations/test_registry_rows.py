"""A row of the registry is a shared piece: keyed by exactly what its template shows."""

from datetime import UTC, date, datetime, timedelta

from convene.organizations.models import Organization
from convene.organizations.rendering import ROW
from tests.core.test_piece_keys import changed, template_reads, undeclared


def row() -> dict:
    organization = Organization(
        pk=1,
        slug="wmde",
        name="Wikimedia Deutschland",
        code="WMDE",
        region="europe",
        status="recognized",
        status_since=datetime(2020, 1, 1, tzinfo=UTC),
        recognized_on=date(2004, 6, 13),
        provisional_until=date(2005, 6, 13),
        derecognized_on=date(2030, 1, 1),
        compliance_level=2,
        is_sample=True,
        mission="Not on the row.",
    )
    organization.shown_name = "Wikimédia Allemagne"  # type: ignore[attr-defined]
    organization.shown_language = "fr"  # type: ignore[attr-defined]
    organization.model_name = "Chapitre"  # type: ignore[attr-defined]
    organization.countries_text = "Allemagne"  # type: ignore[attr-defined]
    return {"organization": organization}


def test_the_row_reads_nothing_its_key_is_not_made_of():
    reads = set()
    for status in ("recognized", "suspended", "derecognized", "withdrawn", "applying"):
        context = row()
        context["organization"].status = status
        reads |= template_reads(ROW, context)

    assert "organization.status_since" in reads and "organization.derecognized_on" in reads
    assert undeclared(ROW, reads) == set()


def test_each_field_a_row_shows_makes_a_new_key():
    key = ROW.key(row())
    for path in ROW.shows:
        context = row()
        organization = context["organization"]
        name = path.removeprefix("organization.")
        value = getattr(organization, name)
        new = value + timedelta(days=1) if type(value) is date else changed(value)
        setattr(organization, name, new)
        assert ROW.key(context) != key, path


def test_what_a_row_does_not_show_keeps_its_key():
    context = row()
    key = ROW.key(context)
    context["organization"].mission = "Edited, but not on the row."
    assert ROW.key(context) == key
