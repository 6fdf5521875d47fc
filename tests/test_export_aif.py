"""AIF and xAIF export: golden files, and the structure AIF tools and IAT expect."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.anchoring import normalise
from argmap.export import jsontext
from argmap.export.aif import EXTENSION, _responses, split_name, to_aif
from argmap.export.xaif import article_html, to_xaif
from argmap.graph import ArgGraph, build_graph, responses, statements
from argmap.importers.aif import text_and_spans
from argmap.loader import load, loads

from .conftest import EXAMPLE
from .test_export import JSON_VALUES
from .test_properties import annotation_dicts

NODE_TYPES = {"I", "L", "YA", "TA", "RA", "CA", "MA"}
AIFDB_SCHEMES = {
    # (text, scheme, schemeID) as the AIFdb corpora write them
    ("Asserting", "Asserting", "74"),
    ("Conceding", "Conceding", "76"),
    ("Agreeing", "Agreeing", "77"),
    ("Disagreeing", "Disagreeing", "78"),
    ("Challenging", "Challenging", "79"),
    ("Arguing", "Arguing", "80"),
    ("Pure Questioning", "PureQuestioning", "91"),
    ("Restating", "Restating", "101"),
    ("Answering", "Answering", "422"),
    ("Default Conflict", "Default Conflict", "71"),
    ("Default Inference", "Default Inference", "72"),
    ("Default Rephrase", "Default Rephrase", "144"),
    ("Default Transition", "Default Transition", "82"),
}

UNDERCUTS = """
article:
  title: Taxes
  text: >-
    Ana said taxes rose because prices rose. Ben called that a non sequitur and agreed taxes rose.
    Ana said his agreement was beside the point. Ben insisted it was relevant.
speakers:
  ana: {name: Ana Maria Lopez}
  ben: {name: Ben}
topics:
  t: Taxes
statements:
  - {id: rose, speaker: ana, topic: t, kind: claim, text: Taxes rose., quote: taxes rose}
  - id: because
    speaker: ana
    topic: t
    kind: support
    text: Prices rose.
    quote: because prices rose
    responds_to: rose
  - id: non-sequitur
    speaker: ben
    topic: t
    kind: counterclaim
    text: That prices rose does not show that taxes rose.
    speech: reported
    quote: Ben called that a non sequitur
    responds_to: {to: because, relation: undercuts}
  - {id: agree, speaker: ben, topic: t, kind: agreement, text: Taxes rose., responds_to: rose}
  - id: beside
    speaker: ana
    topic: t
    kind: counterclaim
    text: His agreement is beside the point.
    responds_to: {to: agree, relation: undercuts}
  - id: relevant
    speaker: ben
    topic: t
    kind: denial
    text: It is relevant.
    responds_to: {to: beside, relation: undercuts}
  - {id: remark, speaker: ben, topic: t, kind: claim, text: Well., responds_to: beside}
"""


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.fixture(scope="module")
def aif(graph: ArgGraph) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(to_aif(graph))
    return document


def undercut_graph() -> ArgGraph:
    return build_graph(loads(UNDERCUTS, name="undercuts.yaml"))


class Aif:
    """An AIF document indexed for checks."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.nodes = {node["nodeID"]: node for node in document["nodes"]}
        self.after: dict[str, list[str]] = defaultdict(list)
        self.before: dict[str, list[str]] = defaultdict(list)
        for edge in document["edges"]:
            self.after[edge["fromID"]].append(edge["toID"])
            self.before[edge["toID"]].append(edge["fromID"])

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [node for node in self.nodes.values() if node["type"] == kind]

    def types(self, ids: list[str]) -> list[str]:
        return sorted(self.nodes[i]["type"] for i in ids)


# --- golden files ---------------------------------------------------------------------------


def test_aif_matches_golden_file(graph: ArgGraph, golden: Callable[[str, str], None]) -> None:
    golden("johnson-lavrov.aif.json", to_aif(graph))


