"""What changed between two reports (usually one issuer's consecutive years).

:func:`compare` gives a :class:`Comparison`: the metric deltas with the place each figure
was read on both sides, the sections added and removed (by title, numbering and years left
out), and the text reuse: the share of B's sentences found verbatim or near-verbatim in A,
with the passages. Deterministic, no model.

Near-verbatim: after folding spaces, punctuation and every digit run (a year, a count) to
one mark, a B sentence is reused when A holds the same sentence, or one whose character
4-grams overlap it by :data:`NEAR` (Jaccard) or more. The share counts characters of B's
sentences that hold text (at least :data:`MIN_HAN` ideographs, fewer than three figures
read as metrics and under 30 % digits: a flattened statistics table is template labels and
figures, not text).

>>> import govreport_parse as gp
>>> a = gp.parse_text("某区人民政府2017年政府信息公开工作年度报告\\n一、概述\\n"
...                   "2017年，我区认真贯彻落实政府信息公开条例，不断完善工作机制。\\n主动公开信息120条。")
>>> b = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n"
...                   "2018年，我区认真贯彻落实政府信息公开条例，不断完善工作机制。\\n"
...                   "二、存在问题\\n队伍建设有待加强。")
>>> c = compare(a, b)
>>> c.sections_added, round(c.reuse_share, 2) > 0
(('存在问题',), True)
>>> compare(b, b).reuse_share
1.0
"""

from __future__ import annotations

import bisect
import html
import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .lexicon import CN_NUMERAL_CHARS, NUMBERING
from .model import Metric, Report, Section, _Record

__all__ = [
    "MIN_HAN",
    "NEAR",
    "Comparison",
    "MetricDelta",
    "Passage",
    "compare",
    "comparison_html",
    "folded_sentences",
]

#: The Jaccard overlap of character 4-grams at which a sentence counts as near-verbatim.
NEAR = 0.8
#: A sentence needs this many ideographs to count as text (not a table row of digits).
MIN_HAN = 6
_GRAM = 4

_SENTENCE = regex.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_FOLD_DIGITS = regex.compile(rf"[0-9０-９{CN_NUMERAL_CHARS}.．%％]+")
_DROP = regex.compile(r"[\s\p{P}\p{S}]+")
_HAN = regex.compile(r"\p{Han}")
_NUMBERING = regex.compile(rf"^\s*(?:{NUMBERING})\s*")


