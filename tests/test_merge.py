"""Several annotation files read as one dispute: ids, shared speakers, references across files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.diagnostics import AnnotationError, ArgmapError, ErrorCode
from argmap.graph import responses, speakers, statements, topics
from argmap.merge import load_graph, merge
from argmap.references import article_id, check_references, load_all
from argmap.views import timeline

from .conftest import EXAMPLE, ROOT

FOLLOW_UP = ROOT / "examples" / "analysts-react" / "annotation.yaml"

FIRST = """\
article: {id: day1, title: Day one, date: 2024-03-01, text: Ana said taxes rose. Ben agreed.}
speakers:
  ana: {name: Ana, role: Minister}
  ben: {name: Ben}
topics: {tax: Taxes}
statements:
  - {id: rose, speaker: ana, topic: tax, kind: claim, text: Taxes rose., quote: taxes rose}
  - {id: agreed, speaker: ben, topic: tax, kind: agreement, text: They rose., responds_to: rose}
"""

SECOND = """\
article: {title: Day two, date: 2024-03-02, text: Cleo denied that taxes rose.}
speakers:
  ana: {name: Ana Alves, role: Minister}
  cleo: {name: Cleo}
topics:
  tax: Taxes
  growth: Growth
statements:
  - {id: rose, speaker: cleo, topic: tax, kind: denial, text: Taxes did not rise.,
     quote: denied that taxes rose, responds_to: "day1:rose"}
  - {id: later, speaker: ana, topic: growth, kind: claim, text: Growth will follow.,
     said_on: 2024-03-05}