def test_xaif_matches_golden_file(graph: ArgGraph, golden: Callable[[str, str], None]) -> None:
    golden("johnson-lavrov.xaif.json", to_xaif(graph))


# --- AIF structure --------------------------------------------------------------------------


def test_every_edge_joins_existing_nodes_of_known_types(aif: dict[str, Any]) -> None:
    ids = [node["nodeID"] for node in aif["nodes"]]
    assert len(ids) == len(set(ids))
    assert ids == [str(number) for number in range(1, len(ids) + 1)]
    assert {node["type"] for node in aif["nodes"]} <= NODE_TYPES
    edge_ids = [edge["edgeID"] for edge in aif["edges"]]
    assert len(edge_ids) == len(set(edge_ids))
    for edge in aif["edges"]:
        assert edge["fromID"] in ids
        assert edge["toID"] in ids
        assert edge["fromID"] != edge["toID"]


def test_schemes_are_aifdbs_names_and_ids(aif: dict[str, Any]) -> None:
    for node in aif["nodes"]:
        if node["type"] in ("I", "L"):
            assert "scheme" not in node
        else:
            assert (node["text"], node["scheme"], node["schemeID"]) in AIFDB_SCHEMES


def test_the_founding_example_has_the_expected_iat_nodes(aif: dict[str, Any]) -> None:
    counts = Counter(node["type"] for node in aif["nodes"])
    # 26 statements: a locution, a proposition and an illocution each. 12 responses: 11 with a
    # transition illocution (all but `responds`), 5 conflicts (4 counters, 1 denies),
    # 3 inferences, 2 rephrases (qualifies). 25 transitions in article order, and 8 more from
    # an answered statement to an answer not next to it.
    assert counts == {"I": 26, "L": 26, "YA": 37, "TA": 33, "CA": 5, "RA": 3, "MA": 2}
    illocutions = Counter(
        node["text"]
        for node in Aif(aif).of_type("YA")
        if Aif(aif).types(Aif(aif).before[node["nodeID"]]) == ["L"]
    )
    assert illocutions == {"Asserting": 21, "Conceding": 4, "Pure Questioning": 1}


def test_nodes_are_joined_as_inference_anchoring_theory_has_it(aif: dict[str, Any]) -> None:
    doc = Aif(aif)
    for node in doc.of_type("L"):
        (ya,) = (i for i in doc.after[node["nodeID"]] if doc.nodes[i]["type"] == "YA")
        assert doc.types(doc.after[ya]) == ["I"]
    for node in doc.of_type("I"):
        (ya,) = (i for i in doc.before[node["nodeID"]] if doc.types(doc.before[i]) == ["L"])
        assert doc.nodes[ya]["type"] == "YA"
    for node in doc.of_type("TA"):
        assert doc.types(doc.before[node["nodeID"]]) == ["L"]
        assert doc.types(doc.after[node["nodeID"]]).count("L") == 1
    for node in doc.of_type("YA"):
        assert len(doc.before[node["nodeID"]]) == len(doc.after[node["nodeID"]]) == 1
    for kind in ("CA", "RA", "MA"):
        for node in doc.of_type(kind):
            sources = doc.types(doc.before[node["nodeID"]])
            assert sources == ["I", "YA"]  # the premise, and the transition's illocution
            (anchor,) = (i for i in doc.before[node["nodeID"]] if doc.nodes[i]["type"] == "YA")
            assert doc.types(doc.before[anchor]) == ["TA"]
            assert len(doc.after[node["nodeID"]]) == 1


def test_participants_and_locutions_name_the_speakers(aif: dict[str, Any]) -> None:
    assert aif["participants"] == [
        {"participantID": "1", "firstname": "Boris", "surname": "Johnson"},
        {"participantID": "2", "firstname": "Sergey", "surname": "Lavrov"},
    ]
    doc = Aif(aif)
    names = {"1": "Boris Johnson", "2": "Sergey Lavrov"}
    assert [loc["nodeID"] for loc in aif["locutions"]] == [n["nodeID"] for n in doc.of_type("L")]
    for locution in aif["locutions"]:
        text = doc.nodes[locution["nodeID"]]["text"]
        assert text.startswith(names[locution["personID"]] + ": ")
        assert (locution["start"], locution["end"]) == (None, None)  # AIFdb's are times


