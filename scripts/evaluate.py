"""Score the parser against the hand-read gold files of the shared corpora.

    python scripts/evaluate.py            print every scorer's table and scores
    python scripts/evaluate.py --check    also fail (exit 1) if a score fell below its floor
    python scripts/evaluate.py --update   raise the floors in eval_floors.json to the current scores

Scorers are modules of ``scripts/evaluation/`` listed in :data:`SCORERS`; each
exposes ``score(corpus_dir) -> dict[str, float]``. A listed module that does
not exist yet is skipped with a note; a floor whose score is missing fails
``--check`` (a scorer must not vanish silently). Floors only ever go up.

Every corpus of :data:`DEFAULT_CORPORA` that exists is scored (``--corpus DIR``,
repeatable, picks others): the scores of ``corpus`` are keyed
``<scorer>.<score>``, those of ``corpus-<name>`` ``<scorer>.<name>.<score>``
(``metrics.pingtan.key_counts_accuracy``).

>>> corpus_label(Path("shared/corpus")), corpus_label(Path("shared/corpus-pingtan"))
('', 'pingtan')
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
#: the shared corpora scored by default, in order
DEFAULT_CORPORA = (DEFAULT_CORPUS, ROOT.parent / "shared" / "corpus-pingtan")
FLOORS = HERE / "eval_floors.json"

#: Scorer modules of ``scripts/evaluation``, run in this order.
SCORERS = ["sections", "facts", "metrics", "documents"]
#: The producer matrix: every text report printed to PDF by each producer, held to its gold.
SCORERS += ["producers"]
#: Issuer identity (canonical name, level, GB/T 2260 region code) against the gold issuer.
SCORERS += ["issuers"]
#: Scanned copies of the corpus PDFs, read by OCR, held to the same gold.
SCORERS += ["scans"]

#: Scores may differ from their floor by float noise only.
TOLERANCE = 1e-9

Scorer = Callable[[Path], dict[str, float]]


def load_scorers(names: list[str]) -> dict[str, Scorer]:
    """The ``score`` function of every listed scorer module that exists."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    found: dict[str, Scorer] = {}
    for name in names:
        module_name = f"evaluation.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the scorer exists but one of its imports is missing
            print(f"[{name}] no scorer module yet, skipped")
            continue
        found[name] = module.score
    return found


def corpus_label(corpus: Path) -> str:
    """``""`` for the main corpus, ``name`` for ``corpus-name``."""
    return corpus.name.split("-", 1)[1] if corpus.name.startswith("corpus-") else ""


def run(corpus: Path, names: list[str]) -> dict[str, float]:
    """All scores, keyed ``<scorer>.<score>`` (``<scorer>.<label>.<score>`` for ``corpus-<label>``)."""
    scores: dict[str, float] = {}
    label = corpus_label(corpus)
    for name, score in load_scorers(names).items():
        print(f"\n== {name}" + (f" ({corpus.name})" if label else ""))
        for key, value in score(corpus).items():
            scores[f"{name}.{label}.{key}" if label else f"{name}.{key}"] = float(value)
    return scores


def _floor_label(key: str) -> str:
    """The corpus label of a floor key (``""`` for the main corpus)."""
    parts = key.split(".")
    return parts[1] if len(parts) == 3 else ""


def read_floors(path: Path = FLOORS) -> dict[str, float]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data.items()}


def below_floor(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per floor that is not met (or whose score is missing)."""
    problems = []
    for key, floor in sorted(floors.items()):
        if key not in scores:
            problems.append(f"{key}: no score (floor {floor:.3f}); was its scorer removed?")
        elif scores[key] < floor - TOLERANCE:
            problems.append(f"{key}: {scores[key]:.3f} < floor {floor:.3f}")
    return problems


def raised_floors(scores: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """Floors moved up to the current scores, never down."""
    out = dict(floors)
    for key, value in scores.items():
        # six decimals, rounded down: a floor rounded up would sit above its own score
        out[key] = max(out.get(key, 0.0), math.floor(value * 1e6) / 1e6)
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a corpus folder (repeatable; default: both shared corpora)",
    )
    parser.add_argument("--floors", type=Path, default=FLOORS, help="the floors file")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if a score is below its floor")
    mode.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    parser.add_argument("--only", action="append", metavar="SCORER", help="run only this scorer")
    args = parser.parse_args(argv)

    corpora = [c for c in (args.corpus or DEFAULT_CORPORA) if (c / "gold").is_dir()]
    if not corpora:
        print("no corpus with a gold folder: nothing to evaluate (pass --corpus DIR)", file=sys.stderr)
        return 2
    names = args.only or SCORERS
    scores: dict[str, float] = {}
    for corpus in corpora:
        scores.update(run(corpus, names))
    floors = read_floors(args.floors)
    if args.only:
        floors = {k: v for k, v in floors.items() if k.split(".", 1)[0] in names}
    labels = {corpus_label(c) for c in corpora}
    # a floor of a corpus that was not scored this run is not checked
    floors = {k: v for k, v in floors.items() if _floor_label(k) in labels}

    print("\n== scores")
    for key, value in sorted(scores.items()):
        floor = floors.get(key)
        pinned = f"  (floor {floor:.3f})" if floor is not None else ""
        print(f"{key:48} {value:.3f}{pinned}")

    if args.update:
        new = raised_floors(scores, read_floors(args.floors))
        args.floors.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfloors written to {args.floors}")
        return 0
    problems = below_floor(scores, floors)
    if problems:
        print("\nscores below their floor:", *problems, sep="\n  ")
        return 1 if args.check else 0
    if args.check:
        print("\nall scores at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
