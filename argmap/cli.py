"""The ``argmap`` command line: parses options and calls the library, nothing more.

Exit status: 0 when every file is valid (or rendered), 1 when an input is invalid or an output
cannot be made, 2 for a usage error (click's own). Problems with input are printed as
``file:line:column: error: message [code]``, never as a traceback.
"""

from __future__ import annotations

import gc
import io
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from argmap.diagnostics import AnnotationError, ArgmapError, Diagnostic
from argmap.export import EXPORTERS
from argmap.render_options import (
    COLOR_BY,
    FORMATS,
    GROUP_BY,
    THEME_NAMES,
    VIEWS,
    ColorBy,
    GroupBy,
    RenderOptions,
    ThemeName,
    View,
    format_for,
)

if TYPE_CHECKING:
    from argmap.dispute import Dispute
    from argmap.graph import ArgGraph
    from argmap.views import Selection

SUMMARY_FORMATS = ("text", "markdown", "json")
"""The formats of ``argmap summary`` (argmap.summary.FORMATS, named here for a fast --help)."""

IMPORT_FORMATS = ("aif", "xaif", "argdown")
"""The formats ``argmap import`` reads (argmap.importers.IMPORTERS, named here so that the
command line's help needs no import of the importers)."""

# Commands import the core when they run, not here: `argmap --help` need not load pydantic,
# networkx and graphviz.

__all__ = ["main"]


def _echo_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    """Print diagnostics on standard error, coloured on a terminal (see argmap.colour)."""
    from argmap.colour import enabled, paint_diagnostic

    colour = enabled(sys.stderr)
    for diagnostic in diagnostics:
        text = str(diagnostic)
        click.echo(paint_diagnostic(text) if colour else text, err=True, color=colour)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _report(error: ArgmapError) -> None:
    """Print one of argmap's own errors: each diagnostic, then a summary line."""
    if isinstance(error, AnnotationError):
        _echo_diagnostics(error.diagnostics)
        names = sorted({d.position.path for d in error.diagnostics if d.position})
        where = f" in {', '.join(names)}" if names else ""
        click.echo(f"argmap: {_plural(len(error.errors), 'error')}{where}", err=True)
    else:
        click.echo(f"argmap: {error}", err=True)


@contextmanager
def _exit_on_error() -> Iterator[None]:
    """Report argmap's own errors and exit with status 1, without a traceback."""
    try:
        yield
    except ArgmapError as error:
        _report(error)
        raise SystemExit(1) from None


def _load(path: Path, max_size: float, article_anywhere: bool) -> Dispute:
    from argmap.loader import load

    dispute = load(path, max_bytes=_bytes(max_size), article_anywhere=article_anywhere)
    _echo_diagnostics(dispute.warnings)
    return dispute


def _graph(
    files: tuple[Path, ...], max_size: float, article_anywhere: bool
) -> tuple[ArgGraph, tuple[str, ...]]:
    """The graph of one file, or of several merged (warnings printed), and the merge's notes."""
    from argmap.merge import load_graph

    loaded = load_graph(files, max_bytes=_bytes(max_size), article_anywhere=article_anywhere)
    _echo_diagnostics(loaded.warnings)
    return loaded.graph, loaded.notes


def _bytes(megabytes: float) -> int:
    return int(megabytes * 2**20)


max_size_option = click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    metavar="MB",
    help="Largest annotation or article file to read, in MB (a guard against runaway input).",
)

