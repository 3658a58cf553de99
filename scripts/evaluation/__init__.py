"""Scorers for ``scripts/evaluate.py``.

Each scorer module exposes ``score(corpus_dir: Path) -> dict[str, float]``,
prints a readable table of what it compared, and never raises for a document
that fails to parse (that document scores zero).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GoldDocument", "gold_documents"]

#: Where the source file of a gold document may lie, in order of preference.
_SOURCE_GLOBS = ("text/{name}.*", "pdf/{name}.pdf", "docx/{name}.docx", "html/{name}.htm*")


@dataclass(frozen=True)
class GoldDocument:
    """A hand-read gold file and the corpus document it describes."""

    name: str
    gold: dict[str, object]
    source: Path | None

    @property
    def kind(self) -> str:
        """The corpus folder of the source (``text``, ``pdf``...), or ``missing``."""
        return self.source.parent.name if self.source else "missing"


def gold_documents(corpus_dir: Path) -> Iterator[GoldDocument]:
    """Every ``gold/<name>.json`` of the corpus with its source document."""
    for gold_path in sorted((corpus_dir / "gold").glob("*.json")):
        name = gold_path.stem
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = None
        for pattern in _SOURCE_GLOBS:
            hits = sorted(corpus_dir.glob(pattern.format(name=name)))
            if hits:
                source = hits[0]
                break
        yield GoldDocument(name=name, gold=gold, source=source)
