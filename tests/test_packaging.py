"""The package as users get it: the wheel and sdist that ``python -m build`` makes pass
``twine check``, hold what they should, and the wheel installed in a fresh virtual environment
draws the founding example.

Slow (about 15 s with pip's cache warm: a build, then a venv and a pip install of the wheel's
dependencies, from PyPI); everything is built once per session. Needs build and twine (the dev
extra); skipped without them, except under CI=1, where they must be there.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME, VERSION = PROJECT["name"], PROJECT["version"]


def run(*command: str | Path, cwd: Path | None = None) -> str:
    """Run a command; on failure, fail the test with its output."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"$ {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, the wheel built from the sdist (build's default)."""
    missing = [name for name in ("build", "twine") if importlib.util.find_spec(name) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{' and '.join(missing)} missing; the dev extra installs them")
        pytest.skip(f"{' and '.join(missing)} not installed (pip install -e '.[dev]')")
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob(f"{NAME}-{VERSION}-py3-none-any.whl")
    return found


@pytest.fixture(scope="session")
def sdist(dist: Path) -> Path:
    (found,) = dist.glob(f"{NAME}-{VERSION}.tar.gz")
    return found


def test_twine_check_passes(wheel: Path, sdist: Path) -> None:
    output = run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist)
    assert output.count("PASSED") == 2, output


def test_wheel_holds_the_package_only(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    dist_info = f"{NAME}-{VERSION}.dist-info/"
    assert {name.split("/", 1)[0] + "/" for name in names} == {"argmap/", dist_info}
    package = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "argmap").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert {name for name in names if name.startswith("argmap/")} == package
    assert "argmap/py.typed" in names  # The "Typing :: Typed" classifier's promise.
    assert f"{dist_info}entry_points.txt" in names
    assert f"{dist_info}licenses/LICENSE" in names


def test_sdist_holds_what_the_tests_and_docs_need(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in [
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE",
        "mkdocs.yml",
        "tools/mkdocs_hooks.py",
        "scripts/test",
        "scripts/lib.sh",
        ".ci/run",
        "argmap/cli.py",
        "argmap/py.typed",
        "tests/conftest.py",
        "tests/test_packaging.py",
        "docs/index.md",
        "docs/reference/cli.md",
        "examples/johnson-lavrov/annotation.yaml",
        "examples/johnson-lavrov/article.txt",
        "examples/johnson-lavrov/map.svg",
        "benchmarks/run.py",
    ]:
        assert needed in names, needed
    for name in names:
        parts = name.split("/")
        assert not {"site", "out", ".venv", ".tools", "node_modules", "__pycache__"} & set(parts)
        assert not name.endswith(".pyc"), name


@pytest.mark.needs_dot
def test_wheel_installs_and_renders_the_founding_example(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    work = tmp_path_factory.mktemp("installed")
    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv)
    python, argmap = venv / "bin" / "python", venv / "bin" / "argmap"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    # The installed copy, not the repository's (the cwd is outside it).
    location = run(python, "-c", "import argmap; print(argmap.__file__)", cwd=work)
    assert Path(location.strip()).is_relative_to(venv), location
    assert run(argmap, "--version", cwd=work).strip().endswith(VERSION)

    example = ROOT / "examples" / "johnson-lavrov"
    for name in ("annotation.yaml", "article.txt"):
        (work / name).write_bytes((example / name).read_bytes())
    run(argmap, "render", "annotation.yaml", "-o", "map.svg", cwd=work)
    svg = (work / "map.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith(("<?xml", "<svg")), svg[:100]
    assert "Lavrov" in svg


OWN_ARTICLE = """\
Council votes to close the library

The council voted on Tuesday to close the Elm Street library. Councillor Jane Porter said the
building "costs more than it gives back". Residents' spokesman Tom Hale denied that the library
was little used, insisting that "hundreds of children read there every week".
"""


@pytest.mark.needs_dot
def test_a_new_user_goes_from_the_wheel_to_a_map_of_their_own_article(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The path docs/index.md gives: install, draft (or init), validate, render, report."""
    work = tmp_path_factory.mktemp("own")
    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv)
    python, argmap = venv / "bin" / "python", venv / "bin" / "argmap"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    (work / "library.txt").write_text(OWN_ARTICLE, encoding="utf-8")
    run(argmap, "init", "library.txt", "-o", "started.yaml", cwd=work)
    run(argmap, "validate", "started.yaml", cwd=work)
    run(argmap, "draft", "library.txt", "-o", "library.yaml", cwd=work)
    assert ": ok (" in run(argmap, "validate", "library.yaml", cwd=work)
    drafted = (work / "library.yaml").read_text(encoding="utf-8")
    assert "name: Jane Porter" in drafted
    assert "name: Tom Hale" in drafted
    run(argmap, "render", "library.yaml", "-o", "library.svg", cwd=work)
    assert "Porter" in (work / "library.svg").read_text(encoding="utf-8")
    run(argmap, "report", "library.yaml", "-o", "library.html", cwd=work)
    assert "costs more than it gives back" in (work / "library.html").read_text(encoding="utf-8")
