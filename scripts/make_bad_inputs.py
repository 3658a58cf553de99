"""Build the catalogue of bad and hostile inputs (issue: hardening).

Each case is a file plus what parsing it must do: raise a given ``GovReportError``
subclass whose message contains given words, or parse (``expect="ok"``), within a
time bound. Large cases (zip bomb, 2,000-page PDF, 20 MB line) are generated here
rather than committed.

Usage: ``python scripts/make_bad_inputs.py OUTDIR`` writes the files and
``OUTDIR/catalogue.json``.
"""

from __future__ import annotations

import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

SEED_TEXT = (Path(__file__).resolve().parent.parent / "fixtures" / "zhangdian-2018.txt").read_text("utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    expect: str  # error class name, or "ok"
    words: tuple[str, ...] = ()
    seconds: float = 10.0
    config: dict[str, object] = field(default_factory=dict)
    note: str = ""
    contains: tuple[str, ...] = ()  # an "ok" case's text must contain each of these


def _docx_zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip_bomb() -> bytes:
    """A DOCX whose document.xml unpacks to 1 GiB of whitespace (about 1 MB compressed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document {_W}><w:body>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def _billion_laughs() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": xml.encode()})


def _pdf_text(pages: int = 1, text: str = "Annual report page") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for i in range(pages):
        pdf.add_page()
        pdf.cell(text=f"{text} {i + 1}")
    return bytes(pdf.output())


def _pdf_english() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    rng = random.Random(5)
    words = [
        "the",
        "office",
        "received",
        "requests",
        "and",
        "published",
        "documents",
        "during",
        "the",
        "year",
        "under",
        "review",
    ]
    for _ in range(2):
        pdf.add_page()
        for _ in range(30):
            pdf.cell(text=" ".join(rng.choice(words) for _ in range(12)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_many_pages(n: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(n):
        doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def _pdf_encrypted() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(text="secret report")
    return bytes(pdf.output())


def _png(width: int = 64, height: int = 64) -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(width * 3)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def _pdf_scan(tmp: Path) -> bytes:
    from fpdf import FPDF

    img = tmp / "_scan.png"
    img.write_bytes(_png(200, 280))
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(img), x=10, y=10, w=190)
    img.unlink()
    return bytes(pdf.output())


def _ole_header() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + bytes(random.Random(7).randbytes(3584))


def _many_numbers(n: int) -> str:
    rng = random.Random(3)
    body = "，".join(f"办理{rng.randint(1, 99999)}件" for _ in range(n))
    return "某县人民政府2018年政府信息公开工作年度报告\n一、概述\n" + body + "。\n"


def _many_headings(n: int) -> str:
    lines = ["某县人民政府2018年政府信息公开工作年度报告"]
    for i in range(1, n + 1):
        lines.append(f"{i}.第{i}项工作\n本项工作完成{i}件。")
    return "\n".join(lines) + "\n"


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "generated"


def _docx_body(body_xml: str) -> bytes:
    """A minimal DOCX whose body is ``body_xml`` (WordprocessingML)."""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body_xml}</w:body></w:document>'
    return _docx_zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": xml.encode()})


def _docx_paragraphs(text: str) -> str:
    from xml.sax.saxutils import escape

    return "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines() if line)


def _docx_wide_span() -> bytes:
    cell = (
        '<w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p><w:r><w:t>受理申请</w:t></w:r></w:p></w:tc>'
    )
    row = f"<w:tr>{cell}<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>"
    return _docx_body(_docx_paragraphs(SEED_TEXT[:1500]) + f"<w:tbl>{row * 50}</w:tbl>")


def _docx_many_wide_cells() -> bytes:
    """20,000 cells of gridSpan 1000 in one row: 20 million grid columns if nothing bounds them."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>受</w:t></w:r></w:p></w:tc>'
    table = f"<w:tbl><w:tr>{cell * 20_000}</w:tr><w:tr>{cell}</w:tr></w:tbl>"
    return _docx_body(_docx_paragraphs(SEED_TEXT[:1500]) + table)


def _xlsx() -> bytes:
    ct = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b"</Types>"
    )
    wb = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheets><sheet name="2018" sheetId="1"/></sheets></workbook>'
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>政府信息公开申请</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return _docx_zip({"[Content_Types].xml": ct, "xl/workbook.xml": wb, "xl/worksheets/sheet1.xml": sheet})


