"""Tests under tests/browser/ are browser tests; the fixtures live in tests/browser_support.py."""

import os

import pytest

from tests.browser_support import AxeViolations, check_accessibility

__all__ = ["AxeViolations", "check_accessibility"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
