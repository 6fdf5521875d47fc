r"""Finding each quote in the article text: its character span, paragraph and line.

Annotators copy quotes by hand, from web pages that use typographic quotation marks, non-breaking
spaces and line breaks of their own. So quotes and article are compared after normalising both:

* runs of white space (including line breaks and no-break spaces) count as one space, and
  invisible characters (soft hyphens, zero-width spaces) are ignored;
* typographic quotation marks and apostrophes count as ``"`` and ``'``; dashes as ``-``;
* ``…`` counts as ``...``; letter case is ignored, and so is the difference between composed
  and decomposed accented letters (the loader stores article text in Unicode NFC form);
* quotation marks at either end of the quote are ignored, so ``"Not successfully."`` and
  ``Not successfully.`` both match;
* ``...`` (or ``…``, ``[...]``) inside a quote stands for words left out: the parts must appear
  in that order, and the span runs from the first to the last;
* a quote matches whole words only: ``successful`` is not found in "successfully".

Spans are offsets in the article text as loaded (Unicode code points, line breaks as ``\n``), so
exporters can cut ``text[start:end]`` and get the article's own words.

Which occurrence of a phrase said twice: the nearest after the previous statement's quote, or
failing that the nearest before it, within a few pages; failing both, the first in the article.
Articles are annotated in reading order, so this finds the intended occurrence, and it keeps
anchoring linear in the length of the article.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["Anchor", "ArticleText", "closest_passage", "normalise"]

_CHAR_MAP: Final = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\t\r\n\v\f", " "),
}
"""One-for-one replacements (the offsets do not move)."""
_ASCII_MAP: Final = {old: new for old, new in _CHAR_MAP.items() if old.isascii()}
_INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_REWRITE: Final = re.compile(f"[ {_INVISIBLE}]{{2,}}|[{_INVISIBLE}]|\u2026")
"""What changes length when normalised: runs of spaces and invisible characters, and ``…``."""
_ELLIPSIS: Final = re.compile(r"\s*\[?(?:\.\.\.|\u2026)\]?\s*")
_QUOTE_MARKS: Final = "\"' "
_QUOTE_CHARS: Final = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb "
_WORD: Final = re.compile(r"\S+")
_WORD_START: Final = re.compile(r"(?<![^\W_])[^\W_]")
_WINDOW: Final = 1 << 16
"""How far from the previous quote to look (characters) before searching the whole article."""
_KEY: Final = 16
"""Characters from a word start that key the index."""
_SCANS_BEFORE_INDEX: Final = 32
"""Quotes searched in the whole article by reading it, before an index is built instead."""


def _replacement(found: str) -> str:
    if found == "\u2026":
        return "..."
    return " " if " " in found else ""


def normalise(text: str) -> str:
    r"""Normalise text for quote matching (see the module docstring).

    >>> normalise("He said: \u201cNot\n  successfully\u2026\u201d")
    'he said: "not successfully..."'
    """
    text = _lower(_translate(unicodedata.normalize("NFC", text)))
    if text.isascii() and "  " not in text:
        return text  # nothing for _REWRITE to do: the common case, made cheap
    return _REWRITE.sub(lambda match: _replacement(match.group()), text)


def _translate(text: str) -> str:
    """Apply :data:`_CHAR_MAP`; a few ``str.replace`` calls beat ``str.translate`` on long text."""
    for old, new in (_ASCII_MAP if text.isascii() else _CHAR_MAP).items():
        if old in text:
            text = text.replace(old, new)
    return text


def _lower(text: str) -> str:
    """Lower-case without changing the length, which the offset mapping relies on.

    Final sigma is folded into sigma: ``str.lower`` chooses between them by context, and the
    context of a quote is not the article's.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter such as 'İ' lowers to two code points
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("\u03c2", "\u03c3") if "\u03c2" in lowered else lowered


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
        translated = _lower(_translate(text))
        # The normalised text is a sequence of segments: runs kept as they are, and rewritten
        # runs (spaces collapsed, invisible characters dropped, an ellipsis expanded). For each,
        # keep where it starts in both texts, so offsets can be mapped back to the article.
        parts: list[str] = []
        self._norm_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int | None] = []  # a rewritten run's end; None for a kept run
        norm = last = 0
        for match in _REWRITE.finditer(translated):
            if match.start() > last:
                self._segment(norm, last, None)
                parts.append(translated[last : match.start()])
                norm += match.start() - last
            replacement = _replacement(match.group())
            self._segment(norm, match.start(), match.end())
            parts.append(replacement)
            norm += len(replacement)
            last = match.end()
        self._segment(norm, last, None)
        parts.append(translated[last:])
        self.normalised = "".join(parts)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n\s*", text)]
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._cursor = 0
        self._index: dict[str, int] | None = None
        self._misses = 0

    def _segment(self, norm: int, orig: int, orig_end: int | None) -> None:
        self._norm_starts.append(norm)
        self._orig_starts.append(orig)
        self._orig_ends.append(orig_end)

    def _original(self, index: int, *, end: bool) -> int:
        """Map an offset in the normalised text back to the article text.

        A start maps to where its character comes from; an end (exclusive) to just after the
        last character included, or after the whole run that character was rewritten from.
        """
        char = index - 1 if end else index
        # Dropped runs start where the next segment does; bisect_right skips past them.
        i = bisect.bisect_right(self._norm_starts, char) - 1
        run_end = self._orig_ends[i]
        if run_end is not None:
            return run_end if end else self._orig_starts[i]
        return self._orig_starts[i] + (char - self._norm_starts[i]) + end

    @staticmethod
    def words_of(quote: str) -> list[str]:
        """The normalised parts of a quote that must appear in the article, in order."""
        normalised = normalise(quote)
        pieces = _ELLIPSIS.split(normalised) if "..." in normalised else [normalised]
        parts = (piece.strip(_QUOTE_MARKS) for piece in pieces)
        return [part for part in parts if part]

    def find(self, quote: str) -> Anchor | None:
        """Anchor one quote, or return None when the article does not contain it."""
        parts = self.words_of(quote)
        if not parts:
            return None
        span = self._find_parts(parts)
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

    def _find_parts(self, parts: Sequence[str]) -> tuple[int, int] | None:
        """Where the quote's parts stand, trying the first part's occurrences best first."""
        text_length = len(self.normalised)
        for first in self._candidates(parts[0]):
            end = first + len(parts[0])
            for part in parts[1:]:
                found = self._scan(part, end, text_length)
                if found < 0:
                    break
                end = found + len(part)
            else:
                return first, end
        return None

    def _candidates(self, part: str) -> Iterator[int]:
        """Occurrences of ``part`` to try, best first.

        Near the previous quote first, because quotes mostly come in article order: the next
        occurrence within a few pages after it, then the nearest within a few pages before it
        (a statement listed a little out of order). Failing those, the first occurrence in the
        article: found by reading it, or, once many quotes have needed that, through an index
        of word starts, so that a dispute listed in no particular order does not make anchoring
        quadratic in its size.
        """
        cursor, text = self._cursor, self.normalised
        ahead = self._scan(part, cursor, cursor + _WINDOW)
        if ahead >= 0:
            yield ahead
        behind = self._rscan(part, max(0, cursor - _WINDOW), cursor)
        if behind >= 0:
            yield behind
        if cursor <= _WINDOW and cursor + _WINDOW >= len(text):
            return  # the windows covered the whole article
        self._misses += 1
        if self._misses > _SCANS_BEFORE_INDEX and len(part) >= _KEY and part[0].isalnum():
            position = self._word_index().get(part[:_KEY], -1)
            if (
                position >= 0
                and text.startswith(part, position)
                and self._whole_words(position, part)
            ):
                yield position
                return
        first = self._scan(part, 0, len(text))
        if first >= 0:
            yield first

    def _whole_words(self, position: int, part: str) -> bool:
        """Whether ``part`` at ``position`` neither starts nor ends inside a word."""
        text = self.normalised
        end = position + len(part)
        starts_clean = position == 0 or not (part[0].isalnum() and text[position - 1].isalnum())
        ends_clean = end == len(text) or not (part[-1].isalnum() and text[end].isalnum())
        return starts_clean and ends_clean

    def _scan(self, part: str, start: int, stop: int) -> int:
        """The first whole-word occurrence of ``part`` within ``[start, stop)``, or -1."""
        text = self.normalised
        position = text.find(part, start, stop)
        while position >= 0 and not self._whole_words(position, part):
            position = text.find(part, position + 1, stop)
        return position

    def _rscan(self, part: str, start: int, stop: int) -> int:
        """The last whole-word occurrence of ``part`` starting within ``[start, stop)``, or -1."""
        text = self.normalised
        limit = min(len(text), stop + len(part) - 1)
        position = text.rfind(part, start, limit)
        while position >= 0 and not self._whole_words(position, part):
            position = text.rfind(part, start, position + len(part) - 1)
        return position

    def _word_index(self) -> dict[str, int]:
        """The first position of each word start, keyed by the text's next few characters.

        Built once, lazily, and in C loops (``map`` and ``zip``): at 50,000 statements the
        article has a million words.
        """
        if self._index is None:
            text = self.normalised
            starts = [match.start() for match in _WORD_START.finditer(text)]
            starts.reverse()  # in dict(), later entries win: reversed, the first position wins
            self._index = dict(zip(_keys(text, starts), starts, strict=True))
        return self._index