def _pdf_broken_xref() -> bytes:
    """A real report PDF whose ``startxref`` offset points at the wrong place (readers rebuild it)."""
    data = (FIXTURES / "standard-2021.pdf").read_bytes()
    at = data.rindex(b"startxref")
    tail = data[at:].split(b"\n")
    tail[1] = b"%d" % (int(tail[1].strip()) // 2)
    return data[:at] + b"\n".join(tail)


def _html_gb2312() -> bytes:
    body = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line)
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>张店区2018年政府信息公开工作年度报告</title></head><body>{body}</body></html>"
    ).encode("gbk")


def _html_table(attrs: str) -> bytes:
    head = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines()[:20] if line)
    rows = f"<tr><td {attrs}>收到申请</td><td>12</td></tr>" + "<tr><td>办结</td><td>10</td></tr>" * 20
    return f"<html><body>{head}<table>{rows}</table></body></html>".encode()


def _long_prose_line(target_bytes: int) -> bytes:
    """Real report prose, its lines joined into one line of about ``target_bytes`` bytes."""
    prose = "".join(line.strip() for line in SEED_TEXT.splitlines())
    unit = prose.encode()
    reps = target_bytes // len(unit) + 1
    return (prose * reps).encode()[: target_bytes - (target_bytes % 3)]


def _json_report() -> bytes:
    import json

    rows = [{"id": i, "title": f"annual report {i}", "year": 2018, "requests": i * 3} for i in range(300)]
    return json.dumps({"items": rows}, indent=1).encode()


