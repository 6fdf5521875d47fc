"""argmap draft: attribution patterns, the founding article, any text, and the command."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.anchoring import normalise
from argmap.cli import main
from argmap.draft import DRAFT_TAG, Draft, draft
from argmap.loader import load, loads

from .conftest import EXAMPLE

ARTICLE = EXAMPLE.parent / "article.txt"


def found(result: Draft) -> list[tuple[str, str, list[str], str]]:
    """(speaker, kind, passages, speech) of each drafted statement."""
    text = result.article.text
    return [
        (s.speaker, s.kind.value, [text[a:b] for a, b, _ in s.quotes], s.speech.value)
        for s in result.statements
    ]


def valid(result: Draft, text: str) -> None:
    """The draft loads with argmap's own loader: it validates and every quote anchors."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "a.txt").write_text(text, encoding="utf-8")
        dispute = loads(result.yaml, name="draft.yaml", base_dir=folder)
    quotes = sum(len(s.quotes) for s in result.statements)
    assert sum(len(a) for a in dispute.anchors.values()) == quotes


CASES = {
    "verb before, colon": (
        "Ana Lima spoke to reporters. She told them: “We will win the vote.”",
        [("lima", "claim", ["We will win the vote."], "direct")],
    ),
    "attribution after": (
        '"Taxes will fall," Mr Brown said. "They must."',
        [
            ("brown", "claim", ["Taxes will fall"], "direct"),
            ("brown", "claim", ["They must."], "direct"),
        ],
    ),
    "attribution after, inverted": (
        "“Taxes will fall,” said Mr Brown.",
        [("brown", "claim", ["Taxes will fall"], "direct")],
    ),
    "reported denial": (
        "Ms Green denied claims the tax had risen.",
        [("green", "denial", ["Ms Green denied claims the tax had risen"], "reported")],
    ),
    "apposition before the name": (
        "The finance minister, Ana Lima, conceded that taxes had risen.",
        [
            (
                "lima",
                "concession",
                ["The finance minister, Ana Lima, conceded that taxes had risen"],
                "reported",
            )
        ],
    ),
    "apposition after the name": (
        "Ana Lima, the finance minister, admitted taxes had risen.",
        [
            (
                "lima",
                "concession",
                ["Ana Lima, the finance minister, admitted taxes had risen"],
                "reported",
            )
        ],
    ),
    "title resolves to the named person": (
        "Foreign Secretary Boris Johnson arrived.\n\nThe Foreign Secretary insisted there was "
        "abundant evidence.",
        [
            (
                "johnson",
                "claim",
                ["The Foreign Secretary insisted there was abundant evidence"],
                "reported",
            )
        ],
    ),
    "pronoun of the right gender": (
        "Mrs Green arrived late. Mr Brown greeted her. She insisted taxes would rise.",
        [("green", "claim", ["She insisted taxes would rise"], "reported")],
    ),
    "quote over two paragraphs": (
        "Mr Brown said: “The first part is here.\n\n“The second part is there.”",
        [("brown", "claim", ["The first part is here.", "The second part is there."], "direct")],
    ),
    "shared subject": (
        "Mr Brown denied the tax had risen and accused Ms Green of lying to voters.",
        [
            ("brown", "denial", ["Mr Brown denied the tax had risen"], "reported"),
            ("brown", "counterclaim", ["accused Ms Green of lying to voters"], "reported"),
        ],
    ),
    "participle clause": (
        "Mr Brown said the tax was fair, adding that it would fall next year.",
        [
            ("brown", "claim", ["Mr Brown said the tax was fair"], "reported"),
            ("brown", "claim", ["adding that it would fall next year"], "reported"),
        ],
    ),
    "fragment inside reported speech": (
        "Mr Brown insisted there was “abundant evidence” of fraud.",
        [
            (
                "brown",
                "claim",
                ["Mr Brown insisted there was “abundant evidence” of fraud"],
                "reported",
            )
        ],
    ),
    "question": (
        "Ms Green asked: “Where is the money?”",
        [("green", "question", ["Where is the money?"], "direct")],
    ),
    "joint statement": (
        "Mr Brown met Ms Green. Both leaders acknowledged that the tax had risen.",
        [
            (
                "brown",
                "concession",
                ["Both leaders acknowledged that the tax had risen"],
                "reported",
            ),
            (
                "green",
                "concession",
                ["Both leaders acknowledged that the tax had risen"],
                "reported",
            ),
        ],
    ),
    "organisation": (
        "The Kremlin denied that it had interfered in the vote.",
        [
            (
                "kremlin",
                "denial",
                ["The Kremlin denied that it had interfered in the vote"],
                "reported",
            )
        ],
    ),
    "no attribution": (
        "Nobody knows.\n\n“This is a scandal and it must stop now.”",
        [("unknown", "claim", ["This is a scandal and it must stop now."], "direct")],
    ),
    "single quotes when there are no double ones": (
        "Mr Brown said: ‘Boris’s coat is empty.’",
        [("brown", "claim", ["Boris’s coat is empty."], "direct")],
    ),
    "passive with an agent": (
        "Mr Brown met Ms Green. Ms Green was rebuked by Mr Brown for speaking in public.",
        [
            (
                "brown",
                "claim",
                ["Ms Green was rebuked by Mr Brown for speaking in public"],
                "reported",
            )
        ],
    ),
    "transcript turns": (
        "SMITH: Is it true?\nJONES: It is false. It always was.\n",
        [
            ("smith", "question", ["Is it true?"], "direct"),
            ("jones", "answer", ["It is false.", "It always was."], "direct"),
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=list(CASES))
def test_attribution_patterns(text: str, expected: list[tuple[str, str, list[str], str]]) -> None:
    result = draft(text, text_file="a.txt")
    assert found(result) == expected
    valid(result, text)


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("When Ms Green said taxes would rise, Mr Brown interrupted: “Not true at all.”", [0]),
        ("Ms Green said taxes would rise. Mr Brown retorted: “They will fall.”", [0]),
        ("Mr Brown rejected Ms Green’s denial that the tax had risen.", [1]),
    ],
    ids=["interrupted", "retorted", "rejected a denial"],
)
def test_responses_the_article_states(text: str, answers: list[int]) -> None:
    result = draft(text, text_file="a.txt")
    responding = [s for s in result.statements if s.responds_to]
    assert len(responding) == 1
    assert responding[0].responds_to == answers
    assert "responds_to:" in result.yaml
    valid(result, text)


