"""A document's time budget, which a stage may extend when it knows it needs more.

Parsing has ``Limits.max_seconds`` per document. A page read by OCR takes
seconds on its own, so each one adds ``Limits.max_ocr_page_seconds`` to the
budget: the loader calls :func:`extend` before it reads the page, and whoever
enforces the budget (a batch worker's alarm) has registered with :func:`extender`.
Outside such a scope, :func:`extend` does nothing.

>>> seen = []
>>> with extender(seen.append):
...     extend(60.0)
>>> extend(5.0)  # no one listening: nothing happens
>>> seen
[60.0]
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

__all__ = ["extend", "extender"]

_local = threading.local()


def extend(seconds: float) -> None:
    """Give the current document ``seconds`` more (called before a slow step such as OCR of a page)."""
    for callback in getattr(_local, "callbacks", ()):
        callback(seconds)


@contextlib.contextmanager
def extender(callback: Callable[[float], None]) -> Iterator[None]:
    """While inside, :func:`extend` calls ``callback`` (in this thread)."""
    callbacks: list[Callable[[float], None]] = getattr(_local, "callbacks", [])
    _local.callbacks = [*callbacks, callback]
    try:
        yield
    finally:
        _local.callbacks = callbacks
