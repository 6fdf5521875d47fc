"""The architecture holds: each third-party library is used by one layer only."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

import argmap

from .conftest import ROOT

PACKAGE = ROOT / "argmap"

OWNERS = {
    "click": {"cli"},
    "graphviz": {"drawing"},
    "yaml": {"yamlsource"},
    "networkx": {"graph", "drawing", "export.nodelink", "export.gexf"},
    "pydantic": {"model", "validation", "schema"},
    "pydantic_core": {"validation", "schema"},
}


MODULES = sorted(
    str(path.relative_to(PACKAGE).with_suffix("")).replace("/", ".")
    for path in PACKAGE.rglob("*.py")
)


def imported_modules(module: str) -> set[str]:
    path = PACKAGE / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_library_is_imported_only_by_its_layer(library: str) -> None:
    users = {module for module in MODULES if library in imported_modules(module)}
    assert users <= OWNERS[library]


def test_the_model_imports_no_io_or_rendering_library() -> None:
    code = (
        "import sys, argmap.model;"
        "bad = {'click', 'graphviz', 'yaml', 'networkx'} & set(sys.modules);"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_public_names_exist_and_match_the_lazy_table() -> None:
    assert set(argmap.__all__) == {"__version__", *argmap._LOCATIONS}
    for name in argmap.__all__:
        assert hasattr(argmap, name), name
