"""Document numbers and percentages against gold: precision and recall, per document.

The gold files list every document number (``doc_numbers``) and every ``N%``
(``percentages``) verbatim, in document order, repeats included. Predictions
are the ``text`` of the ``doc_number`` facts and of the ``percentage`` facts
written with ``%``/``％`` (百分之… has no gold). Both sides are compared after
removing whitespace (PDF text scatters it) and folding full-width ``％``,
in order (longest common subsequence), so a repeat counts once per occurrence.
Every gold document counts, PDFs included; a document that fails to parse
predicts nothing (its gold facts are misses). Scores are reported over all
documents and over the text documents alone (``text_*``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from . import gold_documents

__all__ = ["compare", "predict", "score"]

KINDS = ("doc_numbers", "percentages")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).replace("％", "%")


def compare(predicted: Sequence[str], gold: Sequence[str]) -> int:
    """How many items match, in order (longest common subsequence).

    >>> compare(["4%", "100%", "92.2%"], ["4%", "92.2%", "7.8%"])
    2
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


def predict(path: Path) -> tuple[dict[str, list[str]], str]:
    """The predicted document numbers and percentages of one file, and an error note."""
    import govreport_parse

    try:
        report = govreport_parse.parse(path)
    except Exception as exc:  # a document that fails to parse predicts nothing
        return {k: [] for k in KINDS}, f"{type(exc).__name__}: {exc}"[:80]
    docs = [f.text for f in report.facts if f.kind == "doc_number"]
    pcts = [f.text for f in report.facts if f.kind == "percentage" and ("%" in f.text or "％" in f.text)]
    return {"doc_numbers": docs, "percentages": pcts}, ""


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def score(corpus_dir: Path) -> dict[str, float]:
    """Score every gold document of ``corpus_dir``; print one row per document and kind."""
    totals: dict[tuple[str, str], list[int]] = {}  # (scope, kind) -> [pred, gold, match]
    print(f"{'document':34} {'kind':5} {'facts':12} {'gold':>4} {'pred':>4} {'match':>5}  note")
    for doc in gold_documents(corpus_dir):
        if doc.source is None:
            predicted, note = {k: [] for k in KINDS}, "source missing"
        else:
            predicted, note = predict(doc.source)
        for kind in KINDS:
            gold = [str(x) for x in doc.gold.get(kind, [])]  # type: ignore[attr-defined]
            pred = predicted[kind]
            matched = compare(pred, gold)
            scopes = ("all", "text") if doc.kind == "text" else ("all",)
            for scope in scopes:
                t = totals.setdefault((scope, kind), [0, 0, 0])
                t[0] += len(pred)
                t[1] += len(gold)
                t[2] += matched
            detail = note
            if not detail and (matched != len(gold) or matched != len(pred)):
                gn = [_norm(x) for x in gold]
                pn = [_norm(x) for x in pred]
                missing = [x for x in gn if x not in pn]
                extra = [x for x in pn if x not in gn]
                detail = f"missing {missing} extra {extra}"[:200]
            counts = f"{len(gold):>4} {len(pred):>4} {matched:>5}"
            print(f"{doc.name:34} {doc.kind:5} {kind:12} {counts}  {detail}")
    scores: dict[str, float] = {}
    for (scope, kind), (n_pred, n_gold, n_match) in sorted(totals.items()):
        prefix = "" if scope == "all" else "text_"
        name = kind.rstrip("s")
        scores[f"{prefix}{name}_precision"] = _ratio(n_match, n_pred)
        scores[f"{prefix}{name}_recall"] = _ratio(n_match, n_gold)
    return scores