BUILDERS: list[tuple[Case, Callable[[Path], bytes]]] = [
    # --- empty and non-text
    (Case("empty.txt", "EmptyDocumentError", ("empty",)), lambda t: b""),
    (Case("empty.pdf", "EmptyDocumentError", ("empty",)), lambda t: b""),
    (
        Case("whitespace.txt", "EmptyDocumentError", ("whitespace",)),
        lambda t: b" \n\t\r\n\xe3\x80\x80 \n" * 50,
    ),
    (Case("noise.txt", "UnsupportedFormatError", ("binary",)), lambda t: random.Random(1).randbytes(20000)),
    (Case("noise.bin", "UnsupportedFormatError", ("binary",)), lambda t: random.Random(2).randbytes(5000)),
    (
        Case("nul-bytes.txt", "UnsupportedFormatError", ("NUL",)),
        lambda t: b"\x00" * 3000 + SEED_TEXT.encode(),
    ),
    (Case("controls.txt", "UnsupportedFormatError", ("control",)), lambda t: bytes(range(1, 9)) * 500),
    (Case("image.pdf", "UnsupportedFormatError", ("PNG",)), lambda t: _png()),
    (Case("photo.docx", "UnsupportedFormatError", ("JPEG",)), lambda t: b"\xff\xd8\xff\xe0" + bytes(2000)),
    (Case("program.txt", "UnsupportedFormatError", ("executable",)), lambda t: b"MZ\x90\x00" + bytes(3000)),
    (Case("archive.pdf", "UnsupportedFormatError", ("gzip",)), lambda t: b"\x1f\x8b\x08" + bytes(500)),
    (
        Case("error-page.pdf", "UnsupportedFormatError", ("not a PDF", "HTML")),
        lambda t: b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>404</body></html>",
    ),
    (
        Case("text.docx", "UnsupportedFormatError", ("not a DOCX",)),
        lambda t: ("text saved as .docx\n" + SEED_TEXT).encode(),  # bytes of its own, not the seed's
    ),
    (Case("wrong-script.txt", "NotAReportError", ("Chinese",)), lambda t: ("Годовой отчёт. " * 400).encode()),
    (
        Case("english.html", "NotAReportError", ("Chinese",)),
        lambda t: b"<html><body><p>" + b"Annual report of the office. " * 100 + b"</p></body></html>",
    ),
    (Case("empty-body.html", "EmptyDocumentError", ("text",)), lambda t: b"<html><body>   </body></html>"),
    # --- PDF
    (Case("truncated.pdf", "CorruptFileError", ("PDF",)), lambda t: _pdf_text(3)[:700]),
    (Case("header-only.pdf", "CorruptFileError", ("PDF",)), lambda t: b"%PDF-1.7\n%%EOF\n"),
    (Case("encrypted.pdf", "EncryptedFileError", ("password",)), lambda t: _pdf_encrypted()),
    (Case("scan.pdf", "NoTextLayerError", ("OCR",)), _pdf_scan),
    (
        Case("pages-2000.pdf", "LimitExceededError", ("max_pages",), seconds=20),
        lambda t: _pdf_many_pages(2000),
    ),
    (Case("english.pdf", "NotAReportError", ("Chinese",)), lambda t: _pdf_english()),
    # --- DOCX
    (Case("not-a-zip.docx", "CorruptFileError", ("DOCX",)), lambda t: b"PK\x03\x04" + bytes(100)),
    (Case("zip-bomb.docx", "LimitExceededError", ("max_unpacked_bytes",), seconds=20), lambda t: _zip_bomb()),
    (
        Case("no-document-xml.docx", "CorruptFileError", ("document.xml",)),
        lambda t: _docx_zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS}),
    ),
    (Case("billion-laughs.docx", "CorruptFileError", ("entit",)), lambda t: _billion_laughs()),
    (Case("ole-garbage.doc", "UnsupportedFormatError", ("OLE", "Word")), lambda t: _ole_header()),
    (Case("ole-garbage.docx", "UnsupportedFormatError", ("OLE",)), lambda t: _ole_header()),
    # --- HTML
    (
        Case("deep.html", "ok|CorruptFileError", (), seconds=20),
        lambda t: (
            "<html><body>"
            + "<div>" * 100_000
            + "某县人民政府2018年政府信息公开工作年度报告。一、概述。办理5件。"
            + "</div>" * 100_000
            + "</body></html>"
        ).encode(),
    ),
    (
        Case("gbk-declared-utf8.html", "ok"),
        lambda t: (
            '<html><head><meta charset="utf-8"></head><body><p>'
            + SEED_TEXT.replace("\n", "</p><p>")
            + "</p></body></html>"
        ).encode("gbk", "replace"),
    ),
    # --- text encodings and sizes
    (Case("gbk.txt", "ok"), lambda t: SEED_TEXT.encode("gbk")),
    (Case("utf16le-bom.txt", "ok"), lambda t: SEED_TEXT.encode("utf-16")),
    (Case("utf16be-nobom.txt", "ok"), lambda t: SEED_TEXT.encode("utf-16-be")),
    (Case("utf8-bom.txt", "ok"), lambda t: b"\xef\xbb\xbf" + SEED_TEXT.encode()),
    (
        Case("mixed-encodings.txt", "ok"),
        lambda t: SEED_TEXT[:3000].encode() + SEED_TEXT[3000:].encode("gbk"),
    ),
    (Case("gbk-named-utf8.utf8.txt", "ok"), lambda t: SEED_TEXT.encode("gb18030")),
    (Case("stray-nul.txt", "ok"), lambda t: SEED_TEXT.replace("。", "。\x00", 3).encode()),
    (Case("line-20mb.txt", "LimitExceededError", ("max_chars",), seconds=20), lambda t: b"1" * 20_000_000),
    (
        Case(
            "too-big.txt",
            "LimitExceededError",
            ("max_input_bytes",),
            config={"limits": {"max_input_bytes": 1000}},
        ),
        lambda t: SEED_TEXT.encode(),
    ),
    (
        Case("slow.txt", "ParseTimeoutError", ("max_seconds",), config={"limits": {"max_seconds": 1e-9}}),
        lambda t: SEED_TEXT.encode(),
    ),
    (Case("numbers-100k.txt", "ok", seconds=60), lambda t: _many_numbers(100_000).encode()),
    (Case("headings-10k.txt", "ok", seconds=30), lambda t: _many_headings(10_000).encode()),
    # --- pathological strings for the extractor and heading patterns
    (
        Case("digits-run.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告。" + "1234567890" * 50_000).encode(),
    ),
    (
        Case("open-brackets.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告《" + "〔2018" * 20_000 + "《" * 20_000).encode(),
    ),
    (
        Case("docno-noise.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告" + "政办发〔〔〔2018〕〕" * 10_000).encode(),
    ),
    (
        Case("yishi-chain.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告。" + "一是二是三是" * 20_000).encode(),
    ),
    (
        Case("cn-numerals.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告" + "一二三四五六七八九十百千万亿" * 10_000 + "件").encode(),
    ),
    (
        Case("percent-run.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告" + "百分之" * 30_000 + "%" * 30_000).encode(),
    ),
    (
        Case("date-run.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告" + "2018年12月" * 20_000 + "日" * 20_000).encode(),
    ),
    (
        Case("image-markers.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告" + "[image: a.png" * 20_000 + "]\n").encode(),
    ),
    (
        Case("page-numbers.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告\n" + "- 1 -\n第 2 页 共 5 页\n" * 20_000).encode(),
    ),
    (
        Case("headings-only.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告\n" + "一、\n（一）\n1.\n（1）\n①\n" * 10_000).encode(),
    ),
    (
        Case("phones.txt", "ok", seconds=20),
        lambda t: (SEED_TEXT + "某县报告电话" + "0533-" * 40_000).encode(),
    ),
    (Case("spaces.txt", "ok", seconds=20), lambda t: (SEED_TEXT + "某县报告" + "政 " * 200_000).encode()),
    # --- more containers, encodings and spans
    (
        Case("document-not-xml.docx", "CorruptFileError", ("document.xml",)),
        lambda t: _docx_zip(
            {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": SEED_TEXT.encode()}
        ),
    ),
    (Case("spreadsheet.docx", "UnsupportedFormatError|CorruptFileError", ("Excel",)), lambda t: _xlsx()),
    (Case("broken-xref.pdf", "ok", seconds=20), lambda t: _pdf_broken_xref()),
    (Case("records.txt", "NotAReportError", ("Chinese",)), lambda t: _json_report()),
    (Case("gb2312-declared.html", "ok"), lambda t: _html_gb2312()),
    (Case("prose-line-4mb.txt", "ok", seconds=90), lambda t: _long_prose_line(4_000_000)),
    (Case("colspan-1e6.html", "ok", seconds=20), lambda t: _html_table('colspan="1000000"')),
    (Case("rowspan-65535.html", "ok", seconds=20), lambda t: _html_table('rowspan="65535"')),
    (Case("gridspan-1e5.docx", "ok", seconds=20), lambda t: _docx_wide_span()),
    (Case("gridspan-many.docx", "ok", seconds=30), lambda t: _docx_many_wide_cells()),
]


