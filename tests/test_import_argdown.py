"""Argdown import: exact round trips, Argdown's own documents, and malformed ones."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.dispute import Dispute
from argmap.export.argdown import normalise_space, to_argdown
from argmap.graph import ArgGraph, build_graph, responses, speakers, statements, topics
from argmap.importers import FormatError, Imported
from argmap.importers.argdown import read_argdown
from argmap.loader import load, loads
from argmap.yamlsource import dump

from .conftest import EXAMPLE, SHARED, shared_files
from .test_export_argdown import TRICKY
from .test_properties import annotation_dicts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argdown"
SHARED_FILES = sorted(p.name for p in (SHARED / "argdown").glob("*/*.argdown"))
ARGDOWN_JSON = sorted(p.stem for p in (SHARED / "argdown-json").glob("*/*.json"))

REJECTED_BY_ARGDOWN = {
    "lexer-definitions-references.argdown": 2,
    "lexer-lists.argdown": 2,
    "lexer-relations.argdown": 1,
    "lexer-statements-by-number.argdown": 1,
}
"""Argdown's lexer tests that its own parser rejects, and the line of its first error."""

TAG = re.compile(r"#(?:\([^)]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)[ \t]?")
"""Argdown's tag pattern: its JSON keeps tags in the text, argmap takes them out."""


def reload(imported: Imported) -> Dispute:
    """The imported annotation through YAML and argmap's validation, as a user would get it."""
    return loads(dump(imported.annotation), name="imported.yaml")


def summary(graph: ArgGraph) -> dict[str, Any]:
    """Everything the graph says about the dispute."""
    return {
        "graph": {k: v for k, v in graph.graph.items() if k != "source"},
        "speakers": [d for _, d in speakers(graph)],
        "topics": [d for _, d in topics(graph)],
        "statements": [d for _, d in statements(graph)],
        "responses": [
            (graph.nodes[u]["id"], graph.nodes[v]["id"], d) for u, v, d in responses(graph)
        ],
    }


def round_trip(graph: ArgGraph) -> ArgGraph:
    return build_graph(reload(read_argdown(to_argdown(graph), "exported.argdown")))


def imported(text: str, name: str = "doc.argdown") -> tuple[Imported, ArgGraph]:
    result = read_argdown(text, name)
    return result, build_graph(reload(result))


def relations(graph: ArgGraph) -> list[tuple[str, str, str]]:
    return [
        (graph.nodes[u]["id"], graph.nodes[v]["id"], d["relation"]) for u, v, d in responses(graph)
    ]


def statement(graph: ArgGraph, statement_id: str) -> dict[str, Any]:
    return dict(graph.nodes[f"statement:{statement_id}"])


# Round trips ----------------------------------------------------------------------------------


def test_the_founding_example_round_trips_exactly() -> None:
    graph = build_graph(load(EXAMPLE))
    again = round_trip(graph)
    assert summary(again) == summary(graph)
    assert to_argdown(again) == to_argdown(graph)


def test_undercuts_neutral_relations_and_odd_text_round_trip_exactly() -> None:
    graph = build_graph(loads(TRICKY, name="tricky.yaml"))
    again = round_trip(graph)
    assert summary(again) == summary(graph)
    assert ("s4", "s3", "undercuts") in relations(again)
    assert [d["link_to"] for *_, d in responses(again) if d["relation"] == "undercuts"] == [
        "s1",
        "s1",
    ]


def test_the_yaml_of_an_import_round_trips_through_argdown() -> None:
    result = read_argdown(to_argdown(build_graph(load(EXAMPLE))), "johnson-lavrov.argdown")
    yaml_text = dump(result.annotation)
    again = read_argdown(to_argdown(build_graph(loads(yaml_text))), "again.argdown")
    assert dump(again.annotation) == yaml_text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotation_dicts())
