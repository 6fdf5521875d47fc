"""Doing something again whenever annotation files or their articles change.

``argmap render FILE -o map.svg --watch`` redraws the map each time the annotation, or the
article text it names, is saved, so the map can stay open beside the editor.

Why polling modification times and not the operating system's file events (inotify, FSEvents):
it needs no dependency, behaves the same on every system and on network drives, and editors'
ways of saving (rewriting the file, or writing a new file and renaming it over the old) all
change what ``os.stat`` returns. Checking a handful of files twice a second costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Final

from argmap import yamlsource
from argmap.diagnostics import ArgmapError
from argmap.loader import MAX_FILE_BYTES, read_limited

__all__ = ["INTERVAL", "Snapshot", "snapshot", "watch", "watched_files"]

INTERVAL: Final = 0.5
"""Seconds between two looks at the files."""

Snapshot = dict[Path, tuple[int, int, int] | None]
"""Per file, its modification time (ns), size and inode, or None when it cannot be seen."""


def watched_files(annotations: Sequence[Path], max_bytes: int = MAX_FILE_BYTES) -> list[Path]:
    """The annotation files and the article text files they name (``article.text_file``).

    An annotation that cannot be read or parsed yet is watched alone: once it is fixed, the
    next look finds its article.
    """
    files = list(annotations)
    for annotation in annotations:
        try:
            text = read_limited(annotation, max_bytes).decode("utf-8-sig")
            data = yamlsource.parse(text, str(annotation)).data
        except (OSError, UnicodeDecodeError, ArgmapError):
            continue
        article = data.get("article") if isinstance(data, dict) else None
        text_file = article.get("text_file") if isinstance(article, dict) else None
        if isinstance(text_file, str) and text_file.strip():
            files.append(annotation.parent / text_file.strip())
    return list(dict.fromkeys(files))


def snapshot(files: Iterable[Path]) -> Snapshot:
    """What ``os.stat`` says of each file now; a change in it means the file changed."""
    seen: Snapshot = {}
    for path in files:
        try:
            status = path.stat()
        except (OSError, ValueError):
            seen[path] = None
        else:
            seen[path] = (status.st_mtime_ns, status.st_size, status.st_ino)
    return seen


def watch(
    files: Callable[[], Iterable[Path]],
    action: Callable[[], object],
    *,
    interval: float = INTERVAL,
    stop: threading.Event | None = None,
    max_cycles: int | None = None,
) -> int:
    """Run ``action`` now, and again each time one of ``files()`` changes, until stopped.

    Args:
        files: The files to watch, asked again after each run (an annotation may name another
            article once edited).
        action: What to do; it reports its own problems (a bad file must not end the watch).
        interval: Seconds between two looks at the files.
        stop: Ends the watch when set (from another thread); the command line ends on Ctrl-C.
        max_cycles: Ends the watch after this many looks (for tests).

    Returns:
        How many times ``action`` ran.
    """
    stop = stop or threading.Event()
    # Each look is taken before the action reads the files: a file saved while the action runs
    # differs from it at the next look, so the last save is never missed.
    watched = list(files())
    before = snapshot(watched)
    action()
    runs, cycles = 1, 0
    while not stop.wait(interval):
        cycles += 1
        now = snapshot(watched)
        if now != before:
            before = now
            action()
            runs += 1
            current = list(files())
            if current != watched:  # an article named anew: its state from now on
                before = {p: before.get(p, seen) for p, seen in snapshot(current).items()}
                watched = current
        if max_cycles is not None and cycles >= max_cycles:
            break
    return runs
