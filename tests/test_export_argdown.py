"""Argdown export: the golden file, what goes where, and Argdown's own parser reading it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.export.argdown import ARGDOWN_TYPE, escape_text, flow, is_simple, to_argdown
from argmap.graph import ArgGraph, build_graph, responses, statements, topics
from argmap.loader import load, loads
from argmap.model import Relation

from .conftest import EXAMPLE
from .readers import argdown_json
from .test_properties import annotation_dicts

TRICKY = """
article:
  title: "Heads === tails: a {test} of // escapes"
  text: |
    Ana said: "Taxes rose by 5.5% (U.S. figures) in 2020:Q1:Q2 [sic]."
    Ben replied === no {they} did not } really #not @all * _ \\ <!-- x --> /* y */ .
speakers:
  ana: {name: Ana (the minister), group: "A) team"}
  ben: {name: Ben}
  ben2: {name: Ben}
topics:
  t1: "Taxes: [draft]"
  t2: {label: Taxes  again, description: "two   spaces"}
  t3: "Taxes: [draft]"
statements:
  - id: s1
    speaker: ana
    topic: t1
    kind: claim
    text: "Taxes rose by 5.5% (U.S. figures) in 2020:Q1:Q2 [sic] #1 @home *x* _y_ a//b a/*b c=== d"
    quote: Taxes rose by 5.5% (U.S. figures) in 2020:Q1:Q2 [sic].
    tags: [claim, "with ) bracket", Ana (the minister), x]
  - id: s2
    speaker: ben
    topic: t2
    kind: denial
    text: "No {they} did not } really\\u2028twice  spaced \\\\ end\\\\"
    quote:
      - {text: "no {they} did not } really", speech: reported}
      - "#not @all * _"
    responds_to: s1
    note: "a note with === and } z and \\u2028 and \\U0001F600"
  - id: s3
    speaker: ben2
    topic: t3
    kind: support
    text: Because.
    responds_to: [s2, {to: s1, relation: qualifies}]
  - id: s4
    speaker: ana
    topic: t1
    kind: counterclaim
    text: That does not follow.
    responds_to:
      - {to: s3, relation: undercuts, link_to: s1}
      - {to: s2, relation: undercuts}
  - id: s5
    speaker: ana
    topic: t2
    kind: agreement
    text: Agreed.
    responds_to: [{to: s4, relation: concedes}, {to: s1, relation: responds}]