def test_locutions_locate_their_words_in_the_article(graph: ArgGraph, aif: dict[str, Any]) -> None:
    article = graph.graph["article_text"]
    doc = Aif(aif)
    quotes_of = {}  # L-node -> the quotes of its statement
    for node, data in aif[EXTENSION]["nodes"].items():
        if "statement" in data:
            (ya,) = (i for i in doc.before[node] if doc.types(doc.before[i]) == ["L"])
            (locution,) = doc.before[ya]
            quotes_of[locution] = data["quotes"]
    for locution in aif["locutions"]:
        span = (locution["argmapStart"], locution["argmapEnd"])
        quotes = quotes_of[locution["nodeID"]]
        (quote,) = (q for q in quotes if (q["start"], q["end"]) == span)
        assert normalise(article[span[0] : span[1]]) == normalise(quote["text"])
        words = doc.nodes[locution["nodeID"]]["text"].split(": ", 1)[1]
        # The locution's words are its direct quote, located; else the paraphrase, located by
        # the first quote, the reporter's.
        assert words == quote["text"] if quote["speech"] == "direct" else quote is quotes[0]


def test_a_reported_statement_is_not_put_in_the_speakers_mouth(aif: dict[str, Any]) -> None:
    texts = [node["text"] for node in aif["nodes"] if node["type"] == "L"]
    assert "Sergey Lavrov: The Kremlin did not interfere in democratic elections online." in texts
    assert not any("denied claims" in text for text in texts)
    assert "Boris Johnson: Not successfully." in texts


def test_the_extension_holds_what_aif_cannot(graph: ArgGraph, aif: dict[str, Any]) -> None:
    ext = aif[EXTENSION]
    assert ext["version"] == 1
    assert ext["article"]["title"].startswith("Boris Johnson clashes")
    assert ext["article"]["text"] == graph.graph["article_text"]
    assert ext["speakers"]["johnson"] == {
        "participantID": 1,
        "name": "Boris Johnson",
        "role": "UK Foreign Secretary",
        "group": "United Kingdom",
    }
    assert set(ext["topics"]) == {
        "cyber",
        "elections",
        "relations",
        "coat",
        "litvinenko",
        "crimea",
        "rt",
    }
    doc = Aif(aif)
    statements = {d["statement"]: (n, d) for n, d in ext["nodes"].items() if "statement" in d}
    assert len(statements) == 26
    node, data = statements["lavrov-afraid-for-reputation"]
    assert doc.nodes[node]["type"] == "I"
    assert data["kind"] == "counterclaim"
    assert data["tags"] == ["ad-hominem"]
    responses = [(n, d["response"]) for n, d in ext["nodes"].items() if "response" in d]
    assert len(responses) == 12
    carriers = Counter(doc.nodes[n]["type"] for n, _ in responses)
    assert carriers == {"CA": 5, "RA": 3, "MA": 2, "YA": 1, "TA": 1}


# --- undercuts --------------------------------------------------------------------------------


