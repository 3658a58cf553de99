"""The producer matrix: any PDF a government publishes gives the same record as its source.

``scripts/make_producers.py`` prints every real text report of ``../shared`` and both generated
fixtures to PDF through six real producers (headless Chromium with and without table borders,
LibreOffice Writer from text, from HTML via DOCX and from a python-docx DOCX, fpdf2). The PDFs are
cached under ``build/producers`` (first run about two minutes on two cores, then only parsing).
For every PDF:

- the same top-level and nested sections, facts, metrics, checks, title, year and layout as the
  source (or exactly the differences :data:`NAMED` lists, each with its reason: a fix that removes
  one fails here until the table is updated, so it cannot rot);
- never a wrong figure: every metric the PDF gives equals the source's (a table whose columns
  cannot be aligned gives an ``unreadable`` diagnostic or nothing, never shifted values);
- every gold figure and document number the source gets right, the PDF gets right;
- the producer's name in the record's source block.

Skips with a message where a producer is not installed (``scripts/system_deps.sh``).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.model import Report

from .conftest import ROOT


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


MP = _module("make_producers", ROOT / "scripts" / "make_producers.py")
SOURCES = {s.name: s for s in MP.sources()}
CAN = MP.available()
GOLD_DIRS = (MP.SHARED / "corpus" / "gold", MP.SHARED / "corpus-pingtan" / "gold")

#: Known, named differences between a PDF's record and its source's: ``(source, producer)`` ->
#: the aspects that differ, and why. Everything else must be equal.
GLUED_AT_WRAP = (
    "a space sets the heading off from its body in the source (`一、 概述 推进…`); the producer "
    "wrapped the line right at that space and dropped it, so the PDF holds no trace of it and the "
    "heading reads glued to its first sentence"
)
LINE_START_TITLE = (
    "the source is a web copy with the report on a few long lines: a heading that is mid-line "
    "there (its title cut short, at most 24 characters) starts a line in the PDF (cut at 40), or "
    "the other way round"
)
FLAT_TABLE = (
    "a statistics table flattened into one line in the source (`其中：1、当面申请数 条 0 0 …`) is "
    "wrapped by the producer: a row label that lands at a line start reads as a numbered heading, "
    "or a digit run is split differently"
)
LINE_CONTEXT = (
    "a fact's kind hangs on what shares its line (a telephone number after `电话：`, a date or a "
    "citation in the crawler header); the producer's line breaks change that context"
)
BORDERLESS = (
    "a table without ruling lines reads as text lines: merged label cells wrap inside their "
    "column and their pieces read as headings; rows that cannot be aligned give `unreadable` "
    "diagnostics and no figures (never shifted ones)"
)
EXTRA_CHECK = "one more prose-versus-table check can be made (it passes)"


def _named(aspects: tuple[str, ...], reason: str) -> dict[str, str]:
    return dict.fromkeys(aspects, reason)


NAMED: dict[tuple[str, str], dict[str, str]] = {
    ("pingtan-2012", "chromium"): _named(("facts", "sections"), FLAT_TABLE),
    ("pingtan-2012", "lo-text"): _named(("facts", "sections"), FLAT_TABLE),
    ("pingtan-2012", "lo-html-docx"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2012", "fpdf2"): _named(("sections",), GLUED_AT_WRAP),
    ("pingtan-2012", "docx-lo"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2019", "chromium"): _named(("facts",), FLAT_TABLE),
    ("pingtan-2019", "fpdf2"): _named(("facts",), LINE_CONTEXT),
    ("shuyang-county-2025", "lo-html-docx"): _named(("checks",), EXTRA_CHECK),
    ("shuyang-county-2025", "fpdf2"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2011", "lo-html-docx"): _named(("facts", "sections"), LINE_START_TITLE),
    ("pingtan-2011", "fpdf2"): _named(("sections",), GLUED_AT_WRAP),
    ("pingtan-2012-county", "chromium-bare"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2012-county", "lo-html-docx"): _named(("facts", "sections"), LINE_START_TITLE),
    ("pingtan-2012-county", "docx-lo"): _named(("facts", "sections"), LINE_START_TITLE),
    ("pingtan-2013-county", "chromium"): _named(("facts", "sections"), LINE_START_TITLE),
    ("pingtan-2013-county", "chromium-bare"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2013-county", "lo-text"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2013", "chromium"): _named(("facts", "sections"), FLAT_TABLE),
    ("pingtan-2013", "chromium-bare"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2013", "fpdf2"): _named(("sections",), GLUED_AT_WRAP),
    ("pingtan-2013", "docx-lo"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2014", "chromium"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2014", "chromium-bare"): _named(("facts", "sections"), FLAT_TABLE),
    ("pingtan-2014", "lo-text"): _named(("facts", "sections"), FLAT_TABLE),
    ("pingtan-2014", "fpdf2"): _named(("facts", "sections"), GLUED_AT_WRAP),
    ("pingtan-2014", "docx-lo"): _named(("facts", "sections"), LINE_START_TITLE),
    ("pingtan-2015", "chromium"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2016", "lo-html-docx"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2016", "fpdf2"): _named(("sections",), GLUED_AT_WRAP),
    ("pingtan-2016", "docx-lo"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2017", "lo-html-docx"): _named(("sections",), LINE_START_TITLE),
    ("pingtan-2017", "fpdf2"): _named(("facts",), LINE_CONTEXT),
    ("pingtan-2017", "docx-lo"): _named(("facts",), LINE_CONTEXT),
    ("standard-2021", "chromium-bare"): _named(("checks", "facts", "metrics", "sections"), BORDERLESS),
}


@cache
def _built() -> dict[tuple[str, str], Path]:
    built: dict[tuple[str, str], Path] = MP.build(list(SOURCES.values()), log=lambda _line: None)
    return built


def _pdf(name: str, producer: str) -> Path:
    if CAN[producer]:
        pytest.skip(f"{producer}: {CAN[producer]}")
    path = _built().get((name, producer))
    if path is None:
        pytest.skip(f"{producer} could not render {name} here")
    return path


@cache
def _parse(path: Path) -> Report:
    return gp.parse(path)


def _aspects(base: Report, other: Report) -> dict[str, bool]:
    """Which parts of the record agree."""

    def sections(r: Report) -> list[tuple[str, int, str]]:
        return [(s.number, s.level, "".join(s.title.split())) for s in r.all_sections()]

    return {
        "sections": sections(base) == sections(other),
        "facts": [(f.kind, f.text) for f in base.facts] == [(f.kind, f.text) for f in other.facts],
        "metrics": {m.name: m.value for m in base.metrics} == {m.name: m.value for m in other.metrics},
        "checks": [(c.rule, c.status) for c in base.checks] == [(c.rule, c.status) for c in other.checks],
        "meta": (base.title, base.year, base.layout) == (other.title, other.year, other.layout),
    }


MATRIX = [pytest.param(name, p, id=f"{name}-{p}") for name in SOURCES for p in MP.PRODUCERS]


@pytest.mark.parametrize(("name", "producer"), MATRIX)
def test_pdf_gives_the_source_record(name: str, producer: str) -> None:
    pdf = _parse(_pdf(name, producer))
    base = _parse(SOURCES[name].path)
    differ = {aspect for aspect, same in _aspects(base, pdf).items() if not same}
    assert differ == set(NAMED.get((name, producer), {}))


@pytest.mark.parametrize(("name", "producer"), MATRIX)
def test_pdf_never_gives_a_wrong_figure(name: str, producer: str) -> None:
    """Every figure read from the PDF is the source's; a figure it cannot read is missing and
    said so (an ``unreadable`` diagnostic), never shifted into another column or row."""
    pdf = _parse(_pdf(name, producer))
    base = {m.name: m.value for m in _parse(SOURCES[name].path).metrics}
    got = {m.name: m.value for m in pdf.metrics}
    wrong = {k: (v, base.get(k)) for k, v in got.items() if base.get(k) != v}
    assert not wrong
    missing = set(base) - set(got)
    if missing:
        assert any(d.code.endswith("unreadable") for d in pdf.diagnostics), sorted(missing)[:5]


def _gold(name: str) -> dict[str, Any] | None:
    import json

    for folder in GOLD_DIRS:
        path = folder / f"{name}.json"
        if path.exists():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    return None


@cache
def _judge() -> Any:
    """The evaluation's judge (``scripts/evaluation/producers.py``): one rule for both."""
    import importlib

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("evaluation.producers").judge
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.mark.parametrize(("name", "producer"), MATRIX)
def test_pdf_gets_the_gold_figures_the_source_gets(name: str, producer: str) -> None:
    gold = _gold(name)
    if gold is None:
        pytest.skip(f"{name}: a generated fixture, no gold file")
    judge = _judge()
    right_base, exact_base, _ = judge(_parse(SOURCES[name].path), gold)
    right_pdf, exact_pdf, misses = judge(_parse(_pdf(name, producer)), gold)
    assert right_base <= right_pdf, misses
    if "sections" not in NAMED.get((name, producer), {}):
        assert exact_pdf == exact_base


PRODUCER_NAMES = {
    "chromium": ("Skia/PDF", "HeadlessChrome"),
    "chromium-bare": ("Skia/PDF", "HeadlessChrome"),
    "lo-text": ("LibreOffice", "Writer"),
    "lo-html-docx": ("LibreOffice", "Writer"),
    "docx-lo": ("LibreOffice", "Writer"),
}


@pytest.mark.parametrize("producer", sorted(PRODUCER_NAMES))
def test_producer_and_creator_go_into_the_source_block(producer: str) -> None:
    r = _parse(_pdf("standard-2021", producer))
    want_producer, want_creator = PRODUCER_NAMES[producer]
    assert r.source.producer is not None and want_producer in r.source.producer
    assert r.source.creator is not None and want_creator in r.source.creator
    assert r.to_dict()["source"]["producer"] == r.source.producer


def test_text_source_has_no_producer() -> None:
    r = gp.parse_text("某区人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。")
    assert r.source.producer is None and r.source.creator is None