"""
"""An annotation with every character Argdown treats specially, in text, tags and data."""


def tricky_graph() -> ArgGraph:
    return build_graph(loads(TRICKY, name="tricky.yaml"))


def example_graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


def body(document: str) -> str:
    """The document after its front matter."""
    return document.split("\n===\n", 1)[1]


def test_the_export_is_deterministic() -> None:
    assert to_argdown(example_graph()) == to_argdown(example_graph())


def test_topics_are_headings_in_topic_order_with_their_statements() -> None:
    document = body(to_argdown(example_graph()))
    headings = [line[2:] for line in document.splitlines() if line.startswith("# ")]
    assert headings == [data["label"] for _, data in topics(example_graph())]
    assert document.index("[lavrov-rebuke]:") < document.index("# The coat exchange")


def test_a_statement_is_its_id_text_speaker_and_kind_tags_and_data() -> None:
    document = to_argdown(example_graph())
    assert (
        "[johnson-rejects-denial]: Lavrov's denial that Russia attempted to interfere in British "
        "polls is wrong. #(Boris Johnson) #denial\n"
        '  {speech: reported, quote: "Mr Johnson rejected Mr Lavrov’s denial"}\n'
        "  -> [lavrov-denies-attempts]\n"
    ) in document
    assert "#(Sergey Lavrov) #counterclaim #ad-hominem\n" in document


def test_relations_are_written_under_the_responder_by_argdown_type() -> None:
    document = body(to_argdown(tricky_graph()))
    s2 = document[document.index("[s2]:") :].split("\n\n")[0]
    s4 = document[document.index("[s4]:") :].split("\n\n")[0]
    s5 = document[document.index("[s5]:") :].split("\n\n")[0]
    assert s2.endswith("\n  -> [s1]")
    assert s4.endswith("\n  _> [s3]\n  _> [s2]")
    # Argdown has no relation for responds: the data keeps every response, in order.
    assert s5.endswith("\n  +> [s4]")
    assert 'responds_to: [{to: "s4", relation: concedes}, {to: "s1", relation: responds}]' in s5


def test_data_is_given_only_for_what_tags_and_text_cannot_say() -> None:
    document = body(to_argdown(tricky_graph()))
    s3 = document[document.index("[s3]:") :].split("\n\n")[0]
    # Two speakers are called Ben: the tag cannot tell which, so the data does.
    assert s3.startswith('[s3]: Because. #Ben #support\n  {speaker: "ben2", responds_to:')
    s1 = document[document.index("[s1]:") :].split("\n\n")[0]
    assert "#(Ana (the minister))" not in s1  # a ")" ends an Argdown tag: the data says it
    assert 'tags: [claim, "with ) bracket", "Ana (the minister)", "x"]' in s1


def test_headings_name_their_topic_when_the_label_cannot() -> None:
    document = body(to_argdown(tricky_graph()))
    assert '# Taxes: \\[draft\\] {topic: "t1"}' in document
    assert '# Taxes again {topic: "t2"}' in document


def test_text_that_argdown_would_read_as_syntax_is_escaped() -> None:
    assert escape_text("a [b] <c> {d} #e @f *g* _h_ \\") == (
        "a \\[b\\] \\<c> \\{d\\} \\#e \\@f \\*g\\* \\_h\\_ \\\\"
    )
    assert escape_text("U.S. e.g. 1.5 x:y:z a//b a/b a/*b a=b a==b") == (
        "U\\.S. e\\.g. 1.5 x\\:y:z a\\//b a/b a\\/\\*b a=b a\\=\\=b"
    )


@pytest.mark.parametrize("text", ["one", "two words", "no  double", " lead", "a\nb", "a\u2028b"])
def test_only_single_spaced_text_is_given_by_the_statement_line(text: str) -> None:
    assert is_simple(text) is (text in ("one", "two words"))


def test_data_strings_escape_what_would_end_argdown_data() -> None:
    written = flow({"note": 'a} b{ "q" \\ \u2028 \u00a0 \U000e0001 \U0001f600'})
    assert written == (
        '{note: "a\\u007d b\\u007b \\"q\\" \\\\ \\u2028 \\u00a0 \\U000e0001 \U0001f600"}'
    )
    assert yaml.safe_load(written) == {"note": 'a} b{ "q" \\ \u2028 \u00a0 \U000e0001 \U0001f600'}


def test_front_matter_with_three_equals_signs_is_written_as_a_flow_mapping() -> None:
    document = to_argdown(tricky_graph())
    front = document.split("\n===\n", 1)[0]
    assert front.startswith("===\n{")
    assert front.count("===") == 1
    assert "\\u003d\\u003d\\u003d" in front


def test_an_annotation_without_topics_still_makes_a_document() -> None:
    graph = build_graph(loads("article: {title: Nothing said}", name="empty.yaml"))
    assert body(to_argdown(graph)) == "\n# Nothing said {topic: null}\n"


# Argdown's own parser --------------------------------------------------------------------------


def assert_argdown_reads_the_graph(model: dict[str, Any], graph: ArgGraph) -> None:
    """Argdown's model has argmap's statements, and its relations with source and target."""
    ids = [data["id"] for _, data in statements(graph)]
    assert sorted(model["statements"]) == sorted(ids)
    assert model["arguments"] == {}
    expected = sorted(
        (graph.nodes[u]["id"], graph.nodes[v]["id"], ARGDOWN_TYPE[Relation(d["relation"])])
        for u, v, d in responses(graph)
        if Relation(d["relation"]) in ARGDOWN_TYPE
    )
    found = sorted((r["from"], r["to"], r["relationType"]) for r in model["relations"])
    assert found == expected
    for _, data in statements(graph):
        members = model["statements"][data["id"]]["members"]
        definition = next(m for m in members if not m.get("isReference"))
        assert definition["text"].strip() == " ".join(data["text"].split())


@pytest.mark.slow
def test_argdown_reads_the_founding_example(argdown_cli: str, tmp_path: Path) -> None:
    graph = example_graph()
    model = argdown_json(argdown_cli, {"johnson-lavrov": to_argdown(graph)}, tmp_path)
    model = model["johnson-lavrov"]
    assert_argdown_reads_the_graph(model, graph)
    assert [s["title"] for s in model["sections"]] == [d["label"] for _, d in topics(graph)]
    evidence = model["statements"]["johnson-abundant-evidence"]["members"][0]
    assert evidence["tags"] == ["Boris Johnson", "counterclaim"]
    assert evidence["data"]["quote"].startswith("Mr Johnson insisted there was “abundant")


@pytest.mark.slow
def test_argdown_reads_special_characters_as_text(argdown_cli: str, tmp_path: Path) -> None:
    graph = tricky_graph()
    model = argdown_json(argdown_cli, {"tricky": to_argdown(graph)}, tmp_path)["tricky"]
    assert_argdown_reads_the_graph(model, graph)
    s2 = next(m for m in model["statements"]["s2"]["members"] if not m.get("isReference"))
    assert s2["data"]["quote"][0]["text"] == "no {they} did not } really"
    assert s2["data"]["note"] == "a note with === and } z and \u2028 and \U0001f600"


@pytest.mark.slow
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(st.lists(annotation_dicts(), min_size=8, max_size=8))
def test_argdown_reads_any_valid_annotation(
    argdown_cli: str, tmp_path_factory: pytest.TempPathFactory, batch: list[dict[str, Any]]
) -> None:
    graphs = {
        f"random{index}": build_graph(loads(yaml.safe_dump(data, allow_unicode=True)))
        for index, data in enumerate(batch)
    }
    documents = {name: to_argdown(graph) for name, graph in graphs.items()}
    models = argdown_json(argdown_cli, documents, tmp_path_factory.mktemp("argdown"))
    for name, graph in graphs.items():
        assert_argdown_reads_the_graph(models[name], graph)