def test_the_founding_article_draft_finds_every_direct_quote_with_its_speaker() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    result = draft(text, text_file="article.txt")
    hand = load(EXAMPLE)
    drafted = {
        (normalise(result.article.text[a:b]).strip("\"' "), s.speaker)
        for s in result.statements
        for a, b, _ in s.quotes
    }
    direct = [
        (normalise(q.text).strip("\"' "), s.speaker)
        for s in hand.statements
        for q, speech in zip(s.quote, s.quote_speech(), strict=True)
        if speech.value == "direct"
    ]
    assert len(direct) >= 9
    assert set(direct) <= drafted
    every = {
        (normalise(q.text).strip("\"' "), s.speaker) for s in hand.statements for q in s.quote
    }
    assert len(every & drafted) >= 0.9 * len(every)


def test_the_founding_article_draft_validates_and_is_marked_for_review() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    result = draft(text, text_file="article.txt")
    dispute = loads(result.yaml, name="draft.yaml", base_dir=ARTICLE.parent)
    assert set(dispute.annotation.speakers) == {"johnson", "lavrov"}
    assert dispute.annotation.speakers["johnson"].role == "Foreign Secretary"
    assert all(DRAFT_TAG in s.tags for s in dispute.annotation.statements)
    assert all(s.text.startswith("TODO: paraphrase") for s in dispute.annotation.statements)
    assert "# guess:" in result.yaml
    assert draft(text, text_file="article.txt").yaml == result.yaml  # deterministic


def test_long_and_awkward_strings_survive_the_writer() -> None:
    sentence = 'Mr Brown said: "' + " ".join(["back\\slash", 'in"side', "tab\tand"] * 30) + '"'
    result = draft(sentence, text_file="a.txt")
    assert max(len(line) for line in result.yaml.splitlines() if "#" not in line) <= 110
    valid(result, sentence)


PIECES = st.sampled_from(
    [
        "Mr Brown",
        "Ms Green",
        "Foreign Secretary Ana Lima",
        "the Foreign Secretary",
        "he",
        "she",
        "they",
        "both men",
        "said",
        "denied",
        "retorted:",
        "told reporters:",
        "’s denial that",
        "was rebuked by",
        "and accused",
        ", adding that",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "«",
        "»",
        ".",
        "?",
        ",",
        ":",
        "\n\n",
        "\n",
        "SMITH:",
        "...",
        "…",
        "taxes rose",
        "x",
        "\u00ad",
        "\x0c",
        "\\",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(PIECES, max_size=40).map(" ".join), st.text(max_size=300)))
def test_any_text_drafts_to_a_valid_annotation(text: str) -> None:
    result = draft(text, text_file="a.txt")
    valid(result, text)


def test_command_writes_a_draft_that_validates(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "draft.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["draft", str(article), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "drafted 30 statements" in result.stderr
    checked = runner.invoke(main, ["validate", str(output)])
    assert checked.exit_code == 0, checked.output
    again = runner.invoke(main, ["draft", str(article), "-o", str(output)])
    assert again.exit_code == 1
    assert "exists; use --force" in again.stderr
    forced = runner.invoke(main, ["draft", str(article), "-o", str(output), "--force"])
    assert forced.exit_code == 0


def test_command_prints_to_standard_output_with_a_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Mr Brown said taxes would fall next year.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["draft", "a.txt", "--title", "Tax row"])
    assert result.exit_code == 0, result.output
    assert 'title: "Tax row"' in result.stdout
    assert 'text_file: "a.txt"' in result.stdout


@pytest.mark.parametrize(
    ("setup", "message", "status"),
    [
        (lambda d: None, "cannot read the file", 1),
        (lambda d: (d / "a.txt").write_bytes(b"caf\xe9\n"), "not valid UTF-8", 1),
        (lambda d: (d / "a.txt").mkdir(), "is a directory", 2),
    ],
    ids=["missing", "not utf-8", "a directory"],
)
def test_command_refuses_bad_input_without_a_traceback(
    tmp_path: Path, setup: object, message: str, status: int
) -> None:
    setup(tmp_path)  # type: ignore[operator]
    result = CliRunner().invoke(main, ["draft", str(tmp_path / "a.txt")])
    assert result.exit_code == status
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_command_refuses_a_missing_output_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["draft", str(ARTICLE), "-o", str(tmp_path / "no" / "d.yaml")]
    )
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
