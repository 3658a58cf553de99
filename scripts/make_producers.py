#!/usr/bin/env python3
"""The producer matrix: every report we have, printed to PDF by several real producers.

Sources (text or HTML, never PDF):

- every real report of the shared corpora (``../shared/corpus/text``, ``../shared/corpus-pingtan/text``)
  when that folder is there;
- the generated fixtures ``fixtures/generated/NAME.{txt,html,docx}`` (tables with merged cells).

Producers (each a real program run here; a missing one is skipped with a note):

====================  ===========================================================================
``chromium``          headless Chromium ``--print-to-pdf`` of an HTML page (ruled tables, A4)
``chromium-bare``     the same, landscape, tables without borders (the grid comes from the text)
``lo-text``           LibreOffice Writer, plain text → PDF (long lines wrapped by Writer)
``lo-html-docx``      LibreOffice Writer, HTML → DOCX → PDF (Word tables, A4)
``fpdf2``             fpdf2 (Python) drawing lines with its own wrapping; fixtures: ruled tables
``docx-lo``           python-docx DOCX (fixtures: the generated one) exported by LibreOffice
====================  ===========================================================================

The PDFs go to a cache folder (default ``build/producers``, or ``$GOVREPORT_PRODUCERS``), named
``SOURCE.PRODUCER.pdf``; ``manifest.json`` holds each source's SHA-256 so a changed source is
rendered again and an unchanged one is not. Run from the project root::

    .venv/bin/python scripts/make_producers.py            # build what is missing
    .venv/bin/python scripts/make_producers.py --list     # what would be built, and what is missing

Used by ``tests/test_producers.py`` and the ``producers`` scorer of ``scripts/evaluate.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = (SHARED / "corpus" / "text", SHARED / "corpus-pingtan" / "text")
GENERATED = ROOT / "fixtures" / "generated"
FIXTURES = ("narrative-2017", "standard-2021")
CACHE = Path(os.environ.get("GOVREPORT_PRODUCERS", ROOT / "build" / "producers"))
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
PRODUCERS = ("chromium", "chromium-bare", "lo-text", "lo-html-docx", "fpdf2", "docx-lo")
#: bump to render every PDF again (a producer's settings changed)
RECIPE = "1"
_FONT_CSS = "font-family: 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', sans-serif;"


@dataclass(frozen=True)
class Source:
    """A report to render: its name, plain text, and (fixtures) its HTML and DOCX twins."""

    name: str
    text: str
    path: Path
    html: Path | None = None
    docx: Path | None = None

    @property
    def digest(self) -> str:
        h = hashlib.sha256(RECIPE.encode())
        for p in (self.path, self.html, self.docx):
            if p is not None:
                h.update(p.read_bytes())
        return h.hexdigest()


def sources() -> list[Source]:
    """Every real report (when ``../shared`` is there) and both generated fixtures."""
    out: list[Source] = []
    for folder in CORPORA:
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            name = path.name.split(".")[0]
            out.append(Source(name=name, text=path.read_text(encoding="utf-8"), path=path))
    for name in FIXTURES:
        txt = GENERATED / f"{name}.txt"
        if txt.exists():
            out.append(
                Source(
                    name=name,
                    text=txt.read_text(encoding="utf-8"),
                    path=txt,
                    html=GENERATED / f"{name}.html",
                    docx=GENERATED / f"{name}.docx",
                )
            )
    return out


def pdf_path(name: str, producer: str, cache: Path = CACHE) -> Path:
    return cache / f"{name}.{producer}.pdf"


def available() -> dict[str, str]:
    """Producer name -> why it cannot run here ("" when it can)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import fpdf  # noqa: F401

        has_fpdf = True
    except ImportError:
        has_fpdf = False
    font = any(p.exists() for p in FONT_CANDIDATES)
    why = {
        "chromium": "" if chromium else "no chromium (apt-get install chromium)",
        "lo": "" if soffice else "no LibreOffice (apt-get install libreoffice-writer-nogui)",
        "fpdf2": "" if has_fpdf and font else "no fpdf2 or no CJK font (fonts-wqy-microhei)",
    }
    return {
        "chromium": why["chromium"],
        "chromium-bare": why["chromium"],
        "lo-text": why["lo"],
        "lo-html-docx": why["lo"],
        "fpdf2": why["fpdf2"],
        "docx-lo": why["lo"],
    }


