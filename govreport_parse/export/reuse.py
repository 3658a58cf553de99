"""The ``reuse`` table: for each report, its closest earlier report of the same issuer and of
any issuer, with the share of its text found in it.

A report's text is its set of folded sentences (:func:`govreport_parse.compare.folded_sentences`:
spaces, punctuation and figures folded, statistics tables left out). The shared share of B in
A is the characters of B's sentences whose folded form A also has, over all of B's.

- **Same issuer**: every earlier report (smaller year) of the same ``issuer_canonical`` is
  measured; the one with the highest share wins (ties: the later year, then the smaller sha256).
- **Any issuer**: candidates come from MinHash LSH over the sentence sets (``datasketch``;
  64 permutations, Jaccard threshold :data:`LSH_THRESHOLD`), the :data:`MAX_CANDIDATES` with
  the highest estimated Jaccard are measured exactly, and the same issuer's best is one of
  them. Each report is hashed once, queried once and inserted once, so the table grows
  near-linearly with the number of reports (``make bench``).

Reports are taken in year order; one of unknown year gets no earlier report. ``datasketch`` is
the optional extra ``govreport-parse[reuse]``: without it the batch writes no reuse table.

>>> def rec(sha, year, issuer, text):
...     return {"source": {"sha256": sha, "name": sha}, "year": year, "issuer_canonical": issuer,
...             "text": text, "metrics": {}}
>>> same = "我区认真贯彻落实政府信息公开条例，不断完善工作机制。"
>>> rows = reuse_rows([rec("a", 2017, "X", same), rec("b", 2018, "X", same + "今年新增了许多举措和做法。")])
>>> row = dict(zip([c.name for c in REUSE], rows[1]))
>>> row["same_issuer_sha256"], row["same_issuer_year"], round(row["same_issuer_share"], 2)
('a', 2017, 0.67)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..compare import folded_sentences
from .tables import REUSE  # noqa: F401  (the columns the rows follow)

__all__ = ["LSH_THRESHOLD", "MAX_CANDIDATES", "NUM_PERM", "ReuseBuilder", "reuse_available", "reuse_rows"]

#: MinHash permutations per report.
NUM_PERM = 64
#: The LSH's Jaccard threshold over sentence sets (a lower bound of what is found across issuers).
LSH_THRESHOLD = 0.2
#: Candidates of another issuer measured exactly per report, by estimated Jaccard.
MAX_CANDIDATES = 20


def reuse_available() -> bool:
    """Whether the optional ``datasketch`` package is installed."""
    import importlib.util

    return importlib.util.find_spec("datasketch") is not None


@dataclass(slots=True)
class _Doc:
    key: str
    sha256: str
    name: str | None
    year: int | None
    issuer: str | None
    weights: dict[int, int]  # folded sentence hash -> its characters
    total: int
    minhash: Any


def _hash(folded: str) -> int:
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "little")


def _share(b: _Doc, a: _Doc) -> float:
    if not b.total:
        return 0.0
    return sum(n for h, n in b.weights.items() if h in a.weights) / b.total


class ReuseBuilder:
    """Collect records one by one (keeping their sentence hashes only), then :meth:`rows`."""

    def __init__(self) -> None:
        self._docs: list[_Doc] = []

    def add(self, record: Mapping[str, Any]) -> None:
        """Take one record."""
        from datasketch import MinHash

        source = record.get("source") or {}
        metrics = record.get("metrics") or {}
        figures = [m["start"] for m in metrics.values()
                   if isinstance(m, Mapping) and isinstance(m.get("start"), int) and not m.get("derived")]
        weights: dict[int, int] = {}
        for folded, size in folded_sentences(str(record.get("text") or ""), figures):
            h = _hash(folded)
            weights[h] = weights.get(h, 0) + size
        mh = MinHash(num_perm=NUM_PERM)
        if weights:
            mh.update_batch([h.to_bytes(8, "little") for h in weights])
        sha = str(source.get("sha256") or "")
        year = record.get("year")
        self._docs.append(_Doc(
            key=f"{len(self._docs)}:{sha}", sha256=sha, name=source.get("name"),
            year=year if isinstance(year, int) else None, issuer=record.get("issuer_canonical"),
            weights=weights, total=sum(weights.values()), minhash=mh,
        ))

    def rows(self) -> list[tuple[Any, ...]]:
        """The rows in :data:`~govreport_parse.export.tables.REUSE` order, by year then sha256."""
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        by_key = {d.key: d for d in self._docs}
        by_issuer: dict[str, list[_Doc]] = {}
        ordered = sorted(self._docs, key=lambda d: (d.year is None, d.year or 0, d.sha256))
        out = []
        pending: list[_Doc] = []  # the current year's reports, inserted once the year is done
        current: int | None = None
        for doc in ordered:
            if doc.year != current:
                for p in pending:
                    if p.weights:
                        lsh.insert(p.key, p.minhash)
                    if p.issuer:
                        by_issuer.setdefault(p.issuer, []).append(p)
                pending, current = [], doc.year
            same: tuple[_Doc, float] | None = None
            other: tuple[_Doc, float] | None = None
            if doc.year is not None and doc.weights:
                scored = [(e, _share(doc, e)) for e in by_issuer.get(doc.issuer, ())] if doc.issuer else []
                if scored:
                    same = min(scored, key=lambda es: (-es[1], -(es[0].year or 0), es[0].sha256))
                found = [by_key[k] for k in lsh.query(doc.minhash)]
                found.sort(key=lambda d: (-doc.minhash.jaccard(d.minhash), d.sha256))
                for cand in found[:MAX_CANDIDATES]:
                    score = _share(doc, cand)
                    if score > 0 and (other is None or score > other[1]):
                        other = (cand, score)
                if same is not None and same[1] > 0 and (other is None or same[1] >= other[1]):
                    other = same  # the same issuer's report is a report of any issuer too
            out.append((  # in the order of REUSE's columns
                doc.sha256, doc.name, doc.year, doc.issuer, len(doc.weights),
                same[0].sha256 if same else None, same[0].year if same else None,
                round(same[1], 4) if same else None,
                other[0].sha256 if other else None, other[0].year if other else None,
                other[0].issuer if other else None, round(other[1], 4) if other else None,
            ))
            pending.append(doc)
        return out


def reuse_rows(records: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The reuse table over ``records`` (needs ``datasketch``)."""
    builder = ReuseBuilder()
    for record in records:
        builder.add(record)
    return builder.rows()