def _keys(text: str, starts: list[int]) -> Iterator[str]:
    """The :data:`_KEY` characters of ``text`` from each start."""
    return map(text.__getitem__, map(slice, starts, map(_KEY.__add__, starts)))


def closest_passage(text: str, quote: str, *, context: int = 0) -> tuple[str, int] | None:
    r"""Find the passage of ``text`` most like ``quote``, to suggest when a quote is not found.

    Returns the passage (the article's own words, about as many as the quote has, on one line)
    and its 1-based line, or None when nothing is reasonably close.

    >>> closest_passage("One.\nHe said there was abundant evidence here.", "abundant evidnce")
    ('abundant evidence', 2)
    """
    words = [(m.start(), m.end(), normalise(m.group())) for m in _WORD.finditer(text)]
    wanted = normalise(quote).strip(_QUOTE_MARKS).split()
    size = min(len(wanted), len(words))
    if not size:
        return None
    # Rank every window of the quote's length by the words it shares with the quote, kept up to
    # date as the window slides (one step per word of the article), then compare the best few
    # closely, allowing a word or two more or fewer.
    target = Counter(wanted)
    window: Counter[str] = Counter()
    shared = 0
    scores: list[tuple[int, int]] = []
    for i, (_, _, word) in enumerate(words):
        window[word] += 1
        shared += window[word] <= target[word]
        if i >= size:
            dropped = words[i - size][2]
            shared -= window[dropped] <= target[dropped]
            window[dropped] -= 1
        if i >= size - 1:
            scores.append((shared, -(i - size + 1)))
    joined = " ".join(wanted)
    best_ratio, best, best_size = 0.0, -1, size
    lengths = range(max(1, size - 2), size + 3) if size <= 60 else (size,)
    for _, neg_start in heapq.nlargest(25, scores):
        start = -neg_start
        for length in lengths:
            if start + length > len(words):
                break
            candidate = " ".join(w for _, _, w in words[start : start + length])
            matcher = difflib.SequenceMatcher(None, joined, candidate, autojunk=False)
            # Long quotes: the quick upper bound, as the exact ratio is quadratic in length.
            ratio = matcher.ratio() if size <= 60 else matcher.quick_ratio()
            if ratio > best_ratio or (ratio == best_ratio and (start, length) < (best, best_size)):
                best_ratio, best, best_size = ratio, start, length
    if best < 0 or best_ratio < 0.5:
        return None
    first, last = words[best][0], words[best + best_size - 1][1]
    passage = " ".join(text[first:last].split()).strip(_QUOTE_CHARS + ",;:")
    return passage, text.count("\n", 0, first) + 1
