"""API habits: short reprs and a notebook card, full docstrings, a clean dir(gp), metric() KeyError,
Section.text/page, Table.to_pandas, Parquet integer types for any reader, to_pandas of a folder,
docs that refer only to files in the repository; and the notebook page runs as written."""

from __future__ import annotations

import doctest
import inspect
import os
import re
from pathlib import Path

import pytest

import govreport_parse as gp
from govreport_parse.errors import UnreadableFileError

from .conftest import FIXTURES, ROOT, SEED
from .test_batch_corpus import variant_text

PDF = FIXTURES / "generated" / "standard-2021.pdf"


@pytest.fixture(scope="module")
def seed() -> gp.Report:
    return gp.parse(SEED)


def test_the_notebook_page_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    page = os.fspath(ROOT / "docs" / "notebook.md")
    result = doctest.testfile(page, module_relative=False, optionflags=flags)
    assert result.attempted >= 15 and result.failed == 0


def test_repr_is_one_short_line(seed: gp.Report) -> None:
    text = repr(seed)
    assert text == "<Report 张店区人民政府 2018 narrative: 20 sections, 92 facts, 3 metrics, 0 failed checks>"
    pdf = gp.parse(PDF)
    for obj in (pdf, *pdf.sections, *pdf.tables, *seed.all_sections()):
        r = repr(obj)
        assert "\n" not in r and len(r) < 200, r
    untitled = gp.parse_text(
        "一、主动公开情况\n二、依申请公开情况\n三、行政复议、行政诉讼情况\n《政府信息公开条例》存在的主要问题"
    )
    assert repr(untitled).startswith("<Report <text> narrative: 3 sections")  # no title: the name


def test_repr_html_is_a_small_escaped_card(seed: gp.Report) -> None:
    card = seed._repr_html_()
    assert card.startswith("<div") and seed.title is not None and seed.title in card
    assert "failed checks" not in card  # none failing: no list
    assert len(card) < 5000
    hostile = gp.parse_text("某区<script>2019年政府信息公开工作年度报告\n一、总体情况", name="<x>")
    assert "<script>" not in hostile._repr_html_()


@pytest.mark.parametrize("func", [gp.parse, gp.parse_text, gp.parse_many, gp.to_pandas])
def test_public_functions_have_full_docstrings(func: object) -> None:
    doc = inspect.getdoc(func) or ""
    assert len(doc.splitlines()) >= 8, doc
    assert ">>>" in doc
    assert "Error" in doc  # says what it raises (or that it does not)


def test_parse_docstring_lists_settings_and_errors() -> None:
    doc = inspect.getdoc(gp.parse) or ""
    for word in ("config", "name", "require_report", "Raises", "NotAReportError", "UnreadableFileError"):
        assert word in doc


def test_dir_is_the_public_names_only() -> None:
    names = dir(gp)
    assert names == sorted(gp.__all__)
    for private in ("Any", "TYPE_CHECKING", "importlib", "annotations"):
        assert private not in names
    for name in names:
        getattr(gp, name)


def test_metric_raises_key_error_with_close_names(seed: gp.Report) -> None:
    assert seed.metric("requests_received").value == 142  # type: ignore[union-attr]
    with pytest.raises(KeyError, match="close names: requests_received"):
        seed.metric("request_received")
    with pytest.raises(KeyError, match=r"see report\.metrics"):
        seed.metric("zzz")
    assert seed.metric("zzz", None) is None


def test_section_text_and_page(seed: gp.Report) -> None:
    for s in seed.all_sections():
        assert s.text == seed.text[s.start : s.end]
        assert s.text.find(s.title) >= 0 or s.kind == "item"
        assert s.page is None  # a text file has no pages
        assert "doc_text" not in s.to_dict() and "page" in s.to_dict()
    pdf = gp.parse(PDF)
    pages = [s.page for s in pdf.all_sections()]
    assert all(p is not None and p >= 1 for p in pages) and pages == sorted(pages)  # type: ignore[type-var]
    assert max(pages) > 1  # type: ignore[type-var]


def test_table_to_pandas() -> None:
    table = gp.parse(PDF).tables[0]
    frame = table.to_pandas()
    assert frame.shape == (len(table.rows), max(len(r) for r in table.rows))
    assert frame.iloc[1, 1] == table.rows[1][1]
    with_header = table.to_pandas(header=True)
    assert with_header.shape[0] == len(table.rows) - 1
    assert next(iter(with_header.columns)) == table.rows[0][0]


def test_parquet_keeps_integer_types_for_any_reader(tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(variant_text(i), encoding="utf-8")
    gp.parse_many  # noqa: B018 -- the lazy name resolves
    from govreport_parse.batch import run_batch

    run_batch([tmp_path / "in"], tmp_path / "out", workers=0, formats=("parquet",), progress=False)
    facts = pd.read_parquet(tmp_path / "out" / "facts.parquet")
    assert facts["page"].isna().all()  # text files: no pages, yet the column stays integer
    for column in ("start", "end", "page", "source_start"):
        assert str(facts[column].dtype) in ("Int32", "Int64"), (column, facts[column].dtype)
    schema = pq.read_schema(tmp_path / "out" / "facts.parquet")  # what DuckDB and polars read
    assert str(schema.field("page").type) in ("int32", "int64")
    assert str(schema.field("start").type) in ("int32", "int64")
    frame = gp.to_pandas(tmp_path / "out", table="reports")  # a batch output folder
    assert len(frame) == 3
    with pytest.raises(UnreadableFileError, match=r"without a reports\.jsonl"):
        gp.to_pandas(tmp_path / "in")


def test_docs_and_docstrings_refer_only_to_files_in_the_repository() -> None:
    paths = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("govreport_parse/**/*.py")]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for text in texts:
        assert not re.search(r"SPEC §|reference/standard_format", text)