def test_an_undercut_attacks_the_node_of_the_link() -> None:
    document = json.loads(to_aif(undercut_graph()))
    doc = Aif(document)
    ext = document[EXTENSION]["nodes"]
    carrier = {
        (d["response"]["from"], d["response"]["to"]): n for n, d in ext.items() if "response" in d
    }
    # non-sequitur undercuts because -> rose: a conflict aimed at the inference.
    (target,) = doc.after[carrier[("non-sequitur", "because")]]
    assert target == carrier[("because", "rose")]
    assert doc.nodes[target]["type"] == "RA"
    # beside undercuts agree -> rose, a link with no S-node: aimed at its transition.
    (target,) = doc.after[carrier[("beside", "agree")]]
    assert doc.nodes[target]["type"] == "TA"
    agreeing = carrier[("agree", "rose")]
    assert doc.nodes[agreeing]["text"] == "Agreeing"
    assert doc.before[agreeing] == [target]
    # relevant undercuts beside's undercut: a conflict aimed at a conflict.
    (target,) = doc.after[carrier[("relevant", "beside")]]
    assert target == carrier[("beside", "agree")]
    assert ext[carrier[("relevant", "beside")]]["response"]["link_to"] == "agree"


def test_an_article_without_text_gives_locutions_without_spans() -> None:
    graph = build_graph(
        loads(
            "article: {title: T}\nspeakers: {a: {name: Kelly}}\ntopics: {t: T}\n"
            "statements:\n  - {id: s, speaker: a, topic: t, kind: question, text: Why?}\n"
        )
    )
    document = json.loads(to_aif(graph))
    assert document["participants"] == [
        {"participantID": "1", "firstname": "Kelly", "surname": ""}
    ]
    (locution,) = document["locutions"]
    assert (locution["argmapStart"], locution["argmapEnd"]) == (None, None)
    assert "text" not in document[EXTENSION]["article"]
    xaif = json.loads(to_xaif(graph))
    assert xaif["text"] == ""
    assert [n["text"] for n in xaif["AIF"]["nodes"]] == ["Why?", "Kelly: Why?", "Pure Questioning"]


def test_names_split_at_the_last_space_and_join_back() -> None:
    for name in ("Boris Johnson", "Jean-Claude van Damme", "Kelly", "A  B"):
        first, last = split_name(name)
        assert (f"{first} {last}" if last else first) == name


# --- xAIF ---------------------------------------------------------------------------------------


def test_xaif_has_ovas_shape(graph: ArgGraph) -> None:
    document = json.loads(to_xaif(graph))
    assert list(document) == ["AIF", "text", "OVA", EXTENSION]
    aif = document["AIF"]
    assert list(aif) == [  # as OVA3's genjson writes them
        "nodes",
        "edges",
        "schemefulfillments",
        "participants",
        "locutions",
        "descriptorfulfillments",
        "cqdescriptorfulfillments",
    ]
    assert all(set(node) == {"nodeID", "text", "type"} for node in aif["nodes"])
    assert [edge["edgeID"] for edge in aif["edges"]] == list(range(1, len(aif["edges"]) + 1))
    schemes = {f["nodeID"]: f["schemeID"] for f in aif["schemefulfillments"]}
    assert set(schemes) == {n["nodeID"] for n in aif["nodes"] if n["type"] not in ("I", "L")}
    assert aif["participants"][0] == {
        "participantID": 1,
        "firstname": "Boris",
        "surname": "Johnson",
    }
    assert {loc["personID"] for loc in aif["locutions"]} == {1, 2}
    layout = document["OVA"]
    assert [n["nodeID"] for n in layout["nodes"]] == [n["nodeID"] for n in aif["nodes"]]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in layout["nodes"])
    assert len(layout["edges"]) == len(aif["edges"])
    assert "text" not in document[EXTENSION]["article"]  # the text is in "text"


def test_xaif_text_is_the_article_with_a_span_per_locution(graph: ArgGraph) -> None:
    document = json.loads(to_xaif(graph))
    text, spans = text_and_spans(document["text"])
    assert text == graph.graph["article_text"]
    locutions = {loc["nodeID"]: loc for loc in document["AIF"]["locutions"]}
    nodes = {node["nodeID"]: node["text"] for node in document["AIF"]["nodes"]}
    # Joint statements share a quote: their spans nest. "Mr Johnson rejected Mr Lavrov's
    # denial" and "Mr Lavrov's denial that Russia had attempted…" overlap without nesting,
    # which HTML cannot mark up: the second span is left out.
    (missing,) = set(locutions) - set(spans)
    assert nodes[missing].startswith("Sergey Lavrov: Russia did not even attempt")
    for node, (start, end) in spans.items():
        assert (start, end) == (locutions[node]["argmapStart"], locutions[node]["argmapEnd"])


