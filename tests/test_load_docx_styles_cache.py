"""DOCX reader: a styles part reused by its exact bytes gives what a fresh parse gives."""

from __future__ import annotations

from govreport_parse.load import docx as docx_reader

from .test_load_docx import ABSTRACT, NUM, make_docx, p, read

_NUMBERED = (
    '<w:style w:type="paragraph" w:styleId="GovH1"><w:name w:val="Gov Heading 1"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
)
_PLAIN = '<w:style w:type="paragraph" w:styleId="GovH1"><w:name w:val="Gov Heading 1"/></w:style>'
_BODY = p("概述", style="GovH1") + p("正文") + p("主动公开", style="GovH1")


def test_second_read_equals_first_and_a_fresh_parse() -> None:
    data = make_docx(_BODY, ABSTRACT, NUM, _NUMBERED)
    docx_reader._STYLES_CACHE.clear()
    first = read(data)
    assert len(docx_reader._STYLES_CACHE) == 1
    second = read(data)
    docx_reader._STYLES_CACHE.clear()
    fresh = read(data)
    assert first.text.split("\n") == ["一、概述", "正文", "二、主动公开"]
    assert first == second == fresh


def test_a_different_styles_part_is_not_confused_with_a_cached_one() -> None:
    numbered = read(make_docx(_BODY, ABSTRACT, NUM, _NUMBERED))
    plain = read(
        make_docx(
            _BODY,
            ABSTRACT,
            NUM,
            _PLAIN + '<w:style w:type="paragraph" w:styleId="X">'
            '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>',
        )
    )
    assert numbered.text.split("\n") == ["一、概述", "正文", "二、主动公开"]
    assert plain.text.split("\n") == ["概述", "正文", "主动公开"]


def test_the_cache_is_bounded() -> None:
    for i in range(docx_reader._STYLES_CACHE_SIZE + 3):
        extra = f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/></w:style>'
        raw = read(make_docx(_BODY, ABSTRACT, NUM, _NUMBERED + extra))
        assert raw.text.split("\n") == ["一、概述", "正文", "二、主动公开"]
    assert len(docx_reader._STYLES_CACHE) <= docx_reader._STYLES_CACHE_SIZE
