"""Importing ballots from CSV: a good file, each kind of bad row reported with its row and
column, nothing imported when any row is bad, and the command's output and exit status."""

import pytest
import time_machine
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import translation

from convene.core.errors import ServiceError
from convene.prioritization import imports
from convene.prioritization.models import Ballot, BallotVersion, Group, Round
from tests.factories import UserFactory

from .factories import NOW, BallotFactory, GroupFactory, RoundFactory, items_for, organizer_of

pytestmark = pytest.mark.django_db

AFTER_CLOSE = NOW.replace(day=25)


@pytest.fixture
def round_():
    with time_machine.travel(AFTER_CLOSE, tick=False):
        round_ = RoundFactory(slug="global-2021", max_items=3)
        items_for(round_, 5)
        yield round_


def csv(*rows, header="ballot,group,region,rank_1,rank_2,rank_3"):
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD = csv(
    "p-1,,europe,initiative-1,initiative-2,initiative-3",
    "p-2,,Asia/Pacific,initiative-3,,",
    "p-3,,,initiative-2,initiative-5,",
    "g-1,Wikimedia Ghana,Sub-Saharan Africa,initiative-4,initiative-1,",
    "g-2,Existing community,MENA,initiative-5,,",
)


def problems(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_good_file_imports_every_ballot_and_creates_the_missing_community(round_):
    existing = GroupFactory(round=round_, name="Existing community", region="mena")
    user = organizer_of(round_)
    report = imports.ballots_import(round_=round_, data=GOOD, user=user)
    assert problems(report) == []
    assert (report.imported, report.groups_created) == (5, 1)
    rows = [
        (b.external_id, b.track, b.group.name if b.group else None, b.region, b.item_ids, b.size)
        for b in Ballot.objects.order_by("external_id").select_related("group")
    ]
    ids = {item.identifier: item.pk for item in round_.items.all()}
    assert rows == [
        (
            "g-1",
            "group",
            "Wikimedia Ghana",
            "sub_saharan_africa",
            [ids["initiative-4"], ids["initiative-1"]],
            2,
        ),
        ("g-2", "group", "Existing community", "mena", [ids["initiative-5"]], 1),
        ("p-1", "individual", None, "europe", [ids[f"initiative-{n}"] for n in (1, 2, 3)], 3),
        ("p-2", "individual", None, "asia_pacific", [ids["initiative-3"]], 1),
        ("p-3", "individual", None, "", [ids["initiative-2"], ids["initiative-5"]], 2),
    ]
    assert set(Ballot.objects.values_list("voter", flat=True)) == {None}
    assert set(Ballot.objects.values_list("submitted_by", flat=True)) == {user.pk}
    ghana = Group.objects.get(name="Wikimedia Ghana")
    assert (ghana.kind, ghana.category, ghana.region) == (
        "community",
        "community",
        "sub_saharan_africa",
    )
    assert BallotVersion.objects.count() == 5
    assert Group.objects.get(pk=existing.pk).region == "mena"


def test_the_import_recounts_the_round_after_it_commits(round_, django_capture_on_commit_callbacks):
    from convene.prioritization.models import Count

    with django_capture_on_commit_callbacks(execute=True):
        imports.ballots_import(round_=round_, data=GOOD, user=None)
    assert Count.objects.get(round=round_).ballots == 5


def test_a_choose_ballots_items_and_a_bom_and_crlf_are_fine(round_):
    Round.objects.filter(pk=round_.pk).update(ballot_form="choose")
    round_.refresh_from_db()
    data = "\ufeffballot,group,region,rank_2,rank_1\r\nx,,,initiative-2,initiative-1\r\n".encode()
    report = imports.ballots_import(round_=round_, data=data, user=None)
    assert (problems(report), report.imported) == ([], 1)


BAD_ROWS = [
    ("p-1,,europe,initiative-1,,", None),
    (",,europe,initiative-1,,", (3, "ballot", "Give the ballot's id.")),
    ("p-1,,,initiative-2,,", (4, "ballot", "The ballot “p-1” is already on row 2.")),
    (
        "old,,,initiative-2,,",
        (5, "ballot", "The ballot “old” was imported before; it is not imported twice."),
    ),
    (
        "p-4,,Atlantis,initiative-2,,",
        (
            6,
            "region",
            "“Atlantis” is not a region; use one of international, sub_saharan_africa, "
            "asia_pacific, europe, mena, north_america, south_latin_america.",
        ),
    ),
    ("p-5,,,,,", (7, "rank_1", "Choose at least one item.")),
    ("p-6,,,initiative-1,nope,", (8, "rank_2", "“nope” is not one of this round's items.")),
    (
        "p-7,,,initiative-1,,initiative-1",
        (9, "rank_3", "“initiative-1” is listed twice; list each item once."),
    ),
    (
        "g-1,New community,,initiative-1,,",
        (10, "region", "Give the region of “New community”, a new community of this round."),
    ),
    (
        "g-2,Voted,,initiative-1,,",
        (
            11,
            "group",
            "The group “Voted” has already submitted its priorities; a group casts one ballot.",
        ),
    ),
    ("g-3,Quiet,,initiative-1,,", None),
    (
        "g-4,quiet,,initiative-2,,",
        (
            13,
            "group",
            "The group “quiet” already has a ballot on row 12; a group casts one ballot.",
        ),
    ),
    (
        "p-8,,,initiative-1,,,extra",
        (14, "", "This row has more cells (7) than the header has columns (6)."),
    ),
    (",,,,,", None),  # a blank line is skipped
]


def test_each_bad_row_is_reported_with_its_row_and_column_and_nothing_is_imported(round_):
    voted = GroupFactory(round=round_, name="Voted")
    GroupFactory(round=round_, name="Quiet")
    BallotFactory(round=round_, track="group", group=voted, items=list(round_.items.all()[:1]))
    BallotFactory(round=round_, external_id="old", items=list(round_.items.all()[:1]))
    report = imports.ballots_import(
        round_=round_, data=csv(*(row for row, _problem in BAD_ROWS)), user=None
    )
    assert problems(report) == [problem for _row, problem in BAD_ROWS if problem]
    assert report.imported == 0
    assert Ballot.objects.count() == 2
    assert Group.objects.count() == 2


def test_more_than_k_items_is_reported_at_the_first_one_too_many(round_):
    data = csv(
        "p-1,,,initiative-1,initiative-2,initiative-3,initiative-4",
        header="ballot,group,region,rank_1,rank_2,rank_3,rank_4",
    )
    report = imports.ballots_import(round_=round_, data=data, user=None)
    assert problems(report) == [(2, "rank_4", "A ballot lists at most 3 items.")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [(0, "", "The file is empty.")]),
        (csv(), [(0, "", "The file has a header but no ballot.")]),
        (
            "ballot;group\nä".encode("latin-1"),
            [(0, "", "The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")],
        ),
        (
            b"ballot,group,region,rank_1\n\x00",
            [(0, "", "The file is not a CSV file: it holds null characters.")],
        ),
        (
            b'ballot,group,region,rank_1\n"p-1,,,initiative-1\n',
            [(0, "", "The file is not a well-formed CSV file: unexpected end of data")],
        ),
        (
            csv("p-1,initiative-1", header="ballot,rank_1"),
            [(1, "", "The columns group and region are missing.")],
        ),
        (
            csv("p-1,,,", header="ballot,group,region"),
            [(1, "", "The column rank_1 is missing.")],
        ),
        (
            csv("p-1,,,x,y", header="ballot,group,region,rank_1,vote"),
            [
                (
                    1,
                    "vote",
                    "Unknown column; the columns are ballot, group, region and rank_1 to rank_K.",
                )
            ],
        ),
        (
            csv("p-1,,,x,y", header="ballot,group,region,rank_1,rank_1"),
            [(1, "rank_1", "This column appears twice.")],
        ),
        (
            b"ballot,group,region,rank_1\n" + b"x" * imports.MAX_BYTES,
            [(0, "", "The file is larger than 5 MB; split it into smaller files.")],
        ),
    ],
    ids=[
        "empty",
        "header only",
        "latin-1",
        "nul",
        "unclosed quote",
        "columns missing",
        "no rank",
        "unknown column",
        "twice",
        "too large",
    ],
)
def test_a_malformed_file_is_reported_whole(round_, data, expected):
    report = imports.ballots_import(round_=round_, data=data, user=None)
    assert problems(report) == expected
    assert Ballot.objects.count() == 0


