"""What every fact module shares: the context it runs in and its errors.

Each fact module exposes the same small interface:

- ``find(text, view, ctx) -> list[Fact]``: candidates with spans in ``text``
  (matched on ``view``, the same-length :func:`~.view.matching_view`);
- ``parse(s)``: one value from a whole string, raising a subclass of
  :class:`InvalidFactError` on anything else;
- ``is_valid(s)``: ``parse`` without the exception (never raises);
- ``normalize(s)`` / ``format(...)`` where a canonical form exists.

>>> err = InvalidFactError("not a document number: 'abc'")
>>> isinstance(err, ValueError), str(err)
(True, "not a document number: 'abc'")
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import GovReportError

__all__ = ["Context", "InvalidFactError"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What extraction knows beyond the text: the report's year and whether to label.

    ``year`` completes partial dates (12月31日); it is never taken from today's date.
    """

    year: int | None = None
    labels: bool = True


class InvalidFactError(GovReportError, ValueError):
    """A string given to a fact module's ``parse`` is not a value of that kind.

    It is also a ``ValueError``, so ``int``-style ``except ValueError`` works.
    """
