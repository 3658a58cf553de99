"""The inline CSS and JavaScript of the review page and the dataset index.

Kept as string constants so every page is one self-contained file: no network,
no CDN, it opens from disk. Fonts come from the system.
"""

from __future__ import annotations

__all__ = [
    "FONT_STACK",
    "INDEX_CSS",
    "KIND_COLORS",
    "PAGE_CSS",
    "PAGE_JS",
    "index_css",
    "kind_css",
    "page_css",
]

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

# Fact kind -> highlight colour (background); unknown kinds use the "other" colour.
KIND_COLORS: dict[str, str] = {
    "quantity": "#ffe58f",
    "percentage": "#b7eb8f",
    "percentage_point": "#d3f5b0",
    "date": "#91d5ff",
    "doc_number": "#ffadd2",
    "citation": "#d3adf7",
    "contact": "#ffd8bf",
    "other": "#e8e8e8",
}

_BASE_CSS = """
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --fail: #cf222e; --pass: #1a7f37; --accent: #0969da; }
* { box-sizing: border-box; }
html { scroll-padding-top: 4rem; }
body { margin: 0; color: var(--fg); background: var(--bg); font-family: %(font)s;
  font-size: 15px; line-height: 1.6; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, mark:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .4rem .8rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.top { padding: .8rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
dl.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; margin: 0; font-size: .9rem; }
dl.meta div { display: flex; gap: .4rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: .88rem; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .5rem; text-align: left;
  vertical-align: top; }
th { background: var(--panel); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); }
.fail { color: var(--fail); }
.pass { color: var(--pass); }
h2 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
"""

PAGE_CSS = (
    _BASE_CSS
    + """
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr) 26rem; align-items: start; }
nav.outline, aside.panel { position: sticky; top: 0; max-height: 100vh; overflow: auto;
  padding: .6rem .8rem; }
nav.outline { border-right: 1px solid var(--line); font-size: .88rem; }
nav.outline ol { list-style: none; margin: 0; padding-left: .9rem; }
nav.outline > ol { padding-left: 0; }
nav.outline li { margin: .15rem 0; }
nav.outline .count { color: var(--muted); font-size: .8rem; }
aside.panel { border-left: 1px solid var(--line); }
main { padding: .6rem 1.4rem 40vh; min-width: 0; }
section.checks { border: 2px solid var(--fail); border-radius: 6px; padding: .4rem .9rem;
  margin: .6rem 0; background: #fff5f5; }
section.checks.none { border-color: var(--line); background: var(--panel); }
section.checks ol { margin: .2rem 0; padding-left: 1.2rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; font-size: .88rem;
  position: sticky; top: 0; background: var(--bg); padding: .4rem 0;
  border-bottom: 1px solid var(--line); z-index: 3; }
.legend .swatch { padding: 0 .3rem; border-radius: 3px; }
#text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 48rem; font-size: 16px;
  line-height: 1.9; }
#text .heading { font-weight: 700; }
mark { background: #e8e8e8; }
mark.fact { position: relative; border-radius: 3px; padding: 0 1px; color: inherit; cursor: help; }
%(kinds)s
mark.fact[data-clipped] { border-bottom: 2px dotted var(--fail); }
mark.fact:hover::after, mark.fact:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: 100%%; z-index: 20; margin-top: 4px;
  white-space: pre; background: #24292f; color: #fff; font-size: 13px; line-height: 1.45;
  padding: .35rem .55rem; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.25); pointer-events: none; }
del.artifact { color: var(--fail); background: #ffebe9; text-decoration: line-through; font-size: .85em; }
del.artifact::before { content: "✂"; text-decoration: none; display: inline-block; margin-right: 2px; }
del.artifact.ws { background: none; color: #cf222e; text-decoration: none; opacity: .6; font-size: .8em; }
del.artifact.ws::before { content: none; }
body.hide-artifacts del.artifact, del.artifact.kind-off { display: none; }
.page-marker { display: inline-block; font-size: .72rem; color: #fff; background: var(--muted);
  border-radius: 3px; padding: 0 .3rem; margin: 0 .2rem; line-height: 1.4; vertical-align: middle;
  white-space: nowrap; }
.sec-anchor { scroll-margin-top: 4rem; }
span.src { border-radius: 3px; }
span.src.target, span.src:target, mark.fact.target { outline: 3px solid var(--fail); outline-offset: 1px; }
.flash { animation: flash 1.6s ease-out 2; }
@keyframes flash { 0%% { background: #ff8182; } 100%% { background: transparent; } }
table.metrics { width: 100%%; table-layout: fixed; }
table.metrics td.name { font-size: .78rem; overflow-wrap: anywhere; }
section.checks li.more { list-style: none; }
details summary { cursor: pointer; }
.table-wrap { overflow-x: auto; max-width: 100%%; }
table.grid td { border: 1px solid var(--line); font-size: .78rem; padding: .1rem .3rem; }
@media (max-width: 1100px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  nav.outline, aside.panel { position: static; max-height: none; border: 0;
  border-bottom: 1px solid var(--line); }
}
@media (prefers-reduced-motion: reduce) { .flash { animation: none; background: #ffd7d5; } }
"""
)

