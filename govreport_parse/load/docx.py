"""DOCX reader: body paragraphs and tables in order, numbering rendered, merges expanded.

The ZIP container is checked before any XML is parsed: a damaged archive,
one without ``word/document.xml``, one whose parts unpack beyond
``Limits.max_unpacked_bytes`` and XML parts that declare a DTD or entities
(Word never writes them; they are how "billion laughs" attacks start) each
raise a typed error. Only the parts the text needs (the main document found
through ``_rels/.rels``, its numbering and styles) are parsed, with plain lxml
(no entity resolution, no network), and the body is walked as XML (``w:p``,
``w:tbl``, ``w:sdt``). That is the same XML python-docx builds its objects on,
without its per-element proxy classes: much faster than ``row.cells``, and
faster than walking python-docx's own tree.

- Automatic numbering from ``numbering.xml`` (directly or through the
  paragraph style) is written in front of the paragraph text, unless the
  paragraph already starts with a typed number.
- Tables become one line per grid row, slots separated by a tab, and a
  :class:`~govreport_parse.model.RawTable` whose merged cells (``gridSpan``,
  ``vMerge``) are expanded: the anchor slot has the text, covered slots ``None``.
- Headers, footers, footnotes, comments, deleted revisions and hidden runs
  are not part of the body and are left out.

>>> import io, docx
>>> d = docx.Document(); _ = d.add_paragraph("一、总体情况"); buf = io.BytesIO(); d.save(buf)
>>> from govreport_parse.config import ParseConfig
>>> load(buf.getvalue(), "a.docx", ParseConfig(), "0" * 64).text
'一、总体情况'
"""

from __future__ import annotations

import io
import posixpath
import struct
import threading
import zipfile
import zlib
from typing import Any

from ..config import ParseConfig
from ..errors import CorruptFileError, EncryptedFileError, LimitExceededError, UnsupportedFormatError
from ..lexicon import NUMBERED_LINE
from ..model import RawDocument, SourceInfo
from .docx_numbering import Numbering, W, style_num_ids_of
from .tables import MAX_COLSPAN, CellSpec, TextBuilder, expand_grid, join_lines

