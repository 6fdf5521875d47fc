"""No injection: hostile text in every field reaches every output as text, never as syntax.

One annotation puts each hostile string in every text field: the article's title, outlet,
author and text, a speaker's name and role, a topic, a statement's text, quote, note and tag.
Each output format is then read by a real parser of that format, which must find the same
statements and relations (nothing added, nothing cut off) and every hostile string as text.
A new exporter must add its reader to ``READERS``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

import networkx as nx
import pytest
from pyld import jsonld

from argmap.drawing import TEXT_LIMIT, render, to_dot
from argmap.export import EXPORTERS, export
from argmap.graph import ArgGraph, build_graph
from argmap.graph import statements as statements_of
from argmap.loader import loads
from argmap.render_options import RenderOptions
from argmap.yamlsource import dump

from .readers import argdown_json, html_parts, mermaid_label, mermaid_parses

HOSTILE: dict[str, str] = {
    "dot": '"]; evil [label="x"]; a -> b; } digraph G {',
    "script": "<script>alert(1)</script>",
    "markup": "<svg onload=alert(1)><b>bold</b></svg> &amp; &lt; <![CDATA[x]]> &#60;i&#62;",
    "formula": "=cmd|' /C calc'!A0",
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "markdown": "[click](javascript:alert(1)) **bold** `code` | pipe # heading <!-- c -->",
    "mermaid": "A-->B; click A call alert(1) %%{init: {}}%% end subgraph",
    "argdown": "[T]: <A>: - <B> + [C] #tag {data: 1} === // comment",
    "lines": "two\nlines, a\ttab and a \u2028 separator",
    "json": '"}, "x": 1, "y": "\\u0000',
    "long": "w" * 20_000,
}
KEYS = list(HOSTILE)


def annotation() -> dict[str, Any]:
    """Every hostile string in every field, each statement countering the one before."""
    statements = []
    for index, (key, text) in enumerate(HOSTILE.items()):
        statement: dict[str, Any] = {
            "id": f"s-{key}",
            "speaker": f"p-{key}",
            "topic": f"t-{key}",
            "kind": "counterclaim" if index else "claim",
            "text": text,
            "quote": text,
            "note": text,
            "tags": [text],
        }
        if index:
            statement["responds_to"] = f"s-{KEYS[index - 1]}"
        statements.append(statement)
    return {
        "article": {
            "title": HOSTILE["script"],
            "outlet": HOSTILE["markup"],
            "author": HOSTILE["dot"],
            "text": "\n\n".join(HOSTILE.values()),
            "note": HOSTILE["formula"],
        },
        "speakers": {f"p-{key}": {"name": text, "role": text} for key, text in HOSTILE.items()},
        "topics": {f"t-{key}": text for key, text in HOSTILE.items()},
        "statements": statements,
    }


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(loads(dump(annotation()), name="hostile.yaml"))


def test_the_hostile_annotation_loads_with_every_quote_anchored(graph: ArgGraph) -> None:
    quotes = [quote for _, data in statements_of(graph) for quote in data["quotes"]]
    assert len(quotes) == len(HOSTILE)
    assert all(q["start"] is not None for q in quotes)


# --- Readers: each returns what a real parser of the format found ------------------------------


class Reading:
    """What a reader found: statements, relations (None where the format has none), and text."""

    def __init__(self, statements: int, relations: int | None, texts: Iterator[str]) -> None:
        self.statements = statements
        self.relations = relations
        self.text = squash(" ".join(texts))


def squash(text: str) -> str:
    """Text without white space: outputs may wrap lines or fold white space, never drop words."""
    return "".join(text.split())


def strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_only_elements(root: ET.Element, namespaces: tuple[str, ...]) -> None:
    """Every element is in the format's namespaces, and no attribute is an event handler."""
    for element in root.iter():
        namespace = element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""
        assert namespace in namespaces, element.tag
        assert element.tag.rsplit("}", 1)[-1] not in {"script", "foreignObject"}
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib


def assert_markup_is_ours(markup: str, allowed: set[str]) -> str:
    """The text of an HTML fragment that holds no element but the exporter's own."""
    tags, attributes, text = html_parts(markup)
    assert tags <= allowed, tags - allowed
    assert not any(name.startswith("on") for name, _ in attributes)
    return text


def read_json(document: str, _: pytest.FixtureRequest) -> Reading:
    annotation = json.loads(document)["annotation"]
    relations = sum(len(s.get("responds_to", ())) for s in annotation["statements"])
    return Reading(len(annotation["statements"]), relations, strings(annotation))


def read_node_link(document: str, _: pytest.FixtureRequest) -> Reading:
    read = nx.node_link_graph(json.loads(document), edges="edges")
    nodes = [d for _, d in read.nodes(data=True) if d["type"] == "statement"]
    edges = [d for *_, d in read.edges(data=True) if d["type"] == "responds"]
    values = [v for d in [*nodes, *edges] for v in strings(d)]
    return Reading(len(nodes), len(edges), iter(values))


