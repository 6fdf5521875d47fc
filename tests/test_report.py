"""Reports: what they gather, HTML and Markdown, the command, and maps in notebooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import load_graph
from argmap.cli import main
from argmap.graph import build_graph
from argmap.loader import load, loads
from argmap.report import gather, make, report_format
from argmap.report.content import Passage

from .conftest import EXAMPLE, ROOT

FOLLOW_UP = ROOT / "examples" / "analysts-react" / "annotation.yaml"

OVERLAP = """
article:
  title: T
  text: "Ana said taxes rose sharply.\\n\\nBen said nothing."
speakers: {ana: {name: Ana}, ben: {name: Ben}}
topics: {t: T}
statements:
  - {id: a1, speaker: ana, topic: t, kind: claim, text: Taxes rose., quote: taxes rose sharply}
  - {id: a2, speaker: ana, topic: t, kind: claim, text: Sharply., quote: rose sharply}
  - {id: b1, speaker: ben, topic: t, kind: denial, text: No., responds_to: a1,
     quote: Ben said nothing}
"""


def test_quoted_passages_are_cut_where_quotes_overlap() -> None:
    report = gather(build_graph(loads(OVERLAP)))
    (article,) = report.articles
    assert article.paragraphs == (
        (
            Passage("Ana said "),
            Passage("taxes ", ("a1",)),
            Passage("rose sharply", ("a1", "a2")),
            Passage("."),
        ),
        (Passage("Ben said nothing", ("b1",)), Passage(".")),
    )


def test_rows_tell_what_each_statement_answers_and_its_standing() -> None:
    report = gather(build_graph(loads(OVERLAP)))
    rows = {row.id: row for row in report.rows}
    assert [(r.relation, r.target) for r in rows["b1"].responds_to] == [("denies", "a1")]
    assert [(r.relation, r.target) for r in rows["a1"].answered_by] == [("denies", "b1")]
    assert (rows["a1"].status, rows["b1"].status) == ("out", "in")
    assert rows["a1"].colour != rows["b1"].colour


def test_a_merged_report_has_each_article_with_its_own_quotes() -> None:
    report = gather(load_graph([EXAMPLE, FOLLOW_UP]).graph)
    assert [a.id for a in report.articles] == ["johnson-lavrov", "analysts-react"]
    for article in report.articles:
        assert article.paragraphs is not None
        quoted = {s for p in article.paragraphs for passage in p for s in passage.statements}
        assert quoted
        assert all(s.startswith(f"{article.id}:") for s in quoted)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("r.html", "html"),
        ("r.HTM", "html"),
        ("r.md", "markdown"),
        ("r.markdown", "markdown"),
        ("r.svg", None),
        ("r", None),
    ],
)
def test_the_report_format_comes_from_the_suffix(name: str, expected: str | None) -> None:
    assert report_format(name) == expected


@pytest.mark.needs_dot
def test_the_html_report_is_self_contained() -> None:
    html = make(build_graph(load(EXAMPLE)), "html").text.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for landmark in ("<header>", "<main", "<nav", "<footer>", '<html lang="en-GB">'):
        assert landmark in html
    # Nothing is fetched: no external scripts, styles, fonts or images.
    for fetch in ('src="http', "src='http", "@import", "url(http", '<link rel="stylesheet"'):
        assert fetch not in html
    assert html.count("<svg") == 1
    assert "<?xml" not in html


def test_the_markdown_report_puts_mermaid_or_names_the_svg() -> None:
    graph = build_graph(load(EXAMPLE))
    with_mermaid = make(graph, "markdown")
    assert with_mermaid.map_svg is None
    assert "```mermaid\n---\ntitle:" in with_mermaid.text.decode()
    text = with_mermaid.text.decode()
    assert "| Speaker | Kind | Statement | Quote | Responds to | Standing |" in text
    assert "## Who answered whom" in text
    assert "- **Sergey Lavrov** counters **Boris Johnson**" in text


@pytest.mark.needs_dot
def test_report_writes_markdown_and_its_map_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "story.md"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), str(FOLLOW_UP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "![Argument map of" in out.read_text(encoding="utf-8")
    assert "](story.svg)" in out.read_text(encoding="utf-8")
    assert (tmp_path / "story.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.needs_dot
@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_report_writes_html_with_each_theme(tmp_path: Path, theme: str) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(out), "--theme", theme])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<tr id="row-') == 26


def test_report_refuses_an_unknown_suffix_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output
    assert not out.exists()


def test_a_bad_file_gives_its_error_and_no_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: {title: T}\nspeakers: {}\ntopics: {}\nstatements: [{id: 1}]\n")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{bad}:4:" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_markdown_to_standard_output_carries_the_map_as_mermaid() -> None:
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", "-", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "```mermaid" in result.stdout
    assert "as Mermaid" in result.stderr


@pytest.mark.needs_dot
def test_a_dispute_shows_as_its_map_in_a_notebook() -> None:
    for shown in (load(EXAMPLE), load_graph([EXAMPLE])):
        svg = shown._repr_svg_()
        assert svg.lstrip().startswith("<?xml")
        assert svg.count('<g id="statement&#45;') == 26


@pytest.mark.needs_dot
def test_the_example_report_linked_from_the_readme_is_up_to_date() -> None:
    kept = (ROOT / "examples" / "johnson-lavrov" / "report.html").read_bytes()
    fresh = make(build_graph(load(EXAMPLE)), "html").text
    assert kept == fresh, (
        "regenerate it: argmap report examples/johnson-lavrov/annotation.yaml "
        "-o examples/johnson-lavrov/report.html"
    )
