r"""Finding each quote in the article text: its character span, paragraph and line.

Annotators copy quotes by hand, from web pages that use typographic quotation marks, non-breaking
spaces and line breaks of their own. So quotes and article are compared after normalising both:

* runs of white space (including line breaks and no-break spaces) count as one space;
* typographic quotation marks and apostrophes count as ``"`` and ``'``; dashes as ``-``;
* ``…`` counts as ``...``, and letter case is ignored;
* quotation marks at either end of the quote are ignored, so ``"Not successfully."`` and
  ``Not successfully.`` both match;
* ``...`` (or ``…``, ``[...]``) inside a quote stands for words left out: the parts must appear
  in that order, and the span runs from the first to the last.

Spans are offsets in the article text as loaded (Unicode code points, line breaks as ``\n``), so
exporters can cut ``text[start:end]`` and get the article's own words.

Why the search starts after the previous quote's place: articles are annotated in reading order,
so this finds the intended occurrence of a phrase said twice and keeps anchoring linear in the
length of the article.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["Anchor", "ArticleText", "closest_passage", "normalise"]

_CHAR_MAP: Final = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\t\r\n\v\f", " "),
    }
)
_REWRITE: Final = re.compile(r" {2,}|\u2026|\u00ad|\u200b")
_ELLIPSIS: Final = re.compile(r"\s*\[?(?:\.\.\.|\u2026)\]?\s*")
_QUOTE_MARKS: Final = "\"' "
_QUOTE_CHARS: Final = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb "
_WORD: Final = re.compile(r"\S+")


def _replacement(match: re.Match[str]) -> str:
    found = match.group()
    if found == "\u2026":
        return "..."
    if found in ("\u00ad", "\u200b"):
        return ""
    return " "


def normalise(text: str) -> str:
    r"""Normalise text for quote matching (see the module docstring).

    >>> normalise("He said: \u201cNot\n  successfully\u2026\u201d")
    'he said: "not successfully..."'
    """
    return _REWRITE.sub(_replacement, _lower(text.translate(_CHAR_MAP)))


def _lower(text: str) -> str:
    """Lower-case without changing the length, which the offset mapping relies on."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where one quote stands in the article.

    Attributes:
        start: Offset of the first character, in the article text as loaded.
        end: Offset one past the last character.
        paragraph: 1-based number of the paragraph (paragraphs are separated by blank lines).
        line: 1-based line of the first character in the article text.
    """

    start: int
    end: int
    paragraph: int
    line: int


class ArticleText:
    """An article's text, normalised once and ready to anchor many quotes in."""

    def __init__(self, text: str) -> None:
        self.text = text
        translated = _lower(text.translate(_CHAR_MAP))
        # Each rewrite (a run of spaces, an ellipsis, a soft hyphen) changes the length; keep
        # (normalised offset, original offset) after each so offsets can be mapped back.
        parts: list[str] = []
        self._norm_marks: list[int] = [0]
        self._orig_marks: list[int] = [0]
        last = 0
        norm_len = 0
        for match in _REWRITE.finditer(translated):
            kept = translated[last : match.start()]
            parts.append(kept)
            replacement = _replacement(match)
            parts.append(replacement)
            norm_len += len(kept) + len(replacement)
            self._norm_marks.append(norm_len)
            self._orig_marks.append(match.end())
            last = match.end()
        parts.append(translated[last:])
        self.normalised = "".join(parts)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n\s*", text)]
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._cursor = 0

    def _original(self, index: int, *, end: bool) -> int:
        """Map an offset in the normalised text back to the original text."""
        i = bisect.bisect_right(self._norm_marks, index) - 1
        offset = self._orig_marks[i] + (index - self._norm_marks[i])
        if end and i > 0 and index == self._norm_marks[i]:
            # An end offset right after a rewritten run belongs before the run.
            previous = self._orig_marks[i - 1] + (index - self._norm_marks[i - 1])
            return min(offset, previous)
        return offset

    @staticmethod
    def words_of(quote: str) -> list[str]:
        """The normalised parts of a quote that must appear in the article, in order."""
        parts = (part.strip(_QUOTE_MARKS) for part in _ELLIPSIS.split(normalise(quote)))
        return [part for part in parts if part]

    def find(self, quote: str) -> Anchor | None:
        """Anchor one quote, or return None when the article does not contain it."""
        parts = self.words_of(quote)
        if not parts:
            return None
        span = self._find_parts(parts, self._cursor)
        if span is None and self._cursor:
            span = self._find_parts(parts, 0)
        if span is None:
            return None
        start = self._original(span[0], end=False)
        end = self._original(span[1], end=True)
        self._cursor = span[0]
        return Anchor(
            start=start,
            end=end,
            paragraph=bisect.bisect_right(self._paragraph_starts, start),
            line=bisect.bisect_right(self._line_starts, start),
        )

    def _find_parts(self, parts: Sequence[str], origin: int) -> tuple[int, int] | None:
        first = self.normalised.find(parts[0], origin)
        if first < 0:
            return None
        end = first + len(parts[0])
        for part in parts[1:]:
            found = self.normalised.find(part, end)
            if found < 0:
                return None
            end = found + len(part)
        return first, end

    def anchor_all(self, quotes: Iterable[str]) -> list[Anchor | None]:
        """Anchor quotes in order, each search starting at the previous quote's place."""
        return [self.find(q) for q in quotes]


def closest_passage(text: str, quote: str, *, context: int = 0) -> tuple[str, int] | None:
    r"""Find the passage of ``text`` most like ``quote``, to suggest when a quote is not found.

    Returns the passage (the article's own words, about as many as the quote has, on one line)
    and its 1-based line, or None when nothing is reasonably close.

    >>> closest_passage("One.\nHe said there was abundant evidence here.", "abundant evidnce")
    ('abundant evidence', 2)
    """
    words = [(m.start(), m.end(), normalise(m.group())) for m in _WORD.finditer(text)]
    wanted = normalise(quote).strip(_QUOTE_MARKS).split()
    size = len(wanted)
    if not words or not size:
        return None
    size = min(size, len(words))
    target = Counter(wanted)
    # Rank windows by shared words (cheap, incremental), then compare the best few closely.
    window = Counter(w for _, _, w in words[:size])
    scores = [(sum((window & target).values()), 0)]
    for i in range(1, len(words) - size + 1):
        window[words[i - 1][2]] -= 1
        window[words[i + size - 1][2]] += 1
        scores.append((sum((window & target).values()), -i))
    best_ratio, best, best_size = 0.0, -1, size
    joined = " ".join(wanted)
    for _, neg_i in sorted(scores, reverse=True)[:25]:
        i = -neg_i
        # The passage may have a word or two more or fewer than the quote.
        for length in range(max(1, size - 2), size + 3):
            if i + length > len(words):
                break
            candidate = " ".join(w for _, _, w in words[i : i + length])
            ratio = difflib.SequenceMatcher(None, joined, candidate, autojunk=False).ratio()
            if ratio > best_ratio or (ratio == best_ratio and (i, length) < (best, best_size)):
                best_ratio, best, best_size = ratio, i, length
    if best < 0 or best_ratio < 0.5:
        return None
    start, end = words[best][0], words[best + best_size - 1][1]
    passage = " ".join(text[start:end].split()).strip(_QUOTE_CHARS + ",;:")
    return passage, text.count("\n", 0, start) + 1