# --------------------------------------------------------------------------- second round (#20)

_PROSE = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line)
_MARK = "政府信息公开"  # in the seed text: an "ok" case of the second round must still show it


def _html_charset(label: str, body: str = _PROSE) -> bytes:
    """A UTF-8 page that declares ``label`` as its charset."""
    head = f'<head><meta charset="{label}"><title>年度报告</title></head>'
    return f"<html>{head}<body>{body}</body></html>".encode()


def _html_big5() -> bytes:
    text = (
        "某縣人民政府2018年政府信息公開工作年度報告\n一、總體情況\n"
        "本年度受理政府信息公開申請12件，辦結12件。\n"
    )
    body = "".join(f"<p>{line}</p>" for line in (text * 30).splitlines() if line)
    return f'<html><head><meta charset="big5"></head><body>{body}</body></html>'.encode("big5")


def _long_digits(template: str, digits: str = "9" * 5000) -> bytes:
    return (SEED_TEXT + template.format(digits)).encode()


def _html_table_cell(value: str) -> bytes:
    page = (FIXTURES / "standard-2021.html").read_bytes().decode("gb18030")
    at = page.index("<td>本年制发件数</td>")
    at = page.index("<td>", page.index("</tr>", at)) + 4  # the first cell of the next row
    at = page.index("<td>", at) + 4  # its first number
    end = page.index("</td>", at)
    return (page[:at] + value + page[end:]).encode("gb18030")


def _standard_text(value: str) -> bytes:
    """The 2021 template report as text with one table number replaced by ``value``."""
    text = (FIXTURES / "standard-2021.txt").read_text("utf-8")
    at = text.index("本年制发件数")
    m = re.compile(r"\d+").search(text, text.index("\n", at))
    assert m is not None
    return (text[: m.start()] + value + text[m.end() :]).encode()


def _standard_docx(value: str) -> bytes:
    """The 2021 template DOCX with the first table cell holding a number replaced by ``value``."""
    with zipfile.ZipFile(FIXTURES / "standard-2021.docx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    m = re.compile(r"<w:t>(\d+)</w:t>").search(xml, xml.index("<w:tbl>"))
    assert m is not None
    parts["word/document.xml"] = (xml[: m.start(1)] + value + xml[m.end(1) :]).encode()
    return _docx_zip(parts)


_NUM_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId9" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    b'Target="numbering.xml"/></Relationships>'
)


