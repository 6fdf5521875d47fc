"""Views: filtering a dispute, the speakers and topics maps, and the timeline."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.drawing import render, render_map, to_dot, to_overview_dot
from argmap.graph import ArgGraph, build_graph, responses, statements
from argmap.loader import load, loads
from argmap.render_options import RenderOptions
from argmap.views import Flow, Selection, ViewError, aggregate, select, timeline

from .conftest import EXAMPLE

SMALL = """
article:
  title: Taxes
  date: 2024-03-01
  text: >-
    Ana said taxes rose. Ben denied it. Cleo said prices rose too.
    Ana added that the figures show it. Ben asked who wrote the figures.
speakers:
  ana: {name: Ana}
  ben: {name: Ben}
  cleo: {name: Cleo}
topics:
  tax: Taxes
  prices: Prices
statements:
  - {id: figures, speaker: ana, topic: tax, kind: support, text: The figures show it.,
     quote: the figures show it, responds_to: rose}
  - {id: rose, speaker: ana, topic: tax, kind: claim, text: Taxes rose., quote: taxes rose}
  - {id: denied, speaker: ben, topic: tax, kind: denial, text: Taxes did not rise.,
     quote: Ben denied it, responds_to: rose}
  - {id: prices, speaker: cleo, topic: prices, kind: claim, text: Prices rose too.,
     quote: prices rose too}
  - {id: who, speaker: ben, topic: tax, kind: question, text: Who wrote the figures?,
     quote: who wrote the figures, responds_to: figures}
  - {id: unquoted, speaker: cleo, topic: prices, kind: agreement, text: Ana is right.,
     responds_to: rose}