def read_aif(document: str, _: pytest.FixtureRequest) -> Reading:
    aif = json.loads(document)
    if "AIF" in aif:  # xAIF: the article is HTML, with a span per locution
        text = assert_markup_is_ours(aif["text"], {"span", "br"})
        aif = {**aif["AIF"], "article": text}
    nodes = aif["nodes"]
    propositions = [n for n in nodes if n["type"] == "I"]
    conflicts = [n for n in nodes if n["type"] == "CA"]
    return Reading(len(propositions), len(conflicts), strings(aif))


def read_argdown(document: str, request: pytest.FixtureRequest) -> Reading:
    cli = request.getfixturevalue("argdown_cli")
    tmp = request.getfixturevalue("tmp_path")
    model = argdown_json(cli, {"hostile": document}, tmp)["hostile"]
    return Reading(len(model["statements"]), len(model["relations"]), strings(model))


def read_graphml(document: str, _: pytest.FixtureRequest) -> Reading:
    assert_only_elements(
        ET.fromstring(document),
        ("http://graphml.graphdrawing.org/xmlns", "http://www.yworks.com/xml/graphml", ""),
    )
    return read_networkx(nx.read_graphml(io.BytesIO(document.encode())))


def read_gexf(document: str, _: pytest.FixtureRequest) -> Reading:
    root = ET.fromstring(document)
    gexf = root.tag[1:].split("}")[0]
    assert_only_elements(root, (gexf, "http://www.gexf.net/1.2draft/viz", ""))
    return read_networkx(nx.read_gexf(io.BytesIO(document.encode())))


def read_networkx(read: nx.Graph[Any]) -> Reading:
    nodes = [d for _, d in read.nodes(data=True) if d.get("type") == "statement"]
    edges = [
        d for *_, d in read.edges(data=True) if d.get("type", d.get("edge_type")) == "responds"
    ]
    values = [str(v) for d in [*nodes, *edges] for v in d.values()]
    return Reading(len(nodes), len(edges), iter(values))


def read_mermaid(document: str, request: pytest.FixtureRequest) -> Reading:
    parser = request.getfixturevalue("mermaid_parser")
    result = mermaid_parses(parser, document, request.getfixturevalue("tmp_path"))
    assert result.returncode == 0, result.stderr
    chart = json.loads(result.stdout)
    assert not any(v["link"] or v["haveCallback"] for v in chart["vertices"])
    labels = [
        assert_markup_is_ours(mermaid_label(item), {"b", "i", "br"})
        for item in [
            *(v["text"] for v in chart["vertices"]),
            *(s["title"] for s in chart["subgraphs"]),
        ]
    ]
    return Reading(len(chart["vertices"]), len(chart["edges"]), iter(labels))


def read_sadface(document: str, _: pytest.FixtureRequest) -> Reading:
    sadface = json.loads(document)
    atoms = [n for n in sadface["nodes"] if n["type"] == "atom"]
    schemes = [n for n in sadface["nodes"] if n["type"] == "scheme"]
    return Reading(len(atoms), len(schemes), strings(sadface))


def _schema_org(url: str, options: Any = None) -> dict[str, Any]:
    """A document loader for pyld: schema.org's context, reduced to its vocabulary (offline)."""
    assert url.rstrip("/") == "https://schema.org"
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": url.rstrip("/") + "/"}},
    }


def read_claimreview(document: str, _: pytest.FixtureRequest) -> Reading:
    # Pasted into a page as JSON-LD, the document must not be able to close its <script>.
    assert "<" not in document
    expanded = jsonld.expand(json.loads(document), {"documentLoader": _schema_org})
    claims = [n for n in expanded if n["@type"] == ["https://schema.org/Claim"]]
    return Reading(len(claims), None, strings(expanded))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(document: str, _: pytest.FixtureRequest) -> Reading:
    rows = list(csv.DictReader(io.StringIO(document, newline="")))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    relations = sum(len(row["relations"].split()) for row in rows)
    # A cell that would start a formula is shown with a leading apostrophe: read it without.
    return Reading(len(rows), relations, (cell.removeprefix("'") for cell in cells))


def read_dot(document: str, _: pytest.FixtureRequest) -> Reading:
    """Graphviz's own parser: ``dot -Tjson`` gives back every node's and edge's attributes."""
    parsed = json.loads(
        subprocess.run(
            ["dot", "-Tjson"], input=document.encode(), capture_output=True, check=True
        ).stdout
    )
    nodes = [o for o in parsed["objects"] if "nodes" not in o and o["name"] != "legend"]
    texts = [
        assert_markup_is_ours(item, {"table", "tr", "td", "font", "b", "i", "br"})
        for item in [
            *(node["label"] for node in nodes),
            *(o["label"] for o in parsed["objects"] if "nodes" in o),
        ]
    ]
    tooltips = [o.get("tooltip", "") for o in [*parsed["objects"], *parsed["edges"]]]
    return Reading(len(nodes), len(parsed["edges"]), iter([*texts, *tooltips]))


