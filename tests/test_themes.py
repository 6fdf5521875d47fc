"""Themes (default, print, dark), wrapping, quote limits, and scripts other than Latin."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.drawing import render, to_dot, to_overview_dot
from argmap.graph import ArgGraph, build_graph
from argmap.loader import load, loads
from argmap.render_options import THEME_NAMES, RenderOptions
from argmap.theme import RELATION_STYLES, THEMES

from .conftest import EXAMPLE

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@pytest.fixture(scope="module")
def example() -> ArgGraph:
    return build_graph(load(EXAMPLE))


def test_no_two_relations_look_alike_without_colour() -> None:
    looks = [(style.style, style.arrowhead) for style in RELATION_STYLES.values()]
    assert len(set(looks)) == len(looks)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_each_theme_keeps_the_relations_line_styles(name: str) -> None:
    theme = THEMES[name]  # type: ignore[index]
    for relation, style in theme.relations.items():
        default = RELATION_STYLES[relation]
        assert (style.style, style.arrowhead) == (default.style, default.arrowhead)


def _grey(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return r == g == b


@pytest.mark.parametrize("view", ["statements", "speakers", "timeline"])
def test_the_print_theme_uses_greys_only(example: ArgGraph, view: str) -> None:
    options = RenderOptions(theme="print", view=view, status=True)  # type: ignore[arg-type]
    dot = (
        to_overview_dot(example, "speaker", options)
        if view == "speakers"
        else to_dot(example, options)
    )
    colours = set(COLOUR.findall(dot))
    assert colours
    assert all(_grey(colour) for colour in colours), sorted(c for c in colours if not _grey(c))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_text_is_readable_on_every_fill(name: str) -> None:
    """WCAG AA for text (4.5:1) on every speaker and status fill the theme makes."""
    theme = THEMES[name]  # type: ignore[index]
    fills = [theme.fill(colour) for colour in theme.palette]
    fills += [theme.fill(colour, 0.94) for colour in theme.palette]
    fills += list(theme.status_fills.values())
    for fill in fills:
        assert _contrast(theme.text, fill) >= 4.5, (name, fill)
        assert _contrast(theme.muted, fill) >= 4.5, (name, fill)


def test_the_dark_theme_sets_the_ground_and_light_text(example: ArgGraph) -> None:
    dot = to_dot(example, RenderOptions(theme="dark"))
    assert 'bgcolor="#1E1E1E"' in dot
    assert 'fontcolor="#EDEDED"' in dot
    assert to_dot(example, RenderOptions()).count("bgcolor") == 0


LONG = """
article: {title: T, text: "Ana said that %s and more."}
speakers: {a: {name: Ana}}
topics: {t: T}
statements:
  - {id: s1, speaker: a, topic: t, kind: claim, text: %s, quote: "%s"}
"""


@pytest.mark.parametrize(("limit", "shown"), [(40, False), (400, True)])
def test_long_quotes_are_shortened_in_the_box_and_whole_in_the_tooltip(
    limit: int, shown: bool
) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    graph = build_graph(loads(LONG % (words, "A long claim.", words)))
    dot = to_dot(graph, RenderOptions(quote_limit=limit, wrap=400))
    label = dot.split("label=<", 2)[2].split("tooltip=")[0]
    tooltip = dot.split("tooltip=", 2)[2]
    assert ("word39" in label) is shown
    assert ("…" in label) is not shown
    assert "word39" in tooltip


@pytest.mark.parametrize("width", [12, 34, 80])
def test_statement_text_wraps_to_the_width_asked(width: int) -> None:
    text = " ".join(["alpha", "beta", "gamma", "delta"] * 12)
    graph = build_graph(loads(LONG % ("x", text, "x")))
    dot = to_dot(graph, RenderOptions(wrap=width))
    body = dot.split("label=<", 2)[2].split("</TD></TR>")[1]
    lines = [re.sub("<[^>]+>", "", line) for line in body.split('<BR ALIGN="LEFT"/>')]
    lines = [line for line in lines if line]
    assert len(lines) > 1
    assert max(len(line) for line in lines) <= width


@pytest.mark.needs_dot
@pytest.mark.parametrize("name", THEME_NAMES)
def test_render_takes_a_theme(tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.svg"
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE), "-o", str(out), "--theme", name, "--quote-limit", "60"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<?xml")


UNICODE = """
article:
  title: Ελληνικά, русский, עברית, العربية
  text: >-
    Сергей Лавров сказал: «Никаких доказательств нет». Γιώργος είπε: «Μόνο η αλήθεια μετράει».
    דוד אמר: "שלום לכולם". قال أحمد: "مرحبا بكم".
speakers:
  lavrov: {name: Сергей Лавров}
  giorgos: {name: Γιώργος Παπαδόπουλος}
  david: {name: דוד כהן}
  ahmad: {name: أحمد علي}
topics: {t: Мир}
statements:
  - {id: s1, speaker: lavrov, topic: t, kind: claim, text: Доказательств нет.,
     quote: Никаких доказательств нет}
  - {id: s2, speaker: giorgos, topic: t, kind: counterclaim, text: Μόνο η αλήθεια μετράει.,
     quote: Μόνο η αλήθεια μετράει, responds_to: s1}
  - {id: s3, speaker: david, topic: t, kind: support, text: שלום לכולם, quote: שלום לכולם,
     responds_to: s2}
  - {id: s4, speaker: ahmad, topic: t, kind: agreement, text: مرحبا بكم,
     quote: مرحبا بكم, responds_to: s3}
"""


@pytest.mark.needs_dot
def test_greek_cyrillic_hebrew_and_arabic_text_is_extractable_from_the_pdf(
    tmp_path: Path,
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        missing = "pdftotext (Debian: poppler-utils) is not installed"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(render(build_graph(loads(UNICODE)), "pdf"))
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for word in ("Лавров", "доказательств", "Παπαδόπουλος", "αλήθεια"):
        assert word in text, word
    # Right-to-left text comes out in logical order, but pdftotext guesses word breaks from
    # glyph positions and puts spaces inside some Hebrew and Arabic words: compare without.
    # (Arabic's lam-alef ligature comes out as alef-lam: see docs/cli.md, "Fonts and scripts".)
    letters = "".join(text.split()).replace("\u202b", "").replace("\u202c", "")
    for words in ("דוד כהן", "שלום לכולם", "أحمد علي", "مرحبا بكم"):
        assert words.replace(" ", "") in letters, words


@pytest.mark.needs_dot
def test_unicode_survives_in_svg(tmp_path: Path) -> None:
    svg = render(build_graph(loads(UNICODE)), "svg").decode("utf-8")
    for word in ("Сергей Лавров", "Γιώργος", "דוד כהן", "أحمد علي", "مرحبا بكم"):
        assert word in svg, word


@pytest.mark.needs_dot
def test_unicode_maps_render_to_png() -> None:
    png = render(build_graph(loads(UNICODE)), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 300
    assert height > 100