__all__ = ["load"]

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# a paragraph without any of these is just its w:t texts in order
_NS = {"w": W[1:-1], "mc": _MC_FALLBACK[1:].split("}")[0]}
_SPECIAL = (
    "not(.//w:tab | .//w:br | .//w:cr | .//w:noBreakHyphen | .//w:del | .//w:moveFrom | .//w:vanish"
    " | .//w:instrText | .//mc:AlternateContent | .//w:txbxContent | .//w:footnoteReference)"
)
_SKIP = frozenset(
    W + t for t in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText", "footnoteReference")
) | {_MC_FALLBACK}
_CONTAINERS = frozenset(W + t for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"))
_PPR, _PSTYLE, _NUMPR = W + "pPr", W + "pStyle", W + "numPr"
_TRPR, _GRID_BEFORE, _TCPR = W + "trPr", W + "gridBefore", W + "tcPr"
_GRID_SPAN, _VMERGE = W + "gridSpan", W + "vMerge"
_FOREIGN_PACKAGES = (
    ("xl/", "an Excel workbook (.xlsx)"),
    ("ppt/", "a PowerPoint presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt/.ods); save it as .docx"),
)


# What the reader takes from a ``styles.xml`` part, by the part's exact bytes: a template's
# styles part (python-docx's default is 349 KB, 5 ms to parse) repeats across the reports of
# an archive. Plain dicts (no lxml tree is shared), only read once cached; a lock guards the
# cache for threads.
_StyleInfo = tuple[dict[str, tuple[str | None, int | None]], dict[str, str | None]]
_STYLES_CACHE: dict[bytes, _StyleInfo] = {}
_STYLES_CACHE_SIZE = 8
_STYLES_LOCK = threading.Lock()


def _read_package(data: bytes, path: str, config: ParseConfig) -> dict[str, bytes]:
    """The package's XML parts by name; damaged, foreign, oversized and entity-declaring
    packages are refused before any XML is parsed."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        struct.error,
        NotImplementedError,
    ) as exc:
        raise CorruptFileError(
            f"not a readable DOCX: the ZIP container is damaged ({exc}); re-download or re-save the file",
            path=path,
        ) from None
    limit = config.limits.max_unpacked_bytes
    total = sum(i.file_size for i in infos)
    if total > limit:
        raise LimitExceededError(
            f"the DOCX parts unpack to {total:,} bytes, above the max_unpacked_bytes limit of {limit:,} "
            "(a ZIP bomb or a huge embedded file); "
            "raise it with config={'limits': {'max_unpacked_bytes': N}}",
            path=path,
            limit="max_unpacked_bytes",
            value=total,
            maximum=limit,
        )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names and "_rels/.rels" not in names:
        _not_word(names, path)
    parts: dict[str, bytes] = {}
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            part = zf.read(info)
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise EncryptedFileError(
                f"a DOCX part is marked as password-protected ({exc}); remove the password in Word and save "
                "again (if the file has no password, it is damaged: download it again)",
                path=path,
            ) from None
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, zlib.error) as exc:
            raise CorruptFileError(
                f"the DOCX part {info.filename} cannot be unpacked ({exc}); re-download or re-save the file",
                path=path,
            ) from None
        if part[:2] in (b"\xff\xfe", b"\xfe\xff"):
            part = part.decode("utf-16", "replace").encode("utf-8")
        if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
            raise CorruptFileError(
                f"the DOCX part {info.filename} declares a DTD or XML entities, which Word never writes "
                "(a possible entity-expansion attack); the file is refused",
                path=path,
            )
        parts[info.filename] = part
    return parts


def _not_word(names: set[str], path: str) -> None:
    what = next((w for prefix, w in _FOREIGN_PACKAGES if any(n.startswith(prefix) for n in names)), None)
    raise CorruptFileError(
        "the ZIP archive has no word/document.xml, so it is not a Word document"
        + (f" (it looks like {what})" if what else "; re-save it from Word or WPS as .docx"),
        path=path,
    )


def _targets(parts: dict[str, bytes], source: str, parse: Any) -> dict[str, str]:
    """Relationship type (last URI segment) -> part name, for the part named ``source``."""
    folder, _, base = source.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_name not in parts:
        return {}
    out: dict[str, str] = {}
    for rel in parse(parts[rels_name], rels_name).iter(_REL + "Relationship"):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        target = str(rel.get("Target", ""))
        if rel.get("TargetMode") == "External" or not target or kind in out:
            continue
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[kind] = posixpath.normpath(joined)
    return out


def _style_numbering(styles_root: Any) -> dict[str, tuple[str | None, int | None]]:
    """Paragraph style id -> (numId, ilvl) from its own or an inherited ``w:numPr``."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    default: str | None = None
    if styles_root is None:
        return {}
    for st in styles_root.iterfind(W + "style"):
        if st.get(W + "type") != "paragraph":
            continue
        sid = str(st.get(W + "styleId"))
        if st.get(W + "default") in ("1", "true", "on"):
            default = sid
        parent = st.find(W + "basedOn")
        if parent is not None:
            based[sid] = str(parent.get(W + "val"))
        num_pr = st.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            own[sid] = _num_pr(num_pr)
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for sid in set(own) | set(based):
        cur: str | None = sid
        seen: set[str] = set()
        while cur is not None and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur)
        if cur is not None and cur in own:
            resolved[sid] = own[cur]
    if default is not None and default in resolved:
        resolved[""] = resolved[default]
    return resolved


def _num_pr(num_pr: Any) -> tuple[str | None, int | None]:
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    nid = None if num_id is None else str(num_id.get(W + "val"))
    try:
        lvl = None if ilvl is None else int(ilvl.get(W + "val"))
    except (TypeError, ValueError):
        lvl = 0
    return nid, lvl