def _docx_numbered(level: str, paragraphs: int = 30) -> bytes:
    """A DOCX whose paragraphs use list 1, level 0, defined by the ``w:lvl`` children ``level``."""
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}>'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">{level}</w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    num_pr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    item = f"<w:p><w:pPr>{num_pr}</w:pPr><w:r><w:t>{{}}</w:t></w:r></w:p>"
    lines = [line for line in SEED_TEXT.splitlines() if line][:paragraphs]
    body = "".join(item.format(line) for line in lines)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    return _docx_zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/document.xml": xml.encode(),
            "word/_rels/document.xml.rels": _NUM_RELS,
            "word/numbering.xml": numbering.encode(),
        }
    )


def _pdf_tounicode(extra: str) -> bytes:
    """A hand-made PDF whose one font maps its codes to Chinese characters through a ToUnicode
    CMap, plus code 0xFF mapped to the UTF-16 units ``extra`` (hex), shown at the end."""
    import zlib

    lines = [line for line in SEED_TEXT.splitlines() if line.strip()]
    chars: list[str] = []
    shown: list[str] = []
    for line in lines:
        new = [c for c in dict.fromkeys(line) if c not in chars and not c.isspace()]
        if len(chars) + len(new) > 200:
            break
        chars.extend(new)
        shown.append(line)
    code = {c: 0x21 + i for i, c in enumerate(chars)}
    bf = "".join(f"<{code[c]:02X}> <{ord(c):04X}>\n" for c in chars if ord(c) < 0x10000)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{bf.count(chr(10)) + 1} beginbfchar\n{bf}<FF> <{extra}>\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    ops = ["BT /F1 10 Tf 40 800 Td 12 TL"]
    for line in shown:
        hexes = "".join(f"{code[c]:02X}" for c in line if c in code)
        ops.append(f"<{hexes}> Tj T*")
    ops.append("<FFFF41> Tj ET")
    content = zlib.compress("\n".join(ops).encode())
    widths = " ".join(["500"] * 256)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        f"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 0/LastChar 255/Widths[{widths}]"
        "/ToUnicode 6 0 R>>".encode(),
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Length %d>>stream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return _pdf_objects(objects)


def _pdf_objects(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_flate_bomb(megabytes: int = 1024) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of spaces."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    content = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content) + content + b"\nendstream",
    ]
    return _pdf_objects(objects)


def _docx_lying_size(megabytes: int = 1024, declared: int = 4096) -> bytes:
    """A DOCX whose document.xml inflates to ``megabytes`` MB while its ZIP headers say ``declared``."""
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w") as fh:
            fh.write(f'<?xml version="1.0"?><w:document {_W}><w:body>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    data = bytearray(buf.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    central = _central_entry(data, "word/document.xml")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def _docx_method(method: int) -> bytes:
    """A valid DOCX whose document.xml entry claims compression ``method`` (9 = Deflate64)."""
    import struct

    data = bytearray(_docx_body(_docx_paragraphs(SEED_TEXT[:2000])))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    struct.pack_into("<H", data, info.header_offset + 8, method)
    struct.pack_into("<H", data, _central_entry(data, "word/document.xml") + 10, method)
    return bytes(data)


def _central_entry(data: bytearray, name: str) -> int:
    """Offset of the central directory entry of member ``name``."""
    import struct

    eocd = data.rindex(b"PK\x05\x06")
    at = struct.unpack_from("<I", data, eocd + 16)[0]
    while data[at : at + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46 : at + 46 + name_len] == name.encode():
            return at
        at += 46 + name_len + extra_len + comment_len
    raise KeyError(name)


def _docx_altchunk(with_text: bool) -> bytes:
    """A DOCX whose body is an altChunk pointing at an HTML part (as some web exporters write),
    with or without ordinary paragraphs besides it."""
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId5" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
        b'Target="afchunk.htm"/></Relationships>'
    )
    r_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    paragraphs = _docx_paragraphs(SEED_TEXT[:3000]) if with_text else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W} {r_ns}><w:body>'
        f'{paragraphs}<w:altChunk r:id="rId5"/></w:body></w:document>'
    )
    html = f"<html><body>{_PROSE}</body></html>".encode()
    return _docx_zip(
        {
            "[Content_Types].xml": _CT,
            "_rels/.rels": _RELS,
            "word/document.xml": xml.encode(),
            "word/_rels/document.xml.rels": rels,
            "word/afchunk.htm": html,
        }
    )