# --------------------------------------------------------------------------- HTML pages


def _report_body(src: Source) -> tuple[str, str]:
    """(title, body HTML): a fixture's article as published, or a text report as paragraphs."""
    if src.html is not None:
        raw = src.html.read_bytes()
        charset = re.search(rb"charset=([\w-]+)", raw)
        page = raw.decode(charset.group(1).decode() if charset else "utf-8")
        title = re.search(r'<h1 class="article-title">(.*?)</h1>', page, re.S)
        body = re.search(r'<div class="TRS_Editor">(.*)</div></div>', page, re.S)
        assert title and body, f"{src.html}: not the fixture page layout"
        return html.unescape(title.group(1)), body.group(1)
    paragraphs = []
    for line in src.text.splitlines():
        paragraphs.append(f"<p>{html.escape(line, quote=False)}</p>" if line.strip() else "<p>&nbsp;</p>")
    return "", "\n".join(paragraphs)


def _page(src: Source, *, landscape: bool = False, borders: bool = True) -> str:
    title, body = _report_body(src)
    if not borders:
        body = body.replace('border="1"', 'border="0"')
    size = "A4 landscape" if landscape else "A4"
    head = f"<h1>{html.escape(title)}</h1>" if title else ""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title or src.name)}</title><style>"
        f"@page {{ size: {size}; margin: 20mm; }} body {{ {_FONT_CSS} font-size: 12pt; }}"
        "p { margin: 0; line-height: 1.6; } h1 { font-size: 18pt; text-align: center; }"
        "td { font-size: 9pt; text-align: center; padding: 2px; }"
        "</style></head><body>" + head + body + "</body></html>"
    )


# --------------------------------------------------------------------------- producers


def _run(cmd: list[str], timeout: float = 180) -> None:
    subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)


def _chromium(src: Source, out: Path, tmp: Path, *, landscape: bool, borders: bool) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert exe
    page = tmp / f"{src.name}.{out.stem}.html"
    page.write_text(_page(src, landscape=landscape, borders=borders), encoding="utf-8")
    _print_html(page, out, tmp)


def _print_html(page: Path, out: Path, tmp: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert exe
    profile = tmp / "chromium-profile"
    _run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
    )


