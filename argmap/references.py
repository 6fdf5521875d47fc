"""References between annotation files: article ids, reading several files, ``ARTICLE:ID``.

Kept apart from :mod:`argmap.merge` so that ``argmap validate`` can check references between
files without importing networkx, which would double its start-up time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from argmap.diagnostics import AnnotationError, ArgmapError, Diagnostic, ErrorCode, did_you_mean
from argmap.dispute import Dispute
from argmap.loader import MAX_FILE_BYTES, load, place_in_file
from argmap.model import Relation

__all__ = ["article_id", "check_references", "load_all", "qualified"]


def article_id(dispute: Dispute) -> str:
    """The name other files use for this file's statements: ``article.id``, else the file stem.

    >>> from argmap.loader import loads
    >>> article_id(loads("article: {title: T}", name="maps/moscow-talks.yaml"))
    'moscow-talks'
    """
    return dispute.annotation.article.id or PurePath(dispute.source).stem


def load_all(
    paths: Iterable[str | PurePath],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    article_anywhere: bool = False,
) -> list[Dispute]:
    """Load every file, reporting the problems of all of them at once.

    Raises:
        AnnotationError: with every file's problems, when any file has errors.
        ArgmapError: when a file cannot be read, or two files have the same article id.
    """
    disputes: list[Dispute] = []
    problems: list[Diagnostic] = []
    for path in paths:
        try:
            disputes.append(load(path, max_bytes=max_bytes, article_anywhere=article_anywhere))
        except AnnotationError as error:
            problems += error.diagnostics
    if problems:
        raise AnnotationError(problems)
    seen: dict[str, str] = {}
    for dispute in disputes:
        name = article_id(dispute)
        if name in seen:
            raise ArgmapError(
                f"{seen[name]} and {dispute.source} are both article '{name}'; give each file "
                "its own 'id:' under 'article:'"
            )
        seen[name] = dispute.source
    return disputes


def _split(reference: str) -> tuple[str | None, str]:
    name, colon, local = reference.rpartition(":")
    return (name, local) if colon else (None, reference)


def check_references(
    disputes: Sequence[Dispute], max_bytes: int = MAX_FILE_BYTES
) -> list[Diagnostic]:
    """Check every ``ARTICLE:ID`` response against the files read, each problem placed in its file.

    A reference to a file that was not read is a warning (``external_reference``): it cannot be
    checked, and is not drawn. A reference to a statement its file does not have is an error,
    as is an undercut across files whose link cannot be told.
    """
    names = [article_id(d) for d in disputes]
    counts = Counter(names)
    # A name two files share (two unrelated annotation.yaml, say) names neither of them.
    by_name = {name: d for name, d in zip(names, disputes, strict=True) if counts[name] == 1}
    local_ids = {name: {s.id: s for s in d.statements} for name, d in by_name.items()}
    result: list[Diagnostic] = []
    for dispute in disputes:
        found: list[Diagnostic] = []
        for index, statement in enumerate(dispute.statements):
            for position, (response, (target, relation)) in enumerate(
                zip(statement.responds_to, statement.targets(), strict=True)
            ):
                name, local = _split(target)
                if name is None:
                    continue
                at = ("statements", index, "responds_to", position, "to")
                if name not in by_name:
                    read = ", ".join(sorted(by_name))
                    found.append(
                        Diagnostic(
                            ErrorCode.EXTERNAL_REFERENCE,
                            f"responds to '{target}', in an annotation not read with this one",
                            at,
                            severity="warning",
                            hint=did_you_mean(name, sorted(by_name))
                            or f"read its file too (articles read: {read}); until then the "
                            "response is not drawn",
                        )
                    )
                    continue
                answered = local_ids[name].get(local)
                if answered is None:
                    known = sorted(local_ids[name])
                    found.append(
                        Diagnostic(
                            ErrorCode.UNKNOWN_STATEMENT,
                            f"responds to unknown statement '{target}'",
                            at,
                            hint=did_you_mean(local, known) or f"article '{name}' has no such id",
                        )
                    )
                elif relation is Relation.UNDERCUTS:
                    links = [qualified(name, t) for t, _ in answered.targets()]
                    problem = _undercut_problem(target, response.link_to, links)
                    if problem:
                        found.append(Diagnostic(ErrorCode.INVALID_UNDERCUT, problem, at))
        result += place_in_file(dispute.source, found, max_bytes) if found else []
    return result


def qualified(name: str, reference: str) -> str:
    """A reference as the merged graph names it: ``ARTICLE:ID``."""
    return reference if ":" in reference else f"{name}:{reference}"


def _undercut_problem(target: str, link_to: str | None, links: list[str]) -> str | None:
    if not links:
        return f"'{target}' answers nothing, so it has no link to undercut"
    if link_to is None and len(links) > 1:
        return f"'{target}' answers several statements: say which link is undercut ('link_to')"
    if link_to is not None and link_to not in links:
        return f"'{target}' does not answer '{link_to}' (it answers: {', '.join(links)})"
    return None
