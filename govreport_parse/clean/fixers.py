"""The fixers, in the order they run. Each is ``str -> list[Edit]``, pure.

The name of each entry is the artifact kind (unless an edit names its own) and the name to
put in ``config={"clean": {"disabled": [...]}}`` to skip it. The order matters: line breaks
are normalized first, markers and chrome go before page numbers, and every change within a
line goes before line wraps are judged, so that a second cleaning finds nothing more to do.

>>> [name for name, _ in FIXERS]  # doctest: +NORMALIZE_WHITESPACE
['crlf', 'zero_width', 'control_char', 'image_marker', 'crawler_header', 'web_chrome',
 'page_number', 'indentation', 'trailing_space', 'cjk_space', 'blank_lines', 'line_wrap',
 'fake_bold']
"""

from __future__ import annotations

from collections.abc import Callable

from .chars import fix_control_chars, fix_crlf, fix_zero_width
from .glyphs import fix_fake_bold
from .layout import fix_blank_lines, fix_cjk_space, fix_indentation, fix_trailing_space
from .markers import fix_image_markers
from .offsets import Edit
from .pages import fix_page_numbers
from .web import fix_crawler_header, fix_web_chrome
from .wrap import fix_line_wrap

__all__ = [
    "FIXERS",
    "FIXER_NAMES",
    "fix_blank_lines",
    "fix_cjk_space",
    "fix_control_chars",
    "fix_crawler_header",
    "fix_crlf",
    "fix_fake_bold",
    "fix_image_markers",
    "fix_indentation",
    "fix_line_wrap",
    "fix_page_numbers",
    "fix_trailing_space",
    "fix_web_chrome",
    "fix_zero_width",
]

FIXERS: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
    ("crlf", fix_crlf),
    ("zero_width", fix_zero_width),
    ("control_char", fix_control_chars),
    ("image_marker", fix_image_markers),
    ("crawler_header", fix_crawler_header),
    ("web_chrome", fix_web_chrome),
    ("page_number", fix_page_numbers),
    ("indentation", fix_indentation),
    ("trailing_space", fix_trailing_space),
    ("cjk_space", fix_cjk_space),
    ("blank_lines", fix_blank_lines),
    ("line_wrap", fix_line_wrap),
    ("fake_bold", fix_fake_bold),
)

#: The names :class:`~govreport_parse.config.CleanConfig` ``disabled`` accepts.
FIXER_NAMES = frozenset(name for name, _ in FIXERS)