# Clicking a link to a spot in the text scrolls it to the middle of the view,
# marks it (.target + .flash) and moves keyboard focus there.
PAGE_JS = """
(function () {
  "use strict";
  function mark(id, focus) {
    var el = document.getElementById(id);
    if (!el) { return false; }
    document.querySelectorAll(".target").forEach(function (o) { o.classList.remove("target", "flash"); });
    el.classList.add("target");
    void el.offsetWidth;
    el.classList.add("flash");
    el.scrollIntoView({block: "center", inline: "nearest"});
    if (focus) {
      if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
      el.focus({preventScroll: true});
    }
    return true;
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.jump") : null;
    if (!a) { return; }
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (mark(id, true)) {
      ev.preventDefault();
      if (history.replaceState) { history.replaceState(null, "", "#" + encodeURIComponent(id)); }
    }
  });
  var box = document.getElementById("show-artifacts");
  if (box) {
    var sync = function () { document.body.classList.toggle("hide-artifacts", !box.checked); };
    box.addEventListener("change", sync);
    sync();
  }
  document.querySelectorAll("input.artifact-kind").forEach(function (kindBox) {
    var kindSync = function () {
      document.querySelectorAll("del.artifact").forEach(function (d) {
        if (d.getAttribute("data-kind") === kindBox.getAttribute("data-kind")) {
          d.classList.toggle("kind-off", !kindBox.checked);
        }
      });
    };
    kindBox.addEventListener("change", kindSync);
    kindSync();
  });
  if (location.hash.length > 1) { mark(decodeURIComponent(location.hash.slice(1)), false); }
})();
"""

INDEX_CSS = (
    _BASE_CSS
    + """
main { padding: .6rem 1.4rem 3rem; max-width: 80rem; }
table.docs td.title { max-width: 28rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem;
  background: #fff; }
figure.chart figcaption { font-weight: 700; font-size: .9rem; }
svg.chart text { font-family: %(font)s; font-size: 11px; fill: #57606a; }
svg.chart .bar { fill: #0969da; }
svg.chart text.value { fill: #1f2328; font-size: 10px; }
svg.chart a:hover .bar, svg.chart a:focus .bar { fill: #cf222e; }
svg.chart .axis { stroke: #57606a; stroke-width: 1; }
svg.chart .grid { stroke: #d0d7de; stroke-width: 1; stroke-dasharray: 2 3; }
"""
)


def kind_css() -> str:
    """The per-kind highlight rules of the review page.

    >>> ".fact-date {" in kind_css()
    True
    """
    rules = (f".fact-{kind} {{ background: {colour}; }}" for kind, colour in KIND_COLORS.items())
    return "\n".join(rules)


def page_css() -> str:
    """The complete stylesheet of a review page.

    >>> "Noto Sans CJK SC" in page_css()
    True
    """
    return PAGE_CSS % {"font": FONT_STACK, "kinds": kind_css()}


def index_css() -> str:
    """The complete stylesheet of the dataset index.

    >>> "svg.chart" in index_css()
    True
    """
    return INDEX_CSS % {"font": FONT_STACK}
