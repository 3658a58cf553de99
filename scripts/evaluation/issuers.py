"""Issuer identity against gold: the parsed report's canonical issuer, level and region code
against the identity of the issuer the gold file names (read by hand, OCR errors corrected).

``identity_accuracy``: reports whose parsed ``(issuer_canonical, issuer_level, region_code)``
equals :func:`govreport_parse.issuer.identify` of the gold ``issuer``; a gold name that gives no
identity counts as a miss (the table must know every shared issuer). ``level_accuracy``: the
parsed level against the gold ``level`` (the gold's ``district`` is county level in GB/T 2260).
A document that fails to parse scores zero.
"""

from __future__ import annotations

from pathlib import Path

from . import gold_documents

__all__ = ["score"]

_GOLD_LEVELS = {"district": "county"}


def score(corpus_dir: Path) -> dict[str, float]:
    """Print a table and return ``identity_accuracy`` and ``level_accuracy``."""
    import govreport_parse
    from govreport_parse.issuer import identify

    n = same = level_ok = 0
    print(f"{'document':34} {'gold issuer':24} {'region':7} {'level':16} ok")
    for doc in gold_documents(corpus_dir):
        if doc.source is None:
            continue
        n += 1
        gold_name = str(doc.gold.get("issuer") or "")
        want = identify(gold_name)
        gold_level = str(doc.gold.get("level") or "")
        try:
            report = govreport_parse.parse(doc.source)
            got = (report.issuer_canonical, report.issuer_level, report.region_code)
        except Exception:  # a document that fails to parse scores zero
            got = (None, None, None)
        hit = want.region_code is not None and got == (want.canonical, want.level, want.region_code)
        same += hit
        level_ok += got[1] == _GOLD_LEVELS.get(gold_level, gold_level)
        print(f"{doc.name:34} {gold_name:24} {got[2] or '-':7} {got[1] or '-':16} {'yes' if hit else 'NO'}")
    return {
        "identity_accuracy": same / n if n else 0.0,
        "level_accuracy": level_ok / n if n else 0.0,
    }