"""


@pytest.fixture(scope="module")
def small() -> ArgGraph:
    return build_graph(loads(SMALL, name="small.yaml"))


@pytest.fixture(scope="module")
def example() -> ArgGraph:
    return build_graph(load(EXAMPLE))


def ids(graph: ArgGraph) -> list[str]:
    return [data["id"] for _, data in statements(graph)]


# --- Selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), ["figures", "rose", "denied", "prices", "who", "unquoted"]),
        (Selection(speakers=("ben",)), ["denied", "who"]),
        (Selection(speakers=("ben", "cleo")), ["denied", "prices", "who", "unquoted"]),
        (Selection(topics=("prices",)), ["prices", "unquoted"]),
        (Selection(kinds=("claim",)), ["rose", "prices"]),
        (Selection(speakers=("ana",), kinds=("claim",)), ["rose"]),
        (Selection(focus="rose", depth=0), ["rose"]),
        (Selection(focus="rose"), ["figures", "rose", "denied", "unquoted"]),
        (Selection(focus="rose", depth=2), ["figures", "rose", "denied", "who", "unquoted"]),
        (Selection(focus="who", depth=1), ["figures", "who"]),
        (Selection(focus="rose", depth=2, speakers=("ben",)), ["denied", "who"]),
        (Selection(focus="prices", depth=5), ["prices"]),
    ],
)
def test_a_selection_keeps_the_statements_meeting_every_criterion(
    small: ArgGraph, selection: Selection, expected: list[str]
) -> None:
    assert ids(select(small, selection)) == expected


def test_a_selection_keeps_responses_between_kept_statements_only(small: ArgGraph) -> None:
    view = select(small, Selection(speakers=("ana", "ben")))
    kept = sorted((view.nodes[u]["id"], view.nodes[v]["id"]) for u, v, _ in responses(view))
    assert kept == [("denied", "rose"), ("figures", "rose"), ("who", "figures")]
    assert {d["id"] for n, d in view.nodes(data=True) if d["type"] == "speaker"} == {"ana", "ben"}
    assert {d["id"] for n, d in view.nodes(data=True) if d["type"] == "topic"} == {"tax"}
    assert view.graph["article"] == small.graph["article"]
    assert small.number_of_nodes() == 6 + 3 + 2  # the original is left alone


def test_an_undercut_is_kept_only_with_the_link_it_attacks() -> None:
    graph = build_graph(
        loads(
            "article: {title: T}\nspeakers: {a: {name: A}, b: {name: B}}\ntopics: {t: T}\n"
            "statements:\n"
            "  - {id: s1, speaker: a, topic: t, kind: claim, text: It rained.}\n"
            "  - {id: s2, speaker: a, topic: t, kind: support, text: Wet., responds_to: s1}\n"
            "  - {id: s3, speaker: b, topic: t, kind: counterclaim, text: Hosed.,"
            " responds_to: {to: s2, relation: undercuts}}\n"
        )
    )
    with_link = select(graph, Selection(focus="s2"))
    assert len(list(responses(with_link))) == 2
    without = select(graph, Selection(speakers=("a",), focus="s3", depth=2))
    assert ids(without) == ["s1", "s2"]
    assert [d["relation"] for *_, d in responses(without)] == ["supports"]
    only_undercut = select(graph, Selection(focus="s3", depth=1))
    assert ids(only_undercut) == ["s2", "s3"]
    assert list(responses(only_undercut)) == []  # its link (s2 → s1) is not in the view


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(speakers=("anna",)), "no speaker 'anna' in the dispute; did you mean 'ana'?"),
        (Selection(topics=("x",)), "no topic 'x' in the dispute (topics: tax, prices)"),
        (Selection(kinds=("denail",)), "no kind 'denail' in the dispute; did you mean 'denial'?"),
        (Selection(focus="rise"), "no statement 'rise' in the dispute; did you mean 'rose'?"),
        (
            Selection(speakers=("cleo",), kinds=("denial",)),
            "no statement is left to show (speaker cleo; kind denial)",
        ),
    ],
)
def test_impossible_selections_say_why(
    small: ArgGraph, selection: Selection, message: str
) -> None:
    with pytest.raises(ViewError) as caught:
        select(small, selection)
    assert str(caught.value) == message


# --- Speakers and topics -------------------------------------------------------------------------


def test_aggregate_counts_statements_and_responses_per_speaker(small: ArgGraph) -> None:
    parties, flows = aggregate(small, "speaker")
    assert [(p.id, dict(p.kinds)) for p in parties] == [
        ("ana", {"claim": 1, "support": 1}),
        ("ben", {"denial": 1, "question": 1}),
        ("cleo", {"claim": 1, "agreement": 1}),
    ]
    assert flows == [
        Flow("ana", "ana", "supports", 1),
        Flow("ben", "ana", "denies", 1),
        Flow("ben", "ana", "questions", 1),
        Flow("cleo", "ana", "agrees", 1),
    ]


def test_aggregate_by_topic_names_the_speakers_of_each(small: ArgGraph) -> None:
    parties, flows = aggregate(small, "topic")
    assert [(p.id, p.detail, p.statements) for p in parties] == [
        ("tax", "Ana, Ben", 4),
        ("prices", "Cleo", 2),
    ]
    assert Flow("prices", "tax", "agrees", 1) in flows


def test_the_founding_example_aggregates_to_its_totals(example: ArgGraph) -> None:
    for by in ("speaker", "topic"):
        parties, flows = aggregate(example, by)
        assert sum(p.statements for p in parties) == len(ids(example))
        assert sum(f.count for f in flows) == len(list(responses(example)))


@pytest.mark.parametrize("view", ["speakers", "topics"])
def test_overview_maps_match_their_golden_files(
    example: ArgGraph, view: str, golden: Callable[[str, str], None]
) -> None:
    golden(f"johnson-lavrov.{view}.dot", to_overview_dot(example, view[:-1]))


@pytest.mark.needs_dot
def test_the_speakers_map_has_one_box_per_speaker_and_counted_arrows(example: ArgGraph) -> None:
    svg = ET.fromstring(render(example, "svg", RenderOptions(view="speakers")))
    ns = "{http://www.w3.org/2000/svg}"
    nodes = [g.get("id") for g in svg.iter(f"{ns}g") if g.get("class") == "node"]
    assert nodes == ["speaker-johnson", "speaker-lavrov", "legend"]
    edges = [g.get("id") for g in svg.iter(f"{ns}g") if g.get("class") == "edge"]
    assert "flow-lavrov-counters-johnson" in edges
    texts = " ".join(t.text or "" for t in svg.iter(f"{ns}text"))
    assert "counters ×3" in texts  # noqa: RUF001
    assert "answering each other: supports ×2" in texts  # noqa: RUF001


# --- Timeline --------------------------------------------------------------------------------


def test_the_timeline_follows_the_quotes_in_the_article(small: ArgGraph) -> None:
    order = [small.nodes[node]["id"] for node in timeline(small)]
    # "figures" comes first in the file, but its quote comes fourth in the article; the
    # unquoted agreement stays after the statement listed before it.
    assert order == ["rose", "denied", "prices", "figures", "who", "unquoted"]


def test_the_timeline_dot_chains_the_statements_in_time_order(small: ArgGraph) -> None:
    dot = to_dot(small, RenderOptions(view="timeline"))
    assert 'rankdir="LR"' in dot
    chain = [line.strip() for line in dot.splitlines() if "[style=invis];" in line]
    assert chain == [
        "s1 -> s2 [style=invis];",
        "s2 -> s3 [style=invis];",
        "s3 -> s0 [style=invis];",
        "s0 -> s4 [style=invis];",
        "s4 -> s5 [style=invis];",
    ]
    responses_drawn = [line for line in dot.splitlines() if 'id="response-' in line]
    assert responses_drawn
    assert all("constraint=false" in line for line in responses_drawn)
    assert "· ¶ 1" in dot


def test_a_small_timeline_gives_each_statement_its_column(example: ArgGraph) -> None:
    from argmap.layout import plan

    assert plan(example, RenderOptions(view="timeline")).levels is None


def test_a_large_timeline_shares_columns_in_time_order() -> None:
    from argmap.layout import LAYERED_ABOVE, plan

    from .test_layout import dispute

    graph = dispute(LAYERED_ABOVE + 50)
    layout = plan(graph, RenderOptions(view="timeline"))
    assert layout.levels is not None
    columns = [layout.levels[node] for node in timeline(graph)]
    assert columns == sorted(columns)  # left to right is earlier to later
    sizes = [columns.count(column) for column in set(columns)]
    assert max(sizes) == 15  # about √200 statements to a column
    assert any("the timeline puts about 15 consecutive statements" in n for n in layout.notes)
    dot = to_dot(graph, RenderOptions(view="timeline"), layout)
    same = [line for line in dot.splitlines() if line.startswith("  {rank=same;")]
    assert len(same) == len(set(columns))
    chain = [line for line in dot.splitlines() if line.endswith("[style=invis];")]
    assert len(chain) == len(same) - 1


def test_an_overview_with_many_arrows_places_their_labels_after_the_layout() -> None:
    from argmap.layout import LABELLED_FLOWS_UP_TO

    from .test_layout import dispute

    # 24 speakers each answering the next 7: more arrows than the layout labels itself.
    lines = ["article: {title: T}", "speakers:"]
    lines += [f"  p{i}: {{name: P{i}}}" for i in range(24)]
    lines += ["topics: {t: T}", "statements:"]
    lines += [
        f"  - {{id: s{i}, speaker: p{i}, topic: t, kind: claim, text: S.}}" for i in range(24)
    ]
    lines += [
        f"  - {{id: r{i}-{j}, speaker: p{i}, topic: t, kind: denial, text: No.,"
        f" responds_to: s{(i + j) % 24}}}"
        for i in range(24)
        for j in range(1, 8)
    ]
    graph = build_graph(loads("\n".join(lines)))
    arrows = 24 * 7
    assert arrows > LABELLED_FLOWS_UP_TO
    rendering = render_map(graph, "dot", RenderOptions(view="speakers"))
    dot = rendering.data.decode()
    assert dot.count(' xlabel="denies"') == arrows
    assert ' label="denies"' not in dot
    assert rendering.layout.notes[0].startswith(f"{arrows} arrows: their counts are placed")
    small = render_map(dispute(20), "dot", RenderOptions(view="speakers"))
    assert b"xlabel" not in small.data
    assert small.layout.notes == ()


@pytest.mark.needs_dot
@pytest.mark.parametrize("group_by", ["speaker", "topic", "none"])
def test_the_timeline_renders_lanes_left_to_right(example: ArgGraph, group_by: str) -> None:
    options = RenderOptions(view="timeline", group_by=group_by)  # type: ignore[arg-type]
    svg = ET.fromstring(render_map(example, "svg", options).data)
    width = float(svg.get("width", "0pt")[:-2])
    height = float(svg.get("height", "0pt")[:-2])
    assert width > height


# --- Command line ----------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_render_filters_and_says_what_it_shows(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE), "-o", str(out), "--speaker", "lavrov", "--kind", "denial"]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stderr == "argmap: note: showing 2 of 26 statements: speaker lavrov; kind denial\n"
    )
    assert out.read_text(encoding="utf-8").count('id="statement-') == 2


def test_render_focus_marks_the_statement_in_focus(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = CliRunner().invoke(
        main,
        ["render", str(EXAMPLE), "-o", str(out), "--focus", "lavrov-denies-interference"],
    )
    assert result.exit_code == 0, result.output
    focused = [line for line in out.read_text().splitlines() if "penwidth=3.5" in line]
    assert len(focused) == 1
    assert 'id="statement-lavrov-denies-interference"' in focused[0]


def test_a_filter_naming_nothing_fails_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out), "--topic", "taxes"])
    assert result.exit_code == 1
    assert result.stderr.startswith("argmap: no topic 'taxes' in the dispute")
    assert not out.exists()


@pytest.mark.parametrize("view", ["speakers", "topics", "timeline"])
def test_render_views_to_dot(tmp_path: Path, view: str) -> None:
    out = tmp_path / "map.dot"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out), "--view", view])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph argmap {")