"""


def write(tmp_path: Path, **files: str) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_article_ids_come_from_the_article_or_the_file_name(tmp_path: Path) -> None:
    first, second = load_all(write(tmp_path, first=FIRST, second=SECOND))
    assert (article_id(first), article_id(second)) == ("day1", "second")


def test_merged_statements_are_named_by_their_article(tmp_path: Path) -> None:
    merged = merge(load_all(write(tmp_path, first=FIRST, second=SECOND)))
    graph = merged.graph
    assert [d["id"] for _, d in statements(graph)] == [
        "day1:rose",
        "day1:agreed",
        "second:rose",
        "second:later",
    ]
    assert [d["article"] for _, d in statements(graph)] == ["day1", "day1", "second", "second"]
    assert [d["order"] for _, d in statements(graph)] == [0, 1, 2, 3]
    pairs = [
        (graph.nodes[u]["id"], graph.nodes[v]["id"], d["relation"]) for u, v, d in responses(graph)
    ]
    assert pairs == [
        ("day1:agreed", "day1:rose", "agrees"),
        ("second:rose", "day1:rose", "denies"),
    ]
    assert [a["id"] for a in graph.graph["articles"]] == ["day1", "second"]
    assert graph.graph["article"]["title"] == "Day one; Day two"
    assert graph.graph["article"]["date"] is None  # the articles' dates differ


def test_speakers_and_topics_sharing_an_id_are_one(tmp_path: Path) -> None:
    merged = merge(load_all(write(tmp_path, first=FIRST, second=SECOND)))
    graph = merged.graph
    assert [(d["id"], d["name"]) for _, d in speakers(graph)] == [
        ("ana", "Ana"),
        ("ben", "Ben"),
        ("cleo", "Cleo"),
    ]
    assert [d["id"] for _, d in topics(graph)] == ["tax", "growth"]
    assert merged.notes == (
        "speaker 'ana': second.yaml gives name 'Ana Alves'; kept 'Ana' from the first file",
    )


def test_the_timeline_of_several_articles_follows_their_dates(tmp_path: Path) -> None:
    graph = merge(load_all(write(tmp_path, second=SECOND, first=FIRST))).graph
    order = [graph.nodes[node]["id"] for node in timeline(graph)]
    assert order == ["day1:rose", "day1:agreed", "second:rose", "second:later"]
    assert graph.nodes["statement:second:later"]["date"] == "2024-03-05"


def test_a_reference_to_a_file_not_read_is_a_warning_and_is_not_drawn(tmp_path: Path) -> None:
    (dispute,) = load_all(write(tmp_path, second=SECOND))
    (warning,) = check_references([dispute])
    assert warning.code is ErrorCode.EXTERNAL_REFERENCE
    assert warning.severity == "warning"
    assert str(warning).startswith(
        f"{tmp_path / 'second.yaml'}:10:50: warning: responds to 'day1:rose', in an annotation "
        "not read with this one"
    )
    assert merge([dispute]).graph.number_of_edges() == 4  # said_by and about only


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("day1:rise", "responds to unknown statement 'day1:rise'"),
        ("{to: 'day1:rose', relation: undercuts}", "'day1:rose' answers nothing, so it has no"),
    ],
)
def test_a_bad_reference_into_a_file_read_is_an_error_where_it_is_written(
    tmp_path: Path, reference: str, message: str
) -> None:
    second = SECOND.replace('responds_to: "day1:rose"', f"responds_to: {reference}")
    disputes = load_all(write(tmp_path, first=FIRST, second=second))
    (error,) = check_references(disputes)
    assert error.severity == "error"
    assert error.position is not None
    assert (error.position.path, error.position.line) == (str(tmp_path / "second.yaml"), 10)
    assert error.message.startswith(message)


def test_an_undercut_across_files_attacks_the_link_it_names(tmp_path: Path) -> None:
    third = (
        "article: {id: day3, title: Day three}\nspeakers: {cleo: {name: Cleo}}\n"
        "topics: {tax: Taxes}\nstatements:\n"
        "  - {id: cut, speaker: cleo, topic: tax, kind: counterclaim, text: Irrelevant.,"
        " responds_to: {to: 'day1:agreed', relation: undercuts}}\n"
    )
    disputes = load_all(write(tmp_path, first=FIRST, third=third))
    assert check_references(disputes) == []
    graph = merge(disputes).graph
    edge = graph.edges["statement:day3:cut", "statement:day1:agreed"]
    assert (edge["relation"], edge["link_to"]) == ("undercuts", "day1:rose")


def test_two_files_with_one_article_id_cannot_be_read_together(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", annotation=FIRST.replace("id: day1, ", ""))
    second = write(tmp_path / "b", annotation=SECOND)
    with pytest.raises(ArgmapError, match="are both article 'annotation'; give each file"):
        load_all([*first, *second])


def test_every_file_s_errors_are_reported_together(tmp_path: Path) -> None:
    bad_first = FIRST.replace("kind: claim", "kind: clam")
    bad_second = SECOND.replace("speaker: cleo", "speaker: cloe")
    with pytest.raises(AnnotationError) as caught:
        load_all(write(tmp_path, first=bad_first, second=bad_second))
    paths = {Path(d.position.path).name for d in caught.value.diagnostics if d.position}
    assert paths == {"first.yaml", "second.yaml"}


def test_the_founding_example_and_its_follow_up_merge() -> None:
    disputes = load_all([EXAMPLE, FOLLOW_UP])
    assert check_references(disputes) == []
    merged = merge(disputes)
    assert merged.notes == ()
    graph = merged.graph
    assert len(list(statements(graph))) == 26 + 5
    assert [d["id"] for _, d in speakers(graph)] == ["johnson", "lavrov", "weber", "ellison"]
    across = [
        (graph.nodes[u]["id"], graph.nodes[v]["id"])
        for u, v, _ in responses(graph)
        if graph.nodes[u]["article"] != graph.nodes[v]["article"]
    ]
    assert (
        "analysts-react:ellison-lavrov-has-a-point",
        "johnson-lavrov:lavrov-few-kopecks",
    ) in across
    assert len(across) == 4


# --- Command line ----------------------------------------------------------------------------


def test_validate_checks_references_among_the_files_given() -> None:
    runner = CliRunner()
    alone = runner.invoke(main, ["validate", str(FOLLOW_UP)])
    assert alone.exit_code == 0
    assert alone.stderr.count("[external_reference]") == 4
    strict = runner.invoke(main, ["validate", "--strict", str(FOLLOW_UP)])
    assert strict.exit_code == 1
    assert strict.stderr.endswith(f"argmap: 4 warnings in {FOLLOW_UP}\n")
    together = runner.invoke(main, ["validate", "--strict", str(EXAMPLE), str(FOLLOW_UP)])
    assert together.exit_code == 0, together.output
    assert together.stderr == ""


def test_validate_reports_a_bad_reference_in_its_file(tmp_path: Path) -> None:
    first, second = write(
        tmp_path, first=FIRST, second=SECOND.replace('"day1:rose"', '"day1:rise"')
    )
    result = CliRunner().invoke(main, ["validate", str(first), str(second)])
    assert result.exit_code == 1
    assert f"{first}: ok" in result.stdout
    assert result.stderr == (
        f"{second}:10:50: error: responds to unknown statement 'day1:rise' [unknown_statement]\n"
        "  hint: did you mean 'rose'?\n"
        f"argmap: 1 error in {second}\n"
    )


@pytest.mark.needs_dot
def test_render_draws_several_files_as_one_map(tmp_path: Path) -> None:
    out = tmp_path / "story.dot"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), str(FOLLOW_UP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert dot.count('id="statement-') == 31
    assert 'id="response-analysts-react:weber-record-supports-johnson-johnson-lavrov:' in dot


def test_summary_reads_several_files_as_one_dispute() -> None:
    result = CliRunner().invoke(
        main, ["summary", str(EXAMPLE), str(FOLLOW_UP), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"johnson-lavrov:lavrov-few-kopecks"' in result.stdout
    assert '"analysts-react:weber-small-budgets"' in result.stdout


def _statement_x(svg: bytes) -> dict[str, float]:
    """Statement id → the x of its box's first text, from a rendered SVG."""
    ns = {"svg": "http://www.w3.org/2000/svg"}
    found = {}
    for group in ET.fromstring(svg).iterfind(".//svg:g[@class='node']", ns):
        if group.get("id", "").startswith("statement-"):
            text = group.find(".//svg:text", ns)
            assert text is not None
            found[group.get("id", "")[len("statement-") :]] = float(text.get("x", "nan"))
    return found


@pytest.mark.needs_dot
@pytest.mark.parametrize("view", ["statements", "speakers", "topics", "timeline"])
def test_every_view_renders_the_merged_pair_to_svg(tmp_path: Path, view: str) -> None:
    out = tmp_path / f"story-{view}.svg"
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE), str(FOLLOW_UP), "--view", view, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    svg = out.read_bytes()
    names = {element.get("id", "") for element in ET.fromstring(svg).iter()}
    if view == "speakers":
        assert {"speaker-weber", "speaker-lavrov"} <= names  # from each file
        return
    if view == "topics":
        founding = {f"topic-{data['id']}" for _, data in topics(load_graph([EXAMPLE]).graph)}
        # The follow-up's topics share the founding example's ids: no box of their own.
        assert {name for name in names if name.startswith("topic-")} == founding
        return
    xs = _statement_x(svg)
    assert len(xs) == 31
    if view == "timeline":
        # The follow-up is dated after the press conference: its statements stand to the right.
        first = [x for name, x in xs.items() if name.startswith("johnson-lavrov:")]
        later = [x for name, x in xs.items() if name.startswith("analysts-react:")]
        assert min(later) > max(first)
