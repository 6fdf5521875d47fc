"""A bounded fuzz run of the loader: any bytes load or fail with argmap's own error, never more.

Hypothesis drives it (atheris would need a compiler toolchain for little gain here): random
bytes, and random soups of YAML tokens and annotation fields, written to a file and loaded as
the command line does. CI runs it with the rest of the suite; each run is capped by example
count, so it takes seconds.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.diagnostics import AnnotationError, ArgmapError
from argmap.graph import build_graph
from argmap.loader import load

TOKENS = [
    "article:", "speakers:", "topics:", "statements:", "title:", "text:", "text_file:",
    "- id:", "speaker:", "topic:", "kind:", "quote:", "responds_to:", "relation:", "link_to:",
    "speech:", "denial", "claim", "undercuts", "direct", "s1", "s2", "a", "t", "{", "}", "[",
    "]", ",", ":", "&x", "*x", "!!str", "!!python/name:os.system", "<<:", "---", "...", "'",
    '"', "|", ">", "#", "~", "null", "01", "1.10", "\t", "\n", "\n  ", "\n    ", " ", "\ufeff",
    "\x00", "\x85", "\u2028", "é", "“", "…", "\\", "%YAML 1.2", "? ", "article.txt", "../x",
]  # fmt: skip


def check(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        dispute = load(path)
    except AnnotationError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.position is not None
            assert str(diagnostic)
    except ArgmapError as error:
        assert str(error)
    else:
        build_graph(dispute)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check(tmp_path / "fuzz.yaml", data)


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup(tmp_path: Path, tokens: list[str]) -> None:
    check(tmp_path / "fuzz.yaml", " ".join(tokens).encode("utf-8", "surrogatepass"))
