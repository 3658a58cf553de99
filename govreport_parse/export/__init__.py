"""Export: the dataset record as JSON Lines, and flat tables as CSV, Parquet and pandas.

The flat tables (``reports``, ``sections``, ``facts``, ``metrics``, ``checks``)
have fixed columns in a fixed order, declared as data in
:mod:`govreport_parse.export.tables` and documented in ``docs/batch.md``.
pyarrow and pandas load on first use.

>>> from govreport_parse.export.tables import TABLES
>>> list(TABLES)
['reports', 'sections', 'facts', 'metrics', 'checks']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .flat import to_pandas

__all__ = ["to_pandas"]


def __getattr__(name: str) -> Any:
    if name == "to_pandas":
        from .flat import to_pandas

        return to_pandas
    raise AttributeError(f"module 'govreport_parse.export' has no attribute {name!r}")
