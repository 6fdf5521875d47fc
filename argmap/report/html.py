"""The standalone HTML report: map, key, statement table and the article with its quotes marked.

One file with everything inline (styles, script, the SVG map): it opens from a disk, a mail
attachment or an intranet without network access, and nothing in it is fetched. All text from
the annotation is escaped where it is written; the map is the SVG Graphviz wrote from DOT that
argmap escaped (see :mod:`argmap.drawing`), and the script reads no annotation text, only the
ids in ``data-`` attributes, so nothing an annotation says can run.

Reading aids: clicking (or Enter on) a statement on the map marks its row and brings its quote
into view; clicking a quote marks its statement on the map and its row. The map zooms and pans
(buttons, keys ``+``/``-``/``0``, dragging). The page prints without the controls.
"""

from __future__ import annotations

import re
from html import escape
from typing import Final

from argmap.report.content import Article, Report, Row
from argmap.theme import STATUS_MEANINGS, STATUS_WORDS, THEMES, tint

__all__ = ["to_html"]

_SVG_PROLOGUE: Final = re.compile(r"\A(?:<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|\s)*", re.S)
_DASHES: Final = {"solid": "solid", "dashed": "dashed", "dotted": "dotted"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def to_html(report: Report, svg: bytes, *, language: str | None = None) -> str:
    """Return the report as one HTML document, with ``svg`` (the rendered map) inline."""
    statements = len(report.rows)
    people = len(report.speakers)
    lede = (
        f"{statements} statement{'s' * (statements != 1)} by {people} "
        f"speaker{'s' * (people != 1)}, with who answered whom and how."
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(language or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="argmap">',
        '<link rel="icon" href="data:,">',
        f"<title>{_e(report.title)} — argument map</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#statements">Skip to the statements</a>',
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        *(_article_heading(article) for article in report.articles),
        f'<p class="lede">{_e(lede)}</p>',
        '<nav aria-label="Sections"><ul>'
        '<li><a href="#map">Map</a></li><li><a href="#statements">Statements</a></li>'
        '<li><a href="#article">The article</a></li>'
        '<li><a href="#exchanges">Who answered whom</a></li></ul></nav>',
        "</header>",
        '<main id="main">',
        _map_section(report, svg),
        _table_section(report),
        _article_section(report),
        _exchanges_section(report),
        "</main>",
        "<footer><p>Made with argmap from an annotation of the article. Paraphrases are the "
        "annotator's; quotes are the article's words. Standing (in, out, undecided) follows "
        "grounded semantics over denials, counterclaims and undercuts.</p></footer>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _article_heading(article: Article) -> str:
    lines = []
    if article.byline:
        lines.append(f'<p class="byline">{_e(article.byline)}</p>')
    if article.url:
        lines.append(f'<p class="source"><a href="{_e(article.url)}">{_e(article.url)}</a></p>')
    return "\n".join(lines)


def _map_section(report: Report, svg: bytes) -> str:
    markup = _SVG_PROLOGUE.sub("", svg.decode("utf-8"), count=1)
    label = f"Argument map of {report.title}: the statements are listed in the table below."
    markup = markup.replace(
        "<svg ", f'<svg role="group" aria-label="{_e(label)}" focusable="false" ', 1
    )
    return "\n".join(
        [
            '<section id="map" aria-labelledby="map-title">',
            '<h2 id="map-title">Map</h2>',
            '<div class="controls" role="toolbar" aria-label="Map zoom">'
            '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>'
            '<button type="button" data-zoom="out" aria-label="Zoom out">&#8722;</button>'
            '<button type="button" data-zoom="fit">Fit</button>'
            '<button type="button" data-zoom="actual">100%</button></div>',
            "<figure>",
            f'<div class="viewport" tabindex="0" aria-label="{_e(label)} Scroll or drag to '
            f'pan.">{markup}</div>',
            "<figcaption id='map-help'>Each box is a statement: who said it, what kind it is, the "
            "annotator's "
            "paraphrase and the words quoted. Arrows run from a response to what it answers. "
            "Select a box to find its quote in the article.</figcaption>",
            "</figure>",
            _key(report),
            "</section>",
        ]
    )


def _key(report: Report) -> str:
    """The key to the map, in the map's theme (on the map's dark ground, for ``dark``)."""
    theme = THEMES[report.theme]
    speakers = "".join(
        f'<li><span class="swatch" style="--c:{_e(s.colour)};--f:{_e(tint(s.colour, 0.75))}">'
        f"</span>{_e(s.name)}"
        + (f' <span class="detail">({_e(s.detail)})</span>' if s.detail else "")
        + "</li>"
        for s in report.speakers
    )
    relations = "".join(
        f'<li><span class="line" style="--c:{_e(style.color)};--s:{_DASHES[style.style]}">'
        f"</span>{_e(relation.value)}</li>"
        for relation, style in theme.relations.items()
        if relation.value in report.relations
    )
    statuses = "".join(
        f'<li><span class="swatch" style="--c:#555;--f:{theme.status_fills[word]}"></span>'
        f"{_e(STATUS_WORDS[word])}: {_e(meaning)}</li>"
        for word, meaning in STATUS_MEANINGS.items()
    )
    ground = (
        f' style="background:{theme.background};color:{theme.text}"' if theme.background else ""
    )
    return (
        f'<div class="key{" dark" if theme.dark else ""}" aria-label="Key"{ground}>'
        "<h3>Speakers</h3>"
        f"<ul>{speakers}</ul><h3>Responses</h3><ul>{relations}</ul>"
        f"<h3>Standing</h3><ul>{statuses}</ul></div>"
    )


def _table_section(report: Report) -> str:
    rows = "\n".join(_row(row) for row in report.rows)
    return (
        '<section id="statements" aria-labelledby="statements-title">'
        '<h2 id="statements-title">Statements</h2>'
        '<div class="table"><table><caption>Every statement, in the order of the annotation. '
        "Select a speaker's name to show the statement on the map.</caption><thead><tr>"
        '<th scope="col">Speaker</th><th scope="col">Kind</th><th scope="col">Statement</th>'
        '<th scope="col">Quote</th><th scope="col">Responds to</th>'
        '<th scope="col">Standing</th></tr></thead>'
        f"<tbody>\n{rows}\n</tbody></table></div></section>"
    )


def _row(row: Row) -> str:
    quotes = "".join(
        f'<blockquote class="{speech}">{"“" + _e(text) + "”" if speech == "direct" else _e(text)}'
        f"{'' if speech == 'direct' else ' <span class=detail>(reported)</span>'}</blockquote>"
        for text, speech in row.quotes
    )
    answers = "".join(
        f'<li>{_e(r.relation)} <a href="#row-{_e(r.target)}" data-show="{_e(r.target)}">'
        f"{_e(r.target)}</a></li>"
        for r in row.responds_to
    )
    note = f'<p class="detail">Note: {_e(row.note)}</p>' if row.note else ""
    return (
        f'<tr id="row-{_e(row.id)}" data-statement="{_e(row.id)}">'
        f'<th scope="row"><button type="button" class="who" data-show="{_e(row.id)}" '
        f'style="--c:{_e(row.colour)};--f:{_e(tint(row.colour, 0.75))}">{_e(row.speaker_name)}'
        f'</button><span class="id">{_e(row.id)}</span></th>'
        f"<td>{_e(row.kind)}</td><td>{_e(row.text)}{note}</td><td>{quotes}</td>"
        f"<td>{'<ul>' + answers + '</ul>' if answers else ''}</td>"
        f'<td class="status {_e(row.status)}" title="{_e(row.reason)}">{_e(row.status_word)}'
        f'<span class="detail">{_e(row.reason)}</span></td></tr>'
    )


def _article_section(report: Report) -> str:
    colours = {row.id: row.colour for row in report.rows}
    names = {row.id: row.speaker_name for row in report.rows}
    blocks = []
    for article in report.articles:
        if len(report.articles) > 1:
            blocks.append(f"<h3>{_e(article.title)}</h3>")
        if article.paragraphs is None:
            blocks.append('<p class="detail">The annotation has no text of this article.</p>')
            continue
        for paragraph in article.paragraphs:
            pieces = []
            for passage in paragraph:
                if not passage.statements:
                    pieces.append(_e(passage.text))
                    continue
                first = passage.statements[0]
                who = ", ".join(dict.fromkeys(names[s] for s in passage.statements))
                pieces.append(
                    f'<mark data-statements="{_e(" ".join(passage.statements))}" '
                    f'style="--c:{_e(colours[first])};--f:{_e(tint(colours[first], 0.75))}" '
                    f'tabindex="0" role="button" title="Quoted by {_e(who)}"'
                    f">{_e(passage.text)}</mark>"
                )
            blocks.append(f"<p>{''.join(pieces)}</p>")
    return (
        '<section id="article" aria-labelledby="article-title">'
        '<h2 id="article-title">The article</h2>'
        '<p class="detail" id="article-help">Quoted words are marked in their speaker\'s '
        "colour; select one to show its statement.</p>"
        f"<article>{''.join(blocks)}</article></section>"
    )


def _exchanges_section(report: Report) -> str:
    names = {s.id: s.name for s in report.speakers}
    items = []
    for flow in report.flows:
        verb = "responds to" if flow.relation == "responds" else flow.relation
        target = "each other" if flow.source == flow.target else names[flow.target]
        if flow.source == flow.target:
            verb = f"{verb} (own statements)"
            target = ""
        count = f"{flow.count} time{'s' * (flow.count != 1)}"
        items.append(
            f"<li><b>{_e(names[flow.source])}</b> {_e(verb)} <b>{_e(target)}</b>: {count}</li>"
        )
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No statement answers another.</p>"
    return (
        '<section id="exchanges" aria-labelledby="exchanges-title">'
        f'<h2 id="exchanges-title">Who answered whom</h2>{body}</section>'
    )


_CSS: Final = """
:root{--ink:#1a1a1a;--muted:#555;--rule:#d0d0d0;--accent:#0b5394;font-family:"DejaVu Sans",
system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff;
line-height:1.5}
body{margin:0 auto;max-width:75rem;padding:0 1rem 2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{border-bottom:1px solid var(--rule);margin-bottom:1rem}
h1{font-size:1.6rem;margin:1rem 0 .25rem}h2{font-size:1.3rem;margin-top:2rem}
h3{font-size:1rem;margin:.75rem 0 .25rem}
.byline,.source,.lede,.detail{color:var(--muted)}.detail{font-size:.85em;display:block}
a{color:var(--accent)}
nav ul{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.controls{display:flex;gap:.25rem;margin-bottom:.25rem}
.controls button{min-width:2.5rem;padding:.2rem .6rem;font:inherit;border:1px solid #767676;
background:#f4f4f4;border-radius:4px;cursor:pointer}
figure{margin:0}
.viewport{overflow:auto;max-height:80vh;border:1px solid var(--rule);border-radius:4px;
cursor:grab;background:#fff}
.viewport.dragging{cursor:grabbing}.viewport svg{display:block}
figcaption{color:var(--muted);font-size:.9rem;margin:.25rem 0}
g.node[id^="statement-"]{cursor:pointer}
g.node.selected path,g.node.selected polygon{stroke-width:5px}
g.node.selected{filter:drop-shadow(0 0 6px #0b5394)}
.key{padding:.25rem .75rem;border-radius:4px}
.key.dark .detail{color:#C8C8C8}
.key ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.swatch{display:inline-block;width:1.1em;height:.9em;border:2px solid var(--c);
background:var(--f);vertical-align:middle;margin-right:.35em;border-radius:3px}
.line{display:inline-block;width:2.5em;border-top:3px var(--s) var(--c);vertical-align:middle;
margin-right:.35em}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #999}
tr.selected{background:#fff6cc;outline:3px solid #b8860b}
.who{font:inherit;font-weight:bold;border:2px solid var(--c);background:var(--f);
border-radius:4px;padding:.1rem .4rem;cursor:pointer;color:#000;text-align:left}
.id{display:block;font-size:.75em;color:var(--muted);font-family:monospace}
blockquote{margin:0 0 .25rem;font-style:italic}blockquote.reported{font-style:normal}
td ul{margin:0;padding-left:1rem}
.status.in{color:#0b4f7a}.status.out{color:#8a3200}.status.undecided{color:#555}
article{max-width:46rem;font-size:1.02rem}
mark{background:var(--f);color:#000;border-bottom:2px solid var(--c);padding:0 .1em;
cursor:pointer;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.selected{outline:3px solid #b8860b;background:#fff2a8}
footer{margin-top:3rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem}
@media print{
.controls,nav,.skip,figcaption{display:none}
.viewport{overflow:visible;max-height:none;border:0}
.viewport svg{width:100%!important;height:auto!important}
body{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}
.source a::after{content:""}
}
"""

_SCRIPT: Final = """
(function () {
  "use strict";
  var viewport = document.querySelector("#map .viewport");
  var svg = viewport && viewport.querySelector("svg");
  if (!svg) { return; }
  var box = svg.viewBox.baseVal;
  var natural = { w: box && box.width ? box.width : svg.getBBox().width,
                  h: box && box.height ? box.height : svg.getBBox().height };
  var scale = 1;
  function apply() {
    svg.setAttribute("width", Math.round(natural.w * scale) + "pt");
    svg.setAttribute("height", Math.round(natural.h * scale) + "pt");
  }
  function fit() {
    var width = (viewport.clientWidth - 4) * 0.75;  /* CSS px to pt */
    scale = Math.min(1, width / natural.w);
    apply();
  }
  function zoom(how) {
    if (how === "in") { scale = Math.min(scale * 1.25, 8); }
    else if (how === "out") { scale = Math.max(scale / 1.25, 0.05); }
    else if (how === "actual") { scale = 1; }
    else { fit(); return; }
    apply();
  }
  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { zoom(button.getAttribute("data-zoom")); });
  });
  viewport.addEventListener("keydown", function (event) {
    var keys = { "+": "in", "=": "in", "-": "out", "0": "fit" };
    if (keys[event.key] && event.target === viewport) {
      zoom(keys[event.key]);
      event.preventDefault();
    }
  });
  var drag = null;
  viewport.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || event.target.closest("g.node")) { return; }
    drag = { x: event.clientX, y: event.clientY,
             left: viewport.scrollLeft, top: viewport.scrollTop };
    viewport.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    viewport.scrollLeft = drag.left - (event.clientX - drag.x);
    viewport.scrollTop = drag.top - (event.clientY - drag.y);
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    viewport.classList.remove("dragging");
  });
  fit();

  function node(id) { return document.getElementById("statement-" + id); }
  function marks(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-statements]"),
      function (mark) {
        return mark.getAttribute("data-statements").split(" ").indexOf(id) >= 0;
      });
  }
  function show(id, from) {
    document.querySelectorAll(".selected").forEach(function (element) {
      element.classList.remove("selected");
    });
    var row = document.getElementById("row-" + id);
    var shape = node(id);
    var quoted = marks(id);
    if (row) { row.classList.add("selected"); }
    if (shape) { shape.classList.add("selected"); }
    quoted.forEach(function (mark) { mark.classList.add("selected"); });
    if (from === "map") {
      var target = quoted.length ? quoted[0] : row;
      if (target) { target.scrollIntoView({ block: "center" }); }
    } else if (shape) {
      shape.scrollIntoView({ block: "center", inline: "center" });
    }
  }
  function activate(element, handler) {
    element.addEventListener("click", handler);
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        handler(event);
        event.preventDefault();
      }
    });
  }
  document.querySelectorAll('g.node[id^="statement-"]').forEach(function (shape) {
    var id = shape.id.slice("statement-".length);
    shape.setAttribute("tabindex", "0");
    shape.setAttribute("role", "button");
    /* The box's own words name it (not the DOT node name in its <title>). */
    var words = Array.prototype.map.call(shape.querySelectorAll("text"), function (text) {
      return text.textContent;
    });
    shape.setAttribute("aria-label", words.join(" "));
    shape.setAttribute("aria-describedby", "map-help");
    activate(shape, function () { show(id, "map"); });
  });
  document.querySelectorAll("mark[data-statements]").forEach(function (mark) {
    activate(mark, function () {
      show(mark.getAttribute("data-statements").split(" ")[0], "article");
    });
  });
  document.querySelectorAll("[data-show]").forEach(function (control) {
    control.addEventListener("click", function (event) {
      show(control.getAttribute("data-show"), "table");
      if (control.tagName === "A") { event.preventDefault(); }
    });
  });
})();
"""
