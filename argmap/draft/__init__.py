r"""A first-pass annotation of an article: its speakers, statements, kinds and links, guessed.

Annotating an article by hand takes an hour, most of it spent finding the quotations and who
said them. :func:`draft` does that pass with rules a reporter's style makes reliable enough
(names and titles, reporting verbs, quotation marks), in pure Python and in milliseconds, and
writes a valid annotation whose every guess is marked for review: a ``# guess`` comment giving
the article's words it rests on, the tag ``draft`` on every statement, and ``TODO`` where only a
person can decide (topics, paraphrases).

>>> result = draft('Ana Lima denied the claim. "It is false," she said.\n', text_file="a.txt")
>>> [(s.speaker, s.kind.value) for s in result.statements]
[('lima', 'denial'), ('lima', 'claim')]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from argmap.draft.attribution import (
    UNKNOWN,
    DraftStatement,
    attribute,
    is_transcript,
    transcript_turns,
)
from argmap.draft.speakers import People, Person, slug
from argmap.draft.text import Article, prepare
from argmap.draft.writer import Line, clean, scalar, to_yaml
from argmap.loader import MAX_FILE_BYTES

__all__ = ["DRAFT_TAG", "Draft", "DraftStatement", "draft", "draft_file"]


def _words(text: str) -> frozenset[str]:
    """The set of words of a text: long word lists read best as prose."""
    return frozenset(text.split())


DRAFT_TAG: Final = "draft"
"""The tag every drafted statement carries until the annotator has checked it."""
TODO_TOPIC: Final = "todo"
_STOPWORDS: Final = _words(
    """a an the and or but of to in on at for with by from that this these those is are was
    were be been has have had it its he she they his her their i you we our my your said says
    told mr mrs ms dr not no so as if there"""
)
_HEADER: Final = """\
A DRAFT made by `argmap draft` from {source}: every speaker, kind and link is a guess.
For each statement: check the speaker and kind against the article (each `# guess:` says
what it rests on), write the paraphrase over the TODO in `text`, choose a topic, split or
merge statements, then delete the guess comments and the `draft` tag.
"""


@dataclass(frozen=True)
class Draft:
    """A drafted annotation.

    Attributes:
        article: The article as cut up for drafting (its ``text`` is what quotes index).
        speakers: Speaker id → person, for every speaker of a statement, in order of first
            statement.
        statements: The statements, in article order.
        yaml: The annotation, as YAML text with comments.
    """

    article: Article
    speakers: dict[str, Person]
    statements: tuple[DraftStatement, ...]
    yaml: str

    def quote_text(self, start: int, end: int) -> str:
        """The article's words between two offsets, as the YAML gives them."""
        return clean(self.article.text[start:end])


def draft(text: str, *, text_file: str, title: str | None = None, source: str = "") -> Draft:
    """Draft an annotation of an article.

    Args:
        text: The article's text.
        text_file: The article's file as the annotation should name it (relative to where the
            annotation will be written).
        title: The headline; by default the article's first line, when it looks like one.
        source: The article's name for the YAML's header comment.

    Returns:
        The draft; ``draft(...).yaml`` is a valid annotation of the article.
    """
    article = prepare(text)
    people = People.find(article.masked)
    if is_transcript(article.text):
        statements = transcript_turns(article, people)
    else:
        statements = attribute(article, people)
    statements = _anchorable(article, statements)
    speakers: dict[str, Person] = {}
    for statement in statements:
        if statement.speaker not in speakers:
            person = people.persons.get(statement.speaker)
            speakers[statement.speaker] = person or Person(UNKNOWN, "TODO: unknown speaker")
    headline = title or _title(article)
    lines = _lines(article, headline, text_file, speakers, statements)
    document = to_yaml(lines, _HEADER.format(source=source or text_file))
    return Draft(article, speakers, tuple(statements), document)


def _title(article: Article) -> str:
    if article.paragraphs:
        start, end = article.paragraphs[0]
        first = article.text[start:end].split("\n", 1)[0].strip()
        if 0 < len(first) <= 200 and re.search(r"\w", first) and not first.endswith("."):
            return first
    return "TODO: the article's title"


def _anchorable(article: Article, statements: list[DraftStatement]) -> list[DraftStatement]:
    """Keep only passages argmap will find where they were taken, so that the draft validates.

    Anchoring takes the occurrence nearest after the previous quote; a passage the reporter
    repeats word for word could be found elsewhere, which is harmless, but one with no words
    (punctuation only) would not be found at all.
    """
    from argmap.anchoring import ArticleText

    anchors = ArticleText(article.text)
    kept: list[DraftStatement] = []
    renumber: dict[int, int] = {}
    for index, statement in enumerate(statements):
        passages = []
        for start, end, speech in statement.quotes:
            words = clean(article.text[start:end])
            if re.search(r"\w", words) and anchors.find(words) is not None:
                passages.append((start, end, speech))
        if not passages:
            continue
        statement.quotes = passages
        renumber[index] = len(kept)
        kept.append(statement)
    for statement in kept:
        statement.responds_to = [renumber[i] for i in statement.responds_to if i in renumber]
        if not statement.responds_to:
            statement.link_evidence = None
    return kept