article_anywhere_option = click.option(
    "--article-anywhere",
    is_flag=True,
    help="Let article.text_file point outside the annotation's directory (trusted input).",
)


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that bound what reading an annotation may do (see docs/security.md)."""
    return max_size_option(article_anywhere_option(command))


# How a map is drawn: the same options for render and report.
group_by_option = click.option(
    "--group-by",
    type=click.Choice(GROUP_BY),
    default="speaker",
    show_default=True,
    help="Cluster statements by speaker, by topic, or not at all.",
)
wrap_option = click.option(
    "--wrap",
    type=click.IntRange(10, 200),
    default=RenderOptions.wrap,
    show_default=True,
    help="Characters per line of statement text.",
)
theme_option = click.option(
    "--theme",
    type=click.Choice(THEME_NAMES),
    default="default",
    show_default=True,
    help="Colour-blind-safe colours; 'print', greyscale for paper; or 'dark'.",
)
timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=RenderOptions.timeout,
    show_default=True,
    help="Seconds Graphviz may take before the rendering is abandoned.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap", prog_name="argmap")
def main() -> None:
    """Map who claims, denies and counters what in an annotated news article."""
    # A command runs once and exits, and argmap makes almost no reference cycles: the cyclic
    # collector would only rescan the growing heap (up to a third of a big map's load time).
    if gc.isenabled():
        gc.disable()
        click.get_current_context().call_on_close(gc.enable)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid files.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@input_options
def validate(
    files: tuple[Path, ...], quiet: bool, strict: bool, max_size: float, article_anywhere: bool
) -> None:
    """Check annotation FILES: schema, references and that every quote is in the article.

    Every problem of every file is reported, as file:line:column: message. Responses to
    statements of other files (ARTICLE:ID) are checked against the FILES given.
    """
    from argmap.references import check_references

    failed = 0
    loaded: list[tuple[Path, Dispute]] = []
    for path in files:
        try:
            loaded.append((path, _load(path, max_size, article_anywhere)))
        except ArgmapError as error:
            _report(error)
            failed += 1
    # References between files are checked among the files given (and warned about otherwise).
    between = check_references([d for _, d in loaded], _bytes(max_size))
    for path, dispute in loaded:
        own = tuple(d for d in between if d.position and d.position.path == dispute.source)
        _echo_diagnostics(own)
        errors = sum(1 for d in own if d.severity == "error")
        warnings = len(dispute.warnings) + len(own) - errors
        if errors:
            click.echo(f"argmap: {_plural(errors, 'error')} in {path}", err=True)
            failed += 1
        elif strict and warnings:
            click.echo(f"argmap: {_plural(warnings, 'warning')} in {path}", err=True)
            failed += 1
        elif not quiet:
            annotation = dispute.annotation
            quotes = sum(len(a) for a in dispute.anchors.values())
            click.echo(
                f"{path}: ok ({_plural(len(annotation.statements), 'statement')}, "
                f"{_plural(len(annotation.speakers), 'speaker')}, "
                f"{_plural(len(annotation.topics), 'topic')}, "
                f"{_plural(quotes, 'quote')} anchored)"
            )
    if failed:
        raise SystemExit(1)


@main.command("render")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The file to write ('-' for standard output); its suffix sets the format.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Draw each FILE to its own map in this directory (made if missing), in parallel.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Draw again whenever a FILE or its article changes, until Ctrl-C.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), help="The format, if not the suffix's."
)
@group_by_option
@click.option(
    "--color-by",
    type=click.Choice(COLOR_BY),
    default="speaker",
    show_default=True,
    help="Colour statements by speaker, or by the speaker's group.",
)
@wrap_option
@click.option(
    "--quote-limit",
    type=click.IntRange(20, 5000),
    default=RenderOptions.quote_limit,
    show_default=True,
    help="Longest quote shown whole in a box; longer ones are shortened (whole in tooltips).",
)
@theme_option
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="statements",
    show_default=True,
    help="Every statement; one box per speaker or topic with responses counted; or the "
    "statements in the order they were made, a lane per speaker (or topic).",
)
@click.option(
    "--speaker",
    "speakers",
    multiple=True,
    metavar="ID",
    help="Only this speaker's statements (repeat for several).",
)
@click.option(
    "--topic", "topics", multiple=True, metavar="ID", help="Only statements on this topic."
)
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND", help="Only statements of this kind."
)
@click.option("--focus", metavar="ID", help="Only this statement and those near it (see --depth).")
@click.option(
    "--depth",
    type=click.IntRange(0, 50),
    default=1,
    show_default=True,
    help="How many responses away from --focus a statement may be.",
)
@click.option(
    "--status",
    is_flag=True,
    help="Mark each statement in, out or undecided (grounded semantics of the attacks).",
)
@timeout_option
@input_options
def render_command(
    files: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    watch: bool,
    fmt: str | None,
    group_by: str,
    color_by: str,
    wrap: int,
    quote_limit: int,
    theme: str,
    no_legend: bool,
    view: str,
    speakers: tuple[str, ...],
    topics: tuple[str, ...],
    kinds: tuple[str, ...],
    focus: str | None,
    depth: int,
    status: bool,
    timeout: float,
    max_size: float,
    article_anywhere: bool,
) -> None:
    """Draw the argument map of annotation FILES as SVG, PNG, PDF or DOT.

    Several FILES are drawn as one dispute: speakers and topics with the same id are one, and
    statements are named ARTICLE:ID (the article's id, or the file's name).

    The filters (--speaker, --topic, --kind, --focus) keep the statements that meet all of
    them, with the responses between those. The output file is replaced only once the map is
    complete.
    """
    if output is not None and out_dir is not None:
        raise click.UsageError(
            "-o/--output and --out-dir exclude each other: -o draws all FILES as one map, "
            "--out-dir one map per file"
        )
    if output is None and out_dir is None:
        raise click.UsageError(
            "missing -o/--output (one map of all FILES) or --out-dir (one map per file)"
        )
    suffix_format = format_for(str(output)) if output else fmt or "svg"
    if fmt is None:
        if suffix_format is None:
            raise click.BadParameter(
                f"cannot tell the format from '{output}'; use a suffix "
                f"({', '.join('.' + f for f in FORMATS)}) or --format",
                param_hint="'-o' / '--output'",
            )
        fmt = suffix_format
    elif suffix_format is not None and suffix_format != fmt:
        raise click.BadParameter(
            f"'{output}' says {suffix_format} but --format says {fmt}",
            param_hint="'-f' / '--format'",
        )
    options = RenderOptions(
        group_by=cast(GroupBy, group_by),
        color_by=cast(ColorBy, color_by),
        wrap=wrap,
        quote_limit=quote_limit,
        theme=cast(ThemeName, theme),
        legend=not no_legend,
        timeout=timeout,
        view=cast(View, view),
        status=status,
    )
    from argmap.views import Selection

    selection = Selection(speakers, topics, kinds, focus, depth)
    draw: Callable[[], bool]
    if out_dir is not None:
        draw = partial(
            _render_each, files, out_dir, fmt, options, selection, max_size, article_anywhere
        )
    else:
        assert output is not None  # checked above: one of the two is given
        draw = partial(
            _render_merged, files, output, fmt, options, selection, max_size, article_anywhere
        )
    if watch:
        _watch(files, draw, max_size)
    elif not draw():
        raise SystemExit(1)


def _render_merged(
    files: tuple[Path, ...],
    output: Path,
    fmt: str,
    options: RenderOptions,
    selection: Selection,
    max_size: float,
    article_anywhere: bool,
) -> bool:
    """Draw FILES as one dispute to ``output``; report problems; tell whether it was drawn."""
    from argmap.batch import draw
    from argmap.output import write_output

    try:
        graph, merge_notes = _graph(files, max_size, article_anywhere)
        rendering, notes = draw(graph, fmt, options, selection)
        write_output(output, rendering.data)
    except ArgmapError as error:
        _report(error)
        return False
    for note in [*merge_notes, *notes]:
        click.echo(f"argmap: note: {note}", err=True)
    return True


def _render_each(
    files: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    options: RenderOptions,
    selection: Selection,
    max_size: float,
    article_anywhere: bool,
) -> bool:
    """Draw each file to its own map in ``out_dir``, in parallel, with a bar on a terminal.

    Each file's problems are reported in the order of FILES; one bad file does not stop the
    others. Returns whether every map was drawn.
    """
    from argmap import batch

    try:
        jobs = batch.plan(files, out_dir, fmt)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _report(ArgmapError(f"{out_dir}: cannot make the directory: {error.strerror or error}"))
        return False
    work = partial(
        batch.render_file,
        fmt=fmt,
        options=options,
        selection=selection,
        max_bytes=_bytes(max_size),
        article_anywhere=article_anywhere,
    )
    show_bar = len(jobs) > 1 and sys.stderr.isatty()
    with click.progressbar(
        length=len(jobs), label="Drawing", file=sys.stderr if show_bar else io.StringIO()
    ) as bar:

        def report(outcome: batch.Outcome) -> None:
            if show_bar:
                click.echo("\r\x1b[K", nl=False, err=True)  # clear the bar's line
            if outcome.error is not None:
                _report(outcome.error)
                return
            _echo_diagnostics(outcome.warnings)
            for note in outcome.notes:
                click.echo(f"argmap: note: {outcome.job.source}: {note}", err=True)

        outcomes = batch.run_in_order(
            jobs, work, on_result=report, on_progress=lambda: bar.update(1)
        )
    failed = batch.failed(outcomes)
    if failed:
        click.echo(
            f"argmap: {failed} of {_plural(len(jobs), 'file')} could not be drawn", err=True
        )
    return not failed


def _watch(files: tuple[Path, ...], draw: Callable[[], bool], max_size: float) -> None:
    """Draw now and on every change of FILES or their articles, until Ctrl-C (exit status 0)."""
    from argmap.watch import watch, watched_files

    def again() -> None:
        ok = draw()
        when = time.strftime("%H:%M:%S")
        state = "drawn" if ok else "not drawn: fix the problems above"
        click.echo(f"argmap: {when} {state}; watching for changes (Ctrl-C to stop)", err=True)

    try:
        watch(lambda: watched_files(files, _bytes(max_size)), again)
    except KeyboardInterrupt:
        click.echo("", err=True)


@main.command("summary")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SUMMARY_FORMATS),
    default="text",
    show_default=True,
    help="Text for the terminal, Markdown for a report, or JSON for programs.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The file to write, or '-' for standard output.",
)
@input_options
def summary_command(
    files: tuple[Path, ...], fmt: str, output: Path, max_size: float, article_anywhere: bool
) -> None:
    """Summarise the dispute of annotation FILES: who answered whom, what stands.

    Per speaker and topic, who responds to whom and how, what went unanswered, the most
    contested statements, the longest rebuttal chain, concessions, and which statements
    stand under grounded semantics, each with the reason. Several FILES are read as one
    dispute, as by render.
    """
    from argmap.analysis import summarise
    from argmap.output import write_output
    from argmap.summary import format_summary

    with _exit_on_error():
        graph, notes = _graph(files, max_size, article_anywhere)
        write_output(output, format_summary(summarise(graph), fmt).encode("utf-8"))
    for note in notes:
        click.echo(f"argmap: note: {note}", err=True)


@main.command("report")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The report to write: .html (one self-contained file) or .md ('-': standard output).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown"]),
    help="The format, if not the suffix's.",
)
@click.option(
    "--mermaid",
    is_flag=True,
    help="Markdown: put the map in the report as Mermaid instead of an SVG file beside it.",
)
@theme_option
@group_by_option
@wrap_option
@timeout_option
@input_options
def report_command(
    files: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    mermaid: bool,
    theme: str,
    group_by: str,
    wrap: int,
    timeout: float,
    max_size: float,
    article_anywhere: bool,
) -> None:
    """Write a report of annotation FILES for readers without argmap: HTML or Markdown.

    HTML: one file that needs no network: the map (zoomable), its key, a table of statements
    with their standing, and the article with each quote marked in its speaker's colour;
    selecting a statement on the map shows its quote. Markdown: the map as an SVG file written
    beside the report (OUTPUT with .svg), or as Mermaid, then the statements and who answered
    whom. Several FILES are reported as one dispute.
    """
    from argmap.output import write_output
    from argmap.report import make, report_format

    chosen = fmt or report_format(str(output))
    if chosen is None:
        raise click.BadParameter(
            f"cannot tell the format from '{output}'; use .html or .md, or --format",
            param_hint="'-o' / '--output'",
        )
    options = RenderOptions(
        group_by=cast(GroupBy, group_by),
        wrap=wrap,
        theme=cast(ThemeName, theme),
        timeout=timeout,
    )
    to_stdout = str(output) == "-"
    image = None if mermaid or chosen == "html" or to_stdout else output.with_suffix(".svg")
    with _exit_on_error():
        graph, notes = _graph(files, max_size, article_anywhere)
        made = make(
            graph,
            "html" if chosen == "html" else "markdown",
            options,
            image=image.name if image else None,
        )
        if image is not None and made.map_svg is not None:
            write_output(image, made.map_svg)
        write_output(output, made.text)
    if to_stdout and chosen == "markdown" and not mermaid:
        notes = (
            *notes,
            "the map is in the report as Mermaid (no SVG file beside standard output)",
        )
    for note in notes:
        click.echo(f"argmap: note: {note}", err=True)


@main.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-t",
    "--to",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORTERS)),
    help="The format to write (see the list below).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The file to write, or '-' for standard output.",
)
@input_options
def export_command(
    file: Path, fmt: str, output: Path, max_size: float, article_anywhere: bool
) -> None:
    """Export an annotation FILE to another tool's format.

    Formats: json (argmap's own, with quote spans), node-link (networkx), aif and xaif (AIFdb,
    OVA), argdown, graphml (yEd), gexf (Gephi), mermaid, sadface, claimreview (schema.org
    Claims), csv. The output is written only once complete.
    """
    from argmap.export import export
    from argmap.graph import build_graph
    from argmap.output import write_output

    with _exit_on_error():
        write_output(
            output,
            export(build_graph(_load(file, max_size, article_anywhere)), fmt).encode("utf-8"),
        )


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--from",
    "fmt",
    required=True,
    type=click.Choice(list(IMPORT_FORMATS)),
    help="The format of FILE.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The annotation YAML to write, or '-' for standard output.",
)
@click.option(
    "--report", is_flag=True, help="Print what was mapped and skipped, per element type."
)
@max_size_option
def import_command(file: Path, fmt: str, output: Path, report: bool, max_size: float) -> None:
    """Make an annotation from another tool's FILE (AIF, xAIF or Argdown).

    The annotation is checked by argmap's own loader before it is written; every element of the
    source is accounted for in the report, mapped or skipped.
    """
    from argmap.importers import convert
    from argmap.output import write_output

    with _exit_on_error():
        target = None if str(output) == "-" else str(output)
        text, summary = convert(file, fmt, output=target, max_bytes=_bytes(max_size))
        write_output(output, text.encode("utf-8"))
    if report:
        for line in summary.lines():
            click.echo(line, err=True)


@main.command("schema")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The file to write, or '-' for standard output.",
)
def schema_command(output: Path) -> None:
    """Print the JSON Schema of the annotation format, for editors' completion and checks.

    Point an annotation at it with a first line such as
    '# yaml-language-server: $schema=annotation.schema.json'.
    """
    from argmap.output import write_output
    from argmap.schema import schema_json

    with _exit_on_error():
        write_output(output, schema_json().encode("utf-8"))


@main.command("init")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The annotation to write, or '-' for standard output  [default: annotation.yaml "
    "beside ARTICLE]",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@max_size_option
def init_command(article: Path, output: Path | None, force: bool, max_size: float) -> None:
    """Begin the annotation of an ARTICLE text file, valid as written.

    The annotation has the article's metadata (the title guessed from its first line), the
    speakers and topics sections, and a commented example statement of each kind; TODO
    comments say what to fill in.
    """
    from argmap.output import write_output
    from argmap.scaffold import scaffold_file

    if output is None:
        output = article.parent / "annotation.yaml"
    to_stdout = str(output) == "-"
    with _exit_on_error():
        text = scaffold_file(article, None if to_stdout else output, max_bytes=_bytes(max_size))
        if not to_stdout and output.exists() and not force:
            raise ArgmapError(f"{output} exists; use --force to replace it")
        write_output(output, text.encode("utf-8"))
    if not to_stdout:
        click.echo(
            f"argmap: wrote {output}; fill in its TODOs, then: argmap validate {output}", err=True
        )


@main.command("draft")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The draft annotation to write, or '-' for standard output.",
)
@click.option("--title", help="The article's headline, if not its first line.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@max_size_option
def draft_command(
    article: Path, output: Path, title: str | None, force: bool, max_size: float
) -> None:
    """Draft an annotation of an ARTICLE text file: speakers, quotes, kinds and links, guessed.

    Finds the quotations and reported speech, who said each (names, titles, pronouns), a kind
    from the reporting verb and responses the article states. Every guess is commented in the
    YAML and every statement tagged 'draft'; topics and paraphrases are left as TODO. The draft
    validates as written.
    """
    from argmap.draft import draft_file
    from argmap.output import write_output

    to_stdout = str(output) == "-"
    with _exit_on_error():
        if not to_stdout and output.exists() and not force:
            raise ArgmapError(f"{output} exists; use --force to replace it")
        result, notes = draft_file(
            article, None if to_stdout else output, title=title, max_bytes=_bytes(max_size)
        )
        write_output(output, result.yaml.encode("utf-8"))
    for note in notes:
        click.echo(f"argmap: note: {note}", err=True)
