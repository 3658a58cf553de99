"""Top-level sections against gold: per-document table, precision, recall, exact match.

A predicted top-level section matches a gold one when both the printed
number and the title are equal (after removing whitespace, which PDF text
scatters inside titles). Matching follows document order (longest common
subsequence), so a right title under the wrong number does not count.
A document that fails to parse predicts nothing.

``one_line_exact_match`` repeats the exact-match test on each clean text with
its line breaks removed: the whole report on a single line, as some web
copies are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from . import gold_documents

__all__ = ["compare", "score"]

Pair = tuple[str, str]


def _norm(pair: Pair) -> Pair:
    return re.sub(r"\s+", "", pair[0]), re.sub(r"\s+", "", pair[1])


def compare(predicted: Sequence[Pair], gold: Sequence[Pair]) -> int:
    """How many pairs match, in order (longest common subsequence).

    >>> compare([("一", "概述"), ("二", "公开")], [("一", "概述"), ("三", "公开")])
    1
    """
    p = [_norm(x) for x in predicted]
    g = [_norm(x) for x in gold]
    prev = [0] * (len(g) + 1)
    for a in p:
        cur = [0]
        for j, b in enumerate(g):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _same(predicted: Sequence[Pair], gold: Sequence[Pair]) -> bool:
    return [_norm(x) for x in predicted] == [_norm(x) for x in gold]


def _predict(path: Path) -> tuple[list[Pair], list[Pair], str]:
    """Top-level headings of the parsed document, and of its clean text put on one line."""
    import govreport_parse
    from govreport_parse.segment import segment

    try:
        report = govreport_parse.parse(path)
    except Exception as exc:  # a document that fails to parse scores zero
        return [], [], f"{type(exc).__name__}: {exc}"[:70]
    one_line = segment(report.text.replace("\n", "")).sections
    return (
        [(s.number, s.title) for s in report.sections if s.kind == "heading"],
        [(s.number, s.title) for s in one_line if s.kind == "heading"],
        "",
    )


def score(corpus_dir: Path) -> dict[str, float]:
    """Score every gold document of ``corpus_dir``; print one row each."""
    n_pred = n_gold = n_match = n_exact = n_one_line = n_docs = 0
    per_kind: dict[str, list[int]] = {}
    print(f"{'document':34} {'kind':5} {'gold':>4} {'pred':>4} {'match':>5} exact one-line  note")
    for doc in gold_documents(corpus_dir):
        sections = doc.gold.get("sections", [])
        gold = [(str(s["number"]), str(s["title"])) for s in sections]  # type: ignore[union-attr]
        if doc.source is None:
            predicted, one_line, note = [], [], "source missing"
        else:
            predicted, one_line, note = _predict(doc.source)
        matched = compare(predicted, gold)
        exact = _same(predicted, gold)
        one_line_exact = _same(one_line, gold)
        n_docs += 1
        n_pred += len(predicted)
        n_gold += len(gold)
        n_match += matched
        n_exact += exact
        n_one_line += one_line_exact
        counts = per_kind.setdefault(doc.kind, [0, 0])
        counts[0] += exact
        counts[1] += 1
        if not exact and not note:
            missing = [f"{n}、{t}" for n, t in gold if (n, t) not in predicted]
            extra = [f"{n}、{t}" for n, t in predicted if (n, t) not in gold]
            note = f"missing {missing} extra {extra}"[:200]
        print(f"{doc.name:34} {doc.kind:5} {len(gold):>4} {len(predicted):>4} {matched:>5} "
              f"{'yes' if exact else 'NO':5} {'yes' if one_line_exact else 'NO':8}  {note}")
    scores = {
        "precision": n_match / n_pred if n_pred else 0.0,
        "recall": n_match / n_gold if n_gold else 0.0,
        "exact_match": n_exact / n_docs if n_docs else 0.0,
        "one_line_exact_match": n_one_line / n_docs if n_docs else 0.0,
    }
    for kind, (exact_n, total) in sorted(per_kind.items()):
        scores[f"{kind}_exact_match"] = exact_n / total
    print(" ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    return scores
