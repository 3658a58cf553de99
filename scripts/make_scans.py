"""Scanned copies of PDFs: what a county office's scanner makes of a printed report.

    python scripts/make_scans.py IN.pdf [IN.pdf ...] -o OUT_DIR [--dpi 150 200 300]

Each page is rasterised in grey at the resolution, turned by a small angle,
blurred, JPEG-compressed (block noise), and a red round seal is pressed over
the last page's signature; the pages are wrapped as an image-only PDF
(Pillow's PDF writer, as many scanner drivers do). A scan's gold is its
source's gold. The functions make the special cases the OCR tests use too: a
page stored sideways with ``/Rotate 90``, a landscape table page, and a text
PDF whose statistics table was replaced by a picture of it.

>>> scan_name(Path("a/huaian-city-2024.pdf"), 150)
'huaian-city-2024.scan150.pdf'
"""

from __future__ import annotations

import argparse
import io
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["half_image_pdf", "scan_name", "scan_pdf", "sideways_pdf"]

#: Debian's CJK font (scripts/system_deps.sh installs it); the seal's ring text needs it
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def scan_name(src: Path, dpi: int) -> str:
    """The file name of a source's scan at a resolution."""
    return f"{src.stem}.scan{dpi}.pdf"


def _render(page: Any, dpi: int) -> Any:
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def _degrade(image: Any, *, angle: float, blur: float, quality: int) -> Any:
    from PIL import Image, ImageFilter

    turned = image.rotate(
        angle, resample=Image.Resampling.BICUBIC, fillcolor=255 if image.mode == "L" else "white"
    )
    soft = turned.filter(ImageFilter.GaussianBlur(blur)) if blur else turned
    buf = io.BytesIO()
    soft.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def _seal(image: Any, centre: tuple[float, float], dpi: int) -> Any:
    """A red round seal (ring, star, ring text) pressed over ``centre`` (multiply blend)."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    rgb = image.convert("RGB")
    radius = int(0.8 * dpi)  # a 4 cm seal
    layer = Image.new("RGB", rgb.size, "white")
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (214, 40, 40)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(3, dpi // 30))
    star = [
        (
            cx + (0.28 if k % 2 == 0 else 0.11) * radius * math.sin(k * math.pi / 5),
            cy - (0.28 if k % 2 == 0 else 0.11) * radius * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    if CJK_FONT.exists():
        font = ImageFont.truetype(str(CJK_FONT), size=max(10, radius // 5))
        text = "政府信息公开专用章"
        for k, ch in enumerate(text):
            a = math.radians(-120 + 240 * k / (len(text) - 1))
            x = cx + 0.72 * radius * math.sin(a)
            y = cy - 0.72 * radius * math.cos(a)
            glyph = Image.new("L", (radius // 4, radius // 4), 0)
            ImageDraw.Draw(glyph).text((0, 0), ch, fill=255, font=font)
            glyph = glyph.rotate(-math.degrees(a), expand=True)
            tint = Image.new("RGB", glyph.size, red)
            layer.paste(tint, (int(x - glyph.width / 2), int(y - glyph.height / 2)), glyph)
    return ImageChops.multiply(rgb, layer)


def _signature_centre(page: Any, dpi: int) -> tuple[float, float]:
    """Where the seal goes: over the last lines of text on the page (the signature and date)."""
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        height = page.get_size()[1]
        boxes = [textpage.get_charbox(i) for i in range(max(0, n - 40), n)]
    finally:
        textpage.close()
    boxes = [b for b in boxes if b[2] > b[0]]
    if not boxes:
        width, height = page.get_size()
        return 0.65 * width * dpi / 72, 0.8 * height * dpi / 72
    x = sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes)
    y = height - sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes)
    return x * dpi / 72, y * dpi / 72


def scan_pdf(
    src: Path,
    dst: Path,
    *,
    dpi: int = 200,
    angle: float | None = None,
    blur: float = 0.6,
    quality: int = 55,
    seal: bool = True,
    seed: int = 7,
) -> Path:
    """An image-only copy of ``src``: grey pages at ``dpi``, turned by ``angle`` degrees
    (a random angle within ±2° per page when ``None``), blurred, JPEG-noisy, sealed."""
    import pypdfium2 as pdfium

    rng = random.Random(f"{src.name}:{dpi}:{seed}")
    doc = pdfium.PdfDocument(str(src))
    images = []
    try:
        last = len(doc) - 1
        for i in range(len(doc)):
            page = doc[i]
            image = _render(page, dpi)
            if seal and i == last:
                image = _seal(image, _signature_centre(page, dpi), dpi)
            turn = angle if angle is not None else rng.uniform(-2.0, 2.0)
            images.append(_degrade(image, angle=turn, blur=blur, quality=quality))
            page.close()
    finally:
        doc.close()
    dst.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return dst


def sideways_pdf(
    src: Path, dst: Path, *, pages: Sequence[int], dpi: int = 200, landscape: bool = False
) -> Path:
    """A scan of the given pages (1-based). ``landscape=False``: each image is stored turned
    a quarter left with ``/Rotate 90`` so that viewers show it upright (what many scanners
    write). ``landscape=True``: each page is laid on a landscape sheet, scaled to fit."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(str(src))
    images = []
    try:
        for number in pages:
            page = doc[number - 1]
            image = _render(page, dpi)
            page.close()
            if landscape:
                sheet = Image.new("L", (round(11.69 * dpi), round(8.27 * dpi)), 255)
                scale = sheet.height / image.height
                fitted = image.resize((round(image.width * scale), sheet.height))
                sheet.paste(fitted, ((sheet.width - fitted.width) // 2, 0))
                images.append(_degrade(sheet, angle=0.0, blur=0.5, quality=60))
            else:
                images.append(_degrade(image.rotate(90, expand=True), angle=0.0, blur=0.5, quality=60))
    finally:
        doc.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    out = pdfium.PdfDocument(buf.getvalue())
    if not landscape:
        for i in range(len(out)):
            out[i].set_rotation(90)
    dst.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(dst))
    out.close()
    return dst


def half_image_pdf(src: Path, dst: Path, *, page: int, dpi: int = 200) -> Path:
    """``src`` with the ruled table on ``page`` (1-based) replaced by a picture of it: the
    text layer stays for the prose, the table's text and rules are gone from it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(str(src))
    target = doc[page - 1]
    width, height = target.get_size()
    rules = [
        obj.get_bounds() for obj in target.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2)
    ]
    rules = [b for b in rules if (b[2] - b[0]) > 0.5 * width or (b[3] - b[1]) > 0.05 * height]
    if not rules:
        raise ValueError(f"page {page} of {src.name} has no ruled table")
    left = min(b[0] for b in rules) - 2
    bottom = min(b[1] for b in rules) - 2
    right = max(b[2] for b in rules) + 2
    top = max(b[3] for b in rules) + 2
    picture = _render(target, dpi).crop(
        (
            round(left * dpi / 72),
            round((height - top) * dpi / 72),
            round(right * dpi / 72),
            round((height - bottom) * dpi / 72),
        )
    )
    for obj in list(target.get_objects(max_depth=1)):
        x0, y0, x1, y1 = obj.get_bounds()
        if left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top:
            target.remove_obj(obj)
    image = pdfium.PdfImage.new(doc)
    bitmap = pdfium.PdfBitmap.from_pil(picture.convert("RGB"))
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(right - left, top - bottom).translate(left, bottom))
    target.insert_obj(image)
    target.gen_content()
    dst.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(dst))
    doc.close()
    return dst


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    args = parser.parse_args(argv)
    for src in args.inputs:
        for dpi in args.dpi:
            print(scan_pdf(src, args.out / scan_name(src, dpi), dpi=dpi))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
