"""Score the parser's quantity and percentage facts against the hand-audited sample.

    python scripts/facts_audit.py            print precision per field (all, tuned, held out)
    python scripts/facts_audit.py --update   raise the floors in facts_audit_floors.json

The sample is ``tests/cases/facts_audit/sample.json``: 420 facts drawn at random (seed 14) from
the real reports in ``../shared``, each judged by hand (is it a fact, value, unit, label,
base). Every document is parsed again and the fact at the judged span is compared:

- ``not_counts``: share of sampled facts still produced that the judgement says are not
  counts (lower is better; the floor is a ceiling);
- ``value`` / ``unit``: share of judged facts whose value / unit match;
- ``label``: share of judged quantities whose label is one of the accepted spans (or absent
  where the sentence names nothing specific);
- ``percentage_label`` / ``percentage_base``: the same for shares; base only where the
  sentence states one;
- ``kept``: share of judged facts the parser still produces (a filter that drops real
  counts shows here).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "tests" / "cases" / "facts_audit" / "sample.json"
FLOORS = HERE / "facts_audit_floors.json"
SHARED = ROOT.parent / "shared"

LOWER_IS_BETTER = frozenset({"not_counts"})


def _parse_all(docs: set[str], shared: Path) -> dict[str, dict[tuple[int, int], Any]]:
    import govreport_parse as gp

    out: dict[str, dict[tuple[int, int], Any]] = {}
    for doc in sorted(docs):
        report = gp.parse(shared / doc)
        out[doc] = {(f.start, f.end): f for f in report.facts if f.kind in ("quantity", "percentage")}
        out[doc][(-1, -1)] = report.text  # for re-anchoring items whose spans moved
    return out


def _find(it: dict[str, Any], facts: dict[tuple[int, int], Any]) -> Any:
    """The fact at the item's span; if the text moved (a loader now reads spaces or line
    breaks differently), the fact at the place its judged context is found again, spaces
    ignored, nearest to the old offset."""
    f = facts.get((it["start"], it["end"]))
    if f is not None:
        return f
    text = facts.get((-1, -1))
    context = it.get("context") or ""
    if not isinstance(text, str) or "【" not in context:
        return None
    left, rest = context.split("【", 1)
    inner, right = rest.split("】", 1) if "】" in rest else (rest, "")
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    squashed = "".join(text[i] for i in keep)
    needle = "".join((left + inner + right).split())
    offset = len("".join(left.split()))
    best = None
    at = squashed.find(needle)
    while at >= 0:
        start = keep[at + offset]
        if best is None or abs(start - it["start"]) < abs(best - it["start"]):
            best = start
        at = squashed.find(needle, at + 1)
    if best is None:
        return None
    return next((g for (s, _), g in facts.items() if s == best and not isinstance(g, str)), None)


def _ratio(hit: int, total: int) -> float:
    return round(hit / total, 4) if total else 1.0


def score(items: list[dict[str, Any]], facts: dict[str, dict[tuple[int, int], Any]]) -> dict[str, float]:
    """Precision per field over ``items`` (see the module docstring)."""
    produced = judged = kept = junk = 0
    value = unit = 0
    q_total = q_label = p_total = p_label = b_total = b_ok = 0
    for it in items:
        f = _find(it, facts[it["doc"]])
        j = it["judgement"]
        if not j["fact"]:
            if f is not None:
                produced += 1
                junk += 1
            continue
        judged += 1
        if f is None:
            continue
        produced += 1
        kept += 1
        value += f.value == j["value"]
        unit += getattr(f, "unit", None) == j["unit"]
        ok = f.label in j["label"] or (f.label is None and j["label_may_be_absent"])
        if it["kind"] == "percentage":
            p_total += 1
            p_label += ok
            if j.get("base") is not None:
                b_total += 1
                b_ok += f.base == j["base"]
        else:
            q_total += 1
            q_label += ok
    return {
        "not_counts": _ratio(junk, produced),
        "kept": _ratio(kept, judged),
        "value": _ratio(value, kept),
        "unit": _ratio(unit, kept),
        "label": _ratio(q_label, q_total),
        "percentage_label": _ratio(p_label, p_total),
        "percentage_base": _ratio(b_ok, b_total),
        "facts": float(len(items)),
    }


def evaluate(shared: Path = SHARED) -> dict[str, dict[str, float]]:
    """Scores for the whole sample, the documents the rules were tuned on, and the held-out ones."""
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    items = sample["items"]
    facts = _parse_all({it["doc"] for it in items}, shared)
    return {
        "all": score(items, facts),
        "tuned": score([it for it in items if not it["held_out"]], facts),
        "held_out": score([it for it in items if it["held_out"]], facts),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    args = ap.parse_args(argv)
    result = evaluate()
    for part, scores in result.items():
        print(part.ljust(9), "  ".join(f"{k}={v:g}" for k, v in scores.items()))
    if args.update:
        floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
        for k, v in result["all"].items():
            if k == "facts":
                continue
            old = floors.get(k)
            if old is None or (v < old if k in LOWER_IS_BETTER else v > old):
                floors[k] = v
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