def test_any_valid_annotation_round_trips_exactly(data: dict[str, Any]) -> None:
    graph = build_graph(loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml"))
    again = round_trip(graph)
    assert summary(again) == summary(graph)


def test_the_report_accounts_for_an_exported_document() -> None:
    result = read_argdown(to_argdown(build_graph(load(EXAMPLE))), "johnson-lavrov.argdown")
    mapped, skipped = result.report.mapped, result.report.skipped
    assert mapped["statement -> statement"] == 26
    assert mapped["tag -> speaker"] == mapped["tag -> kind"] == 26
    assert mapped["data quote -> quote"] == 26
    assert mapped["heading -> topic (by its label)"] == 7
    assert mapped["reference to a statement -> that statement"] == 8
    assert mapped["relation attack -> counters"] + mapped["relation attack -> denies"] == 5
    assert skipped == Counter(
        ["front matter model: an Argdown setting", "front matter selection: an Argdown setting"]
    )
    assert result.report.notes == []


# Argdown documents from anyone ----------------------------------------------------------------

RELATIONS = """
[P]: Parent.
  + [a]: A supports P.
  - [b]: B attacks P.
  <+ [c]: C supports P.
  <- [d]: D attacks P.
  +> [e]: P supports E.
  -> [f]: P attacks F.
  >< [g]: P contradicts G.
  _> [h]: P undercuts H.
  <_ [i]: I undercuts P.
"""


def test_relations_run_from_their_source_to_their_target() -> None:
    result, graph = imported(RELATIONS)
    assert relations(graph) == [
        ("P", "e", "supports"),
        ("P", "f", "counters"),
        ("P", "g", "denies"),
        ("P", "h", "counters"),
        ("a", "P", "supports"),
        ("b", "P", "counters"),
        ("c", "P", "supports"),
        ("d", "P", "counters"),
        ("i", "P", "undercuts"),
    ]
    kinds = {d["id"]: d["kind"] for _, d in statements(graph)}
    assert kinds == {
        "P": "support",
        "a": "support",
        "b": "counterclaim",
        "c": "support",
        "d": "counterclaim",
        "e": "claim",
        "f": "claim",
        "g": "claim",
        "h": "claim",
        "i": "counterclaim",
    }
    assert [d["link_to"] for *_, d in responses(graph) if d["relation"] == "undercuts"] == ["e"]
    assert (
        "line 10: 'h' answers nothing, so it has no link to undercut: "
        "the undercut is imported as 'counters'"
    ) in result.report.notes
    assert (
        "line 11: 'P' answers several statements: the undercut attacks its link to 'e'"
    ) in result.report.notes


def test_statements_with_one_title_are_one_statement() -> None:
    text = (FIXTURES / "veggie_debate.argdown").read_text(encoding="utf-8")
    result, graph = imported(text, "veggie_debate.argdown")
    assert result.report.mapped["statement -> statement"] == 25
    assert result.report.mapped["argument -> statement"] == 22
    fleisch = statement(graph, "Fleisch-OK")
    assert fleisch["text"] == "Es gibt Fleisch und Tierprodukte, die man essen darf."
    assert fleisch["topic"] == "zentrale-thesen"  # where it is defined, not referred to
    assert len(relations(graph)) == 58


def test_headings_become_topics() -> None:
    text = (FIXTURES / "veggie_debate.argdown").read_text(encoding="utf-8")
    result, graph = imported(text, "veggie_debate.argdown")
    labels = [d["label"] for _, d in topics(graph)]
    assert len(labels) == 13
    assert labels[:2] == ["Zentrale Thesen", "Beziehungen zwischen den zentralen Thesen"]
    assert "Contra @[Strikt-Veggie] und @[Weniger-Fleisch]" in labels
    assert [d["id"] for _, d in topics(graph)][2] == "kulinarische-erwagungen"
    assert "2 headings are nested under others; argmap's topics are not nested" in (
        result.report.notes
    )


def test_statements_outside_headings_get_a_topic_of_their_own() -> None:
    _, graph = imported("[a]: Alone.\n\n# Later\n\n[b]: Under a heading.\n")
    assert statement(graph, "a")["topic"] == "general"
    assert statement(graph, "b")["topic"] == "later"
    assert [d["label"] for _, d in topics(graph)] == ["Later", "Statements outside any heading"]


def test_untitled_statements_and_odd_titles_get_ids() -> None:
    text = "Plain text.\n\n[Statement 1]: Titled.\n  + Untitled reason.\n\n<Über Arg>: Desc.\n"
    _, graph = imported(text)
    ids = [d["id"] for _, d in statements(graph)]
    assert ids == ["untitled-1", "statement-1", "untitled-2", "uber-arg"]


def test_tags_become_tags_and_data_is_reported() -> None:
    result, graph = imported('[a]: Text #pro #(two words) more. {source: "C1", isInMap: false}\n')
    assert statement(graph, "a")["tags"] == ("pro", "two words")
    assert statement(graph, "a")["text"] == "Text more."
    assert result.report.skipped["data source: no argmap field"] == 1
    assert result.report.skipped["data isInMap: no argmap field"] == 1


def test_text_is_what_argdown_makes_of_it() -> None:
    text = "[s]: A **bold** _it_ [link](http://x.org) @[s] :heart: \\[x\\] a // comment\n"
    result, graph = imported(text)
    assert statement(graph, "s")["text"] == "A bold it link @[s] \u2764 [x] a"
    assert result.report.skipped["link: its URL (the link's text is kept)"] == 1
    assert result.report.skipped["comment"] == 1


def test_the_front_matter_gives_the_article() -> None:
    text = "===\ntitle: T\nauthor: [A, B]\ndate: 27/10/2018\ncolor: {colorScheme: x}\n===\n\nS\n"
    result, graph = imported(text)
    assert graph.graph["article"]["title"] == "T"
    assert graph.graph["article"]["author"] == "A, B"
    assert result.report.skipped["front matter date: not a YYYY-MM-DD date"] == 1
    assert result.report.skipped["front matter color: an Argdown setting"] == 1


def test_without_argmap_speakers_everyone_is_unknown() -> None:
    result, graph = imported("[a]: Text.\n")
    assert [d["id"] for _, d in speakers(graph)] == ["unknown"]
    assert result.report.notes[-1] == (
        "1 statement without an argmap speaker (Argdown has none): attributed to speaker 'unknown'"
    )


def test_premise_conclusion_structures_become_noted_statements() -> None:
    text = (FIXTURES / "state-censorship.argdown").read_text(encoding="utf-8")
    result, graph = imported(text, "state-censorship.argdown")
    assert len(list(statements(graph))) == 28 + 7
    assert (
        result.report.skipped[
            "inference of a premise-conclusion structure: argmap has no inferences"
        ]
        == 10
    )
    note = statement(graph, "untitled-1")["note"]
    assert note == "(2), premise of argument <Argument from Freedom of Speech>."
    # As in Argdown's model, the conclusion attacks, not the argument.
    assert ("untitled-3", "Censorship", "counters") in relations(graph)


def test_relations_of_a_reconstructed_argument_are_its_conclusions() -> None:
    text = "[C]: Claim.\n  <+ <A>: Arg.\n\n<A>\n\n(1) P\n----\n(2) [C]\n  -> [D]: Other.\n"
    result, graph = imported(text)
    assert relations(graph) == [("C", "D", "counters")]
    assert (
        result.report.skipped[
            "relation of a reconstructed argument to its own conclusion (what its inference says)"
        ]
        == 1
    )


def test_self_and_second_relations_are_reported() -> None:
    result, graph = imported("[a]: t\n  + [a]\n  - [b]: x\n  + [b]\n")
    assert relations(graph) == [("b", "a", "counters")]
    assert result.report.skipped["support relation of a statement to itself"] == 1
    assert (
        result.report.skipped[
            "support relation between two statements already related that way round "
            "(argmap keeps one response per pair)"
        ]
        == 1
    )


def test_includes_are_reported() -> None:
    result, _ = imported("First.\n\n@include(other.argdown)\n\nSecond.\n")
    assert result.report.skipped["@include: included files are not read"] == 1


@pytest.mark.parametrize(
    ("name", "statement_count", "relation_count"),
    [
        ("legalisation-softdrugs.argdown", 1 + 17, 19),
        ("state-censorship.argdown", 28 + 7, 4),
        ("veggie_debate.argdown", 25 + 22, 58),
    ],
)
def test_argdown_examples_import_as_argdown_reads_them(
    name: str, statement_count: int, relation_count: int
) -> None:
    """The counts of Argdown 1.7.5's JSON export: statements and arguments, and relations."""
    _, graph = imported((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert len(list(statements(graph))) == statement_count
    assert len(relations(graph)) == relation_count


# The shared corpus ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", shared_files(SHARED_FILES))
def test_real_argdown_files_import(shared_data: Path, name: str) -> None:
    path = next((shared_data / "argdown").glob(f"*/{name}"))
    text = path.read_text(encoding="utf-8")
    if name in REJECTED_BY_ARGDOWN:
        with pytest.raises(FormatError, match=rf"^{name}:{REJECTED_BY_ARGDOWN[name]}: "):
            read_argdown(text, name)
        return
    result = read_argdown(text, name)
    reload(result)
    assert result.report.mapped


@pytest.mark.parametrize("stem", shared_files(ARGDOWN_JSON))
def test_real_files_have_the_statements_and_relations_of_argdowns_json(
    shared_data: Path, stem: str
) -> None:
    model = json.loads(next((shared_data / "argdown-json").glob(f"*/{stem}.json")).read_text())
    text = next((shared_data / "argdown").glob(f"*/{stem}.argdown")).read_text(encoding="utf-8")
    assert_like_argdown(text, stem, model)


def assert_like_argdown(text: str, name: str, model: dict[str, Any]) -> None:
    """Argdown's statements and arguments are argmap's statements, with their text and relations.

    Relation types are compared by family: argmap's responses are typed by the statement's
    kind as well, and an undercut of an argument that answers nothing is a ``counters``.
    """
    result, graph = imported(text, name)
    elements = [*model["statements"].values(), *model["arguments"].values()]
    assert len(list(statements(graph))) == len(elements)
    texts = []
    for element in elements:
        written = [m for m in element["members"] if not m.get("isReference")]
        found = [normalise_space(TAG.sub("", m.get("text") or "")) for m in written]
        texts.append(next((t for t in found if t), None))
    mine = Counter(d["text"] for _, d in statements(graph))
    assert all(mine[t] for t in texts if t is not None)
    family = {"support": "support", "entails": "support", "undercut": "undercut"}
    theirs = Counter(family.get(r["relationType"], "attack") for r in model["relations"])
    ours = Counter(
        {"supports": "support", "undercuts": "undercut"}.get(relation, "attack")
        for *_, relation in relations(graph)
    )
    downgraded = sum("imported as 'counters'" in note for note in result.report.notes)
    assert ours + Counter({"undercut": downgraded}) == theirs + Counter({"attack": downgraded})


@pytest.mark.slow
def test_every_file_argdown_accepts_imports_as_argdown_reads_it(
    shared_data: Path, argdown_cli: str, tmp_path: Path
) -> None:
    for path in (shared_data / "argdown").glob("*/*.argdown"):
        shutil.copy(path, tmp_path / path.name)
    subprocess.run(
        [argdown_cli, "json", "*.argdown", "out"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    compared = 0
    for output in sorted((tmp_path / "out").glob("*.json")):
        if output.stem == "include-test":
            continue  # the CLI follows @include; argmap reads one file
        text = (tmp_path / f"{output.stem}.argdown").read_text(encoding="utf-8")
        assert_like_argdown(text, output.name, json.loads(output.read_text(encoding="utf-8")))
        compared += 1
    assert compared >= 15


# Malformed documents -------------------------------------------------------------------------

OWN = "===\nargmap:\n  speakers: {a: {name: Ana}}\n===\n\n# T\n\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the document holds no Argdown statement"),
        ("<!-- only a comment -->\n", 1, "expected a statement, an argument or a heading"),
        ("[a]: ends with a backslash \\\n", 1, "a backslash must be followed"),
        ("[a]: text\n+ [b]\n", 2, "a relation must be indented under the statement"),
        ("[a]: one\n[b]: two\n", 2, "expected an empty line, found a statement '[title]:'"),
        ("# Heading\n[a]: x\n", 2, "expected an empty line"),
        ("[a]: text {x: [1, 2}\n", 1, "data: YAML syntax"),
        ("[a]: **bold that never ends\n", 1, "expected "),
        ("<A>\n\n(1) premise\n(2) no inference\n", 4, "expected an inference line '--'"),
        ("===\ntitle: [unclosed\n===\n\n[a]: text\n", 3, "front matter: YAML syntax"),
        ("===\nargmap: {version: 2}\n===\n\n[a]: x\n", 1, "version 2 is not supported"),
        ("===\nargmap: [1]\n===\n\n[a]: x\n", 1, "argmap must be a mapping"),
        (OWN + "[s]: Text. #(Ana) #claim\n\n[t]: T. {kind: nonsense}\n", 10, "'nonsense' is not"),
        (OWN + '[s]: Text. #claim {speaker: "b"}\n', 8, "statement 's': unknown speaker 'b'"),
        (OWN + "[s]: Text. #(Ana) #claim {quote: Words}\n", 8, "quotes cannot be checked"),
        (
            "<A>: d\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) r\n",
            7,
            "argument <A> has a second premise-conclusion structure",
        ),
    ],
)
def test_malformed_documents_fail_at_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_argdown(text, "bad.argdown")
    assert str(caught.value).startswith(f"bad.argdown:{line}: ")
    assert message in str(caught.value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="[]<>(){}#@*_-+=:.,/\\!'\" \t\n\rabc12é", max_size=60))
def test_any_text_imports_or_fails_with_a_format_error(text: str) -> None:
    try:
        read_argdown(text, "random.argdown")
    except FormatError as exc:
        assert re.match(r"^random\.argdown:\d+: ", str(exc))


EXPORTED_LINES = to_argdown(build_graph(load(EXAMPLE))).splitlines(keepends=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_exports_import_or_fail_with_a_format_error(data: st.DataObject) -> None:
    lines = list(EXPORTED_LINES)
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        junk = data.draw(st.text(alphabet="[]<>{}#@*_-+=:/\\ \nx", min_size=1, max_size=3))
        edits = ["", junk, junk + lines[index], lines[index] * 2]
        lines[index] = data.draw(st.sampled_from(edits))
    try:
        read_argdown("".join(lines), "damaged.argdown")
    except FormatError as exc:
        assert re.match(r"^damaged\.argdown:\d+: ", str(exc))
