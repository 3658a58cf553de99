"""Evaluation gates for facts on real data in ../shared.

- 38,323 real document numbers: at least 99.5 % parse into agency / year /
  serial (or decree / announcement), and every failure falls in a category
  the docs list (docs/facts/doc_number.md);
- the gold corpus: document numbers and percentages reach precision and recall
  of at least 0.98 (text documents and PDFs; a parse error counts as misses).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import CORPUS, DOCNUMBERS, ROOT, need_shared

FLOOR = 0.98


def _script(name: str) -> Any:
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module(name)


def test_real_document_numbers_parse() -> None:
    csv_path = need_shared(DOCNUMBERS / "docnumbers_nonempty.csv")
    result = _script("docnumber_eval").evaluate(csv_path)
    assert result["total"] == 38_323
    assert result["share"] >= 0.995
    failures = result["failures"]
    assert "other" not in failures, failures.get("other")
    assert sum(len(v) for v in failures.values()) == result["total"] - result["parsed"]
    doc = (ROOT / "docs" / "facts" / "doc_number.md").read_text(encoding="utf-8")
    for category in failures:
        assert category in doc, f"failure category {category!r} is not documented"


@pytest.fixture(scope="module")
def corpus_scores() -> dict[str, float]:
    corpus = need_shared(CORPUS / "gold")
    scorer = _script("evaluation.facts")
    scores: dict[str, float] = scorer.score(Path(corpus).parent)
    return scores


@pytest.mark.parametrize(
    "key",
    [
        "text_doc_number_precision",
        "text_doc_number_recall",
        "text_percentage_precision",
        "text_percentage_recall",
        "doc_number_precision",
        "doc_number_recall",
        "percentage_precision",
        "percentage_recall",
    ],
)
def test_gold_corpus_floor(corpus_scores: dict[str, float], key: str) -> None:
    assert corpus_scores[key] >= FLOOR, corpus_scores


def test_scorer_counts_a_parse_error_as_misses(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "pdf").mkdir()
    (tmp_path / "gold" / "broken.json").write_text(
        '{"doc_numbers": ["国令第711号"], "percentages": ["50%"]}', encoding="utf-8"
    )
    (tmp_path / "pdf" / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    scores = _script("evaluation.facts").score(tmp_path)
    assert scores["doc_number_recall"] == 0.0
    assert scores["percentage_recall"] == 0.0
