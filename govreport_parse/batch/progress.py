"""Progress on stderr: a one-line bar with rate and ETA on a terminal, log lines elsewhere.

>>> p = Progress(total=10, stream=None)
>>> p.update(ok=True); p.update(ok=False)
>>> p.line()
'2/10 (1 failed)'
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress", "format_duration"]

BAR_WIDTH = 24
LOG_EVERY_SECONDS = 10.0


def format_duration(seconds: float) -> str:
    """``75`` -> ``'1:15'``; ``3725`` -> ``'1:02:05'``."""
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts finished documents and shows them; ``stream=None`` shows nothing."""

    def __init__(
        self,
        total: int,
        stream: TextIO | None = sys.stderr,
        *,
        tty: bool | None = None,
        verbose: bool = False,
    ) -> None:
        self.total = total
        self.verbose = verbose
        self.done = 0
        self.failed = 0
        self.stream = stream
        self.tty = bool(stream is not None and (stream.isatty() if tty is None else tty))
        self.started = time.monotonic()
        self._last_draw = 0.0 if self.tty else self.started  # log lines: the first after 10 s

    def line(self) -> str:
        """The counts as text (no rate)."""
        failed = f" ({self.failed} failed)" if self.failed else ""
        return f"{self.done}/{self.total}{failed}"

    def update(self, *, ok: bool, name: str = "", message: str = "") -> None:
        """One more document finished."""
        self.done += 1
        if not ok:
            self.failed += 1
        if self.stream is None:
            return
        now = time.monotonic()
        if not ok or self.verbose:
            # on a terminal the line goes above the bar (the bar is drawn again below it)
            clear = "\r\x1b[K" if self.tty else ""
            line = f"failed: {name}: {message}" if not ok else f"{'rejected' if message else 'ok'}: {name}"
            self.stream.write(f"{clear}{line}\n")
            if self.tty:
                self._draw(now)
        if self.tty:
            if now - self._last_draw >= 0.1 or self.done == self.total:
                self._draw(now)
        elif now - self._last_draw >= LOG_EVERY_SECONDS or self.done == self.total:
            self._last_draw = now
            self.stream.write(f"parsed {self.line()}, {self._rate(now)}\n")
            self.stream.flush()

    def _rate(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return f"{rate:.1f} doc/s, ETA {format_duration(left)}"

    def _draw(self, now: float) -> None:
        assert self.stream is not None
        self._last_draw = now
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.line()} {self._rate(now)} ")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.stream is not None and self.tty:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
