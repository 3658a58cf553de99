"""Every compiled pattern of the library runs in linear time on adversarial input.

The patterns are collected by walking the ``govreport_parse`` modules for ``re.Pattern``,
``regex.Pattern`` and ``LazyPattern`` values (module constants, class attributes, and
lists/tuples/dicts of them). Each pattern is fed strings built from its own alphabet (its
literal characters cycled, each literal run repeated whole and cut short, digit runs, nested
brackets, alternating characters, blank runs) at sizes n and 8n: ``t(8n) / t(n)`` must stay
well under quadratic (64), and no pattern may take more than a few seconds on 100 KB.

The ``regex`` module's ``timeout=`` guard is used inside the extractors (see
``govreport_parse.extract.patterns.timeout_for``); here every ``regex`` pattern also runs
with a timeout, so a catastrophic one fails the test instead of hanging it.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import regex

import govreport_parse
from govreport_parse.extract.patterns import LazyPattern

N = 1_000  # base size in characters
GROWTH = 8
MAX_RATIO = 24.0  # linear is 8, quadratic 64
FLOOR = 0.05  # seconds: below this at 8n, timing noise dominates and the case passes
BIG = 100_000
BIG_SECONDS = 3.0
TIMEOUT = 20.0  # seconds, regex patterns only: a hang becomes a failure

_KINDS = (re.Pattern, regex.Pattern, LazyPattern)


def _walk(value: Any, where: str, found: dict[int, tuple[str, Any]], depth: int = 0) -> None:
    if isinstance(value, _KINDS):
        found.setdefault(id(value), (where, value))
        return
    if depth >= 3 or isinstance(value, (str, bytes)):
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            _walk(item, f"{where}[{i}]", found, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{where}[{key!r}]", found, depth + 1)


def collect_patterns() -> dict[str, Any]:
    """Every compiled pattern reachable from a ``govreport_parse`` module, by dotted name."""
    found: dict[int, tuple[str, Any]] = {}
    for info in pkgutil.walk_packages(govreport_parse.__path__, "govreport_parse."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            if isinstance(value, type):
                if value.__module__ == info.name:
                    for attr, item in vars(value).items():
                        _walk(item, f"{info.name}.{key}.{attr}", found)
                continue
            _walk(value, f"{info.name}.{key}", found)
    return {where: pattern for where, pattern in found.values()}


PATTERNS = collect_patterns()


def source_of(pattern: Any) -> str:
    raw = pattern._pattern if isinstance(pattern, LazyPattern) else pattern.pattern
    return raw if isinstance(raw, str) else raw.decode("latin-1")


_ESCAPES = {
    "d": "1",
    "s": " ",
    "w": "a",
    "D": "x",
    "S": "x",
    "W": "。",
    "n": "\n",
    "t": "\t",
    "b": "",
    "B": "",
}
_META = set("()[]{}?*+|^$.\\")


def alphabet(source: str) -> list[str]:
    """The characters a pattern can match, in order of first appearance (escapes resolved)."""
    out: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if nxt == "p" and source[i + 2 : i + 3] == "{":
                out.append("政")
                i = source.find("}", i) + 1 or len(source)
                continue
            if nxt == "u" and i + 6 <= len(source):
                try:
                    out.append(chr(int(source[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                except ValueError:
                    pass
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if ch not in _META:
            out.append(ch)
        i += 1
    seen: dict[str, None] = {}
    for ch in out:
        if ch and (ch.isprintable() or ch in "\n\t "):
            seen.setdefault(ch, None)
    chars = list(seen) or ["a"]
    return chars[:60]


def literal_runs(source: str) -> list[str]:
    """Runs of two or more literal (non-meta, non-ASCII-letter-escape) characters."""
    bare = regex.sub(r"\(\?(?:P<\w+>|P=\w+\)|<[!=]|[:=!>]|[aiLmsux-]+[:)])", "(", source)
    bare = regex.sub(r"\\[pP]\{[^}]*\}|\{\d*,?\d*\}", ".", bare)
    runs = regex.findall(r"(?:[^\\()\[\]{}?*+|^$.]|\\[^\w]){2,}", bare)
    cleaned = [regex.sub(r"\\(.)", r"\1", r) for r in runs]
    unique = sorted({r for r in cleaned if r.strip() and not r.startswith("?")}, key=lambda r: (-len(r), r))
    return unique[:8]


def families(source: str) -> Iterator[tuple[str, Any]]:
    """Named makers ``size -> str`` of adversarial strings for one pattern."""
    chars = alphabet(source)

    def cycle(unit: str) -> Any:
        return lambda size: (unit * (size // max(len(unit), 1) + 1))[:size]

    yield "cycle", cycle("".join(chars))
    yield "digits", cycle("1234567890")
    yield "digit-dot", cycle("1.")
    yield "digit-comma", cycle("1,")
    yield "digit-space", cycle("1 ")
    yield "han", cycle("政府")
    yield "blanks", cycle(" \u3000\t")
    yield "lines", cycle("1\n")
    yield "brackets", lambda size: "（〔《([【" * (size // 12) + "】])》〕）" * (size // 12)
    for ch in chars[:8]:
        yield f"repeat {ch!r}", cycle(ch)
    for a, b in itertools.pairwise(chars[:7]):
        yield f"alternate {a!r}{b!r}", cycle(a + b)
    for run in literal_runs(source):
        yield f"run {run!r}", cycle(run)
        yield f"near-miss {run!r}", cycle(run[:-1] + " ")
        yield f"run+digits {run!r}", cycle(run + "12345")


#: Patterns the library only runs anchored at one position (``match``/``fullmatch`` at a
#: given offset, once per candidate), never as a scan: they are timed that way. Each
#: entry says where.
ANCHORED = {
    "govreport_parse.segment.patterns.ISSUER_LINE": "segment/meta.py: fullmatch of one line",
    "govreport_parse.segment.patterns.TABLE_ROW_TAIL": "segment/candidates.py: match after a title",
    "govreport_parse.segment.patterns.TITLE_REJECT": "segment/candidates.py: match at a title start",
    "govreport_parse.standard.checks._SHARE_GAP": "standard/checks.py: fullmatch of a short gap",
    "govreport_parse.standard.textforms._SEPARATOR": "standard/textforms.py: match of one line",
    "govreport_parse.standard.textforms._TOKEN": "standard/textforms.py: match at a cell start",
}

#: Patterns the library only searches inside a window of bounded length: timed at that length.
WINDOWED = {
    "govreport_parse.segment.patterns.TITLE": 400,  # segment/meta.py: the first 400 chars of a line
    "govreport_parse.segment.patterns.TOC_LEADER": 120,  # segment/candidates.py: lines of <= 120 chars
    "govreport_parse.segment.patterns.TITLE_NUMBER_RUN": 41,  # segment/candidates.py: TITLE_MAX + 1
}
WINDOW_SECONDS = 0.05


def consume(pattern: Any, text: str, anchored: bool = False) -> None:
    subject: Any = text
    raw = pattern._pattern if isinstance(pattern, LazyPattern) else pattern.pattern
    if isinstance(raw, bytes):
        subject = text.encode("utf-8")
    kwargs = {} if isinstance(pattern, re.Pattern) else {"timeout": TIMEOUT}
    if anchored:
        pattern.match(subject, **kwargs)
        pattern.fullmatch(subject, **kwargs)
        return
    for _ in pattern.finditer(subject, **kwargs):
        pass


def timed(pattern: Any, text: str, runs: int = 3, anchored: bool = False) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        consume(pattern, text, anchored)
        best = min(best, time.perf_counter() - t0)
    return best


def test_patterns_are_found() -> None:
    """The walk finds the patterns of every stage, lazily compiled ones included."""
    assert len(PATTERNS) >= 80
    for package in ("clean", "extract", "segment", "load", "standard"):
        assert any(name.startswith(f"govreport_parse.{package}.") for name in PATTERNS), package
    assert any(isinstance(p, LazyPattern) for p in PATTERNS.values())
    assert "govreport_parse.standard.checks._SHARE_GAP" in PATTERNS


def test_alphabet_resolves_escapes() -> None:
    assert alphabet(r"\d+\s*[%％]") == ["1", " ", "%", "％"]
    assert alphabet(r"\p{Han}{2}发") == ["政", "2", "发"]
    assert "〔" in alphabet(r"\u3014") and literal_runs(r"(?:政办发|国发)〔") == ["政办发", "国发"]


def test_usage_tables_name_real_patterns() -> None:
    assert set(ANCHORED) <= set(PATTERNS)
    assert set(WINDOWED) <= set(PATTERNS)


@pytest.mark.parametrize("name", sorted(set(PATTERNS) - set(WINDOWED)))
def test_pattern_is_linear(name: str) -> None:
    pattern = PATTERNS[name]
    source = source_of(pattern)
    anchored = name in ANCHORED
    worst: tuple[float, str, Any] = (0.0, "", None)
    for family, make in families(source):
        small = timed(pattern, make(N), anchored=anchored)
        large = timed(pattern, make(N * GROWTH), anchored=anchored)
        if large > FLOOR and large / max(small, 1e-6) >= MAX_RATIO:
            # a busy machine can stall one run: measure again, longer, before calling it
            small = timed(pattern, make(N), runs=7, anchored=anchored)
            large = timed(pattern, make(N * GROWTH), runs=5, anchored=anchored)
        if large > FLOOR:
            ratio = large / max(small, 1e-6)
            assert ratio < MAX_RATIO, (
                f"{name} grows superlinearly on {family}: {small * 1e3:.2f} ms at {N} chars, "
                f"{large * 1e3:.2f} ms at {N * GROWTH} chars (x{ratio:.1f})"
            )
        if large >= worst[0]:
            worst = (large, family, make)
    _, family, make = worst
    t0 = time.perf_counter()
    consume(pattern, make(BIG), anchored)
    took = time.perf_counter() - t0
    assert took < BIG_SECONDS, f"{name} took {took:.2f} s on {BIG:,} chars of {family}"


@pytest.mark.parametrize("name", sorted(WINDOWED))
def test_windowed_pattern_is_fast_on_its_window(name: str) -> None:
    pattern = PATTERNS[name]
    size = WINDOWED[name]
    for family, make in families(source_of(pattern)):
        took = timed(pattern, make(size))
        assert took < WINDOW_SECONDS, f"{name} took {took * 1e3:.1f} ms on {size} chars of {family}"


# --- regressions found by the tests above and by the catalogue ------------------------------


def test_regression_prose_checks_percent_search_quadratic_on_digit_run() -> None:
    """``standard.checks`` looked for a percentage in every sentence with a pattern that
    started at every digit of a run: half a million digits took minutes."""
    from govreport_parse.standard.checks import prose_checks

    text = "建议12件，转办1件。" + "1234567890" * 20_000
    t0 = time.perf_counter()
    prose_checks(text)
    assert time.perf_counter() - t0 < 2.0


def test_regression_pipe_table_separator_quadratic_on_a_blank_line() -> None:
    """The Markdown separator-row pattern of ``standard.textforms`` had two blank runs side
    by side (``^\\s*\\|?(?:\\s*...``), so matching a long line of blanks was quadratic."""
    from govreport_parse.standard.textforms import _SEPARATOR

    t0 = time.perf_counter()
    assert _SEPARATOR.match(" " * 50_000 + "x") is None
    assert time.perf_counter() - t0 < 1.0
    for row in ("|---|---|", "| :--- | ---: |", "---|---", " | --- | --- | ", "|---|---|---"):
        assert _SEPARATOR.match(row), row
    for row in ("| a | b |", "|--|", "---", "| 1 | 2 |"):
        assert not _SEPARATOR.match(row), row
