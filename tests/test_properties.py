"""Property-based tests over random annotations and random damage to valid files."""

from __future__ import annotations

import datetime
import subprocess
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.anchoring import normalise
from argmap.diagnostics import AnnotationError
from argmap.drawing import to_dot
from argmap.graph import RESPONDS, SAID_BY, build_graph, statements
from argmap.loader import loads
from argmap.model import Kind, Relation
from argmap.render_options import RenderOptions

from .conftest import EXAMPLE

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda t: t.strip())


def relations(target_answers: int) -> list[str]:
    """Relations a response may have: undercuts only a target that answers exactly one."""
    allowed = [r.value for r in Relation if r is not Relation.UNDERCUTS]
    return [*allowed, Relation.UNDERCUTS.value] if target_answers == 1 else allowed


@st.composite
def annotation_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A valid annotation: unique ids, references to declared speakers, topics, statements."""
    speaker_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    topic_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    statement_ids = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    article_words = draw(st.lists(texts, min_size=1, max_size=6))
    article = " . ".join(article_words)
    result_statements = []
    answers: dict[str, int] = {}  # statement id -> how many statements it answers
    for index, statement_id in enumerate(statement_ids):
        earlier = statement_ids[:index]
        kind = draw(st.sampled_from([k.value for k in Kind]))
        targets = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else []
        )
        if kind in ("support", "qualification", "agreement", "answer") and not targets:
            kind = "claim"
        statement: dict[str, Any] = {
            "id": statement_id,
            "speaker": draw(st.sampled_from(speaker_ids)),
            "topic": draw(st.sampled_from(topic_ids)),
            "kind": kind,
            "text": draw(texts),
            "responds_to": [
                {"to": t, "relation": draw(st.sampled_from(relations(answers[t])))}
                if draw(st.booleans())
                else t
                for t in targets
            ],
        }
        answers[statement_id] = len(targets)
        quotable = [w for w in article_words if normalise(w).strip("\"' .")]
        if draw(st.booleans()) and quotable:
            statement["quote"] = draw(st.sampled_from(quotable))
            statement["speech"] = draw(st.sampled_from(["direct", "reported"]))
        if draw(st.booleans()):
            statement["tags"] = draw(st.lists(texts, max_size=2))
        if draw(st.integers(0, 3)) == 0:
            day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
            statement["said_on"] = day.isoformat()
        result_statements.append(statement)
    article_data: dict[str, Any] = {"title": draw(texts), "text": article}
    if draw(st.booleans()):
        article_data["id"] = draw(ids)
    return {
        "article": article_data,
        "speakers": {s: {"name": draw(texts), "group": draw(texts)} for s in speaker_ids},
        "topics": {t: draw(texts) for t in topic_ids},
        "statements": result_statements,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotation_dicts())
def test_random_valid_annotations_load_and_build_a_consistent_graph(data: dict[str, Any]) -> None:
    dispute = loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml")
    graph = build_graph(dispute)
    nodes = list(statements(graph))
    assert len(nodes) == len(data["statements"])
    for node, _ in nodes:
        said_by = [v for _, v, d in graph.out_edges(node, data=True) if d["type"] == SAID_BY]
        assert len(said_by) == 1
    responses = sum(1 for *_, d in graph.edges(data=True) if d["type"] == RESPONDS)
    assert responses == sum(len(s["responds_to"]) for s in data["statements"])
    assert to_dot(graph) == to_dot(build_graph(dispute))


@pytest.mark.needs_dot
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotation_dicts(), st.sampled_from(["speaker", "topic", "none"]))
def test_dot_accepts_the_map_of_any_valid_annotation(data: dict[str, Any], group_by: str) -> None:
    graph = build_graph(loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml"))
    source = to_dot(graph, RenderOptions(group_by=group_by))  # type: ignore[arg-type]
    subprocess.run(["dot", "-Tcanon"], input=source.encode(), capture_output=True, check=True)


EXAMPLE_LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


@st.composite
def damaged_example(draw: st.DrawFn) -> str:
    """The founding example with a few random edits: lines dropped, doubled, or typed into."""
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "insert", "indent", "dedent"]))
        if edit == "drop":
            del lines[index]
        elif edit == "double":
            lines.insert(index, lines[index])
        elif edit == "insert":
            where = draw(st.integers(0, len(lines[index])))
            junk = draw(st.text(alphabet=":-[]{}&*!|>'\"#,? \tx1", min_size=1, max_size=3))
            lines[index] = lines[index][:where] + junk + lines[index][where:]
        elif edit == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index][2:] if lines[index].startswith("  ") else lines[index]
    return "".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_example())
def test_damaged_files_load_or_fail_with_positioned_errors(text: str) -> None:
    try:
        loads(text, name="annotation.yaml", base_dir=EXAMPLE.parent)
    except AnnotationError as exc:
        assert exc.errors
        for diagnostic in exc.diagnostics:
            assert diagnostic.position is not None
            assert diagnostic.position.path == "annotation.yaml"
            assert 1 <= diagnostic.position.line <= text.count("\n") + 2
