"""Is it a report? Every gold document of the corpus is a report and must be taken for one;
the other kinds of government documents of ``tests/cases/decide.json`` must not.

Scores: ``report_recall`` (gold documents parsed with ``require_report=True`` and decided a
report), ``untitled_recall`` (the same texts with their title removed: the body alone must
carry the evidence), ``precision`` (over the gold documents and the non-reports of the case
table: of the documents decided a report, the share that are one).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import gold_documents

__all__ = ["score"]

CASES = Path(__file__).resolve().parents[2] / "tests" / "cases" / "decide.json"


def _untitled(text: str, title: str | None) -> str:
    body = text.split("==== 正文 ====", 1)[-1]
    if title:
        body = body.replace(title, "").replace(re.sub(r"\s+", "", title), "")
    return body


def score(corpus_dir: Path) -> dict[str, float]:
    """The three scores, printing one line per gold document."""
    import govreport_parse as gp
    from govreport_parse.decide import decide

    reports = taken = untitled = 0
    for doc in gold_documents(corpus_dir):
        if doc.source is None:
            continue
        reports += 1
        try:
            report = gp.parse(doc.source)
        except gp.GovReportError as exc:
            print(f"  {doc.name:<40} not taken: {type(exc).__name__}: {exc.message[:80]}")
            continue
        taken += 1
        plain = decide(_untitled(report.text, report.title))
        untitled += plain.is_report
        assert report.evidence is not None
        print(f"  {doc.name:<40} score {report.evidence.score:>5g}, untitled {plain.score:>5g}")
    others = [c for c in json.loads(CASES.read_text(encoding="utf-8")) if c["kind"] != "annual_report"]
    false = sum(decide(c["text"]).is_report for c in others)
    print(f"  {len(others)} other documents, {false} taken for reports")
    said = taken + false
    return {
        "report_recall": taken / reports if reports else 1.0,
        "untitled_recall": untitled / reports if reports else 1.0,
        "precision": taken / said if said else 1.0,
    }
