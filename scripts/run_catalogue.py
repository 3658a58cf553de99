"""Parse every case of a bad-input catalogue in this process, under a memory ceiling.

Usage: ``python scripts/run_catalogue.py DIR [MEMORY_MB [NAME ...]]``; prints one JSON line
per case (only the NAMEs given, if any): ``{"name", "error_type", "message", "seconds",
"rss_mb", "missing"}`` (``error_type`` is ``"ok"`` when the file parsed; ``missing`` lists the
case's ``contains`` strings absent from the text). A parsed report must also serialise as
strict JSON in UTF-8, or the case is reported as ``ESCAPED:`` the error. Any exception that
is not a ``GovReportError`` is reported with its type name, so the caller can see that
something escaped.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1])
    memory_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 3072
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import govreport_parse as gp

    gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\n一、概述\n受理申请12件。")  # warm up
    cases = json.loads((folder / "catalogue.json").read_text("utf-8"))
    only = set(sys.argv[3:])
    for case in cases:
        if only and case["name"] not in only:
            continue
        t0 = time.perf_counter()
        missing: list[str] = []
        try:
            report = gp.parse(folder / case["name"], config=case["config"] or None)
            line = report.to_json()
            json.loads(line)  # strict JSON ...
            line.encode("utf-8")  # ... writable as UTF-8 (no lone surrogates)
            missing = [s for s in case.get("contains", ()) if s not in report.text]
            kind, message = "ok", ""
        except gp.GovReportError as exc:
            kind, message = type(exc).__name__, str(exc)
        except BaseException as exc:  # reported, not hidden: the test fails on it
            kind, message = f"ESCAPED:{type(exc).__name__}", repr(exc)[:500]
        seconds = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "name": case["name"],
                    "error_type": kind,
                    "message": message,
                    "seconds": round(seconds, 3),
                    "rss_mb": round(rss, 1),
                    "missing": missing,
                },
                ensure_ascii=False,
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
