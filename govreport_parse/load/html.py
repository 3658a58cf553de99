"""HTML reader: the report body of a web page, tables as grids, the declared charset.

Decoding: a byte-order mark, else UTF-8 when the bytes are valid UTF-8 (the
content wins over a lying declaration), else the declared charset (``<meta charset>``,
``http-equiv`` content type, XML declaration; GB2312/GBK are read as their
superset GB18030), else GB18030. A declaration naming no charset a page can be
in (``base64``, ``hex``, ``zip``, ``rot13``, ``undefined``, or UTF-16/32 declared in
ASCII) is ignored. The codec used is recorded in
``SourceInfo.encoding``. Bytes that fit none are replaced and reported as a
diagnostic.

Text: scripts, styles, navigation, breadcrumbs, share bars, print/close links
and footers are dropped as elements (:mod:`.html_chrome`), so they never reach
the text; the body is the main content container. Block elements and ``<br>``
end lines; runs of whitespace become one space (none between two Chinese
characters across a source line break); ``&nbsp;`` is a space and a cell of only
``&nbsp;`` is empty. Data tables become one line per grid row (tab-separated)
and a :class:`~govreport_parse.model.RawTable` with ``rowspan``/``colspan``
expanded; layout tables (nested tables, one column, very long cells) are read
as ordinary blocks. The walk is iterative, so deep nesting cannot overflow.

>>> from govreport_parse.config import ParseConfig
>>> page = '<meta charset="gbk"><div class="crumb">首页 > 公开</div><p>一、总体情况</p>'
>>> raw = load(page.encode("gbk"), "a.html", ParseConfig(), "0" * 64)
>>> raw.text, raw.source.encoding
('一、总体情况', 'gb18030')
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..config import ParseConfig
from ..errors import CorruptFileError, EmptyDocumentError, LimitExceededError
from ..model import Diagnostic, Mark, RawDocument, SourceInfo
from .html_chrome import BLOCK_TAGS, cjk_count, content_root, strip_chrome
from .tables import CellSpec, TextBuilder, expand_grid, join_lines

__all__ = ["detect_encoding", "load"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_\-:.]{2,40})""",
    re.IGNORECASE,
)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "ascii": "utf-8",
    "latin-1": "cp1252",
}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
_CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_LAYOUT_CELL_CHARS = 400
_BREAK = BLOCK_TAGS | {"td", "th"}
_SPACER = "\x00"  # placeholder for a marked space (NUL never reaches the parsed text)


