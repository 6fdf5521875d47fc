"""AIF and xAIF import: exact round trips, real corpora, and malformed files."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from argmap.dispute import Dispute
from argmap.export.aif import EXTENSION, split_name, to_aif
from argmap.export.xaif import to_xaif
from argmap.graph import ArgGraph, build_graph, responses, speakers, statements, topics
from argmap.importers import FormatError, Imported
from argmap.importers.aif import EXTENSION as IMPORTED_EXTENSION
from argmap.importers.aif import read_aif, text_and_spans
from argmap.importers.xaif import read_xaif
from argmap.loader import load, loads
from argmap.model import DEFAULT_RELATION
from argmap.yamlsource import dump

from .conftest import EXAMPLE, SHARED, shared_files
from .test_export_aif import UNDERCUTS
from .test_properties import annotation_dicts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "aif"
SHARED_FILES = sorted(
    str(path.relative_to(SHARED))
    for pattern in ("aif/**/*.json", "xaif/**/*.json")
    for path in SHARED.glob(pattern)
)

Writer = Callable[[ArgGraph], str]
Reader = Callable[[str, str], Imported]
FORMATS = [pytest.param(to_aif, read_aif, id="aif"), pytest.param(to_xaif, read_xaif, id="xaif")]


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


def assert_round_trip(graph: ArgGraph, write: Writer, read: Reader) -> Imported:
    text = write(graph)
    imported = read(text, "dispute.json")
    again = build_graph(reload(imported))
    assert summary(again) == summary(graph)
    assert write(again) == text
    return imported


def strip_extension(text: str) -> str:
    document = json.loads(text)
    del document[EXTENSION]
    return json.dumps(document)


def accounting(document: dict[str, Any], imported: Imported) -> None:
    """Every node, edge, locution and participant is counted once, mapped or skipped."""
    graph = document.get("AIF", document)
    report = imported.report
    lines = Counter[str]()
    for what, count in [*report.mapped.items(), *report.skipped.items()]:
        element = re.match(r"(\S+?)(-node)?\b", what)
        assert element is not None
        lines[element.group(1)] += count
    types = Counter(node["type"] for node in graph["nodes"])
    for kind, count in types.items():
        assert lines[kind] == count, kind
    unique_edges = {(e["fromID"], e["toID"]) for e in graph["edges"]}
    assert lines["edge"] == len(graph["edges"]) >= len(unique_edges)
    assert lines["locution"] == len(graph.get("locutions") or [])
    assert lines["participant"] == len(graph.get("participants") or [])
    assert lines.keys() <= {*types, "edge", "locution", "participant", "quote"}


# --- round trips ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.mark.parametrize(("write", "read"), FORMATS)
def test_the_founding_example_comes_back_exactly(
    graph: ArgGraph, write: Writer, read: Reader
) -> None:
    imported = assert_round_trip(graph, write, read)
    assert imported.annotation["statements"][5] == {
        "id": "johnson-not-successfully",
        "speaker": "johnson",
        "topic": "elections",
        "kind": "qualification",
        "text": "Russia did not interfere successfully.",
        "quote": "Not successfully.",
        "responds_to": ["lavrov-johnson-confirmed"],
        "note": graph.nodes["statement:johnson-not-successfully"]["note"],
    }
    accounting(json.loads(write(graph)), imported)


@pytest.mark.parametrize(("write", "read"), FORMATS)
def test_undercuts_come_back_exactly(write: Writer, read: Reader) -> None:
    assert_round_trip(build_graph(loads(UNDERCUTS)), write, read)


@pytest.mark.parametrize(("write", "read"), FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=annotation_dicts())
def test_any_annotation_comes_back_exactly(
    write: Writer, read: Reader, data: dict[str, Any]
) -> None:
    original = build_graph(loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml"))
    assert_round_trip(original, write, read)


def plain_expectations(graph: ArgGraph) -> set[tuple[int, int, str, int | None]]:
    """The responses plain AIF keeps, by statement position: ``responds`` has no node of its
    own (nor the undercuts of its links), and a conflict is a denial."""
    order = {data["id"]: data["order"] for _, data in statements(graph)}
    kept: set[tuple[int, int, str, int | None]] = set()
    pending = [(graph.nodes[u]["id"], graph.nodes[v]["id"], d) for u, v, d in responses(graph)]
    while True:
        links = {(a, b) for a, b, _, _ in kept}
        progress = False
        for answer, answered, edge in list(pending):
            relation = edge["relation"]
            link = edge["link_to"]
            if relation == "responds":
                pending.remove((answer, answered, edge))
            elif relation != "undercuts" or (order[answered], order[link]) in links:
                relation = "denies" if relation == "counters" else relation
                at = order[link] if relation == "undercuts" else None
                kept.add((order[answer], order[answered], relation, at))
                pending.remove((answer, answered, edge))
                progress = True
        if not progress:
            return kept


def plain_responses(graph: ArgGraph) -> set[tuple[int, int, str, int | None]]:
    order = {data["id"]: data["order"] for _, data in statements(graph)}
    return {
        (
            order[graph.nodes[u]["id"]],
            order[graph.nodes[v]["id"]],
            d["relation"],
            order[d["link_to"]] if d["relation"] == "undercuts" else None,
        )
        for u, v, d in responses(graph)
    }


def assert_plain_import_is_faithful(original: ArgGraph, imported: Imported) -> None:
    """Without argmap's extension: texts, speakers' names and relations still come through."""
    graph = build_graph(reload(imported))
    names = {
        d["id"]: " ".join(part for part in split_name(d["name"]) if part.strip())
        for _, d in speakers(original)
    }
    new_names = {d["id"]: d["name"] for _, d in speakers(graph)}
    old = [d for _, d in statements(original)]
    new = [d for _, d in statements(graph)]
    assert [d["text"] for d in new] == [d["text"] for d in old]
    assert [new_names[d["speaker"]] for d in new] == [names[d["speaker"]] for d in old]
    assert plain_responses(graph) == plain_expectations(original)


@pytest.mark.parametrize(("write", "read"), FORMATS)
def test_plain_aif_of_the_founding_example_keeps_the_dispute(
    graph: ArgGraph, write: Writer, read: Reader
) -> None:
    imported = read(strip_extension(write(graph)), "johnson-lavrov.json")
    assert_plain_import_is_faithful(graph, imported)
    statements = imported.annotation["statements"]
    assert statements[5]["quote"] == "Not successfully."
    assert statements[2]["speech"] == "reported" if read is read_xaif else True
    assert imported.annotation["speakers"] == {
        "boris-johnson": {"name": "Boris Johnson"},
        "sergey-lavrov": {"name": "Sergey Lavrov"},
    }


@pytest.mark.parametrize(("write", "read"), FORMATS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=annotation_dicts())
def test_plain_aif_of_any_annotation_keeps_the_dispute(
    write: Writer, read: Reader, data: dict[str, Any]
) -> None:
    original = build_graph(loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml"))
    assert_plain_import_is_faithful(original, read(strip_extension(write(original)), "r.json"))


def test_the_structure_wins_over_the_extension_where_they_disagree(graph: ArgGraph) -> None:
    document = json.loads(to_aif(graph))
    nodes = {node["nodeID"]: node for node in document["nodes"]}
    ext = document[EXTENSION]["nodes"]
    # An analyst removes one conflict in OVA and rewrites one proposition.
    (conflict,) = (
        n for n, d in ext.items() if d.get("response", {}).get("from") == "lavrov-few-kopecks"
    )
    document["nodes"].remove(nodes[conflict])
    document["edges"] = [e for e in document["edges"] if conflict not in (e["fromID"], e["toID"])]
    (proposition,) = (n for n, d in ext.items() if d.get("statement") == "lavrov-rebuke")
    nodes[proposition]["text"] = "Johnson should keep differences private."
    imported = read_aif(json.dumps(document), "edited.json")
    by_id = {s["id"]: s for s in reload(imported).annotation.model_dump()["statements"]}
    assert by_id["lavrov-few-kopecks"]["responds_to"] == ()
    assert by_id["lavrov-few-kopecks"]["kind"] == "counterclaim"  # from the extension
    assert by_id["lavrov-rebuke"]["text"] == "Johnson should keep differences private."


def test_extension_quotes_missing_from_an_edited_text_are_reported(graph: ArgGraph) -> None:
    document = json.loads(to_xaif(graph))
    document["text"] = document["text"].replace("Not successfully", "Not at all")
    imported = read_xaif(json.dumps(document), "edited.json")
    reload(imported)
    assert imported.report.skipped["quote (argmap extension): not in the article text"] == 1


# --- real corpora -----------------------------------------------------------------------------


@pytest.mark.parametrize("relative", shared_files(SHARED_FILES))
def test_every_shared_aif_file_imports_and_validates(shared_data: Path, relative: str) -> None:
    path = shared_data / relative
    text = path.read_text(encoding="utf-8")
    read = read_xaif if relative.startswith("xaif/") else read_aif
    imported = read(text, path.name)
    dispute = reload(imported)
    document = json.loads(text)
    accounting(document, imported)
    graph = document.get("AIF", document)
    assert len(dispute.statements) == sum(
        1 for node in graph["nodes"] if node["type"] == "I" and node["text"].strip()
    )
    assert imported.report.format == ("xaif" if "AIF" in document else "aif")


def test_nodeset10420_is_utf8_and_its_source_text_is_windows_1252(shared_data: Path) -> None:
    folder = shared_data / "aif" / "us2016"
    data = (folder / "nodeset10420.json").read_bytes()
    data.decode("utf-8")  # the JSON is valid UTF-8
    source = (folder / "nodeset10420.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        source.decode("utf-8")
    html = source.decode("cp1252")  # byte 0x92 is cp1252's right single quotation mark
    assert "shouldn\u2019t be marginalized" in html
    imported = read_aif(data.decode("utf-8"), "nodeset10420.json", source_text=html)
    dispute = reload(imported)
    quoted = [s for s in dispute.statements if s.quote]
    assert len(quoted) > 70
    assert dispute.article_text is not None
    assert dispute.article_text.lstrip().startswith("jessigorawr \nIn terms of gay marriage")


def test_ova_xaif_keeps_participants_quotes_and_inference() -> None:
    imported = read_xaif((FIXTURES / "xaif.json").read_text(encoding="utf-8"), "xaif.json")
    annotation = imported.annotation
    assert annotation["article"] == {"title": "xaif", "text": "A because B\n"}
    assert annotation["speakers"] == {"participant-rachel": {"name": "Participant Rachel"}}
    assert annotation["statements"] == [
        {
            "id": "i2_164926129380455983",
            "speaker": "participant-rachel",
            "topic": "imported",
            "kind": "claim",
            "text": "A",
            "quote": "A",
        },
        {
            "id": "i15_164926162804546033",
            "speaker": "participant-rachel",
            "topic": "imported",
            "kind": "support",
            "text": "B",
            "quote": "B",
            "responds_to": ["i2_164926129380455983"],
        },
    ]
    assert imported.report.skipped["L-node: annotator's analysing locution"] == 2
    reload(imported)


def test_aifdb_nodeset_with_speakers_in_the_locution_text() -> None:
    text = (FIXTURES / "6064-original.json").read_text(encoding="utf-8")
    imported = read_aif(text, "6064-original.json")
    annotation = reload(imported).annotation
    assert {s.name for s in annotation.speakers.values()} == {"CL", "NL"}
    kinds = Counter(str(s.kind) for s in annotation.statements)
    # Two premises are conceded (Popular Conceding), not asserted: concessions that support.
    assert kinds == {"claim": 4, "support": 2, "concession": 2, "question": 1}
    (question,) = (s for s in annotation.statements if s.kind == "question")
    assert question.text == "McMillan was / was not wrong"
    assert [q.text for q in question.quote] == ["Was he wrong"]
    assert imported.report.skipped["L-node: annotator's copy of another locution"] == 7
    assert "locutions" in (annotation.article.note or "")
    accounting(json.loads(text), imported)


def test_araucaria_says_convention_and_undercut_of_a_conflict(shared_data: Path) -> None:
    araucaria = read_aif(
        (shared_data / "aif/araucaria/nodeset27.json").read_text(encoding="utf-8"),
        "nodeset27.json",
    )
    names = {s["name"] for s in araucaria.annotation["speakers"].values()}
    assert names == {"VCBrown", "Speaker"}
    microtexts = read_aif(
        (shared_data / "aif/microtexts/nodeset6361.json").read_text(encoding="utf-8"),
        "nodeset6361.json",
    )
    undercuts = [
        (statement.id, response.to, response.link_to)
        for statement in reload(microtexts).annotation.statements
        for response in statement.responds_to
        if response.relation == "undercuts"
    ]
    # "But still Germany produces way too much rubbish" and "and too many resources are
    # lost", together, attack the objection "Yes, it's annoying…" -> "We Berliners should…".
    assert undercuts == [
        ("i119929", "i119927", "i119931"),
        ("i119930", "i119927", "i119931"),
    ]


# --- OVA's HTML -------------------------------------------------------------------------------


def test_ova_html_becomes_plain_text_with_spans() -> None:
    html = (
        "Fiona<br>[0:09:56] So <span class='highlighted' id='node2_1'>you &amp; me"
        '<span id="node3">?</span></span><BR/>&nbsp;<p>x</p><span id="node4">open'
    )
    text, spans = text_and_spans(html)
    assert text == "Fiona\n[0:09:56] So you & me?\n\u00a0x\nopen"
    assert spans == {"3": (27, 28), "2_1": (19, 28), "4": (32, 36)}


# --- malformed files --------------------------------------------------------------------------

MALFORMED = [
    ('{"nodes": [', r"^bad\.json: line 1, column 12: not valid JSON \(Expecting value\)$"),
    ("[]", r"^bad\.json: the file: expected an object, got a list$"),
    ("{}", r"^bad\.json: the file: not AIF: it has no 'nodes' list"),
    ('{"nodes": {}, "edges": []}', r"^bad\.json: nodes: expected a list, got an object$"),
    ('{"nodes": []}', r"^bad\.json: the file: not AIF: it has 'nodes' but no 'edges' list$"),
    (
        '{"nodes": [{"nodeID": ["1"], "type": "I", "text": "a"}], "edges": []}',
        r"^bad\.json: nodes\[0\]\.nodeID: expected an id \(a string or a whole number\), "
        r"got a list$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": 3, "text": "a"}], "edges": []}',
        r"^bad\.json: nodes\[0\]\.type: expected a node type, got a number$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": {"a": 1}}], "edges": []}',
        r"^bad\.json: nodes\[0\]\.text: expected text, got an object$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"},'
        ' {"nodeID": 1, "type": "I", "text": "b"}], "edges": []}',
        r"^bad\.json: nodes\[1\]: duplicate nodeID '1' \(also nodes\[0\]\)$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}],'
        ' "edges": [{"edgeID": "9", "fromID": "1", "toID": "2"}]}',
        r"^bad\.json: edges\[0\]\.toID: '2' names no node$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}],'
        ' "edges": [{"edgeID": "9", "fromID": "1", "toID": "1"}]}',
        r"^bad\.json: edges\[0\]: the edge goes from node '1' to itself$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}, {"nodeID": "2", "type": "I",'
        ' "text": "b"}], "edges": [{"edgeID": "9", "fromID": "1", "toID": "2"},'
        ' {"edgeID": "9", "fromID": "2", "toID": "1"}]}',
        r"^bad\.json: edges\[1\]: duplicate edgeID '9' \(also edges\[0\]\)$",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "CA"}, {"nodeID": "2", "type": "CA"}],'
        ' "edges": [{"fromID": "1", "toID": "2"}, {"fromID": "2", "toID": "1"}]}',
        r"^bad\.json: edges: scheme nodes form a cycle: 1 -> 2 -> 1$",
    ),
    (
        '{"nodes": [], "edges": [], "locutions": [{"nodeID": true}]}',
        r"^bad\.json: locutions\[0\]\.nodeID: expected an id .*got a boolean$",
    ),
    (
        '{"AIF": {"nodes": [], "edges": []}, "text": 5}',
        r"^bad\.json: text: expected the analysed text as HTML, got a number$",
    ),
    (
        '{"nodes": [], "edges": [], "argmap": {"nodes": {"1": {"statement": "s", "kind": "x"}}}}',
        r"^bad\.json: argmap\.nodes\.1\.kind: 'x' is not one of: claim, denial, ",
    ),
    (
        '{"nodes": [], "edges": [], "argmap": {"speakers": {"a b": {"name": "A"}}}}',
        r'^bad\.json: argmap\.speakers\.a b: "a b" is not an argmap id$',
    ),
    (
        '{"nodes": [], "edges": [], "argmap": {"speakers": {"a": {"name": "A", "x": 1}}}}',
        r"^bad\.json: argmap\.speakers\.a\.x: not a field argmap knows$",
    ),
    ("[" * 100_000, r"^bad\.json: the JSON is nested too deeply to read$"),
]


@pytest.mark.parametrize(("read"), [read_aif, read_xaif])
@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_malformed_files_raise_a_format_error_naming_the_element(
    read: Reader, text: str, message: str
) -> None:
    with pytest.raises(FormatError, match=message):
        read(text, "bad.json")


def test_the_extension_key_is_the_exporters() -> None:
    assert IMPORTED_EXTENSION == EXTENSION


def test_the_report_reads_as_lines(graph: ArgGraph) -> None:
    lines = read_aif(to_aif(graph), "johnson-lavrov.aif.json").report.lines()
    assert lines[0] == "johnson-lavrov.aif.json: imported as aif"
    assert "  mapped      26  I-node -> statement" in lines
    assert "  mapped       2  participant -> speaker" in lines


def synthetic(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **more: Any) -> str:
    return json.dumps(
        {
            "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
            "edges": [{"fromID": a, "toID": b} for a, b in edges],
            **more,
        }
    )


def test_every_kind_of_leftover_is_accounted_with_its_reason() -> None:
    text = synthetic(
        [
            ("1", "L", "Ana Lima : Taxes rose and prices fell"),
            ("2", "YA", "Asserting"),
            ("3", "I", "Taxes rose."),
            ("4", "I", "Prices fell."),
            ("5", "YA", "Asserting"),
            ("6", "I", "  "),
            ("7", "PA", "Default Preference"),
            ("8", "RA", "Default Inference"),
            ("9", "RA", "Default Inference"),
            ("10", "X", "something new"),
            ("11", "L", "Ben : Why?"),
            ("12", "YA", "Pure Questioning"),
            ("13", "I", "Why did taxes rise?"),
            ("14", "TA", "Default Transition"),
            ("15", "YA", "Challenging"),
        ],
        [
            ("1", "2"),
            ("2", "3"),
            ("1", "5"),
            ("5", "4"),
            ("1", "2"),
            ("4", "8"),
            ("8", "3"),
            ("6", "9"),
            ("9", "8"),
            ("3", "7"),
            ("7", "4"),
            ("11", "12"),
            ("12", "13"),
            ("1", "14"),
            ("14", "11"),
            ("14", "15"),
            ("15", "3"),
        ],
        locutions=[{"nodeID": "1", "personID": 7}, {"nodeID": "99", "personID": 7}],
        participants=[
            {"participantID": 7, "firstname": "Ana", "surname": "Lima"},
            {"participantID": 8, "firstname": "Cy", "surname": ""},
        ],
    )
    imported = read_aif(text, "mixed.json")
    assert dict(imported.report.skipped) == {
        "I-node: no text": 1,
        "PA-node (Default Preference): preference: argmap has no equivalent": 1,
        "RA-node (Default Inference): bears on an inference, which argmap cannot link to": 1,
        "X-node (something new): unknown node type": 1,
        "edge: repeats another edge": 1,
        "edge: touches a node that is not imported": 4,
        "locution: names no node": 1,
        "participant: speaks no imported locution": 1,
    }
    accounting(json.loads(text), imported)
    statements = {s.id: s for s in reload(imported).annotation.statements}
    # One locution, two propositions: both are Ana's.
    assert statements["i3"].speaker == statements["i4"].speaker == "ana-lima"
    assert statements["i4"].kind == "support"
    assert statements["i13"].speaker == "ben"
    assert statements["i13"].kind == "question"
    assert [(r.to, r.relation) for r in statements["i13"].responds_to] == [("i3", None)]


def test_a_newer_extension_is_read_with_a_note(graph: ArgGraph) -> None:
    document = json.loads(to_aif(graph))
    document[EXTENSION]["version"] = 2
    imported = read_aif(json.dumps(document), "newer.json")
    assert "the argmap data is version 2; read as version 1" in imported.report.notes


def test_agreement_and_disagreement_across_speakers_in_qt30(shared_data: Path) -> None:
    text = (shared_data / "aif/qt30/nodeset25722.json").read_text(encoding="utf-8")
    annotation = reload(read_aif(text, "nodeset25722.json")).annotation
    relations = Counter(
        str(r.relation or DEFAULT_RELATION[s.kind])
        for s in annotation.statements
        for r in s.responds_to
    )
    # Two of the four inferences have two premises each.
    assert relations == {"supports": 6, "denies": 2, "agrees": 1}
    names = {s.id: annotation.speakers[s.speaker].name for s in annotation.statements}
    assert names["i817053"] == "Fiona Bruce"
    assert names["i817061"] == "AudienceMember 20210916QT07"
    (agreement,) = (s for s in annotation.statements if s.kind == "agreement")
    assert names[agreement.id] == "Daisy Cooper"
    assert [r.to for r in agreement.responds_to] == ["i817083"]  # Fiona Bruce's
