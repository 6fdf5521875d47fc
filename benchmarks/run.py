"""Time every stage of argmap on synthetic disputes, print a table and write JSON.

    python benchmarks/run.py                 # N = 100, 1k, 5k, 10k, 50k (layout up to 10k)
    python benchmarks/run.py --quick         # N = 100, 1k, once each: the CI smoke run
    python benchmarks/run.py --compare       # also arguebuf and the Argdown CLI, if found

For --compare, install the two tools beside the benchmark (neither is committed):

    python3 -m venv benchmarks/.arguebuf && benchmarks/.arguebuf/bin/pip install arguebuf
    npm install --prefix benchmarks @argdown/cli

Stages are timed separately, in process, taking the median of several runs: read, parse,
validate, cross-checks, quote anchoring, the whole load, graph building, each export, and the
Graphviz layout to SVG. Peak memory is measured in a child process per size. The growth of each
stage is printed as its time ratio per 10x statements (10 is linear, 100 quadratic). Figures are
printed against the targets of docs/performance.md; nothing here fails on timing.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import write  # noqa: E402

from argmap import yamlsource  # noqa: E402
from argmap.anchoring import ArticleText  # noqa: E402
from argmap.checks import check_parts  # noqa: E402
from argmap.drawing import render_map, to_dot  # noqa: E402
from argmap.export import export  # noqa: E402
from argmap.gc_pause import gc_paused  # noqa: E402
from argmap.graph import build_graph  # noqa: E402
from argmap.loader import load  # noqa: E402
from argmap.model import Annotation  # noqa: E402
from argmap.render_options import RenderOptions  # noqa: E402
from argmap.validation import validate  # noqa: E402

EXAMPLE = ROOT / "examples" / "johnson-lavrov" / "annotation.yaml"
SHARED_AIF = ROOT.parent / "shared" / "external-data" / "aif"

TARGETS: list[tuple[str, int, float]] = [
    ("load", 10_000, 1.0),
    ("load", 50_000, 3.0),
    ("anchor in order", 10_000, 0.2),
    ("export dot", 10_000, 0.3),
    ("export json", 10_000, 0.3),
    ("export aif", 10_000, 0.3),
    ("render svg", 1_000, 1.5),
    ("render svg", 5_000, 10.0),
    ("render svg", 10_000, 30.0),
]
"""(stage, N, seconds): the targets of issue 3, checked at the end of a full run."""


def timed(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # free the previous run's result: big ones would slow the next run
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def svg_shape(svg: bytes) -> tuple[float, float]:
    """Width and height in points of an SVG made by Graphviz."""
    root = ET.fromstring(svg)
    return (float(root.get("width", "0pt")[:-2]), float(root.get("height", "0pt")[:-2]))


def stages(path: Path, repeat: int, layout: bool) -> dict[str, float | str]:
    """Time each stage on one synthetic dispute."""
    result: dict[str, float | str] = {}
    text_time, text = timed(lambda: path.read_bytes().decode("utf-8"), repeat)
    result["read"] = text_time
    article = (path.parent / "article.txt").read_text(encoding="utf-8")

    @gc_paused()
    def parse() -> Any:
        return yamlsource.parse(text, str(path))

    result["parse"], document = timed(parse, repeat)
    result["validate"], validated = timed(gc_paused()(lambda: validate(document.data)), repeat)
    result["checks"], _ = timed(
        lambda: check_parts(validated.speaker_ids, validated.topic_ids, validated.statements),
        repeat,
    )
    quotes = [q.text for s in validated.statements for q in s.quote]

    def anchor(listed: list[str]) -> Callable[[], list[Any]]:
        def run() -> list[Any]:
            found = ArticleText(article)
            return [found.find(quote) for quote in listed]

        return gc_paused()(run)

    result["anchor"], anchors = timed(anchor(quotes), repeat)
    in_order = [q for _, q in sorted(zip((a.start for a in anchors), quotes, strict=True))]
    result["anchor in order"], _ = timed(anchor(in_order), repeat)
    result["load"], dispute = timed(lambda: load(path), repeat)
    result["graph"], graph = timed(lambda: build_graph(dispute), repeat)
    result["export dot"], _ = timed(lambda: to_dot(graph), repeat)
    for name in ("json", "aif"):
        result[f"export {name}"], _ = timed(lambda: export(graph, name), repeat)  # noqa: B023
    floor_json = (path.parent / "annotation.json").read_bytes()

    @gc_paused()
    def floor() -> Any:
        return Annotation.model_validate(json.loads(floor_json))

    result["floor: json + pydantic"], _ = timed(floor, repeat)
    if layout:
        seconds, rendering = timed(lambda: render_map(graph, "svg", RenderOptions(timeout=600)), 1)
        width, height = svg_shape(rendering.data)
        result["render svg"] = seconds
        result["svg aspect"] = f"{width / height:.1f}:1"
    return result


def peak_memory_mb(path: Path) -> float:
    """Peak resident memory of a child process that loads, builds and exports one dispute."""
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[2]);"
        "from argmap import load, build_graph, to_dot;"
        "to_dot(build_graph(load(sys.argv[1])));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(path), str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output) / 1024


def cli_wall(repeat: int) -> dict[str, float]:
    """Wall time of whole argmap commands on the founding example."""
    argmap = [sys.executable, "-m", "argmap"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as scratch:
        commands = {
            "argmap --version": [*argmap, "--version"],
            "argmap validate (founding example)": [*argmap, "validate", str(EXAMPLE)],
            "argmap render svg (founding example)": [
                *argmap, "render", str(EXAMPLE), "-o", f"{scratch}/map.svg",
            ],
        }  # fmt: skip
        return {
            name: timed(functools.partial(_quiet, command, env), repeat)[0]
            for name, command in commands.items()
        }


def growth(rows: dict[int, dict[str, Any]]) -> dict[str, list[float]]:
    """Each stage's time ratio per 10x statements, between consecutive sizes."""
    sizes = sorted(rows)
    result: dict[str, list[float]] = {}
    for small, large in itertools.pairwise(sizes):
        for stage, value in rows[large].items():
            before = rows[small].get(stage)
            if isinstance(value, float) and isinstance(before, float) and before > 0:
                exponent = math.log(value / before) / math.log(large / small)
                result.setdefault(stage, []).append(10**exponent)
    return result