def detect_encoding(data: bytes) -> tuple[str | None, str | None]:
    """``(bom_codec, declared_codec)`` of an HTML page, each ``None`` when absent.

    >>> detect_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    (None, 'gb18030')
    >>> detect_encoding(b"\\xef\\xbb\\xbf<html>")
    ('utf-8-sig', None)
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, None
    m = _DECLARED.search(data[:8192])
    if not m:
        return None, None
    label = (m.group(1) or m.group(2) or b"").decode("ascii").lower()
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None, None
    name = info.name
    # a declaration read as ASCII cannot be true of UTF-16/32 bytes (the content wins, as in
    # browsers); bytes-to-bytes codecs (base64, hex, zip, rot13) and 'undefined' are no charsets
    if not _is_charset(info):
        return None, None
    return None, _SUPERSETS.get(name, name)


def _is_charset(info: codecs.CodecInfo) -> bool:
    """Whether a looked-up codec can be an HTML page's declared charset.

    >>> _is_charset(codecs.lookup("gbk")), _is_charset(codecs.lookup("base64"))
    (True, False)
    >>> _is_charset(codecs.lookup("utf-16")), _is_charset(codecs.lookup("undefined"))
    (False, False)
    """
    if not getattr(info, "_is_text_encoding", True):
        return False
    return info.name not in _NOT_CHARSETS and not info.name.startswith(("utf-16", "utf-32"))


_NOT_CHARSETS = frozenset(
    {"undefined", "rot-13", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"}
)


def _decode(data: bytes) -> tuple[str, str, list[Diagnostic]]:
    bom, declared = detect_encoding(data)
    if bom:
        return data.decode(bom, "replace"), bom, []
    tried: list[str] = []
    # valid UTF-8 wins over any other declaration: long text in a legacy charset is almost
    # never valid UTF-8, while pages that declare the wrong charset are common
    for codec in ("utf-8", declared, "gb18030"):
        if codec is None or codec in tried:
            continue
        tried.append(codec)
        try:
            return data.decode(codec), codec, []
        except (UnicodeError, LookupError):
            continue
    codec = declared or "utf-8"
    text = data.decode(codec, "replace")
    bad = text.count("\ufffd")
    note = Diagnostic(
        code="encoding_replaced",
        severity="warning",
        message=f"{bad} byte sequences are not valid {codec} (nor UTF-8/GB18030) and were replaced by U+FFFD",
    )
    return text, codec, [note]


_TAG = re.compile(r"<[^<>]{0,4096}>")
VISIBLE_MARGIN = 2
"""A page is refused before parsing when it shows more than this many times ``max_chars``."""


def _check_visible(text: str, path: str, limit: int) -> None:
    """Refuse, before lxml builds a tree, a page whose characters outside tags (whitespace
    not counted) exceed ``VISIBLE_MARGIN * max_chars``: a 50 MB one-line page took 1.4 GB
    and 40 s before the character limit acted. Pages nearer the limit are parsed and
    checked on their real text (chrome and scripts removed).

    >>> _check_visible("<p>" + "政" * 30 + "</p>", "a.html", 20)
    >>> try:
    ...     _check_visible("<p>" + "政" * 50 + "</p>", "a.html", 20)
    ... except LimitExceededError as exc:
    ...     print(exc.limit)
    max_chars
    """
    if len(text) <= VISIBLE_MARGIN * limit:
        return
    tags = sum(m.end() - m.start() for m in _TAG.finditer(text))
    spaces = sum(text.count(c) for c in " \t\r\n\xa0\u3000")
    visible = len(text) - tags - spaces
    if visible > VISIBLE_MARGIN * limit:
        raise LimitExceededError(
            f"the page holds about {visible:,} characters of text, above the max_chars limit of {limit:,} "
            "(refused before parsing); raise it with config={'limits': {'max_chars': N}}",
            path=path,
            limit="max_chars",
            value=visible,
            maximum=limit,
        )


def _collapse(line: str) -> str:
    """One line of inline text: whitespace runs to one space, none between CJK across a break."""
    return _collapse_marked(line)[0].replace(_SPACER, " ")


def _collapse_marked(line: str) -> tuple[str, list[int]]:
    """Like :func:`_collapse`, plus where a ``&nbsp;`` spacer stands between two CJK characters.

    Word's HTML export puts ``一、<span>&nbsp;&nbsp; </span>总体情况`` after list numbers; such a
    run is one space in the text and its offset is returned, to be marked ``cjk_space``.
    """

    def repl(m: re.Match[str]) -> str:
        run = m.group(0)
        s, e = m.start(), m.end()
        between = s > 0 and e < len(line) and _CJK_CHAR.match(line[s - 1]) and _CJK_CHAR.match(line[e])
        if between and ("\n" in run or "\r" in run):
            return ""
        return _SPACER if between and "\xa0" in run else " "

    text = _SPACE.sub(repl, line).strip(" \u3000")
    spacers = [i for i, c in enumerate(text) if c == _SPACER]
    return text.replace(_SPACER, " "), spacers


def _int_attr(el: Any, name: str) -> int:
    try:
        return int(str(el.get(name) or "1").strip().rstrip(";"))
    except ValueError:
        return 1


class _Renderer:
    """Iterative walk of an element tree into lines and tables."""

    def __init__(self, out: TextBuilder | None) -> None:
        self.out = out  # None: cell mode, nested tables are plain blocks
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.marks: list[Mark] = []

    def flush(self) -> None:
        line, spacers = _collapse_marked("".join(self.buf))
        self.buf = []
        if not line:
            return
        if self.out is not None:
            start = self.out.offset + (1 if self.out.offset else 0)
            self.out.paragraph(line)
            self.marks.extend(Mark(kind="cjk_space", start=start + i, end=start + i + 1) for i in spacers)
        else:
            self.lines.append(line)

    def walk(self, root: Any) -> None:
        stack: list[tuple[bool, Any]] = [(True, root)]
        while stack:
            entering, el = stack.pop()
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if not entering:
                if tag in _BREAK:
                    self.flush()
                if el is not root and el.tail:
                    self.buf.append(el.tail)
                continue
            if tag == "br":
                self.flush()
                stack.append((False, el))
                continue
            if tag == "table" and self.out is not None:
                grid = _table_grid(el)
                if grid is not None:
                    self.flush()
                    caption = el.find("caption")
                    if caption is not None:
                        self.out.paragraph(_collapse(caption.text_content()))
                    self.out.table(grid)
                    stack.append((False, _NoBlock(el)))
                    continue
            if tag in _BREAK:
                self.flush()
            if el.text and tag:
                self.buf.append(el.text)
            stack.append((False, el))
            stack.extend((True, child) for child in reversed(el))
        self.flush()


class _NoBlock:
    """Stand-in for an element already rendered: only its tail remains."""

    def __init__(self, el: Any) -> None:
        self.tag = "table"
        self.tail = el.tail


def _cell_text(cell: Any) -> str:
    r = _Renderer(None)
    r.walk(cell)
    return join_lines(r.lines)


def _table_rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


def _table_grid(table: Any) -> list[list[CellSpec | None]] | None:
    """The dense grid of a data table, or ``None`` for a layout table."""
    if table.find(".//table") is not None:
        return None
    spec_rows: list[list[CellSpec]] = []
    for tr in _table_rows(table):
        row: list[CellSpec] = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            text = _cell_text(td)
            if len(text) > _LAYOUT_CELL_CHARS:
                return None
            rowspan = _int_attr(td, "rowspan")
            row.append(
                CellSpec(text, rowspan=rowspan if rowspan > 0 else 1 << 16, colspan=_int_attr(td, "colspan"))
            )
        spec_rows.append(row)
    grid = expand_grid(spec_rows)
    if not grid or len(grid[0]) < 2:
        return None
    return grid


def load(data: bytes, path: str, config: ParseConfig, sha256: str) -> RawDocument:
    """Read an HTML page into a :class:`RawDocument` (typed errors on bad input)."""
    import lxml.etree
    import lxml.html

    text, encoding, notes = _decode(data)
    _check_visible(text, path, config.limits.max_chars)
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        raise EmptyDocumentError("the HTML file contains only whitespace", path=path)
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
        root = lxml.html.document_fromstring(text, parser=parser)
        strip_chrome(root)
        body = content_root(root)
        out = TextBuilder()
        title = _title_outside(root, body)
        if title:
            out.paragraph(title)
        renderer = _Renderer(out)
        renderer.walk(body)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptFileError(
            f"the HTML cannot be parsed ({exc}); re-download the page", path=path
        ) from None
    except RecursionError:
        raise CorruptFileError("the HTML is nested too deeply to read", path=path) from None
    if any("Excessive depth" in e.message for e in parser.error_log):
        if not out.text().strip():
            raise CorruptFileError(
                "the HTML is nested more than 2048 elements deep and no text is readable above that depth",
                path=path,
            )
        notes.append(
            Diagnostic(
                code="html_too_deep",
                severity="warning",
                message="the HTML is nested more than 2048 elements deep; text below that depth is lost",
            )
        )
    info = SourceInfo(name=path, sha256=sha256, format="html", encoding=encoding, size=len(data))
    return RawDocument(
        text=out.text(),
        source=info,
        tables=tuple(out.tables),
        marks=tuple(renderer.marks),
        diagnostics=tuple(notes),
    )


def _title_outside(root: Any, body: Any) -> str | None:
    """The page's headline when the chosen body container does not include it."""
    if body.tag.lower() == "body":
        return None
    candidates: list[tuple[int, str]] = []
    page = root.find(".//body")
    for el in (page if page is not None else root).iter():
        if el is body:
            break
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        css = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        rank = 0 if tag == "h1" else 1 if "title" in css else 2 if tag in ("h2", "h3") else -1
        if rank < 0:
            continue
        text = _collapse(el.text_content())
        if cjk_count(text) >= 4 and len(text) <= 200:
            candidates.append((rank, text))
    if not candidates:
        return None
    title = min(candidates, key=lambda c: c[0])[1]
    head = _collapse(body.text_content())[: len(title) + 20]
    return None if title in head else title
