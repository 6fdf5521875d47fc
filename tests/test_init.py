"""``argmap init``: a first annotation that validates as written, and whose examples do too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from argmap import yamlsource
from argmap.cli import main
from argmap.loader import load
from argmap.model import Kind
from argmap.scaffold import scaffold

from .conftest import ROOT

ARTICLE = ROOT / "examples" / "johnson-lavrov" / "article.txt"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.read_bytes())
    return path


def uncommented(text: str) -> str:
    """The scaffold with its example speakers, topic and statements uncommented."""
    head, _, sections = text.partition("\nspeakers:")
    return head + "\nspeakers:" + re.sub(r"^  # ", "  ", sections, flags=re.MULTILINE)


def test_init_writes_an_annotation_that_validates(article: Path) -> None:
    result = run("init", article)
    assert result.exit_code == 0, result.output
    written = article.parent / "annotation.yaml"
    assert f"argmap: wrote {written}" in result.stderr
    assert run("validate", written).exit_code == 0
    text = written.read_text(encoding="utf-8")
    assert "title: Boris Johnson clashes with Russian minister over alleged cyber attacks" in text
    assert "text_file: article.txt" in text
    for kind in Kind:
        assert f"#   kind: {kind}  # " in text, kind
    assert "TODO" in text


def test_the_examples_uncommented_are_a_valid_dispute(article: Path) -> None:
    path = article.parent / "annotation.yaml"
    path.write_text(uncommented(scaffold(ARTICLE.read_text(encoding="utf-8"), "article.txt")))
    dispute = load(path)
    assert [s.kind for s in dispute.statements] == list(Kind)
    assert not dispute.warnings
    assert len(dispute.anchors["example-claim"]) == 1  # the example quote is in the article
    schema = json.loads((ROOT / "docs" / "annotation.schema.json").read_text(encoding="utf-8"))
    data = yamlsource.parse(path.read_text(encoding="utf-8"), str(path)).data
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_init_does_not_overwrite_without_force(article: Path) -> None:
    existing = article.parent / "annotation.yaml"
    existing.write_text("mine\n")
    refused = run("init", article)
    assert refused.exit_code == 1
    assert refused.stderr == f"argmap: {existing} exists; use --force to replace it\n"
    assert existing.read_text() == "mine\n"
    forced = run("init", article, "--force")
    assert forced.exit_code == 0, forced.output
    assert existing.read_text().startswith("# An annotation of article.txt")


def test_init_to_another_file_and_to_stdout(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "story.txt").write_text("Headline\n\nBody text of the story.\n")
    out = tmp_path / "story.yaml"
    assert run("init", tmp_path / "notes" / "story.txt", "-o", out).exit_code == 0
    assert "text_file: notes/story.txt" in out.read_text()
    assert run("validate", out).exit_code == 0

    monkeypatch.chdir(tmp_path)
    printed = run("init", "article.txt", "-o", "-")
    assert printed.exit_code == 0
    assert printed.stdout.startswith("# An annotation of article.txt")
    assert printed.stderr == ""


def test_init_refuses_an_article_outside_the_annotation_directory(
    article: Path, tmp_path: Path
) -> None:
    (tmp_path / "sub").mkdir()
    result = run("init", article, "-o", tmp_path / "sub" / "a.yaml")
    assert result.exit_code == 1
    assert "the article must be in the annotation's directory or below it" in result.stderr
    assert not (tmp_path / "sub" / "a.yaml").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "argmap: {path}: cannot read the file: No such file or directory\n"),
        (
            b"\xff\xfeH\x00i\x00",
            "{path}:1:1: error: the file is UTF-16; argmap reads UTF-8 [encoding]\n"
            "  hint: save the file as UTF-8\nargmap: 1 error in {path}\n",
        ),
    ],
)
def test_init_reports_an_unreadable_article(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("init", path)
    assert result.exit_code == 1
    assert result.stderr == message.format(path=path)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "article_text",
    [
        "",
        "\n\n   \n",
        "One line only",
        'He said: "no" # not a comment\nAnd then: yes, [...] and more … words\n',
        "- a list?\n{not: yaml}\n",
        "Tab\tand\x07bell and a very long first line " + "word " * 60 + "\nbody\n",
        "&anchor *alias !tag %directive @at `tick`\n'quoted' \"double\"\n",
    ],
)
def test_any_article_gives_a_valid_annotation(tmp_path: Path, article_text: str) -> None:
    (tmp_path / "article.txt").write_text(article_text, encoding="utf-8")
    path = tmp_path / "annotation.yaml"
    text = scaffold(article_text, "article.txt")
    path.write_text(text, encoding="utf-8")
    assert load(path).annotation.article.title
    path.write_text(uncommented(text), encoding="utf-8")
    assert [s.kind for s in load(path).statements] == list(Kind)
