"""``argmap render --watch``: drawn again when the annotation or its article changes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.watch import snapshot, watch, watched_files

from .conftest import ROOT

EXAMPLE_DIR = ROOT / "examples" / "johnson-lavrov"


@pytest.fixture
def annotation(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE_DIR / "annotation.yaml", tmp_path / "annotation.yaml")
    shutil.copy(EXAMPLE_DIR / "article.txt", tmp_path / "article.txt")
    return tmp_path / "annotation.yaml"


def touch(path: Path, text: str | None = None) -> None:
    """Change a file so that its snapshot changes, even within one clock tick."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_article_is_watched_with_its_annotation(annotation: Path) -> None:
    assert watched_files([annotation]) == [annotation, annotation.parent / "article.txt"]
    broken = annotation.parent / "broken.yaml"
    broken.write_text("article: [\n")
    assert watched_files([broken]) == [broken]
    assert snapshot([annotation.parent / "missing"]) == {annotation.parent / "missing": None}


def test_watch_runs_again_on_each_change_until_stopped(annotation: Path) -> None:
    runs: list[int] = []
    stop = threading.Event()
    article = annotation.parent / "article.txt"

    def edit() -> None:
        wait_for(lambda: len(runs) == 1)
        touch(annotation)
        wait_for(lambda: len(runs) == 2)
        touch(article)
        wait_for(lambda: len(runs) == 3)
        annotation.unlink()  # an editor's save: gone for a moment, then back
        wait_for(lambda: len(runs) == 4)
        stop.set()

    editor = threading.Thread(target=edit)
    editor.start()
    count = watch(
        lambda: watched_files([annotation]),
        lambda: runs.append(1),
        interval=0.02,
        stop=stop,
    )
    editor.join()
    assert count == len(runs) == 4


def test_watch_does_nothing_while_nothing_changes(annotation: Path) -> None:
    runs: list[int] = []
    count = watch(lambda: [annotation], lambda: runs.append(1), interval=0.01, max_cycles=5)
    assert count == len(runs) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_render_watch_end_to_end(annotation: Path) -> None:
    """Errors are printed without ending the watch; Ctrl-C ends it with status 0."""
    out = annotation.parent / "map.dot"
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", annotation.name, "-o", out.name, "--watch"],
        cwd=annotation.parent,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")))  # type: ignore[union-attr]
    reader.start()
    try:
        wait_for(lambda: any("drawn; watching" in line for line in lines))
        first = out.read_text()
        good = annotation.read_text(encoding="utf-8")
        touch(annotation, good.replace("kind: denial", "kind: denail", 1))
        wait_for(lambda: any("not drawn" in line for line in lines))
        assert any("error: 'denail' is not a valid kind [invalid_choice]" in x for x in lines)
        assert out.read_text() == first  # the last good map stays
        touch(annotation, good.replace("Boris Johnson clashes", "Johnson clashes", 1))
        wait_for(lambda: sum("drawn; watching" in line for line in lines) == 2)
        assert "Johnson clashes" in out.read_text()
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=10)
        reader.join()
        process.stderr.close()  # type: ignore[union-attr]
    assert code == 0
    assert "Traceback" not in "".join(lines)
