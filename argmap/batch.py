"""Drawing maps: one dispute to one file, or many annotation files each to its own map.

``argmap render *.yaml --out-dir maps/`` draws every file on its own, in parallel; one bad file
is reported and the others are still drawn.

Why threads and not processes: most of a map's time is Graphviz's ``dot``, which runs as a
process of its own, so threads that wait on it let as many ``dot`` processes run as there are
cores. argmap's own part (reading the YAML, building the graph, writing DOT) holds Python's
lock, but takes milliseconds for an article-sized annotation against ``dot``'s tenths of a
second. A process pool would import pydantic, networkx and Graphviz again in every worker and
send every result back through pickling, for a gain only on disputes of thousands of
statements, which are not what one renders by the dozen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from argmap.diagnostics import ArgmapError, Diagnostic
from argmap.loader import MAX_FILE_BYTES
from argmap.render_options import RenderOptions

if TYPE_CHECKING:
    from argmap.drawing import Rendering
    from argmap.graph import ArgGraph
    from argmap.views import Selection

__all__ = ["Job", "Outcome", "draw", "failed", "plan", "render_file", "run_in_order", "workers"]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Job:
    """One annotation file to draw, and the map file to write."""

    source: Path
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What drawing one file gave: its warnings and notes, or the error that stopped it."""

    job: Job
    warnings: tuple[Diagnostic, ...] = ()
    notes: tuple[str, ...] = ()
    error: ArgmapError | None = None

    @property
    def ok(self) -> bool:
        """Whether the map was written."""
        return self.error is None


def plan(files: Sequence[Path], out_dir: Path, fmt: str) -> tuple[Job, ...]:
    """Name each file's map in ``out_dir``: ``<stem>.<fmt>``.

    Files that share a stem (``a/annotation.yaml``, ``b/annotation.yaml``, the layout of
    argmap's examples) are named after their directory instead (``a.svg``, ``b.svg``).

    Raises:
        ValueError: when two files would still write the same map.
    """
    stems = [path.stem for path in files]
    names = [
        path.resolve().parent.name if stems.count(path.stem) > 1 else path.stem for path in files
    ]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        sources = ", ".join(str(f) for f, n in zip(files, names, strict=True) if n in clashes)
        raise ValueError(
            f"several files would be drawn to the same map ({', '.join(clashes)}.{fmt}): "
            f"{sources}; render them separately, or rename them"
        )
    return tuple(
        Job(path, out_dir / f"{name}.{fmt}") for path, name in zip(files, names, strict=True)
    )


def draw(
    graph: ArgGraph, fmt: str, options: RenderOptions, selection: Selection
) -> tuple[Rendering, tuple[str, ...]]:
    """Draw ``graph``, or the part ``selection`` keeps; return the map and notes for the user.

    Raises:
        ArgmapError: when the selection names what the dispute lacks, or Graphviz fails.
    """
    from argmap.drawing import render_map
    from argmap.graph import statements
    from argmap.views import select

    notes: list[str] = []
    if not selection.empty:
        total = sum(1 for _ in statements(graph))
        whole = graph
        graph = select(graph, selection)
        if options.status:  # the standing of each statement in the whole dispute, not the view
            from argmap.analysis import grounded

            graph.graph["statuses"] = {n: s.status for n, s in grounded(whole).items()}
        shown = sum(1 for _ in statements(graph))
        notes.append(f"showing {shown} of {total} statements: {selection.describe()}")
    rendering = render_map(graph, fmt, options)
    return rendering, (*notes, *rendering.layout.notes)


def render_file(
    job: Job,
    fmt: str,
    options: RenderOptions,
    selection: Selection,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    article_anywhere: bool = False,
) -> Outcome:
    """Draw one annotation file to its map; a problem is returned, not raised."""
    from argmap.merge import load_graph
    from argmap.output import write_output

    try:
        loaded = load_graph([job.source], max_bytes=max_bytes, article_anywhere=article_anywhere)
        rendering, notes = draw(loaded.graph, fmt, options, selection)
        write_output(job.output, rendering.data)
    except ArgmapError as error:
        return Outcome(job, error=error)
    return Outcome(job, loaded.warnings, (*loaded.notes, *notes))


def workers(jobs: int) -> int:
    """How many files to draw at once: one per core this process may use, at most ``jobs``."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs, cores or 1))


def run_in_order(
    items: Sequence[T],
    work: Callable[[T], R],
    *,
    max_workers: int | None = None,
    on_result: Callable[[R], None] = lambda result: None,
    on_progress: Callable[[], None] = lambda: None,
) -> list[R]:
    """Run ``work`` on every item in threads; hand results over in the items' order.

    ``on_progress`` is called as each item is done, in whatever order they finish, and
    ``on_result`` with each result as soon as those of all the items before it are in: the
    messages of a batch come out in the order of its files, whichever finished first.
    """
    results: dict[int, R] = {}
    done = 0
    pool = ThreadPoolExecutor(max_workers=max_workers or workers(len(items)))
    try:
        futures: dict[Future[R], int] = {
            pool.submit(work, item): i for i, item in enumerate(items)
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            on_progress()
            while done in results:
                on_result(results[done])
                done += 1
    except BaseException:
        # Ctrl-C: drop what has not started; what runs is stopped by the same signal (dot).
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [results[i] for i in range(len(items))]


def failed(outcomes: Iterable[Outcome]) -> int:
    """How many of the files could not be drawn."""
    return sum(1 for outcome in outcomes if not outcome.ok)
