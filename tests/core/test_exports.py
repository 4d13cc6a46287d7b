"""One CSV writer for every download: formulas are neutralized in every cell."""

import pytest

from convene.core.exports import csv_cell, csv_response


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (-3, "'-3"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_csv_response_guards_the_header_too():
    response = csv_response(filename="x.csv", header=["=A1", "b"], rows=[["@c", None]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode("utf-8") == "\ufeff'=A1,b\r\n'@c,\r\n"