def read_svg(document: str, _: pytest.FixtureRequest) -> Reading:
    root = ET.fromstring(document)
    assert_only_elements(root, ("http://www.w3.org/2000/svg",))
    svg = "{http://www.w3.org/2000/svg}"
    groups = list(root.iter(f"{svg}g"))
    nodes = [g for g in groups if g.get("class") == "node" and g.get("id") != "legend"]
    edges = [g for g in groups if g.get("class") == "edge"]
    xlink = "{http://www.w3.org/1999/xlink}"
    assert all(a.get(f"{xlink}href") is None for a in root.iter(f"{svg}a"))
    texts = [t.text or "" for t in root.iter(f"{svg}text")]
    titles = [a.get(f"{xlink}title") or "" for a in root.iter(f"{svg}a")]
    return Reading(len(nodes), len(edges), iter([*texts, *titles]))


Reader = Callable[[str, pytest.FixtureRequest], Reading]
READERS: dict[str, Reader] = {
    "json": read_json,
    "node-link": read_node_link,
    "aif": read_aif,
    "xaif": read_aif,
    "argdown": read_argdown,
    "graphml": read_graphml,
    "gexf": read_gexf,
    "mermaid": read_mermaid,
    "sadface": read_sadface,
    "claimreview": read_claimreview,
    "csv": read_csv,
}
DRAWINGS: dict[str, Reader] = {"dot": read_dot, "svg": read_svg}
"""PNG and PDF are pictures: nothing in them is read as markup, so they are not here."""


def test_every_export_format_has_a_reader_here() -> None:
    assert set(READERS) == set(EXPORTERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_exports_carry_hostile_text_only_as_text(
    graph: ArgGraph, name: str, request: pytest.FixtureRequest
) -> None:
    reading = READERS[name](export(graph, name), request)
    assert reading.statements == len(HOSTILE)
    assert reading.relations in (None, len(HOSTILE) - 1)
    for key, text in HOSTILE.items():
        assert squash(text) in reading.text, key


@pytest.mark.needs_dot
@pytest.mark.parametrize("group_by", ["speaker", "topic", "none"])
@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_maps_carry_hostile_text_only_as_text(
    graph: ArgGraph, name: str, group_by: str, request: pytest.FixtureRequest
) -> None:
    options = RenderOptions(group_by=group_by)  # type: ignore[arg-type]
    document = to_dot(graph, options) if name == "dot" else render(graph, "svg", options).decode()
    reading = DRAWINGS[name](document, request)
    assert reading.statements == len(HOSTILE)
    assert reading.relations == len(HOSTILE) - 1
    for key, text in HOSTILE.items():
        # A box shows the first TEXT_LIMIT characters of a paraphrase; its tooltip, more.
        assert squash(text)[: TEXT_LIMIT - 1] in reading.text, key


# --- Reports ---------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every element with its attributes, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.elements


def no_active_content(found: list[tuple[str, dict[str, str | None]]], scripts: int) -> None:
    assert [tag for tag, _ in found].count("script") == scripts
    for tag, attributes in found:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        for name in ("href", "src", "xlink:href"):
            assert not (attributes.get(name) or "").strip().lower().startswith("javascript:")


@pytest.mark.needs_dot
def test_the_html_report_carries_hostile_text_only_as_text(graph: ArgGraph) -> None:
    from argmap.report import make

    document = make(graph, "html").text.decode("utf-8")
    found = elements(document)
    no_active_content(found, scripts=1)  # the report's own script
    assert [tag for tag, _ in found].count("tr") == len(HOSTILE) + 1  # and the header row
    _, _, text = html_parts(document)
    for key, value in HOSTILE.items():
        assert squash(value) in squash(text), key


def test_the_markdown_report_carries_hostile_text_only_as_text(graph: ArgGraph) -> None:
    from markdown_it import MarkdownIt

    from argmap.report import make

    document = make(graph, "markdown").text.decode("utf-8")  # the map as Mermaid
    rendered = MarkdownIt("commonmark").enable("table").render(document)
    found = elements(rendered)
    no_active_content(found, scripts=0)
    tags = {tag for tag, _ in found}
    assert tags <= {
        "h1",
        "h2",
        "p",
        "pre",
        "code",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "strong",
        "hr",
    }, tags
    assert [tag for tag, _ in found].count("pre") == 1  # the Mermaid block stays one block
    rows = [tag for tag, _ in found].count("tr")
    assert rows == len(HOSTILE) + 1
    _, _, text = html_parts(rendered)
    for key, value in HOSTILE.items():
        assert squash(value) in squash(text), key
