"""Rules that relate several parts of an annotation: references, unique ids, responses.

Why these are not pydantic validators: an error raised in a model validator has an empty
location, so the user could not be told which line is wrong. Here each rule returns
:class:`~argmap.diagnostics.Diagnostic` objects carrying the path to the offending value, and the
loader resolves that path to a line and column. The rules never raise, so every problem in a file
is reported in one run.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from argmap.diagnostics import Diagnostic, ErrorCode, did_you_mean
from argmap.model import Kind, Relation, Speech, Statement
from argmap.validation import PartialStatement

__all__ = ["RESPONSE_KINDS", "check_parts"]

RESPONSE_KINDS = frozenset({Kind.SUPPORT, Kind.QUALIFICATION, Kind.AGREEMENT, Kind.ANSWER})
"""Kinds that cannot stand alone: one supports, qualifies, agrees with or answers something.

Denials, counterclaims and concessions are not among them: news often reports a denial of
claims nobody in the article makes ("Lavrov denied claims that…") or a fact conceded unasked.
"""


def _declared(kind: str, known: Collection[str]) -> str:
    names = sorted(known)
    if not names:
        return f"no {kind}s are declared"
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"declared {kind}s: {shown}"


def _unknown_hint(given: str, known: Collection[str], kind: str) -> str:
    suggestion = did_you_mean(given, sorted(known))
    declared = _declared(kind, known)
    return f"{suggestion} ({declared})" if suggestion else declared


def check_parts(
    speaker_ids: Collection[str] | None,
    topic_ids: Collection[str] | None,
    statements: Sequence[Statement | PartialStatement],
) -> list[Diagnostic]:
    """Check the parts of an annotation that passed validation, when others did not.

    The loader uses this so that a file with one malformed statement still gets every other
    problem reported in the same run.

    Args:
        speaker_ids: The declared speaker ids (also those whose details are malformed), or
            None when the section itself is malformed and references cannot be checked.
        topic_ids: Likewise for topics.
        statements: The statements in file order; where one failed validation, the fields of
            it that are valid (a rule that needs a missing field is skipped).

    Returns:
        Every problem found, each with the ``loc`` of the offending value.
    """
    problems: list[Diagnostic] = []
    first_index: dict[str, int] = {}
    for index, statement in enumerate(statements):
        if statement.id is None:
            continue
        if statement.id in first_index:
            problems.append(
                Diagnostic(
                    ErrorCode.DUPLICATE_ID,
                    f"statement id '{statement.id}' is already used",
                    ("statements", index, "id"),
                    hint="give each statement its own id",
                    note=f"'{statement.id}' is first used here",
                    note_loc=("statements", first_index[statement.id], "id"),
                )
            )
        else:
            first_index[statement.id] = index
    known_statements = set(first_index)
    answered = {
        s.id: [r.to for r in s.responds_to if r is not None]
        for s in statements
        if s.id is not None
    }

    for index, statement in enumerate(statements):
        at = ("statements", index)
        invalid = statement.invalid if isinstance(statement, PartialStatement) else frozenset()
        if (
            speaker_ids is not None
            and statement.speaker is not None
            and statement.speaker not in speaker_ids
        ):
            problems.append(
                Diagnostic(
                    ErrorCode.UNKNOWN_SPEAKER,
                    f"unknown speaker '{statement.speaker}'",
                    (*at, "speaker"),
                    hint=_unknown_hint(statement.speaker, speaker_ids, "speaker"),
                )
            )
        if (
            topic_ids is not None
            and statement.topic is not None
            and statement.topic not in topic_ids
        ):
            problems.append(
                Diagnostic(
                    ErrorCode.UNKNOWN_TOPIC,
                    f"unknown topic '{statement.topic}'",
                    (*at, "topic"),
                    hint=_unknown_hint(statement.topic, topic_ids, "topic"),
                )
            )
        if statement.speech is Speech.DIRECT and not statement.quote and "quote" not in invalid:
            problems.append(
                Diagnostic(
                    ErrorCode.DIRECT_WITHOUT_QUOTE,
                    "direct speech needs a quote",
                    (*at, "speech"),
                    hint="add the speaker's words as 'quote:', or mark the statement "
                    "'speech: reported'",
                )
            )
        if (
            statement.kind in RESPONSE_KINDS
            and not statement.responds_to
            and "responds_to" not in invalid
        ):
            problems.append(
                Diagnostic(
                    ErrorCode.MISSING_TARGET,
                    f"a {statement.kind} that responds to nothing",
                    (*at, "kind"),
                    severity="warning",
                    hint="say which statement it answers with 'responds_to:', or make it a claim",
                )
            )
        problems.extend(_check_responses(statement, index, known_statements))
        problems.extend(_check_undercuts(statement, index, answered))
    return problems


def _check_undercuts(
    statement: Statement | PartialStatement, index: int, answered: Mapping[str, list[str]]
) -> Iterable[Diagnostic]:
    """An undercut needs a link to attack: the target must answer something, unambiguously."""
    for position, response in enumerate(statement.responds_to):
        if response is None:
            continue
        at = ("statements", index, "responds_to", position)
        links = answered.get(response.to)
        if response.relation is not Relation.UNDERCUTS:
            if response.link_to is not None:
                yield Diagnostic(
                    ErrorCode.INVALID_UNDERCUT,
                    "'link_to' goes with 'relation: undercuts' only",
                    (*at, "link_to"),
                    target="key",
                    hint="remove 'link_to', or make the relation 'undercuts'",
                )
        elif links is None:
            continue  # an unknown target is reported as such
        elif not links:
            yield Diagnostic(
                ErrorCode.INVALID_UNDERCUT,
                f"'{response.to}' answers nothing, so it has no link to undercut",
                (*at, "relation"),
                hint="to attack the statement itself, use 'denies' or 'counters'",
            )
        elif response.link_to is None and len(links) > 1:
            yield Diagnostic(
                ErrorCode.INVALID_UNDERCUT,
                f"'{response.to}' answers several statements: say which link is undercut",
                (*at, "relation"),
                hint=f"add 'link_to:' with one of: {', '.join(links)}",
            )
        elif response.link_to is not None and response.link_to not in links:
            yield Diagnostic(
                ErrorCode.INVALID_UNDERCUT,
                f"'{response.to}' does not answer '{response.link_to}'",
                (*at, "link_to"),
                hint=f"'{response.to}' answers: {', '.join(links)}",
            )


def _check_responses(
    statement: Statement | PartialStatement, index: int, known: Collection[str]
) -> Iterable[Diagnostic]:
    seen: dict[str, int] = {}
    for position, response in enumerate(statement.responds_to):
        if response is None:
            continue
        at = ("statements", index, "responds_to", position, "to")
        if response.to == statement.id:
            yield Diagnostic(
                ErrorCode.SELF_RESPONSE,
                f"statement '{statement.id}' responds to itself",
                at,
                hint="a statement answers another statement; check the id",
            )
        elif response.to not in known and ":" not in response.to:  # ARTICLE:ID: see merge
            yield Diagnostic(
                ErrorCode.UNKNOWN_STATEMENT,
                f"responds to unknown statement '{response.to}'",
                at,
                hint=did_you_mean(response.to, sorted(known)) or "no statement has this id",
            )
        if response.to in seen:
            yield Diagnostic(
                ErrorCode.DUPLICATE_RESPONSE,
                f"responds to '{response.to}' twice",
                at,
                hint="list each statement once; give it the one relation that fits",
                note="first listed here",
                note_loc=("statements", index, "responds_to", seen[response.to], "to"),
            )
        else:
            seen[response.to] = position