def _docx_utf16(bom: bool) -> bytes:
    body = _docx_paragraphs(SEED_TEXT[:3000])
    xml = f'<?xml version="1.0" encoding="UTF-16"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    raw = xml.encode("utf-16" if bom else "utf-16-le")
    return _docx_zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": raw})


def _html_nested_chrome(depth: int) -> bytes:
    """``depth`` nested navigation containers, each with a line of text, around the report."""
    opening = "".join(f'<div class="nav-{i % 7}">栏目{i}' for i in range(depth))
    return f"<html><body>{opening}{_PROSE}{'</div>' * depth}</body></html>".encode()


def _html_rowspan_zero(rows: int) -> bytes:
    body = "".join(f'<tr><td rowspan="0">第{i}项</td><td>{i}</td></tr>' for i in range(rows))
    return f"<html><body>{_PROSE}<table>{body}</table></body></html>".encode()


ROUND_TWO: list[tuple[Case, Callable[[Path], bytes]]] = [
    # --- charsets that are no text encoding, and declarations the content contradicts
    *[
        (Case(f"charset-{label}.html", "ok", contains=(_MARK,)), lambda t, label=label: _html_charset(label))
        for label in ("base64", "hex", "rot13", "zip", "bz2", "uu", "undefined", "unicode_escape", "idna")
    ],
    (Case("charset-utf16-lie.html", "ok", contains=(_MARK,)), lambda t: _html_charset("utf-16")),
    (Case("charset-utf32-lie.html", "ok", contains=(_MARK,)), lambda t: _html_charset("UTF-32LE")),
    (Case("charset-unknown-label.html", "ok", contains=(_MARK,)), lambda t: _html_charset("x-klingon")),
    # lookalikes that must keep their (true) declaration
    (Case("charset-utf8-alias.html", "ok", contains=(_MARK,)), lambda t: _html_charset("utf8")),
    (Case("charset-big5-true.html", "ok", contains=("政府信息公開",)), lambda t: _html_big5()),
    (
        Case("charset-gbk-true.html", "ok", contains=(_MARK,)),
        lambda t: _html_charset("gbk").decode().encode("gbk"),
    ),
    # --- numbers longer than Python's int-conversion limit
    (
        Case("digits-5000-yuan.txt", "ok", seconds=20, contains=(_MARK,)),
        lambda t: _long_digits("共收费{}元。"),
    ),
    (Case("digits-5000-items.txt", "ok", seconds=20), lambda t: _long_digits("受理申请{}件。")),
    (Case("digits-5000-percent.txt", "ok", seconds=20), lambda t: _long_digits("办结率{}%。")),
    (Case("digits-5000-year.txt", "ok", seconds=20), lambda t: _long_digits("{}年政府信息公开工作年度报告")),
    (Case("digits-5000-docno.txt", "ok", seconds=20), lambda t: _long_digits("（某政办发〔2018〕{}号）")),
    (
        Case("digits-5000-fullwidth.txt", "ok", seconds=20),
        lambda t: _long_digits("受理申请{}件。", "９" * 5000),
    ),
    (
        Case("digits-5000-decimal.txt", "ok", seconds=20),
        lambda t: _long_digits("支出{}万元。", "1" * 3000 + "." + "5" * 3000),
    ),
    (Case("digits-5000-cell.html", "ok", seconds=20), lambda t: _html_table_cell("7" * 5000)),
    (Case("digits-cell-lookalike.html", "ok", contains=("12345",)), lambda t: _html_table_cell("12345")),
    (Case("digits-5000-standard.txt", "ok", seconds=20), lambda t: _standard_text("9" * 5000)),
    (Case("digits-5000-standard.docx", "ok", seconds=20), lambda t: _standard_docx("8" * 5000)),
    # --- Word numbering with absurd values
    (
        Case("numbering-start-1e30.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            '<w:start w:val="1000000000000000000000000000000"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/>'
        ),
    ),
    (
        Case("numbering-letters-2e9.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            '<w:start w:val="2000000000"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/>'
        ),
    ),
    (
        Case("numbering-roman-1e12.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            '<w:start w:val="1000000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
        ),
    ),
    (
        Case("numbering-lvltext-100k.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            f'<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{"%1" * 100_000}"/>'
        ),
    ),
    (
        Case("numbering-negative.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            '<w:start w:val="-2147483648"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/>'
        ),
    ),
    (
        Case("numbering-digits-9999.docx", "ok", contains=(_MARK,)),
        lambda t: _docx_numbered(
            f'<w:start w:val="{"9" * 9999}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        ),
    ),
    # lookalike: ordinary Chinese list numbering still renders
    (
        Case("numbering-chinese.docx", "ok", contains=("一、", "二、")),
        lambda t: _docx_numbered(
            '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        ),
    ),
    # --- a ToUnicode map to a lone surrogate (the record must still be strict JSON)
    (Case("tounicode-lone-surrogate.pdf", "ok", contains=("年度报告",)), lambda t: _pdf_tounicode("D800")),
    (Case("tounicode-low-surrogate.pdf", "ok"), lambda t: _pdf_tounicode("DC00")),
    (Case("tounicode-pair.pdf", "ok", contains=("\U00020000",)), lambda t: _pdf_tounicode("D840DC00")),
    # --- spans and nesting that cost depth x text or rows x rows
    (Case("rowspan-0-every-row.html", "ok", seconds=10), lambda t: _html_rowspan_zero(3000)),
    (Case("rowspan-0-one-cell.html", "ok", contains=(_MARK,)), lambda t: _html_table('rowspan="0"')),
    (Case("rowspan-negative.html", "ok", contains=(_MARK,)), lambda t: _html_table('rowspan="-5"')),
    (
        Case("chrome-nested-2000.html", "ok", seconds=10, contains=(_MARK,)),
        lambda t: _html_nested_chrome(2000),
    ),
    (Case("chrome-nested-300.html", "ok", contains=(_MARK,)), lambda t: _html_nested_chrome(300)),
    # --- sizes counted while inflating, before the cost
    (
        Case("zip-lying-size.docx", "CorruptFileError", ("declares",), seconds=20),
        lambda t: _docx_lying_size(),
    ),
    (
        Case("pdf-flate-bomb.pdf", "LimitExceededError", ("max_unpacked_bytes", "flate"), seconds=20),
        lambda t: _pdf_flate_bomb(),
    ),
    (
        Case(
            "pdf-flate-lowered.pdf",
            "LimitExceededError",
            ("max_unpacked_bytes",),
            config={"limits": {"max_unpacked_bytes": 1000}},
        ),
        lambda t: (FIXTURES / "standard-2021.pdf").read_bytes(),
    ),
    (Case("deflate64.docx", "UnsupportedFormatError", ("Deflate64",)), lambda t: _docx_method(9)),
    (
        Case("altchunk-only.docx", "UnsupportedFormatError", ("altChunk", "save it again")),
        lambda t: _docx_altchunk(False),
    ),
    (Case("altchunk-and-text.docx", "ok", contains=(_MARK,)), lambda t: _docx_altchunk(True)),
    (
        Case("one-line-50mb.html", "LimitExceededError", ("max_chars", "before parsing"), seconds=20),
        lambda t: b"<html><body><p>" + _long_prose_line(50_000_000) + b"</p></body></html>",
    ),
    (
        Case("whitespace-12mb.html", "ok", seconds=20, contains=(_MARK,)),
        lambda t: f"<html><body>{_PROSE}{' ' * 6_000_000}\n{chr(0x3000) * 3_000_000}</body></html>".encode(),
    ),
    (Case("utf16-document-bom.docx", "ok", contains=(_MARK,)), lambda t: _docx_utf16(bom=True)),
    (Case("utf16-document-nobom.docx", "ok", contains=(_MARK,)), lambda t: _docx_utf16(bom=False)),
]
"""Second round (issue #20): classes the first catalogue missed, with lookalikes that parse."""

BUILDERS.extend(ROUND_TWO)


def build(outdir: Path) -> list[Case]:
    """Write every case into ``outdir`` and return the catalogue."""
    outdir.mkdir(parents=True, exist_ok=True)
    cases = []
    for case, make in BUILDERS:
        (outdir / case.name).write_bytes(make(outdir))
        cases.append(case)
    (outdir / "catalogue.json").write_text(
        json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    built = build(target)
    print(f"wrote {len(built)} cases to {target}")
