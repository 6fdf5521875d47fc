"""Real readers of argmap's output formats, run from the tests: Argdown's CLI, Mermaid's parser
(both Node.js tools that scripts/test installs under .tools/) and an HTML tokenizer."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


def argdown_json(cli: str, documents: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    """Argdown's JSON export of each document, by the Argdown CLI (one run for all)."""
    for name, text in documents.items():
        (tmp_path / f"{name}.argdown").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [cli, "json", "*.argdown", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        name: json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))
        for name in documents
    }


def mermaid_parses(
    parser: list[str], text: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Run Mermaid's parser on ``text``; its stdout is what Mermaid made of the chart (JSON)."""
    source = tmp_path / "map.mmd"
    source.write_text(text, encoding="utf-8")
    return subprocess.run([*parser, str(source)], capture_output=True, text=True, timeout=120)


def mermaid_label(text: str) -> str:
    """A Mermaid label as the browser gets it: Mermaid's stored ``#name;`` entities undone.

    Mermaid's parser keeps ``#quot;``, ``#lt;`` and ``#8220;`` as private characters
    (``ﬂ°``, ``ﬂ°°`` and ``¶ß``) until it renders the label as HTML, where they become ``&…;``.
    """
    return text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_parts(markup: str) -> tuple[set[str], list[tuple[str, str | None]], str]:
    """The element names, the attributes and the text of an HTML fragment, as a browser reads it.

    Python's HTML tokenizer follows the HTML5 tokenization rules for tags, entities and
    character references; a ``<script>`` in the text would show up here as a tag.
    """
    parser = _Markup()
    parser.feed(markup)
    parser.close()
    return {tag.lower() for tag in parser.tags}, parser.attributes, "".join(parser.text)