class _Reader:
    """Walks one document body; holds numbering state and the text builder."""

    def __init__(self, numbering: Numbering, style_numbers: dict[str, tuple[str | None, int | None]]) -> None:
        self.numbering = numbering
        self.style_numbers = style_numbers
        self.out = TextBuilder()
        self.plain: Any = None
        self.plain_set: set[Any] = set()  # the body's plain paragraphs, found in one XPath pass

    # ---------------------------------------------------------------- blocks
    def blocks(self, root: Any) -> None:
        """Paragraphs and tables under ``root`` in document order (no recursion on depth)."""
        # one XPath pass over the body instead of one evaluation per paragraph (same test);
        # holding the elements keeps lxml's proxies, so membership is by identity
        self.plain_set = set(_compiled_xpath(f".//w:p[{_SPECIAL}]")(root))
        stack = list(reversed(root))
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == W + "p":
                text, boxes = self.paragraph(el)
                self.out.paragraph(text)
                stack.extend(reversed(boxes))
            elif tag == W + "tbl":
                self.out.table(expand_grid(self.table_rows(el)))
            elif tag in _CONTAINERS:
                stack.extend(reversed(el))

    def paragraph(self, p: Any) -> tuple[str, list[Any]]:
        """The paragraph's visible text with its automatic number, and its text-box paragraphs."""
        parts: list[str] = []
        boxes: list[Any] = []
        if self.plain is None:
            self.plain = _compiled_xpath(_SPECIAL)
        plain = p in self.plain_set or bool(self.plain(p))
        stack = [] if plain else list(reversed(p))
        if plain:  # fast path: runs of w:t only (most paragraphs and nearly every table cell)
            parts = [t.text or "" for t in p.iter(W + "t")]
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "t":
                parts.append(el.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "txbxContent":
                boxes.extend(c for c in el if c.tag in (W + "p", W + "tbl"))
            elif tag == W + "r" and el.find(f"{W}rPr/{W}vanish") is not None:
                continue
            else:
                stack.extend(reversed(el))
        text = "".join(parts)
        label = self.label(p)
        if label and not NUMBERED_LINE.match(text.lstrip()) and text.strip():
            text = label + text.lstrip()
        return text, boxes

    def label(self, p: Any) -> str:
        """Advance and render the automatic number of paragraph ``p`` ("" when none)."""
        ppr = _child(p, _PPR)
        num_id: str | None = None
        ilvl: int | None = None
        style = ""
        if ppr is not None:
            pstyle = _child(ppr, _PSTYLE)
            style = "" if pstyle is None else str(pstyle.get(W + "val"))
            num_pr = _child(ppr, _NUMPR)
            if num_pr is not None:
                num_id, ilvl = _num_pr(num_pr)
        if num_id is None or ilvl is None:
            s_id, s_lvl = self.style_numbers.get(style, (None, None))
            num_id = num_id if num_id is not None else s_id
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id is None or num_id == "0":
            return ""
        return self.numbering.next_label(num_id, ilvl or 0)

    # ---------------------------------------------------------------- tables
    def table_rows(self, tbl: Any) -> list[list[CellSpec]]:
        """Rows of cells with explicit grid columns; ``vMerge`` runs become row spans."""
        rows: list[list[CellSpec]] = []
        vertical: dict[int, tuple[CellSpec, int]] = {}  # grid column -> (anchor, last row)
        for r, tr in enumerate(self._children(tbl, W + "tr")):
            row: list[CellSpec] = []
            # spans and skipped columns are clamped like HTML colspan: a hostile gridSpan of
            # 100000 must not become millions of empty grid slots
            col = min(max(0, _int_val(_grandchild(tr, _TRPR, _GRID_BEFORE), 0)), MAX_COLSPAN)
            for tc in self._children(tr, W + "tc"):
                tcpr = _child(tc, _TCPR)
                grid_span = _int_val(None if tcpr is None else _child(tcpr, _GRID_SPAN), 1)
                span = min(max(1, grid_span), MAX_COLSPAN)
                vmerge = None if tcpr is None else _child(tcpr, _VMERGE)
                text = self.cell_text(tc)
                merging = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
                above = vertical.get(col)
                if merging and above is not None and above[1] == r - 1 and not text:
                    above[0].rowspan += 1
                    vertical[col] = (above[0], r)
                else:
                    cell = CellSpec(text, colspan=span, col=col)
                    row.append(cell)
                    vertical[col] = (cell, r)
                col += span
            rows.append(row)
        return rows

    def _children(self, parent: Any, tag: str) -> list[Any]:
        """Direct children with ``tag``, looking through content controls and custom XML."""
        out: list[Any] = []
        stack = list(reversed(parent))
        while stack:
            el = stack.pop()
            if el.tag == tag:
                out.append(el)
            elif el.tag in _CONTAINERS:
                stack.extend(reversed(el))
        return out

    def cell_text(self, tc: Any) -> str:
        """A cell's paragraphs (and any nested table's cells) joined into one line."""
        lines: list[str] = []
        stack = list(reversed(tc))
        while stack:
            el = stack.pop()
            if el.tag == W + "p":
                text, boxes = self.paragraph(el)
                lines.extend(text.split("\n"))
                stack.extend(reversed(boxes))
            elif el.tag in (W + "tbl", W + "tr", W + "tc") or el.tag in _CONTAINERS:
                stack.extend(reversed(el))
        return join_lines([line.replace("\t", " ") for line in lines])


def _compiled_xpath(expression: str) -> Any:
    """A compiled XPath over the WordprocessingML namespaces (per reader: lxml's XPath
    objects are not shared between threads)."""
    from lxml import etree

    return etree.XPath(expression, namespaces=_NS)


def _child(el: Any, tag: str) -> Any:
    """``el.find(tag)`` for a plain tag (the first direct child with it), without lxml's path
    machinery: about four times faster, and called several times per paragraph and cell."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _grandchild(el: Any, tag: str, sub: str) -> Any:
    """``el.find(f"{tag}/{sub}")``: the first ``sub`` child of any ``tag`` child, in order."""
    for child in el:
        if child.tag == tag:
            found = _child(child, sub)
            if found is not None:
                return found
    return None


def _int_val(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + "val"))
    except (TypeError, ValueError):
        return default


def load(data: bytes, path: str, config: ParseConfig, sha256: str) -> RawDocument:
    """Read a DOCX file's body into a :class:`RawDocument` (typed errors on bad input)."""
    parts = _read_package(data, path, config)
    from lxml import etree  # on first use

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)

    def parse(blob: bytes, name: str) -> Any:
        try:
            return etree.fromstring(blob, parser)
        except etree.XMLSyntaxError as exc:
            raise CorruptFileError(
                f"the DOCX part {name} is not well-formed XML ({exc}); re-save the file from Word or WPS",
                path=path,
            ) from None

    main = _targets(parts, "", parse).get("officeDocument", "word/document.xml")
    if main not in parts:
        _not_word(set(parts), path)
    root = parse(parts[main], main)
    body = root.find(W + "body")
    if body is None and "purl.oclc.org/ooxml" in str(root.tag):
        raise UnsupportedFormatError(
            "this DOCX is saved as Strict Open XML, which is not supported; "
            "save it again as a normal Word document (.docx)",
            path=path,
        )
    if body is None:
        raise CorruptFileError(
            f"the DOCX part {main} has no w:body; re-save the file from Word or WPS", path=path
        )
    related = _targets(parts, main, parse)
    numbering_name, styles_name = related.get("numbering"), related.get("styles")
    numbering_root = None
    if numbering_name is not None and numbering_name in parts:
        numbering_root = parse(parts[numbering_name], numbering_name)
    style_numbers: dict[str, tuple[str | None, int | None]] = {}
    style_num_ids: dict[str, str | None] = {}
    styles_blob = parts.get(styles_name, b"") if styles_name is not None else b""
    if styles_name is not None and b"numPr" in styles_blob:  # styles matter only for lists
        with _STYLES_LOCK:
            cached = _STYLES_CACHE.get(styles_blob)
        if cached is None:
            styles_root = parse(styles_blob, styles_name)
            cached = (_style_numbering(styles_root), style_num_ids_of(styles_root))
            with _STYLES_LOCK:
                while len(_STYLES_CACHE) >= _STYLES_CACHE_SIZE:
                    del _STYLES_CACHE[next(iter(_STYLES_CACHE))]
                _STYLES_CACHE[styles_blob] = cached
        style_numbers, style_num_ids = cached
    reader = _Reader(Numbering.from_xml(numbering_root, style_num_ids=style_num_ids), style_numbers)
    reader.blocks(body)
    info = SourceInfo(name=path, sha256=sha256, format="docx", encoding=None, size=len(data))
    return RawDocument(text=reader.out.text(), source=info, tables=tuple(reader.out.tables))
