"""The panel: one row per issuer × year, the headline figures side by side.

Reports are keyed by ``(issuer_canonical, year)`` (docs/panel.md). When one key has more
than one report (a revised re-publication, one area's government and its management
committee both reporting, the same report under two names), one is **chosen** by a fixed
rule and the row says so (``n_reports``, ``duplicate``, ``other_sha256``):

1. the report with more of the panel's figures present;
2. then the longer clean text (a revised edition usually adds);
3. then the smaller ``sha256`` (deterministic, whatever the input order).

A report of unknown issuer or year keeps a row of its own (``issuer_canonical`` or ``year``
null), never merged with another.

>>> a = {"source": {"sha256": "a" * 64, "name": "a.txt", "format": "txt"}, "year": 2016,
...      "issuer_canonical": "福建省福州市平潭县", "region_code": "350128", "text": "长一些的正文",
...      "metrics": {"requests_received": {"value": 5}}}
>>> b = {**a, "source": {**a["source"], "sha256": "b" * 64}, "text": "短", "metrics": {}}
>>> rows = [dict(zip([c.name for c in PANEL], r)) for r in panel_rows([b, a])]
>>> len(rows), rows[0]["sha256"][:3], rows[0]["n_reports"], rows[0]["other_sha256"][:3]
(1, 'aaa', 2, 'bbb')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .tables import PANEL, PANEL_FIGURES

__all__ = ["PanelBuilder", "panel_rows"]


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the panel keeps of one record (not the text: only its length)."""

    sha256: str
    fields: dict[str, Any]
    present: int
    text_chars: int


def _entry(record: Mapping[str, Any]) -> _Entry:
    source = record.get("source") or {}
    metrics = record.get("metrics") or {}
    fields: dict[str, Any] = {
        "sha256": source.get("sha256"),
        "source_name": source.get("name"),
        "issuer_canonical": record.get("issuer_canonical"),
        "year": record.get("year"),
        "issuer_level": record.get("issuer_level"),
        "region_code": record.get("region_code"),
        "issuer": record.get("issuer"),
        "title": record.get("title"),
        "layout": record.get("layout"),
        "source_format": source.get("format"),
    }
    present = 0
    for column, names in PANEL_FIGURES.items():
        value = None
        for name in names:
            metric = metrics.get(name)
            if isinstance(metric, Mapping) and isinstance(metric.get("value"), int | float):
                value = float(metric["value"])
                break
        fields[column] = value
        present += value is not None
    return _Entry(str(source.get("sha256") or ""), fields, present, len(record.get("text") or ""))


class PanelBuilder:
    """Collect records one by one (keeping only their panel fields), then :meth:`rows`."""

    def __init__(self) -> None:
        self._groups: dict[tuple[Any, ...], list[_Entry]] = {}

    def add(self, record: Mapping[str, Any]) -> None:
        """Take one record into the panel."""
        e = _entry(record)
        canonical, year = e.fields["issuer_canonical"], e.fields["year"]
        key: tuple[Any, ...] = (canonical, year) if canonical and year else ("", e.sha256, len(self._groups))
        self._groups.setdefault(key, []).append(e)

    def rows(self) -> list[tuple[Any, ...]]:
        """The rows (tuples in :data:`~govreport_parse.export.tables.PANEL` order), by issuer and year."""
        rows = []
        for entries in self._groups.values():
            ordered = sorted(entries, key=lambda e: (-e.present, -e.text_chars, e.sha256))
            chosen = ordered[0]
            others = " ".join(e.sha256 for e in ordered[1:])
            fields = {**chosen.fields, "n_reports": len(entries), "duplicate": len(entries) > 1,
                      "other_sha256": others or None}
            rows.append(tuple(fields.get(c.name) for c in PANEL))
        names = [c.name for c in PANEL]
        at_issuer, at_year, at_sha = (names.index(n) for n in ("issuer_canonical", "year", "sha256"))
        rows.sort(key=lambda r: (r[at_issuer] is None, r[at_issuer] or "", r[at_year] or 0, r[at_sha] or ""))
        return rows


def panel_rows(records: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The panel's rows over ``records``, sorted by issuer and year (records are read once)."""
    builder = PanelBuilder()
    for record in records:
        builder.add(record)
    return builder.rows()
