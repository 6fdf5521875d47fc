"""Shared fixtures: golden files, the `needs_dot` marker, paths to the examples."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "johnson-lavrov" / "annotation.yaml"
DATA = Path(__file__).resolve().parent / "data"
BAD_INPUTS = Path(__file__).resolve().parent / "bad"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output; review the diff before committing",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests that need Graphviz when `dot` is missing, except in CI, where they must run."""
    if shutil.which("dot") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="Graphviz's dot is not installed (CI=1 makes this a failure)")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)


def _tool(env: str, *candidates: Path, command: str) -> str | None:
    """A command-line tool: from ``$env``, a local install, or PATH."""
    if os.environ.get(env):
        return os.environ[env]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which(command)


@pytest.fixture(scope="session")
def argdown_cli() -> str:
    """The Argdown CLI (``npm install --prefix .tools @argdown/cli``; scripts/test installs it).

    Skipped when missing, except under CI=1, where tests that need it must run.
    """
    found = _tool(
        "ARGMAP_ARGDOWN",
        ROOT / ".tools" / "node_modules" / ".bin" / "argdown",
        ROOT / "benchmarks" / "node_modules" / ".bin" / "argdown",
        command="argdown",
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("the Argdown CLI is missing; scripts/test installs it under .tools/")
        pytest.skip("the Argdown CLI is not installed (npm install --prefix .tools @argdown/cli)")
    return found


@pytest.fixture(scope="session")
def mermaid_parser(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A command that parses a Mermaid file with Mermaid's own parser (Node.js, mermaid, jsdom).

    scripts/test installs them under .tools/; skipped when missing, except under CI=1.
    """
    node = shutil.which("node")
    for tools in (ROOT / ".tools", Path(os.environ.get("ARGMAP_NODE_TOOLS", "/nonexistent"))):
        if node and (tools / "node_modules" / "mermaid").is_dir():
            # ES modules resolve imports next to the script, so it runs from the tools folder.
            script = tools / "argmap-mermaid-parse.mjs"
            script.write_text((ROOT / "tests" / "tools" / "mermaid_parse.mjs").read_text())
            return [node, str(script)]
    if os.environ.get("CI"):
        pytest.fail("mermaid and jsdom are missing; scripts/test installs them under .tools/")
    pytest.skip("Mermaid's parser is not installed (npm install --prefix .tools mermaid jsdom)")


SHARED: Final = ROOT.parent / "shared" / "external-data"
"""Real argument maps from other tools, beside the repository (not copied into it)."""
_NO_SHARED: Final = f"{SHARED} is not here: the real-data tests need the shared corpus"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/external-data: real argument maps; skipped with a reason when absent."""
    if not SHARED.is_dir():
        pytest.skip(_NO_SHARED)
    return SHARED


def shared_files(names: list[str]) -> list[Any]:
    """Parameters for one test per shared file: one skip with the reason when there are none."""
    if names:
        return names
    return [pytest.param(None, marks=pytest.mark.skip(reason=_NO_SHARED), id="no-shared-corpus")]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))  # bytes: CSV's CRLF must survive
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"{name} differs from its golden file (--update-golden)"

    return check