def _statement_ids(
    article: Article, statements: list[DraftStatement], speakers: dict[str, Person]
) -> list[str]:
    """Readable, unique ids: the speaker and the first words that carry meaning."""
    ids: list[str] = []
    taken: set[str] = set()
    for statement in statements:
        start, end, _ = statement.quotes[0]
        names = set(slug(speakers[statement.speaker].name).split("-")) | {statement.speaker}
        words = [
            w
            for w in slug(article.text[start:end]).split("-")
            if w and w not in _STOPWORDS and w not in names
        ]
        base = "-".join([statement.speaker, *words[:3]])[:60].strip("-")
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _lines(
    article: Article,
    title: str,
    text_file: str,
    speakers: dict[str, Person],
    statements: list[DraftStatement],
) -> list[Line]:
    lines: list[Line] = [
        (0, "article:", None),
        (2, f"title: {scalar(title)}", "TODO: check" if title.startswith("TODO") else None),
        (2, f"text_file: {scalar(text_file)}", None),
        (0, "speakers:", None),
    ]
    for key, person in speakers.items():
        lines.append((2, f"{key}:", None))
        lines.append((4, f"name: {scalar(person.name, plain=True)}", None))
        if person.role:
            evidence = clean(person.role_evidence or "")
            why = f"guess: from '{evidence}'"
            if person.role_guessed:
                why = f"guess: '{evidence}' is no one else's role"
            lines.append((4, f"role: {scalar(person.role, plain=True)}", why))
    lines += [
        (0, "topics:", None),
        (2, f"{TODO_TOPIC}: {scalar('TODO: name the topics, and give each statement one')}", None),
        (0, "statements:", None),
    ]
    ids = _statement_ids(article, statements, speakers)
    for index, statement in enumerate(statements):
        lines.append((2, f"- id: {ids[index]}", None))
        evidence = clean(statement.speaker_evidence)
        if statement.speaker != UNKNOWN and not evidence.startswith("goes on"):
            evidence = f"from '{evidence}'"
        lines.append((4, f"speaker: {statement.speaker}", f"guess: {evidence}"))
        lines.append((4, f"topic: {TODO_TOPIC}", None))
        why = (
            f"guess: from '{clean(statement.kind_evidence)}'"
            if statement.kind_evidence
            else "guess: no reporting verb; a question if it ends with '?'"
        )
        lines.append((4, f"kind: {statement.kind.value}", why))
        first = clean(article.text[statement.quotes[0][0] : statement.quotes[0][1]])
        lines.append((4, "text: \0" + f"TODO: paraphrase: {first}", None))
        lines.append((4, f"speech: {statement.speech.value}", None))
        lines.extend(_quote_lines(article, statement))
        if statement.responds_to:
            targets = ", ".join(ids[i] for i in statement.responds_to)
            why = f"guess: from '{clean(statement.link_evidence or '')}'"
            lines.append((4, f"responds_to: [{targets}]", why))
        tags = [*statement.tags, DRAFT_TAG]
        lines.append((4, f"tags: [{', '.join(tags)}]", None))
    return lines


def _quote_lines(article: Article, statement: DraftStatement) -> list[Line]:
    speech = statement.speech
    if len(statement.quotes) == 1:
        start, end, _ = statement.quotes[0]
        return [(4, "quote: \0" + article.text[start:end], None)]
    lines: list[Line] = [(4, "quote:", None)]
    for start, end, own in statement.quotes:
        if own == speech:
            lines.append((6, "- \0" + article.text[start:end], None))
        else:
            lines.append((6, "- text: \0" + article.text[start:end], None))
            lines.append((8, f"speech: {own.value}", None))
    return lines


def draft_file(
    article: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    *,
    title: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> tuple[Draft, list[str]]:
    """Draft the annotation of an article file, checked by argmap's own loader.

    Args:
        article: The article's text file (UTF-8).
        output: Where the annotation will be written (``text_file`` is made relative to its
            directory), or None for standard output (relative to the working directory).
        title: The headline, if not the article's first line.
        max_bytes: The largest article file to read.

    Returns:
        The draft and notes for the user (what was found, what to check).

    Raises:
        ArgmapError: when the article cannot be read, or (a bug) the draft does not validate.
    """
    from argmap.diagnostics import AnnotationError, ArgmapError
    from argmap.loader import loads, read_text

    path = Path(article)
    name = os.fspath(path)
    text = read_text(path, max_bytes)
    directory = Path(output).parent if output is not None else Path()
    if not directory.is_dir():
        raise ArgmapError(f"{output}: cannot write: directory '{directory}' does not exist")
    text_file = Path(os.path.relpath(path.resolve(), directory.resolve())).as_posix()
    result = draft(text, text_file=text_file, title=title, source=path.name)
    try:
        loads(
            result.yaml,
            name=os.fspath(output or "<draft>"),
            base_dir=directory,
            max_bytes=max_bytes,
            article_anywhere=True,
        )
    except AnnotationError as exc:
        raise ArgmapError(
            f"{name}: the draft does not validate (a bug in argmap draft):\n{exc}"
        ) from None
    notes = [_found(result)]
    if text_file.startswith("../"):
        notes.append(
            f"the article is outside the draft's directory: validate with --article-anywhere, "
            f"or move {path.name} beside the draft and edit text_file"
        )
    return result, notes


def _found(result: Draft) -> str:
    unknown = sum(1 for s in result.statements if s.speaker == UNKNOWN)
    direct = sum(1 for s in result.statements if s.speech.value == "direct")
    said = (
        f"drafted {len(result.statements)} statements ({direct} quoted directly) of "
        f"{len(result.speakers)} speakers"
    )
    return said + (f"; {unknown} with no speaker found (speaker: unknown)" if unknown else "")