@dataclass(frozen=True, slots=True, kw_only=True)
class MetricDelta(_Record):
    """One metric on both sides; ``delta`` is ``b - a`` when both are numbers.

    ``a_raw``/``b_raw`` and ``a_label``/``b_label`` say where each figure was read;
    ``a_start``/``b_start`` index each report's clean text (``None`` when not placed).
    """

    name: str
    a: float | None
    b: float | None
    delta: float | None
    a_raw: str | None = None
    b_raw: str | None = None
    a_label: str | None = None
    b_label: str | None = None
    a_start: int | None = None
    b_start: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage(_Record):
    """A run of B's reused sentences and where its first sentence stands in A.

    ``b_start``/``b_end`` index B's clean text, ``a_start``/``a_end`` A's; ``similarity``
    is the lowest sentence similarity in the run (1.0: verbatim after folding).
    """

    b_start: int
    b_end: int
    a_start: int
    a_end: int
    text: str
    similarity: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison(_Record):
    """What changed from report A to report B (``to_dict`` is the ``--json`` output)."""

    a_name: str
    b_name: str
    a_sha256: str
    b_sha256: str
    a_year: int | None
    b_year: int | None
    a_issuer: str | None
    b_issuer: str | None
    metrics: tuple[MetricDelta, ...] = ()
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    reuse_share: float = 0.0
    b_text_chars: int = 0
    reused_chars: int = 0
    passages: tuple[Passage, ...] = field(default=())

    def changed(self) -> tuple[MetricDelta, ...]:
        """The metrics whose value differs (or is on one side only)."""
        return tuple(m for m in self.metrics if m.a != m.b)

    def format(self, *, limit: int = 20) -> str:
        """A readable summary: figures that changed, sections, reuse and the longest passages."""
        lines = [
            f"A: {self.a_name} ({self.a_issuer or '?'} {self.a_year or '?'})",
            f"B: {self.b_name} ({self.b_issuer or '?'} {self.b_year or '?'})",
            f"reuse: {self.reuse_share:.1%} of B's text ({self.reused_chars} of {self.b_text_chars}"
            f" characters) found (near-)verbatim in A, in {len(self.passages)} passages",
        ]
        changed = self.changed()
        lines.append(f"metrics: {len(self.metrics)} on either side, {len(changed)} changed")
        for m in changed[:limit]:
            delta = f"{m.delta:+g}" if m.delta is not None else "n/a"
            lines.append(f"  {m.name}: {_num(m.a)} -> {_num(m.b)} ({delta})")
        if len(changed) > limit:
            lines.append(f"  … and {len(changed) - limit} more (--json for all)")
        lines.append(f"sections added: {', '.join(self.sections_added) or '-'}")
        lines.append(f"sections removed: {', '.join(self.sections_removed) or '-'}")
        for p in sorted(self.passages, key=lambda p: p.b_start - p.b_end)[:3]:
            lines.append(f"  reused: {p.text[:60]}{'…' if len(p.text) > 60 else ''}")
        return "\n".join(lines)

    def to_json(self, *, indent: int | None = 1) -> str:
        """The comparison as JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _fold(sentence: str) -> str:
    s = unicodedata.normalize("NFKC", sentence)
    s = _FOLD_DIGITS.sub("0", s)
    return str(_DROP.sub("", s))


def _grams(folded: str) -> frozenset[str]:
    if len(folded) <= _GRAM:
        return frozenset((folded,))
    return frozenset(folded[i : i + _GRAM] for i in range(len(folded) - _GRAM + 1))


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    folded: str
    grams: frozenset[str]


#: A sentence with this share of digits or more is a (flattened) table row, not text.
_TABLE_DIGITS = 0.3


#: A sentence holding this many figures read as table metrics is a (flattened) table.
_TABLE_FIGURES = 3


def _sentences(text: str, figures: Sequence[int] = ()) -> list[_Sentence]:
    """B's or A's text sentences; ``figures`` are the offsets of metrics read from tables."""
    out = []
    marks = sorted(figures)
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        if len(_HAN.findall(raw)) < MIN_HAN:
            continue
        held = bisect.bisect_left(marks, m.end()) - bisect.bisect_left(marks, m.start())
        if held >= _TABLE_FIGURES or sum(ch.isdigit() for ch in raw) >= _TABLE_DIGITS * len(raw.strip()):
            continue
        folded = _fold(raw)
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.end() - (len(raw) - len(raw.rstrip()))
        out.append(_Sentence(start, end, folded, _grams(folded)))
    return out


def folded_sentences(text: str, figures: Sequence[int] = ()) -> list[tuple[str, int]]:
    """The text sentences of ``text`` (as :func:`compare` counts them), each folded, with its
    length in characters; ``figures`` are offsets of table metrics (their sentences are left out).

    >>> folded_sentences("2018年，我区认真贯彻落实条例，不断完善机制。表1")
    [('0年我区认真贯彻落实条例不断完善机制', 24)]
    """
    return [(s.folded, s.end - s.start) for s in _sentences(text, figures)]


def _figures(report: Report) -> list[int]:
    return [m.start for m in report.metrics if m.start is not None and not m.derived]


def _reuse(a: Report, b: Report) -> tuple[int, int, tuple[Passage, ...]]:
    """(reused characters, text characters of B, passages)."""
    a_sents = _sentences(a.text, _figures(a))
    exact = {s.folded: s for s in reversed(a_sents)}
    index: dict[str, list[int]] = {}
    for i, s in enumerate(a_sents):
        for g in s.grams:
            index.setdefault(g, []).append(i)
    matches: list[tuple[_Sentence, _Sentence | None, float]] = []
    for s in _sentences(b.text, _figures(b)):
        hit = exact.get(s.folded)
        if hit is not None:
            matches.append((s, hit, 1.0))
            continue
        shared: Counter[int] = Counter()
        for g in s.grams:
            for i in index.get(g, ()):
                shared[i] += 1
        best, score = None, 0.0
        for i, n in shared.most_common(5):
            other = a_sents[i]
            jac = n / (len(s.grams) + len(other.grams) - n)
            if jac > score:
                best, score = other, jac
        matches.append((s, best, score) if score >= NEAR else (s, None, score))
    total = sum(s.end - s.start for s, _, _ in matches)
    reused = sum(s.end - s.start for s, hit, _ in matches if hit is not None)
    passages: list[Passage] = []
    run: list[tuple[_Sentence, _Sentence, float]] = []

    def close() -> None:
        if run:
            first, last = run[0], run[-1]
            passages.append(Passage(
                b_start=first[0].start, b_end=last[0].end, a_start=first[1].start, a_end=last[1].end,
                text=b.text[first[0].start : last[0].end], similarity=round(min(r[2] for r in run), 3),
            ))
            run.clear()

    for s, hit, score in matches:
        if hit is None:
            close()
        else:
            run.append((s, hit, score))
    close()
    return reused, total, tuple(passages)


def _title_key(section: Section) -> str:
    title = _NUMBERING.sub("", section.title)
    return _fold(title)


def _headings(report: Report) -> dict[str, str]:
    """Top two levels of headings: folded title -> title as printed (first one wins)."""
    out: dict[str, str] = {}
    for s in report.all_sections():
        if s.kind == "heading" and s.level <= 2 and s.title.strip():
            out.setdefault(_title_key(s), s.title.strip())
    return out


#: Folded titles share at least this many leading characters when one has the body glued on.
_TITLE_PREFIX = 4


def _unmatched(mine: dict[str, str], other: dict[str, str]) -> tuple[str, ...]:
    """Titles of ``mine`` that no title of ``other`` matches: equal once folded, or one the
    start of the other (a heading glued to its first sentence: ``主动公开方面平潭…``)."""
    out = []
    for key, title in mine.items():
        if key in other:
            continue
        if any(
            min(len(key), len(k)) >= _TITLE_PREFIX and (key.startswith(k) or k.startswith(key))
            for k in other
        ):
            continue
        out.append(title)
    return tuple(out)


def _delta(name: str, ma: Metric | None, mb: Metric | None) -> MetricDelta:
    a = float(ma.value) if ma is not None and ma.value is not None else None
    b = float(mb.value) if mb is not None and mb.value is not None else None
    return MetricDelta(
        name=name, a=a, b=b, delta=(b - a) if a is not None and b is not None else None,
        a_raw=ma.raw if ma else None, b_raw=mb.raw if mb else None,
        a_label=ma.label if ma else None, b_label=mb.label if mb else None,
        a_start=ma.start if ma else None, b_start=mb.start if mb else None,
    )


def compare(a: Report, b: Report) -> Comparison:
    """What changed from ``a`` to ``b``: metric deltas, sections, text reuse (module doc)."""
    from .standard.template import HEADLINE_NAMES

    ma = {m.name: m for m in a.metrics}
    mb = {m.name: m for m in b.metrics}
    names = [n for n in HEADLINE_NAMES if n in ma or n in mb]
    names += sorted((set(ma) | set(mb)) - set(names))
    ha, hb = _headings(a), _headings(b)
    reused, total, passages = _reuse(a, b)
    return Comparison(
        a_name=a.source.name, b_name=b.source.name, a_sha256=a.source.sha256, b_sha256=b.source.sha256,
        a_year=a.year, b_year=b.year,
        a_issuer=a.issuer_canonical or a.issuer, b_issuer=b.issuer_canonical or b.issuer,
        metrics=tuple(_delta(n, ma.get(n), mb.get(n)) for n in names),
        sections_added=_unmatched(hb, ha),
        sections_removed=_unmatched(ha, hb),
        reuse_share=round(reused / total, 4) if total else 0.0,
        b_text_chars=total, reused_chars=reused, passages=passages,
    )


def comparison_html(c: Comparison, b_text: str) -> str:
    """A self-contained HTML page: the figures side by side and B's text with the reused
    passages marked."""
    esc = html.escape
    rows = "".join(
        f"<tr class='{'chg' if m.a != m.b else ''}'><td>{esc(m.name)}</td><td>{_num(m.a)}</td>"
        f"<td>{_num(m.b)}</td><td>{'' if m.delta is None else f'{m.delta:+g}'}</td>"
        f"<td>{esc(m.a_raw or '')}</td><td>{esc(m.b_raw or '')}</td></tr>"
        for m in c.metrics
    )
    parts, pos = [], 0
    for p in c.passages:
        parts.append(esc(b_text[pos : p.b_start]))
        parts.append(f"<mark title='A {p.a_start}-{p.a_end}, similarity {p.similarity}'>"
                     f"{esc(b_text[p.b_start : p.b_end])}</mark>")
        pos = p.b_end
    parts.append(esc(b_text[pos:]))
    added = "".join(f"<li>{esc(t)}</li>" for t in c.sections_added)
    removed = "".join(f"<li>{esc(t)}</li>" for t in c.sections_removed)
    return (
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
        f"<title>{esc(c.a_name)} → {esc(c.b_name)}</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:auto}td{padding:0 .5em}"
        "tr.chg{background:#fff3c4}mark{background:#d7ebff}pre{white-space:pre-wrap}</style></head><body>"
        f"<h1>{esc(c.a_issuer or '?')} {c.a_year or '?'} → {esc(c.b_issuer or '?')} {c.b_year or '?'}</h1>"
        f"<p>Reuse: <strong>{c.reuse_share:.1%}</strong> of B's text found (near-)verbatim in A "
        f"({len(c.passages)} passages, marked below).</p>"
        f"<h2>Sections added</h2><ul>{added or '<li>-</li>'}</ul>"
        f"<h2>Sections removed</h2><ul>{removed or '<li>-</li>'}</ul>"
        "<h2>Metrics</h2><table><tr><th>metric</th><th>A</th><th>B</th><th>Δ</th><th>A read</th>"
        f"<th>B read</th></tr>{rows}</table>"
        f"<h2>B's text</h2><pre>{''.join(parts)}</pre></body></html>"
    )
