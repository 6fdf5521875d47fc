"""Importers: annotations made from other tools' files, with a report of what was mapped.

An importer reads a file's text and returns an :class:`Imported`: annotation data (plain
dicts and lists, as YAML would give) that passes argmap's validation, and an
:class:`ImportReport` that accounts for every element of the source: mapped or skipped, and
why. Nothing is dropped silently. A malformed file raises :class:`FormatError` naming the file
and the element.
"""

from __future__ import annotations

import codecs
import importlib
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, cast

from argmap.diagnostics import AnnotationError, ArgmapError

__all__ = [
    "IMPORTERS",
    "FormatError",
    "ImportReport",
    "Imported",
    "Importer",
    "convert",
    "decode",
    "get_importer",
]


class FormatError(ArgmapError, ValueError):
    """A file in another format is malformed: the message names the file and the element."""


@dataclass
class ImportReport:
    """What an import made of each element of its source.

    Attributes:
        source: The file imported.
        format: The format it was read as.
        mapped: How many elements became what, e.g. ``{"I-node -> statement": 12}``.
        skipped: How many elements were left out, and why, e.g.
            ``{"MA node (rephrase): no equivalent": 3}``.
        notes: Anything else the user should know (a guess made, a default used).
    """

    source: str
    format: str
    mapped: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as text, one line per entry, for ``argmap import --report``."""
        lines = [f"{self.source}: imported as {self.format}"]
        lines += [f"  mapped  {count:6}  {what}" for what, count in sorted(self.mapped.items())]
        lines += [f"  skipped {count:6}  {what}" for what, count in sorted(self.skipped.items())]
        lines += [f"  note    {note}" for note in self.notes]
        return lines


@dataclass
class Imported:
    """The result of an import: annotation data that validates, and its report."""

    annotation: dict[str, Any]
    report: ImportReport


Importer = Callable[[str, str], Imported]
"""``read(text, name) -> Imported``: ``name`` is the file's name, for messages."""

IMPORTERS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "aif": "argmap.importers.aif:read_aif",
        "xaif": "argmap.importers.xaif:read_xaif",
        "argdown": "argmap.importers.argdown:read_argdown",
    }
)
"""Every import format: its name, and where its reader is (``module:function``, imported when
first used)."""


def get_importer(name: str) -> Importer:
    """Return the reader of the format called ``name``."""
    if name not in IMPORTERS:
        raise ArgmapError(f"unknown import format '{name}' (choose from: {', '.join(IMPORTERS)})")
    module, function = IMPORTERS[name].split(":")
    return cast(Importer, getattr(importlib.import_module(module), function))


_UNICODE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte order marks that name an encoding for sure (UTF-32's first: it starts like UTF-16's)."""


def decode(data: bytes, name: str, report: ImportReport | None = None) -> str:
    """Decode a file from another tool: UTF-8; else UTF-16/32 by its BOM; else Windows-1252.

    Why the fallback: corpora exported by older tools (AIFdb's among them) contain Windows-1252
    punctuation, and refusing them would lose whole corpora over a curly apostrophe. The report
    says when it was used.
    """
    from argmap.yamlsource import FORBIDDEN

    text = data.decode("utf-8-sig", errors="strict") if _is_utf8(data) else None
    for mark, encoding in _UNICODE_BOMS:
        if text is None and data.startswith(mark):
            text = data.decode(encoding, errors="replace")
            if report is not None:
                report.notes.append(f"the file is {encoding.upper()}; it was read as such")
    if text is None:
        text = data.decode("cp1252", errors="replace")
        if report is not None:
            report.notes.append("the file is not UTF-8; it was read as Windows-1252")
    forbidden = len(FORBIDDEN.findall(text))
    if forbidden:
        text = FORBIDDEN.sub("\ufffd", text)
        if report is not None:
            report.notes.append(
                f"{forbidden} control character(s) were read as U+FFFD: no annotation may hold one"
            )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def convert(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    output: str | None = None,
    max_bytes: int = 20 * 2**20,
) -> tuple[str, ImportReport]:
    """Import a file as annotation YAML, checked by argmap's own loader.

    Args:
        path: The file to import.
        fmt: Its format, a key of :data:`IMPORTERS`.
        output: Where the YAML will be written (its name appears in messages), if anywhere.
        max_bytes: The largest file to read.
        max_bytes: The largest file to read.

    Returns:
        The YAML text and the import's report.

    Raises:
        FormatError: when the file is malformed.
        ArgmapError: when it cannot be read.
    """
    from argmap.loader import loads, read_limited
    from argmap.yamlsource import dump

    reader = get_importer(fmt)
    name = os.fspath(path)
    try:
        data = read_limited(Path(path), max_bytes)
    except OSError as exc:
        raise ArgmapError(f"{name}: cannot read the file: {exc.strerror or exc}") from None
    report = ImportReport(source=name, format=fmt)
    text = decode(data, name, report)
    beside = Path(path).with_suffix(".txt")
    if fmt == "aif" and beside.is_file():
        # AIFdb ships each nodeset's source text beside it: the article the quotes come from.
        from argmap.importers.aif import read_aif

        source_text = decode(read_limited(beside, max_bytes), os.fspath(beside), report)
        report.notes.append(f"the article text is {beside.name}")
        imported = read_aif(text, name, source_text=source_text)
    else:
        imported = reader(text, name)
    imported.report.notes[:0] = report.notes
    header = (
        f"Imported from {Path(name).name} ({fmt}) by argmap import.\n"
        "Review the speakers, topics, kinds and relations: they are a reading of the source."
    )
    text = dump(imported.annotation, header=header)
    try:
        loads(text, name=output or "<import>", base_dir=Path(output or ".").parent)
    except AnnotationError as exc:
        raise ArgmapError(
            f"{name}: the import does not validate (a bug in argmap's {fmt} importer):\n{exc}"
        ) from None
    return text, imported.report
