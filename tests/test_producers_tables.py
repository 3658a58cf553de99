"""Table shapes printed by a browser: correct cells, or a diagnostic, never shifted values.

The ``standard-2021`` fixture's page is printed by headless Chromium in seven shapes
(``scripts/make_producers.py``, :data:`SHAPES`): merged label cells with a two-row header, the
same without borders, the 总计 column left blank (with and without borders), one cell left
blank, a table wider
than the page (cut at its edge) and a table split over two pages. The record of each is held
to the text twin's: the same cells where the shape keeps them, and where it does not, the
figures are missing with a ``standard.unreadable`` diagnostic, never another cell's value.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import govreport_parse as gp
from govreport_parse.model import Report

from .conftest import FIXTURES, ROOT


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_producers", ROOT / "scripts" / "make_producers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_producers", module)
    spec.loader.exec_module(module)
    return module


MP = _module()


@cache
def _shapes() -> dict[str, Path]:
    shapes: dict[str, Path] = MP.build_shapes()
    return shapes


@cache
def shape(name: str) -> Report:
    why = MP.available()["chromium"]
    if why:
        pytest.skip(why)
    path = _shapes().get(name)
    if path is None:
        pytest.skip("the standard-2021 fixture is missing")
    return gp.parse(path)


@cache
def twin() -> Report:
    return gp.parse(FIXTURES / "generated" / "standard-2021.txt")


def grids() -> list[list[list[str | None]]]:
    data: list[list[list[str | None]]] = json.loads(
        (FIXTURES / "generated" / "standard-2021.tables.json").read_text("utf-8")
    )
    return data


def _values(r: Report) -> dict[str, object]:
    return {m.name: m.value for m in r.metrics}


def _is_total(name: str) -> bool:
    return name.startswith("requests.") and name.endswith(".total")


@pytest.mark.parametrize("name", ["merged", "split"])
def test_ruled_table_gives_every_cell(name: str) -> None:
    """Merged label cells (rowspan/colspan), a two-row header, a table over two pages."""
    r = shape(name)
    assert [[list(row) for row in t.rows] for t in r.tables[:3]] == grids()
    assert _values(r) == _values(twin())
    assert [(c.rule, c.status) for c in r.checks] == [(c.rule, c.status) for c in twin().checks]


def test_split_table_really_runs_over_two_pages() -> None:
    from govreport_parse.config import ParseConfig
    from govreport_parse.load import load_path

    shape("split")
    raw = load_path(_shapes()["split"], ParseConfig())
    table3 = raw.tables[1]
    assert len(table3.rows) == 28
    assert any(table3.start < p < table3.end for p in raw.page_starts), "table 3 must run over a page break"


def test_every_row_read_is_checked_against_its_total() -> None:
    """25 data rows of table 3: each has its row-total check, and they all pass."""
    checks = [c for c in shape("merged").checks if c.rule.startswith("requests.row_total.")]
    assert len(checks) == 25 and all(c.status == "pass" for c in checks)


@pytest.mark.parametrize("name", ["blank-totals"])
def test_blank_total_column_shifts_nothing(name: str) -> None:
    """The 总计 column left blank: every applicant column keeps its own figures (the
    natural-person figure is not read as the enterprise one), and the totals are blank."""
    got, want = _values(shape(name)), _values(twin())
    for key, value in want.items():
        if _is_total(key):
            assert got.get(key) is None, key
        else:
            assert got.get(key) == value, key
    assert got["requests.received_this_year.natural_person"] == 93
    # the column identities are still checked on the rows that are read
    statuses = {c.rule: c.status for c in shape(name).checks}
    assert statuses["requests.balance.natural_person"] == "pass"
    assert statuses["requests.results_total.other_org"] == "pass"


def test_blank_cell_in_a_row_keeps_every_other_cell_in_place() -> None:
    """One applicant cell left empty: it reads as blank, its neighbours stay in their columns."""
    got, want = _values(shape("blank-cell")), _values(twin())
    assert got["requests.disclosed.research_institution"] is None
    blank = {"requests.disclosed.research_institution", "requests.disclosed.legal_person_subtotal"}
    assert "requests.disclosed.legal_person_subtotal" not in got  # a sum over a blank: not made
    for key, value in want.items():
        if key not in blank:
            assert got.get(key) == value, key


@pytest.mark.parametrize("name", ["borderless", "blank-totals-borderless", "clipped"])
def test_unalignable_table_gives_a_diagnostic_never_a_shifted_value(name: str) -> None:
    """No ruling lines, or the right-hand columns cut at the page edge: what is read is the
    twin's, and what is not is missing with an ``unreadable`` diagnostic."""
    r = shape(name)
    got, want = _values(r), _values(twin())
    blank_totals = name.startswith("blank-totals")
    for key, value in got.items():
        if blank_totals and _is_total(key):
            # blank in the print: empty, or the row's own figures summed (the true total)
            assert value is None or value == want.get(key), key
        else:
            assert value == want.get(key), key
    missing = sorted(k for k in want if k.startswith("requests.") and k not in got)
    assert missing, "the shape really loses table cells"
    unreadable = [d for d in r.diagnostics if d.code == "standard.unreadable"]
    assert unreadable and all(d.severity in ("warning", "error", "info") for d in unreadable)


def test_a_row_missing_a_cell_is_unreadable_not_shifted() -> None:
    """The issue's browser print: one cell of a row lost, the rest would move one column left
    (the natural-person figure read as the enterprise one). The row is left empty and said so."""
    text = (FIXTURES / "generated" / "standard-2021.txt").read_text(encoding="utf-8")
    row = "三、本年度办理结果\t（一）予以公开\t\t40\t3\t0\t0\t1\t2\t46"
    assert row in text
    r = gp.parse_text(text.replace(row, row.replace("\t40\t", "\t", 1)))
    got = _values(r)
    assert not any(k.startswith("requests.disclosed.") for k in got)
    assert any("disclosed" in d.message for d in r.diagnostics if d.code == "standard.unreadable")
    for key, value in _values(twin()).items():
        if key in got:
            assert got[key] == value, key