def compare_arguebuf(python: str) -> dict[str, Any] | None:
    """Time arguebuf loading every shared AIF map and writing its DOT, in its own Python."""
    if not SHARED_AIF.is_dir():
        return None
    code = """
import glob, json, sys, time
import arguebuf as ab
start, nodes, files, failed = time.perf_counter(), 0, 0, []
for path in sorted(glob.glob(sys.argv[1] + "/**/*.json", recursive=True)):
    try:
        graph = ab.load.file(path)
        ab.dump.graphviz(graph).source
        nodes += len(graph.nodes)
        files += 1
    except Exception as error:
        failed.append(f"{path.rsplit('/', 1)[-1]}: {type(error).__name__}")
print(json.dumps({"seconds": time.perf_counter() - start, "nodes": nodes, "files": files,
                  "failed": failed}))
"""
    try:
        output = subprocess.run(
            [python, "-c", code, str(SHARED_AIF)], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    data: dict[str, Any] = json.loads(output)
    return data


def compare_argdown(argdown: str, disputes: dict[int, Path], repeat: int) -> dict[str, float]:
    """The Argdown CLI on the same disputes written in Argdown, and argmap's CLI beside it."""
    argmap = [sys.executable, "-m", "argmap"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = {"argdown --version": timed(lambda: _quiet([argdown, "--version"]), repeat)[0]}
    with tempfile.TemporaryDirectory() as scratch:
        for n, path in disputes.items():
            result[f"argmap validate, {n}"] = timed(
                functools.partial(_quiet, [*argmap, "validate", "-q", str(path)], env), repeat
            )[0]
            result[f"argmap render -o map.dot, {n}"] = timed(
                functools.partial(
                    _quiet, [*argmap, "render", str(path), "-o", f"{scratch}/map.dot"], env
                ),
                repeat,
            )[0]
            source = str(path.parent / "annotation.argdown")
            result[f"argdown json, {n}"] = timed(
                functools.partial(_quiet, [argdown, "json", source, scratch]), repeat
            )[0]
            result[f"argdown map --format dot, {n}"] = timed(
                functools.partial(_quiet, [argdown, "map", source, scratch, "--format", "dot"]),
                repeat,
            )[0]
    return result


def _quiet(command: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(command, capture_output=True, check=True, timeout=600, env=env)


def print_table(rows: dict[int, dict[str, Any]]) -> None:
    """Print one row per stage, one column per size."""
    sizes = sorted(rows)
    stage_names = list(dict.fromkeys(k for row in rows.values() for k in row))
    print(f"{'stage':26}" + "".join(f"{f'N={n:,}':>14}" for n in sizes))
    for stage in stage_names:
        cells = []
        for n in sizes:
            value = rows[n].get(stage, "")
            cells.append(f"{value:>14.3f}" if isinstance(value, float) else f"{value!s:>14}")
        print(f"{stage:26}" + "".join(cells))


def plot_svg(rows: dict[int, dict[str, Any]], path: Path) -> None:
    """A log-log plot of seconds per stage against statements, as a small SVG."""
    stages_shown = ["parse", "validate", "anchor", "load", "graph", "export dot", "render svg"]
    colours = ["#0072B2", "#D55E00", "#009E73", "#000000", "#CC79A7", "#E69F00", "#56B4E9"]
    sizes = sorted(rows)
    values = [v for r in rows.values() for k, v in r.items() if k in stages_shown]
    low, high = math.log10(min(values)), math.log10(max(values))
    left, top, width, height = 70, 20, 560, 300

    def x(n: int) -> float:
        span = math.log10(sizes[-1]) - math.log10(sizes[0]) or 1
        return left + (math.log10(n) - math.log10(sizes[0])) / span * width

    def y(seconds: float) -> float:
        return top + (high - math.log10(seconds)) / ((high - low) or 1) * height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 170}" '
        f'height="{top + height + 50}" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" '
        'stroke="#999"/>',
    ]
    parts.extend(
        f'<text x="{x(n):.0f}" y="{top + height + 16}" text-anchor="middle">{n:,}</text>'
        for n in sizes
    )
    parts.extend(
        f'<text x="{left - 6}" y="{y(10**power) + 4:.0f}" text-anchor="end">{10**power:g} s</text>'
        for power in range(math.ceil(low), math.floor(high) + 1)
    )
    parts.append(
        f'<text x="{left + width / 2}" y="{top + height + 36}" text-anchor="middle">'
        "statements (log)</text>"
    )
    for index, (stage, colour) in enumerate(zip(stages_shown, colours, strict=True)):
        points = [(x(n), y(rows[n][stage])) for n in sizes if stage in rows[n]]
        if len(points) > 1:
            line = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        legend_y = top + 14 + index * 18
        parts.append(
            f'<line x1="{left + width + 12}" y1="{legend_y - 4}" x2="{left + width + 36}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{left + width + 42}" y="{legend_y}">{stage}</text>'
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> None:
    """Run the benchmark (command line)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1k, once: for CI")
    parser.add_argument("--sizes", help="comma-separated numbers of statements")
    parser.add_argument("--layout-up-to", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, help="runs per stage (median)")
    parser.add_argument("--compare", action="store_true", help="arguebuf and Argdown too")
    local_arguebuf = ROOT / "benchmarks" / ".arguebuf" / "bin" / "python"
    local_argdown = ROOT / "benchmarks" / "node_modules" / ".bin" / "argdown"
    parser.add_argument(
        "--arguebuf-python",
        default=str(local_arguebuf) if local_arguebuf.exists() else sys.executable,
        help="a Python with arguebuf installed",
    )
    parser.add_argument(
        "--argdown",
        default=str(local_argdown) if local_argdown.exists() else shutil.which("argdown"),
        help="the Argdown CLI",
    )
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--plot", type=Path, help="write an SVG plot here")
    args = parser.parse_args()
    sizes = [100, 1_000] if args.quick else [100, 1_000, 5_000, 10_000, 50_000]
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    repeat = args.repeat or (1 if args.quick else 3)

    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "graphviz": subprocess.run(
                ["dot", "-V"], capture_output=True, text=True
            ).stderr.strip(),
        },
        "stages": {},
    }
    rows: dict[int, dict[str, Any]] = {}
    disputes: dict[int, Path] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n in sizes:
            path = write(n, Path(scratch) / f"d{n}")
            disputes[n] = path
            print(f"N={n:,}: {path.stat().st_size / 1e6:.1f} MB of YAML", file=sys.stderr)
            rows[n] = stages(path, repeat, layout=n <= args.layout_up_to)
            rows[n]["peak memory MB"] = peak_memory_mb(path)
        report["stages"] = {str(n): row for n, row in rows.items()}
        report["cli"] = cli_wall(repeat)
        if args.compare:
            arguebuf = compare_arguebuf(args.arguebuf_python)
            if arguebuf:
                report["arguebuf"] = arguebuf
            if args.argdown:
                report["argdown"] = compare_argdown(
                    args.argdown, {n: p for n, p in disputes.items() if n <= 10_000}, repeat
                )
    report["growth per 10x"] = growth(rows)

    print_table(rows)
    print("\ngrowth per 10x statements (10 = linear):")
    for stage, ratios in report["growth per 10x"].items():
        print(f"  {stage:26}" + "  ".join(f"{r:6.1f}" for r in ratios))
    print("\ncommand line, founding example:")
    for name, seconds in report["cli"].items():
        print(f"  {name:40}{seconds:8.3f} s")
    for tool in ("arguebuf", "argdown"):
        if tool in report:
            print(f"\n{tool}: {json.dumps(report[tool], indent=1)}")
    print("\ntargets:")
    for stage, n, limit in TARGETS:
        value = rows.get(n, {}).get(stage)
        if isinstance(value, float):
            mark = "ok  " if value <= limit else "MISS"
            print(f"  {mark} {stage} at N={n:,}: {value:.3f} s (target {limit:g} s)")
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\nlargest child process (dot included): {maxrss:.0f} MB")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.plot:
        plot_svg(rows, args.plot)


if __name__ == "__main__":
    main()
