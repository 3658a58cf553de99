"""Batch: many documents to a research dataset, locally or on a Dask cluster.

- :func:`parse_many` yields one :class:`~govreport_parse.Report` or
  :class:`~govreport_parse.Failure` per input, in input order, never raising.
- :func:`run_batch` (``govreport-parse batch``) writes ``reports.jsonl``,
  ``failures.jsonl``, ``manifest.jsonl`` and the flat tables, commits each
  document atomically and resumes after a crash (see ``docs/batch.md``).
- :func:`expand_inputs` turns files, folders, globs and archives into sources.

>>> import govreport_parse as gp
>>> [type(r).__name__ for r in gp.parse_many([("x.txt", b"")], workers=0)]
['Failure']
"""

from __future__ import annotations

from .inputs import Inputs, Source, expand_inputs
from .many import parse_many
from .run import BatchSummary, run_batch

__all__ = ["BatchSummary", "Inputs", "Source", "expand_inputs", "parse_many", "run_batch"]