def _soffice(inputs: list[Path], target: str, outdir: Path, tmp: Path, infilter: str | None = None) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe
    cmd = [exe, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    _run([*cmd, "--convert-to", target, "--outdir", str(outdir), *map(str, inputs)], timeout=600)


def _docx_from_text(src: Source, out: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "WenQuanYi Micro Hei"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    for line in src.text.splitlines():
        document.add_paragraph(line)
    document.save(str(out))


def _font(tmp: Path) -> Path:
    from fontTools.ttLib import TTCollection

    for path in FONT_CANDIDATES:
        if path.exists():
            out = tmp / (path.stem + ".ttf")
            if not out.exists():
                TTCollection(str(path)).fonts[0].save(str(out))
            return out
    raise SystemExit("no CJK font: apt-get install fonts-wqy-microhei")


def _fpdf(src: Source, out: Path, tmp: Path) -> None:
    if src.html is not None:  # a fixture: its own ruled-table PDF writer
        gen = _fixture_generator()
        fixture = gen.parse_source(ROOT / "fixtures" / "src" / f"{src.name}.source")
        saved = gen.OUT
        gen.OUT = tmp
        try:
            gen.write_pdf(fixture, _font(tmp))
        finally:
            gen.OUT = saved
        shutil.move(str(tmp / f"{src.name}.pdf"), out)
        return
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", fname=str(_font(tmp)))
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    for line in src.text.splitlines():
        if line.strip():
            pdf.multi_cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(6.5)
    pdf.output(str(out))


def _fixture_generator() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    return module


def build(
    wanted: Iterable[Source] | None = None,
    producers: Iterable[str] = PRODUCERS,
    cache: Path = CACHE,
    log: Callable[[str], None] = print,
) -> dict[tuple[str, str], Path]:
    """Render what is missing or stale; return ``(source, producer) -> PDF`` for every PDF there."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1643101200")
    cache.mkdir(parents=True, exist_ok=True)
    manifest_path = cache / "manifest.json"
    manifest: dict[str, str] = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    srcs = list(wanted if wanted is not None else sources())
    can = available()
    todo: dict[str, list[Source]] = {}
    for p in producers:
        if can[p]:
            log(f"{p}: skipped, {can[p]}")
            continue
        for s in srcs:
            key = f"{s.name}.{p}"
            if manifest.get(key) != s.digest or not pdf_path(s.name, p, cache).exists():
                todo.setdefault(p, []).append(s)
    tmp = Path(tempfile.mkdtemp(prefix="producers-"))
    try:
        for p, items in todo.items():
            log(f"{p}: rendering {len(items)} report(s)")
            try:
                _render(p, items, cache, tmp)
            except (subprocess.SubprocessError, OSError) as exc:
                log(f"{p}: failed: {exc}")
                continue
            for s in items:
                if pdf_path(s.name, p, cache).exists():
                    manifest[f"{s.name}.{p}"] = s.digest
            manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        (s.name, p): pdf_path(s.name, p, cache)
        for s in srcs
        for p in producers
        if pdf_path(s.name, p, cache).exists() and manifest.get(f"{s.name}.{p}") == s.digest
    }


def _render(producer: str, items: list[Source], cache: Path, tmp: Path) -> None:
    if producer in ("chromium", "chromium-bare"):
        bare = producer == "chromium-bare"
        for s in items:
            _chromium(s, pdf_path(s.name, producer, cache), tmp, landscape=bare, borders=not bare)
    elif producer == "fpdf2":
        for s in items:
            _fpdf(s, pdf_path(s.name, producer, cache), tmp)
    elif producer == "lo-text":
        work = tmp / "lo-text"
        work.mkdir()
        inputs = []
        for s in items:
            (work / f"{s.name}.lo-text.txt").write_text(s.text, encoding="utf-8")
            inputs.append(work / f"{s.name}.lo-text.txt")
        _soffice(inputs, "pdf", work, tmp, infilter="Text (encoded):UTF8,LF,WenQuanYi Micro Hei,zh-CN,")
        for s in items:
            shutil.move(str(work / f"{s.name}.lo-text.pdf"), pdf_path(s.name, producer, cache))
    elif producer == "lo-html-docx":
        work = tmp / "lo-html"
        work.mkdir()
        inputs = []
        for s in items:
            page = work / f"{s.name}.lo-html-docx.html"
            page.write_text(_page(s), encoding="utf-8")
            inputs.append(page)
        _soffice(inputs, "docx:MS Word 2007 XML", work, tmp, infilter="HTML (StarWriter)")
        _soffice([p.with_suffix(".docx") for p in inputs], "pdf", work, tmp)
        for s in items:
            shutil.move(str(work / f"{s.name}.lo-html-docx.pdf"), pdf_path(s.name, producer, cache))
    elif producer == "docx-lo":
        work = tmp / "docx"
        work.mkdir()
        inputs = []
        for s in items:
            target = work / f"{s.name}.docx-lo.docx"
            if s.docx is not None:
                shutil.copy(s.docx, target)
            else:
                _docx_from_text(s, target)
            inputs.append(target)
        _soffice(inputs, "pdf", work, tmp)
        for s in items:
            shutil.move(str(work / f"{s.name}.docx-lo.pdf"), pdf_path(s.name, producer, cache))
    else:  # pragma: no cover - PRODUCERS is closed
        raise ValueError(producer)


# --------------------------------------------------------------------------- table shapes

_CELL = re.compile(r"<td>&nbsp;(\d+)&nbsp;</td>(</tr>)")


def _table3(page: str, change: Callable[[str], str]) -> str:
    """``page`` with ``change`` applied to the application table (the one with 申请人情况)."""
    start = page.index("申请人情况")
    start = page.rindex("<table", 0, start)
    end = page.index("</table>", start)
    return page[:start] + change(page[start:end]) + page[end:]


def _blank_totals(page: str) -> str:
    """Every 总计 cell of table 3 left empty, as some offices publish it."""
    return _table3(page, lambda t: _CELL.sub(r"<td></td>\2", t))


def _blank_cell(page: str) -> str:
    """One applicant cell left empty (科研机构 of （一）予以公开, a 0): the row is still read."""
    row = "<td>&nbsp;3&nbsp;</td><td>&nbsp;0&nbsp;</td><td>&nbsp;0&nbsp;</td><td>&nbsp;1&nbsp;</td>"
    return _table3(page, lambda t: t.replace(row, row.replace("<td>&nbsp;0&nbsp;</td>", "<td></td>", 1), 1))


def _clipped(page: str) -> str:
    """Table 3 wider than the page, unbreakable: the right-hand columns are cut at the edge."""
    return _table3(page, lambda t: t.replace("<table ", '<table style="width:175%; white-space:nowrap" ', 1))


def _split(page: str) -> str:
    """Table 3 with tall rows, so that it runs over two pages."""
    return _table3(page, lambda t: t.replace("<td", '<td style="height:32px"'))


#: Table shapes: ``NAME`` -> (HTML change, with borders). Rendered by Chromium from the
#: ``standard-2021`` fixture's page as ``standard-2021.NAME.pdf``.
SHAPES: dict[str, tuple[Callable[[str], str], bool]] = {
    "merged": (lambda page: page, True),  # rowspan/colspan labels, two-row header
    "borderless": (lambda page: page, False),
    "blank-totals": (_blank_totals, True),
    "blank-totals-borderless": (_blank_totals, False),
    "blank-cell": (_blank_cell, True),
    "clipped": (_clipped, True),
    "split": (_split, True),
}


def build_shapes(cache: Path = CACHE) -> dict[str, Path]:
    """Render the table shapes (Chromium) that are missing; ``shape -> PDF``."""
    if available()["chromium"]:
        return {}
    src = next((s for s in sources() if s.name == "standard-2021"), None)
    if src is None:
        return {}
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    tmp = Path(tempfile.mkdtemp(prefix="shapes-"))
    try:
        for shape, (change, borders) in SHAPES.items():
            target = cache / f"standard-2021.{shape}.pdf"
            stamp = cache / f"standard-2021.{shape}.sha256"
            page = change(_page(src, borders=borders))
            digest = hashlib.sha256((RECIPE + page).encode()).hexdigest()
            if not (target.exists() and stamp.exists() and stamp.read_text() == digest):
                html_path = tmp / f"{shape}.html"
                html_path.write_text(page, encoding="utf-8")
                _print_html(html_path, target, tmp)
                stamp.write_text(digest)
            out[shape] = target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the PDFs go")
    parser.add_argument("--producer", action="append", choices=PRODUCERS, help="only this producer")
    parser.add_argument("--list", action="store_true", help="list sources and producers, build nothing")
    args = parser.parse_args(argv)
    if args.list:
        for p, why in available().items():
            print(f"{p:14} {why or 'ok'}")
        for s in sources():
            print(s.name, s.path)
        return 0
    built = build(producers=args.producer or PRODUCERS, cache=args.cache)
    shapes = build_shapes(args.cache)
    print(f"{len(built)} PDFs and {len(shapes)} table shapes in {args.cache}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
