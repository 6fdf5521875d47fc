"""The summary's text, Markdown and JSON: golden files, numbers checked against the graph,
determinism, and layout limits."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from argmap.analysis import summarise
from argmap.graph import ArgGraph, build_graph, responses, statements
from argmap.loader import load, loads
from argmap.summary import FORMATS, SHOWN, VERSION, WIDTH, format_summary, summary_data

from .conftest import EXAMPLE, ROOT

EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json"}


@pytest.fixture(scope="module")
def example() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.fixture(scope="module")
def data(example: ArgGraph) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(format_summary(summarise(example), "json"))
    return document


@pytest.mark.parametrize("fmt", FORMATS)
def test_founding_example_matches_golden_file(
    example: ArgGraph, fmt: str, golden: Callable[[str, str], None]
) -> None:
    golden(f"johnson-lavrov.summary.{EXTENSIONS[fmt]}", format_summary(summarise(example), fmt))


def test_unknown_format_is_refused(example: ArgGraph) -> None:
    with pytest.raises(ValueError, match="choose from: text, markdown, json"):
        format_summary(summarise(example), "html")


# --- JSON ------------------------------------------------------------------------------------


def test_json_layout(data: dict[str, Any]) -> None:
    assert list(data) == [
        "version",
        "title",
        "source",
        "counts",
        "attack_relations",
        "speakers",
        "responses",
        "topics",
        "unanswered",
        "contested",
        "rebuttal_chain",
        "concessions",
        "acceptability",
        "statements",
    ]
    assert data["version"] == VERSION == 1
    assert data["source"] == "annotation.yaml"
    assert data["attack_relations"] == ["denies", "counters", "undercuts"]
    assert data["acceptability"] == {
        "semantics": "grounded",
        "in": 24,
        "out": 2,
        "undecided": 0,
        "preferred_limit": 16,
    }


def test_json_counts_agree_with_the_graph(example: ArgGraph, data: dict[str, Any]) -> None:
    nodes = [d for _, d in statements(example)]
    by_speaker = Counter(d["speaker"] for d in nodes)
    assert {s["id"]: s["statements"] for s in data["speakers"]} == by_speaker
    for speaker in data["speakers"]:
        kinds = Counter(d["kind"] for d in nodes if d["speaker"] == speaker["id"])
        assert {k: n for k, n in speaker["kinds"].items() if n} == kinds
        assert set(speaker["topics"]) == {
            d["topic"] for d in nodes if d["speaker"] == speaker["id"]
        }
    by_topic = Counter(d["topic"] for d in nodes)
    assert {t["id"]: t["statements"] for t in data["topics"]} == by_topic

    edges = list(responses(example))
    speaker_of = {node: d["speaker"] for node, d in statements(example)}
    pairs = Counter((e["relation"], speaker_of[u], speaker_of[v]) for u, v, e in edges)
    found = Counter(
        {
            (relation, a, b): count
            for relation, rows in data["responses"].items()
            for a, row in rows.items()
            for b, count in row.items()
        }
    )
    assert found == pairs
    assert data["counts"] == {
        "statements": len(nodes),
        "speakers": 2,
        "topics": 7,
        "responses": len(edges),
        "responses_between_speakers": sum(speaker_of[u] != speaker_of[v] for u, v, _ in edges),
        "attacks": sum(e["relation"] in ("denies", "counters", "undercuts") for _, _, e in edges),
    }
    assert [s["id"] for s in data["statements"]] == [d["id"] for d in nodes]
    answered = Counter(example.nodes[v]["id"] for _, v, _ in edges)
    for topic in data["topics"]:
        for claim in topic["claims"]:
            assert len(claim["answers"]) == answered[claim["statement"]]


def test_json_lists_the_founding_examples_known_facts(data: dict[str, Any]) -> None:
    assert data["contested"][0] == {
        "statement": "johnson-abundant-evidence",
        "attacks": 2,
        "attackers": ["lavrov-few-kopecks", "lavrov-made-it-up"],
    }
    assert data["rebuttal_chain"]["length"] == 2
    assert data["concessions"][0] == {
        "statement": "johnson-relations-worst",
        "speaker": "johnson",
        "relation": None,
        "target": None,
        "target_speaker": None,
    }
    statement = {s["id"]: s for s in data["statements"]}["johnson-rejects-denial"]
    assert statement == {
        "id": "johnson-rejects-denial",
        "speaker": "johnson",
        "topic": "elections",
        "kind": "denial",
        "text": "Lavrov's denial that Russia attempted to interfere in British polls is wrong.",
        "status": "out",
        "reason": "out: attacked by lavrov-afraid-for-reputation, which is in",
        "because": ["lavrov-afraid-for-reputation"],
        "preferred": "none",
    }


def test_json_is_the_same_in_every_process() -> None:
    script = (
        "import sys; from argmap.loader import load; from argmap.graph import build_graph;"
        "from argmap.analysis import summarise; from argmap.summary import format_summary;"
        f"sys.stdout.write(format_summary(summarise(build_graph(load({str(EXAMPLE)!r}))), 'json'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_json_of_a_cycle_says_what_preferred_semantics_decides() -> None:
    summary = summarise(graph_of(CYCLE))
    data = summary_data(summary)
    assert [(s["id"], s["status"], s["preferred"]) for s in data["statements"]] == [
        ("a", "undecided", "some"),
        ("b", "undecided", "some"),
        ("c", "undecided", "none"),
        ("d", "undecided", "none"),
        ("e", "undecided", "none"),
    ]
    assert data["acceptability"]["undecided"] == 5


# --- text and Markdown -------------------------------------------------------------------------

CYCLE = """\
article: {title: Two cycles}
speakers: {ana: {name: Ana}, ben: {name: Ben}}
topics: {t: Taxes}
statements:
  - {id: a, speaker: ana, topic: t, kind: denial, text: Not b., responds_to: b}
  - {id: b, speaker: ben, topic: t, kind: denial, text: Not a., responds_to: a}
  - {id: c, speaker: ana, topic: t, kind: denial, text: Not e., responds_to: e}
  - {id: d, speaker: ben, topic: t, kind: denial, text: Not c., responds_to: c}
  - {id: e, speaker: ana, topic: t, kind: denial, text: Not d., responds_to: d}
