"""Rendering: golden DOT, escaping of hostile text, the image formats, and dot's failures."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from graphviz import ExecutableNotFound

from argmap.diagnostics import RenderError
from argmap.drawing import render, to_dot
from argmap.graph import ArgGraph, build_graph
from argmap.loader import load, loads
from argmap.render_options import GROUP_BY, RenderOptions, format_for

from .conftest import EXAMPLE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("johnson-lavrov.speaker.dot", RenderOptions()),
        ("johnson-lavrov.topic.dot", RenderOptions(group_by="topic")),
        ("johnson-lavrov.none-group.dot", RenderOptions(group_by="none", color_by="group")),
    ],
)
def test_dot_matches_golden_file(
    graph: ArgGraph, name: str, options: RenderOptions, golden: Callable[[str, str], None]
) -> None:
    golden(name, to_dot(graph, options))


def test_dot_is_deterministic_across_processes_and_hash_seeds() -> None:
    code = (
        "import sys, argmap;"
        f"sys.stdout.write(argmap.to_dot(argmap.build_graph(argmap.load({str(EXAMPLE)!r}))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2")
    }
    assert len(outputs) == 1


def test_every_statement_is_a_node_with_its_tooltip(graph: ArgGraph) -> None:
    dot = to_dot(graph)
    assert dot.count('id="statement-') == 26
    tooltip = (
        'tooltip="Boris Johnson (qualification): Russia did not interfere successfully.'
        '\\n“Not successfully.”"'
    )
    assert tooltip in dot


def test_legend_lists_only_the_relations_used() -> None:
    graph = build_graph(
        loads(
            "article: {title: T}\nspeakers: {a: {name: A}, b: {name: B}}\ntopics: {t: T}\n"
            "statements:\n"
            "  - {id: s1, speaker: a, topic: t, kind: claim, text: X.}\n"
            "  - {id: s2, speaker: b, topic: t, kind: denial, text: Not X., responds_to: s1}\n"
        )
    )
    dot = to_dot(graph)
    assert ">denies<" in dot
    assert ">supports<" not in dot
    assert "legend" not in to_dot(graph, RenderOptions(legend=False))


HOSTILE = (
    '<script>alert(1)</script> & "quotes" \\ back\\slash } ] ; -> -- '
    "<B>bold</B> &amp; bell\nnew line — Лавров «Кремль» Ελληνικά"
)
# Shaped like an HTML-like label, with DOT attributes and a link hidden inside.
LABEL_SHAPED = '<x>, URL="javascript:alert(1)", target=<_top>'


@pytest.mark.needs_dot
def test_label_shaped_text_cannot_inject_attributes_or_links() -> None:
    escaped = LABEL_SHAPED.replace('"', '\\"')
    graph = build_graph(
        loads(
            f'article: {{title: "{escaped}"}}\n'
            f'speakers: {{a: {{name: "{escaped}"}}, b: {{name: "<A>"}}}}\n'
            f'topics: {{t: {{label: "{escaped}", description: "{escaped}"}}}}\n'
            "statements:\n"
            f'  - {{id: s1, speaker: a, topic: t, kind: claim, text: "{escaped}"}}\n'
            '  - {id: s2, speaker: b, topic: t, kind: denial, text: "y <z>", responds_to: s1}\n'
        )
    )
    for group_by in GROUP_BY:
        svg = render(graph, "svg", RenderOptions(group_by=group_by))
        root = ET.fromstring(svg)
        hrefs = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
        assert all(href is None for href in hrefs)


def hostile_graph() -> ArgGraph:
    escaped = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    graph = build_graph(
        loads(
            f'article: {{title: "{escaped}", text: "{escaped}"}}\n'
            f'speakers: {{a: {{name: "{escaped}", role: "{escaped}"}}}}\n'
            f'topics: {{t: "{escaped}"}}\n'
            "statements:\n"
            f'  - {{id: s1, speaker: a, topic: t, kind: claim, text: "{escaped}",'
            f' quote: "{escaped}", note: "{escaped}", tags: ["{escaped}"]}}\n'
            f'  - {{id: s2, speaker: a, topic: t, kind: support, text: "{escaped}",'
            " responds_to: s1}\n"
        )
    )
    # The loader refuses control characters; a graph made another way may still hold one.
    graph.nodes["statement:s1"]["text"] += " \x07\x1b[31m"
    return graph


@pytest.mark.needs_dot
@pytest.mark.parametrize("group_by", ["speaker", "topic", "none"])
def test_hostile_text_is_escaped_and_shown_as_text(group_by: str) -> None:
    graph = hostile_graph()
    options = RenderOptions(group_by=group_by)  # type: ignore[arg-type]
    canon = subprocess.run(
        ["dot", "-Tcanon"], input=to_dot(graph, options).encode(), capture_output=True, check=True
    )
    assert canon.stdout.startswith(b"digraph argmap {")
    svg = render(graph, "svg", options)
    root = ET.fromstring(svg)
    assert root.find(f".//{SVG}script") is None
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts
    assert "Лавров «Кремль» Ελληνικά" in texts
    titles = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG}a")]
    assert any('"quotes"' in t and "<script>" in t for t in titles)


@pytest.mark.needs_dot
@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF-"), ("dot", b"digraph")],
)
def test_render_formats(graph: ArgGraph, fmt: str, magic: bytes) -> None:
    assert render(graph, fmt).startswith(magic)


@pytest.mark.needs_dot
def test_svg_names_both_speakers_and_every_statement(graph: ArgGraph) -> None:
    root = ET.fromstring(render(graph, "svg"))
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {
        f"statement-{d['id']}" for _, d in graph.nodes(data=True) if d["type"] == "statement"
    } <= ids
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Boris Johnson" in texts
    assert "Sergey Lavrov" in texts


@pytest.mark.needs_dot
def test_svg_is_byte_identical_across_runs(graph: ArgGraph) -> None:
    assert render(graph, "svg") == render(build_graph(load(EXAMPLE)), "svg")


def test_missing_dot_gives_an_install_hint(
    graph: ArgGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*args: object, **kwargs: object) -> None:
        raise ExecutableNotFound(["dot"])

    monkeypatch.setattr("argmap.drawing.execute.run_check", missing)
    with pytest.raises(RenderError, match="apt-get install graphviz"):
        render(graph, "svg")


@pytest.mark.needs_dot
def test_dot_running_too_long_is_stopped(graph: ArgGraph) -> None:
    with pytest.raises(RenderError, match=r"took longer than 0\.001 s"):
        render(graph, "svg", RenderOptions(timeout=0.001))


def test_dot_failing_is_reported(graph: ArgGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise subprocess.CalledProcessError(-11, ["dot"], b"", b"Segmentation fault")

    monkeypatch.setattr("argmap.drawing.execute.run_check", crash)
    with pytest.raises(RenderError, match=r"failed \(exit -11\): Segmentation fault"):
        render(graph, "png")


def test_unknown_format_is_refused(graph: ArgGraph) -> None:
    with pytest.raises(ValueError, match="unknown format 'gif'"):
        render(graph, "gif")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("map.svg", "svg"), ("MAP.PNG", "png"), ("a/b.pdf", "pdf"), ("x.gv", "dot"), ("x.txt", None)],
)
def test_format_for(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt
