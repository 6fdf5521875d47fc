"""Quote anchoring: normalisation, spans in the original text, order, closest passages."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.anchoring import ArticleText, closest_passage, normalise

ARTICLE = (
    "Boris Johnson has clashed publicly with his Russian counterpart.\n"
    "\n"
    "When the Russian foreign minister told a press conference that Mr Johnson had\n"
    "confirmed it, the Foreign Secretary interrupted: \u201cNot successfully.\u201d\n"
    "\n"
    "Mr Lavrov joked back: \u201cI can say that there was nothing in the pockets of\n"
    "Boris\u2019s coat.\u201d Later he said it again: \u201cNot successfully.\u201d\n"
)


def span_text(article: ArticleText, quote: str) -> str:
    anchor = article.find(quote)
    assert anchor is not None, quote
    return article.text[anchor.start : anchor.end]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Not successfully.", "Not successfully."),
        ("\u201cNot successfully.\u201d", "Not successfully."),
        ('"not successfully."', "Not successfully."),
        (
            "there was nothing in the pockets of Boris's coat.",
            "there was nothing in the pockets of\nBoris\u2019s coat.",
        ),
        ("Mr  Johnson   had confirmed it", "Mr Johnson had\nconfirmed it"),
        (
            "I can say ... Boris\u2019s coat",
            "I can say that there was nothing in the pockets of\nBoris\u2019s coat",
        ),
        (
            "I can say [\u2026] coat",
            "I can say that there was nothing in the pockets of\nBoris\u2019s coat",
        ),
    ],
)
def test_quotes_match_after_normalising(quote: str, expected: str) -> None:
    assert span_text(ArticleText(ARTICLE), quote) == expected


def test_anchor_has_paragraph_and_line() -> None:
    anchor = ArticleText(ARTICLE).find("Mr Lavrov joked back")
    assert anchor is not None
    assert (anchor.paragraph, anchor.line) == (3, 6)


def test_a_phrase_said_twice_is_taken_nearest_the_previous_quote() -> None:
    text = "A said: \u201cyes.\u201d B said: \u201cno.\u201d C said: \u201cyes.\u201d D ended."
    article = ArticleText(text)
    article.find("B said")
    ahead = article.find("yes.")
    assert ahead is not None
    assert text[ahead.start - 9 : ahead.start] == "C said: \u201c"  # the next one, not A's
    article.find("D ended")
    behind = article.find("yes.")
    assert behind is not None
    assert behind.start == ahead.start  # none after D: the nearest before it


def test_a_phrase_said_twice_is_anchored_after_the_previous_quote() -> None:
    article = ArticleText(ARTICLE)
    first = article.find("Not successfully.")
    article.find("Mr Lavrov joked back")
    second = article.find("Not successfully.")
    assert first is not None
    assert second is not None
    assert second.start > first.start
    assert second.line == 7


def test_search_wraps_around_when_quotes_are_out_of_order() -> None:
    article = ArticleText(ARTICLE)
    late = article.find("Later he said it again")
    early = article.find("Boris Johnson has clashed")
    assert late is not None
    assert early is not None
    assert early.start == 0


@pytest.mark.parametrize("quote", ["Russia interfered", "Not successfully. Mr Lavrov", "", "..."])
def test_quotes_not_in_the_article_are_not_anchored(quote: str) -> None:
    assert ArticleText(ARTICLE).find(quote) is None


def test_normalise_folds_typography_case_and_space() -> None:
    assert normalise("\u201cIt\u2019s\u00a0\u2014 fine\u2026\u201d\n") == '"it\'s - fine..." '


def test_closest_passage_suggests_the_article_s_own_words() -> None:
    passage = closest_passage(ARTICLE, "there was nothing in the pocket of Boris's coat")
    assert passage == ("there was nothing in the pockets of Boris\u2019s coat.", 6)


def test_closest_passage_gives_up_when_nothing_is_close() -> None:
    assert closest_passage(ARTICLE, "quantum chromodynamics") is None


tokens = st.text(
    alphabet="abcdeé’“”',.\u00ad\u200b\u0130\u03a3\u03c3\u03c2\u0301", min_size=1, max_size=12
).map(lambda t: unicodedata.normalize("NFC", t))


@settings(max_examples=200, deadline=None)
@given(st.lists(tokens, min_size=1, max_size=30), st.data())
def test_any_run_of_whole_words_anchors_to_the_same_words(
    parts: list[str], data: st.DataObject
) -> None:
    text = " ".join(parts)
    start = data.draw(st.integers(0, len(parts) - 1))
    end = data.draw(st.integers(start + 1, len(parts)))
    quote = " ".join(parts[start:end])
    assume(all(ArticleText.words_of(part) for part in parts[start:end]))
    assume("..." not in normalise(quote))
    anchor = ArticleText(text).find(quote)
    assert anchor is not None
    found = text[anchor.start : anchor.end]
    assert normalise(found).strip("\"' ") == normalise(quote).strip("\"' ")


def test_quotes_must_be_whole_words() -> None:
    article = ArticleText("He is a hostage to this subject.")
    assert article.find("hostage to this") is not None
    assert article.find("ostage to this") is None
    assert article.find("hostage to th") is None


def test_out_of_order_quotes_in_a_long_article_use_the_index() -> None:
    sentences = [f"Sentence number {i} says something about topic {i % 7}." for i in range(3000)]
    article = ArticleText(" ".join(sentences))
    # Each quote pages away from the previous one: first, last, second, second last…
    ends = list(range(0, 3000, 3))
    order = [i for pair in zip(ends, reversed(ends), strict=True) for i in pair][: len(ends)]
    for i in order:
        anchor = article.find(f"Sentence number {i} says")
        assert anchor is not None
        assert article.text[anchor.start :].startswith(f"Sentence number {i} says")
    assert article._index is not None