def test_article_html_escapes_and_nests_spans() -> None:
    text = "<b>Tom & Jerry</b>\nsaid: yes."
    html = article_html(text, [(3, 6, "1"), (3, 6, "2"), (0, 18, "3"), (10, 24, "4")])
    assert html == (
        '<span class="highlighted" id="node3">&lt;b&gt;'
        '<span class="highlighted" id="node1"><span class="highlighted" id="node2">Tom'
        "</span></span> &amp; Jerry&lt;/b&gt;</span><br>said: yes."
    )
    # The span crossing another (10-24 across 0-18) is left out; the text is intact.
    assert text_and_spans(html) == (text, {"1": (3, 6), "2": (3, 6), "3": (0, 18)})


def test_exports_are_deterministic(graph: ArgGraph) -> None:
    assert to_aif(graph) == to_aif(build_graph(load(EXAMPLE)))
    assert to_xaif(graph) == to_xaif(build_graph(load(EXAMPLE)))


# --- JSON text ------------------------------------------------------------------------------
# The AIF and xAIF writers put their JSON text together from templates and orjson's output
# (see argmap.export.jsontext); these tests hold it to canonical indented JSON.


def canonical(text: str) -> str:
    """The text json.dumps(indent=2) writes for the value ``text`` holds."""
    return jsontext.dumps(json.loads(text))


@pytest.mark.parametrize("write", [to_aif, to_xaif])
def test_output_is_canonical_indented_json(
    graph: ArgGraph, write: Callable[[ArgGraph], str]
) -> None:
    for source in (graph, undercut_graph()):
        text = write(source)
        assert text == canonical(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotation_dicts())
def test_output_of_any_annotation_is_canonical_indented_json(data: dict[str, Any]) -> None:
    graph = build_graph(loads(yaml.safe_dump(data, allow_unicode=True), name="random.yaml"))
    for text in (to_aif(graph), to_xaif(graph)):
        assert text == canonical(text)
    assert _responses(graph, list(statements(graph))) == list(responses(graph))


def test_responses_are_found_as_the_graph_lists_them(graph: ArgGraph) -> None:
    for source in (graph, undercut_graph()):
        assert _responses(source, list(statements(source))) == list(responses(source))


def test_strings_are_escaped_as_orjson_and_the_standard_library_do() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    written = jsontext.string(every)
    assert written == json.dumps(every, ensure_ascii=False)
    assert written == orjson.dumps(every).decode("utf-8")


@given(st.lists(JSON_VALUES, max_size=3), st.integers(1, 4))
def test_json_pieces_are_placed_as_dumps_writes_them(contents: list[Any], level: int) -> None:
    """Values and template-written array items, at every level, make what dumps() writes."""
    # At `level`: a value ("v"), and an array ("a") of the contents, each item after its comma.
    items = [f",\n{'  ' * (level + 1)}{jsontext.value(c, level + 1)}" for c in contents]
    members: jsontext.Members = [
        ("v", jsontext.value(contents, level)),
        ("a", jsontext.Array(items)),
        ("o", []),
    ]
    expected: Any = {"v": contents, "a": contents, "o": {}}
    for _ in range(level - 1):
        members, expected = [("m", members)], {"m": expected}
    assert jsontext.document(members) == jsontext.dumps(expected)


def test_an_array_item_written_for_another_level_is_refused() -> None:
    with pytest.raises(ValueError, match="level 2"):
        jsontext.document([("a", jsontext.Array([",\n  1"]))])
    with pytest.raises(ValueError, match="level 2"):
        jsontext.document([("a", jsontext.Array([",\n      1"]))])
