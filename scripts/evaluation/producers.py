"""The producer matrix against gold: every report printed to PDF by every producer.

``scripts/make_producers.py`` renders each real text report (``corpus/text`` and the sibling
``corpus-pingtan/text``) through Chromium, LibreOffice and fpdf2 (PDFs cached under
``build/producers``; missing producers are skipped with a note). Each PDF is parsed and held to
the source's gold file, item by item:

- ``figures``: every ``table_applications`` and ``key_counts`` figure, and every document
  number in order (the same rules as the ``metrics`` and ``facts`` scorers);
- ``sections``: the top-level sections (number and title, whitespace aside) exactly as gold.

The text source itself is judged the same way (the ``(text source)`` row): a gold item the
source misses is a parser limit, not a producer's. Scores: ``figures_accuracy`` and
``sections_exact_match`` over the whole matrix; ``figures_parity`` and ``sections_parity``, the
share of what the source gets right that its PDFs get right too; and all four per producer
(``<producer>.figures``...), so a producer that regresses shows by name. A PDF that fails to
parse scores zero.

>>> _norm(" 国办公开办函〔2021〕30 号")
'国办公开办函〔2021〕30号'
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

from . import gold_documents
from .metrics import KEY_COUNTS, TABLE_KEYS

__all__ = ["expected_items", "score"]

SCRIPTS = Path(__file__).resolve().parent.parent


def _producers_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_producers", SCRIPTS / "make_producers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_producers", module)
    spec.loader.exec_module(module)
    return module


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _same(got: object, want: object) -> bool:
    if want is None:
        want = 0
    return isinstance(got, int | float) and isinstance(want, int | float) and abs(got - want) < 1e-6


def expected_items(gold: dict[str, Any]) -> int:
    """How many figure items a gold file holds (table, key counts, document numbers)."""
    return (
        len(gold.get("table_applications") or {})
        + len(gold.get("key_counts") or {})
        + len(gold.get("doc_numbers") or [])
    )


def judge(report: Any, gold: dict[str, Any]) -> tuple[set[str], bool, list[str]]:
    """``(figure items right, sections exact, misses)`` of one parsed report against its gold."""
    values = {m.name: m.value for m in report.metrics}
    misses: list[str] = []
    right: set[str] = set()
    for key, want in (gold.get("table_applications") or {}).items():
        got = values.get(TABLE_KEYS[key])
        if _same(got, want):
            right.add(f"table:{key}")
        else:
            misses.append(f"{key} {got}≠{want}")
    for key, want in (gold.get("key_counts") or {}).items():
        got = values.get(KEY_COUNTS[key])
        if _same(got, want):
            right.add(f"key:{key}")
        else:
            misses.append(f"{key} {got}≠{want}")
    docs = [_norm(f.text) for f in report.facts if f.kind == "doc_number"]
    for k, d in enumerate(_norm(d) for d in gold.get("doc_numbers") or []):
        if d in docs:
            right.add(f"doc:{k}:{d}")
        else:
            misses.append(f"文号 {d}")
    sections = [(s.number, _norm(s.title)) for s in report.sections if s.kind == "heading"]
    want_sections = [(str(s["number"]), _norm(str(s["title"]))) for s in gold.get("sections") or []]
    exact = sections == want_sections
    if not exact:
        misses.append("sections")
    return right, exact, misses


def _judge_path(path: Path, gold: dict[str, Any]) -> tuple[set[str], bool, list[str]]:
    import govreport_parse

    try:
        return judge(govreport_parse.parse(path), gold)
    except Exception as exc:  # a file that fails to parse scores zero
        return set(), False, [f"{type(exc).__name__}: {exc}"[:60]]


def score(corpus_dir: Path) -> dict[str, float]:
    """Render (or reuse) the matrix and score every PDF of it; print one row each."""

    mp = _producers_module()
    docs = [d for d in gold_documents(corpus_dir) if d.kind == "text"]
    sibling = corpus_dir.parent / "corpus-pingtan"
    if (sibling / "gold").is_dir():
        docs += [d for d in gold_documents(sibling) if d.kind == "text"]
    by_name = {d.name: d for d in docs}
    sources = [s for s in mp.sources() if s.name in by_name]
    built = mp.build(sources, log=lambda line: print(f"  {line}"))
    per: dict[str, list[int]] = {}
    print(f"{'document':28} {'producer':14} {'figures':>8} sections  misses")
    for src in sources:
        gold = by_name[src.name].gold
        n = expected_items(gold)
        base, base_exact, base_misses = _judge_path(src.path, gold)
        print(
            f"{src.name:28} {'(text source)':14} {len(base):>3}/{n:<4} {'yes' if base_exact else 'no':8}  "
            f"{'; '.join(base_misses)[:120]}"
        )
        for producer in mp.PRODUCERS:
            path = built.get((src.name, producer))
            if path is None:
                continue
            right, exact, misses = _judge_path(path, gold)
            row = per.setdefault(producer, [0, 0, 0, 0, 0, 0, 0, 0])
            row[0] += len(right)
            row[1] += n
            row[2] += exact
            row[3] += 1
            row[4] += len(right & base)  # right in the PDF of what the source gets right
            row[5] += len(base)
            row[6] += exact and base_exact
            row[7] += base_exact
            print(
                f"{'':28} {producer:14} {len(right):>3}/{n:<4} {'yes' if exact else 'no':8}  "
                f"{'; '.join(misses)[:120]}"
            )
    scores: dict[str, float] = {}

    def total(k: int) -> int:
        return sum(r[k] for r in per.values())

    if per:
        scores["figures_accuracy"] = total(0) / max(1, total(1))
        scores["sections_exact_match"] = total(2) / max(1, total(3))
        scores["figures_parity"] = total(4) / max(1, total(5))
        scores["sections_parity"] = total(6) / max(1, total(7))
    for producer, row in sorted(per.items()):
        scores[f"{producer}.figures"] = row[0] / row[1] if row[1] else 0.0
        scores[f"{producer}.sections"] = row[2] / row[3] if row[3] else 0.0
        scores[f"{producer}.figures_parity"] = row[4] / row[5] if row[5] else 0.0
        scores[f"{producer}.sections_parity"] = row[6] / row[7] if row[7] else 0.0
    for name, value in scores.items():
        print(f"  {name}: {value:.3f}")
    return scores
