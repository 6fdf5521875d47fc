"""Every export format: golden files, and each file read back by a real reader of its format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld
from sadface import validation as sadface_validation

from argmap.cli import main
from argmap.export import EXPORTERS, export, get_exporter, jsontext
from argmap.export.csv_table import COLUMNS
from argmap.graph import ArgGraph, build_graph, statements
from argmap.loader import load, loads
from argmap.model import Annotation
from argmap.yamlsource import dump

from .conftest import EXAMPLE, ROOT
from .readers import mermaid_parses


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_export_matches_golden_file(
    graph: ArgGraph, name: str, golden: Callable[[str, str], None]
) -> None:
    exporter = EXPORTERS[name]
    golden(f"johnson-lavrov.{name}{exporter.suffix}", export(graph, name))


def test_exports_are_identical_across_processes_and_hash_seeds() -> None:
    code = (
        "import sys, argmap; from argmap.export import EXPORTERS, export;"
        f"g = argmap.build_graph(argmap.load({str(EXAMPLE)!r}));"
        "sys.stdout.write(''.join(export(g, name) for name in sorted(EXPORTERS)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout
        for seed in ("0", "1")
    }
    assert len(outputs) == 1


def test_unknown_format_names_the_ones_there_are() -> None:
    with pytest.raises(LookupError, match=r"unknown format 'xml' \(choose from: json, node-link"):
        get_exporter("xml")


# --- argmap's JSON -------------------------------------------------------------------------


def test_json_validates_against_its_schema_and_reloads_as_the_same_dispute(
    graph: ArgGraph,
) -> None:
    document = json.loads(export(graph, "json"))
    annotation_schema = Annotation.model_json_schema()
    schema = {
        "$defs": annotation_schema.pop("$defs"),
        "type": "object",
        "required": ["format", "version", "annotation", "anchors"],
        "properties": {
            "format": {"const": "argmap"},
            "version": {"const": 1},
            "annotation": annotation_schema,
            "anchors": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["start", "end", "paragraph", "line"],
                        "additionalProperties": {"type": "integer"},
                    },
                },
            },
        },
    }
    jsonschema.validate(document, schema)
    again = build_graph(loads(dump(document["annotation"]), name="annotation.yaml"))
    assert nx.node_link_data(again, edges="edges") == nx.node_link_data(graph, edges="edges")
    text = graph.graph["article_text"]
    (anchor,) = document["anchors"]["johnson-not-successfully"]
    assert text[anchor["start"] : anchor["end"]] == "Not successfully."


def test_node_link_reads_back_into_the_same_graph(graph: ArgGraph) -> None:
    again = nx.node_link_graph(json.loads(export(graph, "node-link")), edges="edges")
    assert list(again.nodes) == list(graph.nodes)
    assert set(again.edges) == set(graph.edges)
    node = "statement:johnson-not-successfully"
    assert again.nodes[node]["quotes"][0]["text"] == "Not successfully."


# --- GraphML and GEXF ------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx_and_yed_labels(graph: ArgGraph) -> None:
    again = nx.read_graphml(io.BytesIO(export(graph, "graphml").encode()))
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)
    node = again.nodes["statement:lavrov-afraid-for-reputation"]
    assert node["kind"] == "counterclaim"
    assert node["label"].startswith("Sergey Lavrov (counterclaim): Johnson is afraid")
    assert json.loads(node["quotes"])[0]["speech"] == "direct"
    edge = again.edges["statement:johnson-rejects-denial", "statement:lavrov-denies-attempts"]
    assert edge["relation"] == "denies"


def test_gexf_reads_back_with_networkx(graph: ArgGraph) -> None:
    again = nx.read_gexf(io.BytesIO(export(graph, "gexf").encode()))
    assert set(again.nodes) == set(graph.nodes)
    assert again.number_of_edges() == graph.number_of_edges()
    assert again.nodes["speaker:lavrov"]["label"] == "Sergey Lavrov"
    kinds = {data["edge_type"] for *_, data in again.edges(data=True)}
    assert kinds == {"responds", "said_by", "about"}


# --- Mermaid -------------------------------------------------------------------------------


@pytest.mark.slow
def test_mermaid_is_accepted_by_mermaids_parser(
    graph: ArgGraph, mermaid_parser: list[str], tmp_path: Path
) -> None:
    result = mermaid_parses(mermaid_parser, export(graph, "mermaid"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "flowchart" in result.stdout
    broken = mermaid_parses(mermaid_parser, "flowchart BT\n  a[ -->\n", tmp_path)
    assert broken.returncode != 0  # the parser does reject broken charts


# --- SADFace, ClaimReview, CSV ------------------------------------------------------------------


def test_sadface_passes_sadfaces_own_validator_and_sources_cut_the_article(
    graph: ArgGraph,
) -> None:
    document = json.loads(export(graph, "sadface"))
    assert sadface_validation.verify(document) == (True, [])
    (resource,) = document["resources"]
    atoms = [n for n in document["nodes"] if n["type"] == "atom"]
    assert len(atoms) == 26
    for atom in atoms:
        for source in atom["sources"]:
            cut = resource["content"][source["offset"] : source["offset"] + source["length"]]
            assert cut, atom["metadata"]["argmap"]["id"]
    ids = {node["id"] for node in document["nodes"]}
    assert all(e["source_id"] in ids and e["target_id"] in ids for e in document["edges"])


def _schema_org(url: str, options: Any = None) -> dict[str, Any]:
    """A document loader for pyld: schema.org's context, reduced to its vocabulary (offline)."""
    assert url.rstrip("/") == "https://schema.org"
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": url.rstrip("/") + "/"}},
    }


