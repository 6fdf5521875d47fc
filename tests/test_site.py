"""The documentation site: ``mkdocs build --strict`` passes, the generated references are
complete, the founding example's maps are published, and the site needs nothing from outside
itself (no fonts, scripts or styles fetched from the network) and has no broken relative link.

Needs the docs extra (mkdocs); skipped without it, except under CI=1, where it must run.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click
import pytest

from argmap.cli import main
from argmap.model import Annotation, Article, Quote, Response, Speaker, Statement, Topic

from .conftest import ROOT

EXTERNAL_CSS_URL = re.compile(r"""url\(\s*['"]?(https?:)?//""")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("mkdocs is missing; the docs extra installs it (scripts/test does)")
        pytest.skip("mkdocs is not installed (pip install -e '.[docs]')")
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(site: Path, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "model", [Annotation, Article, Speaker, Topic, Statement, Quote, Response]
)
def test_annotation_reference_lists_every_field(site: Path, model: type) -> None:
    text = page(site, "reference/annotation")
    section = text.split(f'id="{model.__name__.lower()}"', 1)[1].split("<h2", 1)[0]
    for field in model.model_fields:  # type: ignore[attr-defined]
        assert f"<code>{field}</code>" in section, f"{model.__name__}.{field}"


def test_cli_reference_lists_every_command_and_option(site: Path) -> None:
    text = page(site, "reference/cli")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f'id="argmap-{name}"' in text, name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(opt in text for opt in param.opts), f"{name} {param.opts}"


def test_the_tutorial_shows_the_founding_examples_maps(site: Path) -> None:
    tutorial = page(site, "tutorial")
    for name in ("map.svg", "map-by-topic.svg"):
        assert f'src="../examples/johnson-lavrov/{name}"' in tutorial
        published = site / "examples" / "johnson-lavrov" / name
        assert published.read_bytes() == (ROOT / "examples" / "johnson-lavrov" / name).read_bytes()


class _Links(HTMLParser):
    """The URLs of a page: what it loads (scripts, styles, images, frames) and what it links."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.loads.append(values["src"] or "")
        elif tag == "link" and values.get("href"):
            self.loads.append(values["href"] or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def test_the_site_loads_nothing_from_outside_and_has_no_broken_link(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for html_file in pages:
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for url in parser.loads:
            assert not urlsplit(url).netloc, f"{html_file.relative_to(site)} loads {url}"
        for url in parser.loads + parser.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            # 404.html links from the site's root, as it is served for any missing page.
            base = site if parts.path.startswith("/") else html_file.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{html_file.relative_to(site)}: {url}"
    for stylesheet in site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        assert not EXTERNAL_CSS_URL.search(text), stylesheet
