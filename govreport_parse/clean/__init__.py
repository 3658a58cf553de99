"""Cleaning: named fixers in an ordered registry, each recorded with its source offsets.

A fixer is a pure function ``str -> list[Edit]`` (sorted, non-overlapping
edits on its input). :func:`clean` runs the loader's marks first, then every
fixer of :data:`FIXERS` in order, composing the :class:`OffsetMap` and
recording each change as an :class:`~govreport_parse.model.Artifact`.
Replaying the artifacts in order rebuilds the clean text (:func:`replay`).

>>> r = clean_text("制度[image: image1.png]%FEAE@H\\n 改革。")
>>> r.text
'制度改革。'
>>> [a.kind for a in r.artifacts]
['image_marker']
>>> replay("制度[image: image1.png]%FEAE@H\\n 改革。", r.artifacts) == r.text
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..config import CleanConfig
from ..model import Artifact, Mark
from .fixers import FIXERS
from .offsets import Edit, OffsetMap, apply_edits

__all__ = ["FIXERS", "CleanResult", "Edit", "OffsetMap", "clean_text", "replay"]

Fixer = Callable[[str], list[Edit]]


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanResult:
    """The clean text, its map back to the source, and every change made."""

    text: str
    offsets: OffsetMap
    artifacts: tuple[Artifact, ...]


def clean_text(
    source: str,
    marks: Sequence[Mark] = (),
    config: CleanConfig | None = None,
    fixers: Sequence[tuple[str, Fixer]] | None = None,
) -> CleanResult:
    """Clean ``source`` (the text as read); ``marks`` are loader-flagged spans to remove first.

    ``config.disabled`` names fixers to skip; ``fixers`` replaces the registry :data:`FIXERS`.

    >>> clean_text("政 府 信 息\\r\\n").text
    '政府信息\\n'
    >>> clean_text("政 府 信 息", config=CleanConfig(disabled=("cjk_space",))).text
    '政 府 信 息'
    >>> clean_text("x", config=CleanConfig(disabled=("line_warp",)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown fixer 'line_warp' in clean.disabled; known: blank_lines, cjk_space, ...
    """
    chosen = tuple(fixers) if fixers is not None else FIXERS
    disabled = set(config.disabled) if config else set()
    unknown = disabled - {name for name, _ in chosen} - {name for name, _ in FIXERS}
    if unknown:
        known = ", ".join(sorted({name for name, _ in chosen} | {name for name, _ in FIXERS}))
        raise ValueError(f"unknown fixer {sorted(unknown)[0]!r} in clean.disabled; known: {known}")
    text = source
    offsets = OffsetMap.identity(len(source))
    pending: list[tuple[int, Edit, int, int]] = []  # (step, edit, source_start, source_end)
    step = 0
    if marks:
        edits = _marks_to_edits(marks, len(source))
        if edits:
            pending.extend((step, e, e.start, e.end) for e in edits)
            text, offsets = offsets.apply(text, edits)
            step += 1
    for name, fixer in chosen:
        if name in disabled:
            continue
        edits = [e for e in fixer(text) if text[e.start : e.end] != e.replacement]
        if not edits:
            continue
        edits = [e if e.kind else _named(e, name) for e in edits]
        for e in edits:
            s, t = offsets.to_source(e.start, e.end)
            pending.append((step, e, s, t))
        text, offsets = offsets.apply(text, edits)
        step += 1
    artifacts = tuple(
        Artifact(
            kind=e.kind or "",
            original=source[s:t],
            source_start=s,
            source_end=t,
            replacement=e.replacement,
            at=offsets.to_clean(s if e.replacement else t),
            step=st,
            step_start=e.start,
            step_end=e.end,
        )
        for st, e, s, t in pending
    )
    return CleanResult(text=text, offsets=offsets, artifacts=artifacts)


def _named(e: Edit, kind: str) -> Edit:
    return Edit(start=e.start, end=e.end, replacement=e.replacement, kind=kind)


def _marks_to_edits(marks: Sequence[Mark], n: int) -> list[Edit]:
    """Sorted, non-overlapping edits from loader marks (overlaps merged into the first)."""
    edits: list[Edit] = []
    last_end = 0
    for m in sorted(marks, key=lambda m: (m.start, m.end)):
        start, end = max(m.start, last_end, 0), min(m.end, n)
        if end <= start and not m.replacement:
            continue
        edits.append(Edit(start=start, end=max(start, end), replacement=m.replacement, kind=m.kind))
        last_end = max(start, end)
    return edits


def replay(source: str, artifacts: Sequence[Artifact]) -> str:
    """Rebuild the clean text from the source and the recorded artifacts.

    >>> source = "一、概述\\r\\n    正文。"
    >>> replay(source, clean_text(source).artifacts)
    '一、概述\\n正文。'
    """
    text = source
    step = None
    batch: list[Edit] = []
    for a in artifacts:
        if a.step != step and batch:
            text = apply_edits(text, batch)
            batch = []
        step = a.step
        batch.append(Edit(start=a.step_start, end=a.step_end, replacement=a.replacement))
    if batch:
        text = apply_edits(text, batch)
    return text