def test_a_track_the_round_does_not_have_is_reported(round_):
    Round.objects.filter(pk=round_.pk).update(individual_track=False)
    round_.refresh_from_db()
    report = imports.ballots_import(round_=round_, data=csv("p-1,,,initiative-1,,"), user=None)
    assert problems(report) == [
        (2, "group", "This round takes ballots from groups only: name the group.")
    ]
    Round.objects.filter(pk=round_.pk).update(individual_track=True, group_track=False)
    round_.refresh_from_db()
    report = imports.ballots_import(
        round_=round_, data=csv("g-1,Some group,europe,initiative-1,,"), user=None
    )
    assert problems(report) == [(2, "group", "This round takes ballots from individuals only.")]


def test_the_report_speaks_the_readers_language(round_):
    with translation.override("fr"):
        report = imports.ballots_import(round_=round_, data=csv("p-1,,,nope,,"), user=None)
        expected = translation.gettext("“%(item)s” is not one of this round's items.") % {
            "item": "nope"
        }
    assert problems(report) == [(2, "rank_1", expected)]


def test_the_regions_english_and_readers_names_and_codes_are_accepted():
    with translation.override("fr"):
        spellings = imports.region_codes()
    assert spellings["mena"] == spellings["middle east and north africa"] == "mena"