"""

HOSTILE = """\
article: {title: "Pipes | and *stars* and <b>tags</b> and $x$"}
speakers:
  ana: {name: "Ana | Alves"}
  ben: {name: Ben_Brown}
topics: {t: "Taxes | rates"}
statements:
  - id: %(long)s
    speaker: ana
    topic: t
    kind: claim
    text: %(text)s
  - {id: s2, speaker: ben, topic: t, kind: denial, text: "No | *never*", responds_to: %(long)s}
"""


def graph_of(text: str) -> ArgGraph:
    return build_graph(loads(text, name="test.yaml"))


def hostile() -> ArgGraph:
    return graph_of(
        HOSTILE
        % {
            "long": "x" * 120,
            "text": "'" + "word|with_pipes " * 20 + ("y" * 150) + "'",
        }
    )


@pytest.mark.parametrize("graph", [pytest.param(None, id="example"), "hostile", "cycle"])
def test_text_lines_fit_in_the_width(example: ArgGraph, graph: str | None) -> None:
    chosen = {None: example, "hostile": hostile(), "cycle": graph_of(CYCLE)}[graph]
    text = format_summary(summarise(chosen), "text")
    assert text.endswith("\n")
    assert max(len(line) for line in text.splitlines()) <= WIDTH


def test_text_explains_undecided_statements_with_preferred_semantics() -> None:
    text = format_summary(summarise(graph_of(CYCLE)), "text")
    assert "undecided a: in a cycle of attacks with b; in some preferred extensions" in text
    assert "undecided c: in a cycle of attacks with d and e; in no preferred extension" in text


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every table row, split at pipes that are not escaped."""
    return [
        re.split(r"(?<!\\)\|", line)[1:-1]
        for line in markdown.splitlines()
        if line.startswith("| ")
    ]


def test_markdown_escapes_text_so_tables_keep_their_columns() -> None:
    markdown = format_summary(summarise(hostile()), "markdown")
    assert markdown.startswith(
        "# Summary: Pipes \\| and \\*stars\\* and \\<b\\>tags\\</b\\> and \\$x\\$\n"
    )
    tables = markdown.split("\n\n")
    for block in tables:
        rows = table_rows(block)
        if rows:
            assert {len(row) for row in rows} == {len(rows[0])}, block
    assert "No \\| \\*never\\*" in markdown


def test_markdown_tables_are_well_formed(example: ArgGraph) -> None:
    markdown = format_summary(summarise(example), "markdown")
    for block in markdown.split("\n\n"):
        rows = table_rows(block)
        if rows:
            assert {len(row) for row in rows} == {len(rows[0])}, block
            assert all(re.fullmatch(r" -{3}:? ", cell) for cell in rows[1])
    headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert headings == [
        "Speakers",
        "Who answered whom",
        "Topics",
        "Unanswered",
        "Most contested",
        "Longest rebuttal chain",
        "Concessions and agreement",
        "Acceptability (grounded semantics)",
    ]


def test_long_contested_lists_are_cut_in_text_but_not_in_json() -> None:
    count = SHOWN + 3
    lines = [
        "article: {title: Many}",
        "speakers: {ana: {name: Ana}, ben: {name: Ben}}",
        "topics: {t: Taxes}",
        "statements:",
    ]
    for i in range(count):
        lines.append(f"  - {{id: c{i}, speaker: ana, topic: t, kind: claim, text: C{i}.}}")
        lines.append(
            f"  - {{id: d{i}, speaker: ben, topic: t, kind: denial, text: D{i}., "
            f"responds_to: c{i}}}"
        )
    summary = summarise(graph_of("\n".join(lines)))
    assert len(summary_data(summary)["contested"]) == count
    for fmt in ("text", "markdown"):
        output = format_summary(summary, fmt)
        assert "… and 3 more contested statements (--format json lists them all)" in output
        assert f"c{SHOWN - 1}" in output


# --- the documentation -------------------------------------------------------------------------


def is_excerpt(part: Any, whole: Any) -> bool:
    """Whether ``part`` is ``whole`` with members left out and lists cut short (in order)."""
    if isinstance(part, dict):
        return (
            isinstance(whole, dict)
            and list(part) == [key for key in whole if key in part]
            and all(is_excerpt(value, whole[key]) for key, value in part.items())
        )
    if isinstance(part, list):
        if not isinstance(whole, list):
            return False
        remaining = iter(whole)
        return all(any(is_excerpt(item, other) for other in remaining) for item in part)
    return bool(part == whole)


def test_the_docs_json_excerpt_is_from_the_real_summary(data: dict[str, Any]) -> None:
    page = (ROOT / "docs" / "summary.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"^```json\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    excerpt = json.loads(block)
    assert is_excerpt(excerpt, data)
    assert not is_excerpt({**excerpt, "version": 2}, data)


def test_the_docs_describe_every_json_member(data: dict[str, Any]) -> None:
    page = (ROOT / "docs" / "summary.md").read_text(encoding="utf-8")
    for member in data:
        assert f"`{member}`" in page, member
    for member in (*data["statements"][0], *data["counts"], *data["acceptability"]):
        assert f"`{member}`" in page, member