def test_claimreview_expands_as_json_ld_claims_by_their_speakers(graph: ArgGraph) -> None:
    expanded = jsonld.expand(
        json.loads(export(graph, "claimreview")), {"documentLoader": _schema_org}
    )
    claims = [n for n in expanded if n["@type"] == ["https://schema.org/Claim"]]
    assert len(claims) == 26
    authors = {
        c["https://schema.org/author"][0]["https://schema.org/name"][0]["@value"] for c in claims
    }
    assert authors == {"Boris Johnson", "Sergey Lavrov"}
    (article,) = [n for n in expanded if n["@type"] == ["https://schema.org/NewsArticle"]]
    assert all(c["https://schema.org/appearance"][0]["@id"] == article["@id"] for c in claims)


def test_csv_reads_back_one_row_per_statement(graph: ArgGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(export(graph, "csv"))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["id"] for r in rows] == [d["id"] for _, d in statements(graph)]
    row = next(r for r in rows if r["id"] == "johnson-rejects-denial")
    assert (row["responds_to"], row["relations"]) == ("lavrov-denies-attempts", "denies")


# --- Hostile text ---------------------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://x")<script>alert(1)</script> & "q" # `b` | Лавров\\n'


def hostile_graph() -> ArgGraph:
    value = json.dumps(HOSTILE)
    return build_graph(
        loads(
            f"article: {{title: {value}, text: {value}}}\n"
            f"speakers: {{a: {{name: {value}, role: {value}}}}}\n"
            f"topics: {{t: {value}}}\n"
            "statements:\n"
            f"  - {{id: s1, speaker: a, topic: t, kind: claim, text: {value}, quote: {value},"
            f" note: {value}, tags: [{value}]}}\n"
            f"  - {{id: s2, speaker: a, topic: t, kind: support, text: {value},"
            " responds_to: s1}\n"
        )
    )


def test_hostile_text_stays_text_in_csv_graphml_and_json() -> None:
    graph = hostile_graph()
    rows = list(csv.DictReader(io.StringIO(export(graph, "csv"))))
    assert rows[0]["text"] == "'" + HOSTILE  # a formula is shown, not run
    assert rows[0]["speaker_name"] == "'" + HOSTILE
    root = ET.fromstring(export(graph, "graphml"))
    assert all("script" not in element.tag for element in root.iter())
    again = nx.read_graphml(io.BytesIO(export(graph, "graphml").encode()))
    assert again.nodes["statement:s1"]["text"] == HOSTILE
    document = json.loads(export(graph, "json"))
    assert document["annotation"]["statements"][0]["text"] == HOSTILE


@pytest.mark.slow
def test_hostile_text_in_mermaid_parses_and_opens_no_markup(
    mermaid_parser: list[str], tmp_path: Path
) -> None:
    text = export(hostile_graph(), "mermaid")
    assert "<script" not in text
    assert "#lt;script#gt;" in text  # shown as text
    assert text.count('"') == 2 * text.count('["') + 2  # only the labels' and title's quotes
    result = mermaid_parses(mermaid_parser, text, tmp_path)
    assert result.returncode == 0, result.stderr


# --- Command line ---------------------------------------------------------------------------


def test_cli_exports_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(EXAMPLE), "--to", "csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("id,speaker,speaker_name")
    out = tmp_path / "map.graphml"
    result = runner.invoke(main, ["export", str(EXAMPLE), "-t", "graphml", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_cli_export_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["export", str(EXAMPLE), "--to", "xml"])
    assert unknown.exit_code == 2
    assert "'xml' is not one of" in unknown.stderr
    bad = ROOT / "tests" / "bad" / "yaml" / "bad_kind.yaml"
    out = tmp_path / "x.json"
    out.write_text("previous")
    broken = runner.invoke(main, ["export", str(bad), "--to", "json", "-o", str(out)])
    assert broken.exit_code == 1
    assert "error: 'denail' is not a valid kind" in broken.stderr
    assert out.read_text() == "previous"


# --- JSON text --------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_json_text_is_what_the_standard_library_writes(value: Any) -> None:
    """orjson (for speed) must write the bytes json.dumps(indent=2) would: golden files agree."""
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