def test_only_the_rounds_organizers_import(round_):
    with pytest.raises(ServiceError) as caught:
        imports.ballots_import(round_=round_, data=GOOD, user=UserFactory())
    assert caught.value.code == "forbidden"
    assert Ballot.objects.count() == 0


def test_importing_the_same_file_twice_reports_every_ballot_as_imported_before(round_):
    assert imports.ballots_import(round_=round_, data=GOOD, user=None).imported == 5
    report = imports.ballots_import(round_=round_, data=GOOD, user=None)
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "ballot"),
        (3, "ballot"),
        (4, "ballot"),
        (5, "ballot"),
        (5, "group"),
        (6, "ballot"),
        (6, "group"),
    ]
    assert Ballot.objects.count() == 5


# --- the command ---------------------------------------------------------------------------


def test_the_command_imports_and_says_how_many(round_, tmp_path, capsys):
    path = tmp_path / "ballots.csv"
    path.write_bytes(GOOD)
    call_command("prioritization_import", "global-2021", str(path))
    assert capsys.readouterr().out == (
        f"Imported 5 ballot(s) into “{round_.title}” (2 new group(s)).\n"
    )
    assert Ballot.objects.count() == 5


def test_the_command_prints_each_problem_and_fails(round_, tmp_path, capsys):
    path = tmp_path / "ballots.csv"
    path.write_bytes(csv("p-1,,,nope,,", "p-2,,Atlantis,initiative-1,,"))
    with pytest.raises(CommandError) as caught:
        call_command("prioritization_import", "global-2021", str(path))
    assert str(caught.value) == f"Nothing was imported: 2 problem(s) to fix in {path}."
    assert capsys.readouterr().err.splitlines()[:2] == [
        "row 2, column rank_1: “nope” is not one of this round's items.",
        "row 3, column region: “Atlantis” is not a region; use one of international, "
        "sub_saharan_africa, asia_pacific, europe, mena, north_america, south_latin_america.",
    ]
    assert Ballot.objects.count() == 0


def test_the_command_exits_with_status_1_on_errors(round_, tmp_path, capsys):
    """Run as from the command line (`call_command` raises instead of exiting)."""
    path = tmp_path / "ballots.csv"
    path.write_bytes(csv("p-1,,,nope,,"))
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["convene", "prioritization_import", "global-2021", str(path)]).execute()
    assert caught.value.code == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"CommandError: Nothing was imported: 1 problem(s) to fix in {path}."
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nope", "x.csv"], "No round has the short name “nope”."),
        (
            ["global-2021", "/nonexistent/x.csv"],
            "Cannot read /nonexistent/x.csv: No such file or directory.",
        ),
    ],
)
def test_the_command_refuses_an_unknown_round_or_file(round_, arguments, message):
    with pytest.raises(CommandError) as caught:
        call_command("prioritization_import", *arguments)
    assert str(caught.value) == message


def test_a_row_naming_a_recognized_organization_is_that_organizations_ballot(round_):
    from tests.organizations.factories import OrganizationFactory, chapter_model

    organization = OrganizationFactory(
        name="Wikimedia Deutschland",
        code="WMDE",
        affiliation_model=chapter_model(),
        status="recognized",
        region="europe",
    )
    data = csv("g-1,wmde,,initiative-1,,", "g-2,Wikimedia Deutschland,,initiative-2,,")
    report = imports.ballots_import(round_=round_, data=data, user=None)
    assert problems(report) == [
        (
            3,
            "group",
            "The group “Wikimedia Deutschland” already has a ballot on row 2; a group casts one ballot.",
        )
    ]
    report = imports.ballots_import(round_=round_, data=csv("g-1,wmde,,initiative-1,,"), user=None)
    assert (problems(report), report.groups_created) == ([], 1)
    group = Group.objects.get()
    assert (group.kind, group.organization, group.name, group.region, group.category) == (
        "organization",
        organization,
        "Wikimedia Deutschland",
        "europe",
        organization.affiliation_model.slug,
    )
    assert Ballot.objects.get().group == group
