"""A first annotation for an article: the sections to fill in, with an example of each kind.

``argmap init`` writes it, so that an annotator starts from a file that already validates and
shows the format where it is typed, rather than from a blank page and the reference. Everything
that would be a guess is a comment: the title (taken from the article's first line) is the only
value the annotator has not written, and it is flagged as a guess. The example statements are
commented out; uncommented, with the example speakers and topic, they form a valid dispute,
and the claim's quote is words of the article, so the example shows a quote that anchors.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Final

from argmap import yamlsource
from argmap.diagnostics import ArgmapError
from argmap.loader import MAX_FILE_BYTES, read_text
from argmap.model import DEFAULT_RELATION, Kind
from argmap.schema import enum_member_docs

__all__ = ["scaffold", "scaffold_file"]

MAX_TITLE: Final = 120
"""Longest title guessed, in characters: a first line longer than this is a paragraph, not a
headline, and is cut at a word."""

QUOTE_WORDS: Final = 8
"""Words of the article the example claim quotes."""

_EXAMPLES: Final[dict[Kind, tuple[str, str, Kind | None]]] = {
    Kind.CLAIM: ("speaker-a", "The new bridge will open next year.", None),
    Kind.DENIAL: ("speaker-b", "The bridge will not open next year.", Kind.CLAIM),
    Kind.COUNTERCLAIM: ("speaker-b", "The project is two years late.", Kind.CLAIM),
    Kind.CONCESSION: ("speaker-b", "Work has sped up since the spring.", Kind.CLAIM),
    Kind.SUPPORT: ("speaker-a", "The steel frame is already complete.", Kind.CLAIM),
    Kind.QUALIFICATION: ("speaker-b", "It may open, but to pedestrians only.", Kind.CLAIM),
    Kind.AGREEMENT: ("speaker-a", "Work is indeed faster now.", Kind.CONCESSION),
    Kind.QUESTION: ("speaker-b", "Who has seen the frame?", Kind.SUPPORT),
    Kind.ANSWER: ("speaker-a", "The city's engineers inspected it.", Kind.QUESTION),
}
"""Per kind, the example's speaker, paraphrase and the kind of the example it answers: a small
dispute, so the examples read as one and show who answers whom."""

_TOPIC: Final = "topic-a"


def scaffold(
    article_text: str,
    text_file: str,
    *,
    article_name: str | None = None,
    annotation_name: str = "FILE",
) -> str:
    """Return a first annotation of an article, as YAML text that validates as it is.

    Args:
        article_text: The article's text, from which the title and the example quote are taken.
        text_file: The value of ``article.text_file``: the article's path, relative to where the
            annotation will be.
        article_name: How the header names the article (by default, ``text_file``).
        annotation_name: How the header names the annotation, in the commands it suggests.
    """
    name = shlex.quote(annotation_name) if annotation_name != "FILE" else annotation_name
    lines = [line for line in (" ".join(raw.split()) for raw in article_text.splitlines()) if line]
    title = _title(lines[0]) if lines else "TODO: the headline"
    quote = _quote(lines[1] if len(lines) > 1 else lines[0]) if lines else None
    parts = [
        f"# An annotation of {article_name or text_file}, begun by `argmap init`.",
        "# Fill in the TODOs, uncomment and adapt the examples, then check and draw it:",
        f"#   argmap validate {name} && argmap render {name} -o map.svg",
        "# Every field is described in docs/annotation-format.md. For completion in your editor,",
        "# run `argmap schema -o annotation.schema.json` and put this line first in this file:",
        "#   # yaml-language-server: $schema=annotation.schema.json",
        "",
        "article:",
        "  # TODO: check the title, guessed from the article's first line.",
        _field("title", title, "  "),
        _field("text_file", text_file, "  "),
        "  # TODO: what you know of the source (uncomment the lines that apply):",
        "  # outlet: The newspaper, broadcaster, agency or website",
        "  # author: Who wrote it",
        "  # date: YYYY-MM-DD",
        "  # url: https://…",
        "  # language: en",
        "  # id: a-short-name-other-annotations-use-for-this-article",
        "",
        "# TODO: each person or body whose statements the article reports, by an id of your",
        "# choice (letters, digits, _ . -): the name shown on the map, their office at the time,",
        "# the side they speak for.",
        "speakers:",
        "  # speaker-a: {name: Full Name, role: Their office, group: Their side}",
        "  # speaker-b: {name: Another Name, role: Their office, group: The other side}",
        "",
        "# TODO: the subjects of the dispute, as id: label.",
        "topics:",
        f"  # {_TOPIC}: What the dispute is about",
        "",
        "# TODO: what each speaker is reported to have said, in the article's order. One example",
        f"# per kind follows ({', '.join(Kind)}):",
        "# `text` is your neutral paraphrase, `quote` the article's words copied exactly (argmap",
        "# finds them in the article), `responds_to` the statement answered.",
        "statements:",
    ]
    docs = enum_member_docs(Kind)
    for kind in Kind:
        parts.append("")
        parts.extend(_example(kind, docs[kind.name], quote))
    return "\n".join(parts) + "\n"


def scaffold_file(
    article: Path, annotation: Path | None, *, max_bytes: int = MAX_FILE_BYTES
) -> str:
    """Return the first annotation of the ``article`` file, to be written to ``annotation``.

    ``article.text_file`` is the article's path relative to the annotation's directory (the
    current directory when ``annotation`` is None, for standard output).

    Raises:
        ArgmapError: when the article cannot be read as UTF-8 text, or is not in the
            annotation's directory or below it, where argmap would refuse to read it.
    """
    directory = annotation.parent if annotation is not None else Path()
    try:
        relative = Path(os.path.relpath(article.resolve(), directory.resolve()))
    except ValueError:  # another drive, on Windows
        relative = Path(os.pardir)
    if relative.parts[:1] == (os.pardir,):
        raise ArgmapError(
            f"{article}: the article must be in the annotation's directory or below it, "
            f"where argmap reads articles from (the annotation is to be in '{directory}/'); "
            "write the annotation beside the article with -o"
        )
    return scaffold(
        read_text(article, max_bytes),
        relative.as_posix(),
        article_name=article.name,
        annotation_name="FILE" if annotation is None else str(annotation),
    )


def _field(key: str, value: str, indent: str) -> str:
    """``key: value`` as YAML, quoted as the value needs, each line indented."""
    dumped = yamlsource.dump({key: value}).rstrip("\n")
    return "\n".join(indent + line for line in dumped.splitlines())


def _title(line: str) -> str:
    line = yamlsource.FORBIDDEN.sub(" ", line).strip()
    if len(line) <= MAX_TITLE:
        return line
    return line[: line.rfind(" ", 0, MAX_TITLE)].rstrip(" ,;:") + "…"


def _quote(line: str) -> str | None:
    """The first words of a line, to quote; None if they would not read as a plain quote.

    Words holding ``...``, ``…`` or brackets are left out: inside a quote they skip words.
    """
    words: list[str] = []
    for word in yamlsource.FORBIDDEN.sub(" ", line).split()[:QUOTE_WORDS]:
        if re.search(r"\.\.\.|…|[\[\]]", word):
            break
        words.append(word)
    return " ".join(words) if len(words) >= 2 else None


def _example(kind: Kind, doc: str, quote: str | None) -> list[str]:
    """The commented example statement of ``kind`` (see :data:`_EXAMPLES`)."""
    speaker, text, target = _EXAMPLES[kind]
    lines = [
        f"- id: example-{kind}",
        f"  speaker: {speaker}",
        f"  topic: {_TOPIC}",
        f"  kind: {kind}  # {doc}",
        f"  text: {text}",
    ]
    if target is None:
        if quote:
            lines.append(_field("quote", quote, "  ") + "  # copied from your article")
            lines.append("  speech: direct  # the speaker's own words; `reported`: the reporter's")
        else:  # direct speech needs a quote
            lines.append("  speech: reported  # the reporter's account; `direct`: with a quote")
    else:
        relation = DEFAULT_RELATION[kind]
        lines.append(f"  responds_to: example-{target}  # relation by default: {relation}")
    return ["  # " + line for piece in lines for line in piece.split("\n")]
