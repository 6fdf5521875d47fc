"""The article's text cut up for drafting: paragraphs, sentences and quoted passages.

Everything is kept as character offsets into the article text as argmap loads it, so that each
quote the draft writes is the article's own words and anchors where it was found. Quoted words
are masked (overwritten with a filler of the same length) before sentences are split and
speakers looked for: a full stop inside a quotation does not end the reporter's sentence, and a
name inside someone's words ("Boris's coat") is not a mention of a speaker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from argmap.yamlsource import FORBIDDEN

__all__ = ["Article", "QuotedSpan", "Sentence", "prepare", "split_sentences"]


def _words(text: str) -> frozenset[str]:
    """The set of words of a text: long word lists read best as prose."""
    return frozenset(text.split())


_OPENERS: Final = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}
"""Typographic opening quotation marks and the mark that closes each."""
_STRAIGHT: Final = '"'
_SINGLE_OPEN: Final = "\u2018"
_SINGLE_CLOSE: Final = "\u2019"
_MASK: Final = "x"
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t]*\n\s*")
_ABBREVIATIONS: Final = _words(
    "mr mrs ms dr st sr jr prof gen col lt sgt rev gov sen rep no vs etc inc ltd co"
)
_SENTENCE_END: Final = re.compile(r"[.!?]+(?=\s+[^a-z\s]|\s*$)")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One passage inside quotation marks.

    Attributes:
        start: Offset of the first character inside the marks.
        end: Offset just past the last character inside the marks.
        open_at: Offset of the opening mark.
        close_at: Offset just past the closing mark (or the paragraph's end, when a quotation
            runs on into the next paragraph, which opens again without closing first).
        continues: The passage runs on into the next quoted span (the next paragraph).
    """

    start: int
    end: int
    open_at: int
    close_at: int
    continues: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the reporter's, with the quotations it holds still inside it."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Article:
    r"""The article's text and its parts.

    Attributes:
        text: The text as argmap's loader reads it (NFC, ``\n`` line breaks, control characters
            as spaces), so that offsets here are offsets there.
        masked: The same text with every quoted passage overwritten (same length).
        paragraphs: ``(start, end)`` of each paragraph.
        sentences: The sentences, found in the masked text.
        quotes: The quoted passages, in order.
    """

    text: str
    masked: str
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[QuotedSpan, ...]

    def paragraph_of(self, offset: int) -> int:
        """The 0-based paragraph holding ``offset``."""
        for number, (start, end) in enumerate(self.paragraphs):
            if start <= offset < end or offset < start:
                return number
        return max(0, len(self.paragraphs) - 1)


def prepare(text: str) -> Article:
    """Read an article's text as argmap's loader does and cut it up."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = FORBIDDEN.sub(" ", unicodedata.normalize("NFC", text))
    paragraphs = _paragraphs(text)
    quotes = _quoted_spans(text, paragraphs)
    chars = list(text)
    for quote in quotes:
        for index in range(quote.start, quote.end):
            if not chars[index].isspace():
                chars[index] = _MASK
    masked = "".join(chars)
    sentences = tuple(
        sentence
        for number, (start, end) in enumerate(paragraphs)
        for sentence in split_sentences(masked, start, end, number)
    )
    return Article(text, masked, paragraphs, sentences, quotes)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            result.append((begin, end))
    return tuple(result)


def _quoted_spans(text: str, paragraphs: tuple[tuple[int, int], ...]) -> tuple[QuotedSpan, ...]:
    """Find the quoted passages of each paragraph.

    A quotation that runs over several paragraphs, by the news convention, opens each paragraph
    again without closing the one before; such a paragraph's passage runs to its end.
    British articles may quote with single marks: they are read only when the article has no
    double quotation marks at all, as an apostrophe looks the same as a closing single mark.
    """
    has_double = any(c in text for c in (*_OPENERS, _STRAIGHT, "\u201d"))
    found: list[QuotedSpan] = []
    for number, (start, end) in enumerate(paragraphs):
        spans = _paragraph_quotes(text, start, end, single=not has_double)
        if found and found[-1].continues and not (spans and spans[0].open_at == start):
            last = found[-1]
            found[-1] = QuotedSpan(last.start, last.end, last.open_at, last.close_at)
        if spans and spans[-1].continues:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if following is None or text[following] not in (*_OPENERS, _STRAIGHT, _SINGLE_OPEN):
                last = spans[-1]
                spans[-1] = QuotedSpan(last.start, last.end, last.open_at, last.close_at)
        found.extend(spans)
    return tuple(found)


def _paragraph_quotes(text: str, start: int, end: int, *, single: bool) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    index = start
    while index < end:
        char = text[index]
        closer: str | None = None
        if char in _OPENERS:
            closer = _OPENERS[char]
        elif char == _STRAIGHT:
            closer = _STRAIGHT
        elif single and char == _SINGLE_OPEN and (index == start or not text[index - 1].isalnum()):
            closer = _SINGLE_CLOSE
        if closer is None:
            index += 1
            continue
        close = _closing(text, index + 1, end, closer, single=closer == _SINGLE_CLOSE)
        if close is None:
            spans.append(QuotedSpan(index + 1, end, index, end, continues=True))
            break
        spans.append(QuotedSpan(index + 1, close, index, close + 1))
        index = close + 1
    return [span for span in spans if span.end > span.start]


def _closing(text: str, start: int, end: int, closer: str, *, single: bool) -> int | None:
    """Where the quotation opened before ``start`` closes within the paragraph, if it does."""
    index = text.find(closer, start, end)
    while single and index >= 0 and index + 1 < end and text[index + 1].isalnum():
        index = text.find(closer, index + 1, end)  # an apostrophe: "Boris’s"
    return None if index < 0 else index


def split_sentences(masked: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """The sentences of ``masked[start:end]``, a paragraph or a speaker's turn."""
    sentences = []
    begin = start
    for match in _SENTENCE_END.finditer(masked, start, end):
        stop = match.end()
        word = re.search(r"(\w+)\.?$", masked[begin : match.start() + 1])
        if match.group() == "." and word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial: "Donald J. Trump"
        while stop < end and masked[stop] in "\"'\u201d\u2019)":
            stop += 1
        sentences.append(Sentence(begin, stop, paragraph))
        begin = stop
        while begin < end and masked[begin].isspace():
            begin += 1
    if begin < end:
        sentences.append(Sentence(begin, end, paragraph))
    return sentences
