"""The summary of a dispute as text, Markdown or JSON: what ``argmap summary`` prints.

:func:`format_summary` writes a :class:`~argmap.analysis.Summary` (from
:func:`~argmap.analysis.summarise`) in one of :data:`FORMATS`: ``text`` for a terminal (lines
of at most :data:`WIDTH` columns), ``markdown`` for a report or an issue on GitHub (headings and
tables), ``json`` for programs (:func:`summary_data` documents it member by member, and
docs/summary.md describes it). Every format lists everything in the same deterministic order, so
the same annotation gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, Final

from argmap.analysis import (
    ATTACK_RELATIONS,
    PREFERRED_LIMIT,
    Concession,
    Label,
    StatementInfo,
    Summary,
)
from argmap.export.jsontext import dumps

__all__ = [
    "FORMATS",
    "SHOWN",
    "VERSION",
    "WIDTH",
    "format_summary",
    "md_cell",
    "md_table",
    "summary_data",
    "to_json",
    "to_markdown",
    "to_text",
]

FORMATS: Final = ("text", "markdown", "json")
"""The formats :func:`format_summary` writes."""

VERSION: Final = 1
"""The version of the JSON layout; it changes only when a reader would break."""

WIDTH: Final = 100
"""Most columns a line of the text summary takes."""

SHOWN: Final = 10
"""Most contested statements the text and Markdown list (the JSON has them all)."""

_PARTICIPLES: Final = {
    "denies": "denied by",
    "counters": "countered by",
    "concedes": "conceded by",
    "supports": "supported by",
    "qualifies": "qualified by",
    "agrees": "agreed with by",
    "questions": "questioned by",
    "answers": "answered by",
    "responds": "answered by",
    "undercuts": "undercut by",
}
"""How a response is described from the side of the statement it answers."""

_PREFERRED_WORDS: Final = {
    "all": "in every preferred extension",
    "some": "in some preferred extensions, not all",
    "none": "in no preferred extension",
    None: f"preferred extensions not computed (a knot of more than {PREFERRED_LIMIT} statements)",
}


def format_summary(summary: Summary, fmt: str = "text") -> str:
    """Return ``summary`` written in ``fmt``, one of :data:`FORMATS`, ending with a newline.

    This is what ``argmap summary FILE --format FMT`` prints.

    Raises:
        ValueError: for a format that is not one of :data:`FORMATS`.
    """
    writers = {"text": to_text, "markdown": to_markdown, "json": to_json}
    if fmt not in writers:
        raise ValueError(f"unknown summary format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return writers[fmt](summary)


# --- JSON ------------------------------------------------------------------------------------


def summary_data(summary: Summary) -> dict[str, Any]:
    """Return the JSON document of ``summary`` as plain data, members in a fixed order.

    * ``version``: :data:`VERSION`.
    * ``title``, ``source``: the article's title and the annotation's file name.
    * ``counts``: ``statements``, ``speakers``, ``topics``, ``responses`` (every response),
      ``responses_between_speakers`` (those answering another speaker), ``attacks``
      (responses with an attack relation).
    * ``attack_relations``: the relations counted as attacks.
    * ``speakers``: per speaker in declaration order: ``id``, ``name``, ``statements``,
      ``kinds`` (every kind → count) and ``topics`` (ids spoken on).
    * ``responses``: relation → responding speaker → answered speaker → count; every relation
      is present, a pair only where its count is not zero.
    * ``topics``: per topic: ``id``, ``label``, ``speakers``, ``statements`` (a count) and
      ``claims``: each claim's ``statement`` id and its ``answers`` (``statement``,
      ``speaker``, ``relation``), in file order.
    * ``unanswered``: ids of claims and questions no other speaker answered, in file order.
    * ``contested``: ``statement``, ``attacks`` (a count) and ``attackers`` (ids), most
      attacked first.
    * ``rebuttal_chain``: ``length`` (attacks), ``statements`` and ``relations``.
    * ``concessions``: ``statement``, ``speaker``, ``relation``, ``target`` and
      ``target_speaker`` (the last three null for a point granted to no one).
    * ``acceptability``: ``semantics`` (``grounded``), the counts ``in``, ``out`` and
      ``undecided``, and ``preferred_limit``.
    * ``statements``: every statement in file order: ``id``, ``speaker``, ``topic``,
      ``kind``, ``text``, ``status``, ``reason``, ``because`` and ``preferred`` (``all``,
      ``some``, ``none`` or null when not computed).
    """
    grounded = {label.statement: label for label in summary.grounded}
    statuses = [label.status for label in summary.grounded]
    return {
        "version": VERSION,
        "title": summary.title,
        "source": summary.source,
        "counts": _counts(summary),
        "attack_relations": list(ATTACK_RELATIONS),
        "speakers": [
            {
                "id": s.id,
                "name": s.name,
                "statements": s.statements,
                "kinds": dict(s.kinds),
                "topics": list(s.topics),
            }
            for s in summary.speakers
        ],
        "responses": {
            relation: {a: dict(row) for a, row in rows.items()}
            for relation, rows in summary.responses.items()
        },
        "topics": [
            {
                "id": t.id,
                "label": t.label,
                "speakers": list(t.speakers),
                "statements": t.statements,
                "claims": [
                    {
                        "statement": c.statement,
                        "answers": [
                            {
                                "statement": a.statement,
                                "speaker": a.speaker,
                                "relation": a.relation,
                            }
                            for a in c.answers
                        ],
                    }
                    for c in t.claims
                ],
            }
            for t in summary.topics
        ],
        "unanswered": list(summary.unanswered),
        "contested": [
            {"statement": c.statement, "attacks": len(c.attackers), "attackers": list(c.attackers)}
            for c in summary.contested
        ],
        "rebuttal_chain": {
            "length": len(summary.rebuttal_chain.relations),
            "statements": list(summary.rebuttal_chain.statements),
            "relations": list(summary.rebuttal_chain.relations),
        },
        "concessions": [
            {
                "statement": c.statement,
                "speaker": c.speaker,
                "relation": c.relation,
                "target": c.target,
                "target_speaker": c.target_speaker,
            }
            for c in summary.concessions
        ],
        "acceptability": {
            "semantics": "grounded",
            "in": statuses.count("in"),
            "out": statuses.count("out"),
            "undecided": statuses.count("undecided"),
            "preferred_limit": PREFERRED_LIMIT,
        },
        "statements": [
            {
                "id": s.id,
                "speaker": s.speaker,
                "topic": s.topic,
                "kind": s.kind,
                "text": s.text,
                "status": grounded[s.id].status,
                "reason": grounded[s.id].reason,
                "because": list(grounded[s.id].because),
                "preferred": summary.preferred.get(s.id),
            }
            for s in summary.statements
        ],
    }


def to_json(summary: Summary) -> str:
    """Return the JSON summary (see :func:`summary_data`), indented by two spaces."""
    return dumps(summary_data(summary))


def _counts(summary: Summary) -> dict[str, int]:
    responses = between = attacks = 0
    for relation, rows in summary.responses.items():
        for a, row in rows.items():
            for b, count in row.items():
                responses += count
                between += count if a != b else 0
                attacks += count if relation in ATTACK_RELATIONS else 0
    return {
        "statements": len(summary.statements),
        "speakers": len(summary.speakers),
        "topics": len(summary.topics),
        "responses": responses,
        "responses_between_speakers": between,
        "attacks": attacks,
    }


# --- shared by text and Markdown --------------------------------------------------------------


class _View:
    """Lookups over a summary for the writers: names, statements, labels."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.names = {s.id: s.name for s in summary.speakers}
        self.labels = {t.id: t.label for t in summary.topics}
        self.statements: dict[str, StatementInfo] = {s.id: s for s in summary.statements}
        self.grounded: dict[str, Label] = {label.statement: label for label in summary.grounded}
        self.counts = _counts(summary)

    def name(self, speaker: str) -> str:
        return self.names.get(speaker, speaker)

    def status(self, statement: str) -> str:
        return self.grounded[statement].status

    def overview(self) -> str:
        c = self.counts
        return (
            f"{_n(c['statements'], 'statement')} by {_n(c['speakers'], 'speaker')} on "
            f"{_n(c['topics'], 'topic')}; {_n(c['responses'], 'response')}, "
            f"{c['responses_between_speakers']} between speakers; "
            f"{_n(c['attacks'], 'attack')} ({', '.join(ATTACK_RELATIONS)})."
        )

    def pairs(self) -> list[tuple[str, str, dict[str, int]]]:
        """(responder, answered, relation → count) for each pair of speakers, in order."""
        order = list(self.names)
        for rows in self.summary.responses.values():
            for a, row in rows.items():
                order += [s for s in (a, *row) if s not in order]
        found: dict[tuple[str, str], dict[str, int]] = {}
        for relation, rows in self.summary.responses.items():
            for a, row in rows.items():
                for b, count in row.items():
                    found.setdefault((a, b), {})[relation] = count
        rank = {speaker: i for i, speaker in enumerate(order)}
        keys = sorted(found, key=lambda pair: (rank[pair[0]], rank[pair[1]]))
        return [(a, b, found[a, b]) for a, b in keys]

    def used_relations(self) -> list[str]:
        return [relation for relation, rows in self.summary.responses.items() if rows]

    def used_kinds(self) -> list[str]:
        kinds: list[str] = []
        for speaker in self.summary.speakers:
            kinds += [k for k, n in speaker.kinds.items() if n and k not in kinds]
        order = list(self.summary.speakers[0].kinds) if self.summary.speakers else []
        return sorted(kinds, key=lambda k: order.index(k) if k in order else len(order))

    def hidden_in(self) -> int:
        """How many statements are in with no attacker (the writers count them, not list them)."""
        return sum(1 for label in self.summary.grounded if label.reason == "in: no attacker")

    def acceptability_counts(self) -> str:
        statuses = [label.status for label in self.summary.grounded]
        return (
            f"{statuses.count('in')} in, {statuses.count('out')} out, "
            f"{statuses.count('undecided')} undecided."
        )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- text ------------------------------------------------------------------------------------


def to_text(summary: Summary) -> str:
    """Return the summary as plain text for a terminal, no line longer than :data:`WIDTH`."""
    view = _View(summary)
    out: list[str] = []
    out += _wrap(f"Summary: {summary.title}", "")
    if summary.source:
        out += _wrap(f"({summary.source})", "")
    out += _wrap(view.overview(), "")

    _heading(out, "Speakers")
    for speaker in summary.speakers:
        out += _wrap(f"{speaker.name} ({speaker.id}): {_n(speaker.statements, 'statement')}", "")
        kinds = ", ".join(f"{kind} {n}" for kind, n in speaker.kinds.items() if n)
        if kinds:
            out += _wrap(f"kinds: {kinds}", "  ", "    ")
        if speaker.topics:
            labels = "; ".join(view.labels.get(t, t) for t in speaker.topics)
            out += _wrap(f"topics: {labels}", "  ", "    ")

    _heading(out, "Who answered whom")
    pairs = view.pairs()
    for a, b, counts in pairs:
        detail = ", ".join(f"{relation} {n}" for relation, n in counts.items())
        total = sum(counts.values())
        out += _wrap(
            f"{view.name(a)} → {view.name(b)}: {_n(total, 'response')} ({detail})", "", "    "
        )
    if not pairs:
        out.append("No responses.")

    _heading(out, "Topics")
    for number, topic in enumerate(summary.topics):
        if number:
            out.append("")
        out += _wrap(f"{topic.label} ({topic.id})", "")
        who = _and([view.name(s) for s in topic.speakers])
        line = f"{_n(topic.statements, 'statement')}" + (f" by {who}" if who else "")
        out += _wrap(f"{line}; {_n(len(topic.claims), 'claim')}.", "  ", "    ")
        for claim in topic.claims:
            out += _statement_text(view, claim.statement, "  ", status=True)
            for answer in claim.answers:
                out += _wrap(
                    f"- {_PARTICIPLES.get(answer.relation, answer.relation + ' by')} "
                    f"{answer.statement} ({view.name(answer.speaker)})",
                    "      ",
                    "        ",
                )

    _heading(out, "Unanswered")
    out += _wrap(
        f"Claims and questions no other speaker responded to: {len(summary.unanswered)}.", ""
    )
    for statement in summary.unanswered:
        out += _statement_text(view, statement, "  ")

    _heading(out, "Most contested")
    out += _wrap(
        "Statements attacked by other speakers "
        f"({', '.join(ATTACK_RELATIONS)}), most attacked first.",
        "",
    )
    for item in summary.contested[:SHOWN]:
        out += _statement_text(view, item.statement, "  ", status=True)
        attacks = _n(len(item.attackers), "attack")
        out += _wrap(f"{attacks}: by {', '.join(item.attackers)}", "      ", "        ")
    out += _more(len(summary.contested), "contested statement")
    if not summary.contested:
        out.append("None.")

    chain = summary.rebuttal_chain
    _heading(out, "Longest rebuttal chain")
    if chain.statements:
        out += _wrap(f"{_n(len(chain.relations), 'attack')}, each answering the one before.", "")
        out += _statement_text(view, chain.statements[0], "  ", status=True)
        for relation, statement in zip(chain.relations, chain.statements[1:], strict=True):
            lead = f"{_PARTICIPLES.get(relation, relation + ' by')} "
            out += _statement_text(view, statement, "  ", status=True, lead=lead)
    else:
        out.append("No statement attacks another.")

    _heading(out, "Concessions and agreement")
    for concession in summary.concessions:
        out += _statement_text(view, concession.statement, "  ", extra=_granted(view, concession))
    if not summary.concessions:
        out.append("None.")

    _heading(out, "Acceptability (grounded semantics)")
    out += _wrap(
        f"Attacks: {', '.join(ATTACK_RELATIONS)}. {view.acceptability_counts()} "
        f"{_n(view.hidden_in(), 'statement')} in with no attacker; the others:",
        "",
    )
    for label in summary.grounded:
        if label.reason == "in: no attacker":
            continue
        reason = label.reason.split(": ", 1)[-1]
        if label.status == "undecided":
            reason += f"; {_PREFERRED_WORDS[summary.preferred.get(label.statement)]}"
        out += _wrap(f"{label.status:<9} {label.statement}: {reason}", "  ", " " * 12)
    return "\n".join(out) + "\n"


def _heading(out: list[str], title: str) -> None:
    out += ["", title, "=" * len(title)]


def _wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _statement_text(
    view: _View,
    statement: str,
    indent: str,
    *,
    status: bool = False,
    lead: str = "",
    extra: str = "",
) -> list[str]:
    """A statement's heading line (id, speaker, kind, its status if asked) and its text."""
    info = view.statements[statement]
    parts = [f"{lead}{statement}", view.name(info.speaker), info.kind]
    if status:
        parts.append(view.status(statement))
    if extra:
        parts.append(extra)
    lines = _wrap(" · ".join(parts), indent, indent + "    ")
    return lines + _wrap(info.text, indent + "    ")


def _granted(view: _View, concession: Concession) -> str:
    """What a concession grants, and to whom, in words."""
    if concession.target is None:
        return "granted to no one in particular"
    verb = "concedes" if concession.relation == "concedes" else "agrees with"
    return f"{verb} {concession.target} ({view.name(concession.target_speaker or '')})"


def _more(total: int, noun: str) -> list[str]:
    if total <= SHOWN:
        return []
    rest = _n(total - SHOWN, noun).replace(" ", " more ", 1)
    return [f"  … and {rest} (--format json lists them all)"]


# --- Markdown --------------------------------------------------------------------------------

_MARKDOWN_SPECIAL: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&$#"})


def md_cell(text: str) -> str:
    """Text as Markdown that shows it literally, on one line (safe in a table cell)."""
    return _one_line(text).translate(_MARKDOWN_SPECIAL)


def _code(identifier: str) -> str:
    return f"`{identifier}`"


def to_markdown(summary: Summary) -> str:
    """Return the summary as GitHub-flavoured Markdown: headings, tables and lists."""
    view = _View(summary)
    out: list[str] = [f"# Summary: {md_cell(summary.title)}", ""]
    source = f"{_code(summary.source)}: " if summary.source else ""
    out += [f"{source}{md_cell(view.overview())}", ""]

    out += ["## Speakers", ""]
    kinds = view.used_kinds()
    out += md_table(
        ["Speaker", "Statements", *kinds, "Topics"],
        [
            [
                f"{md_cell(s.name)} ({_code(s.id)})",
                str(s.statements),
                *(str(s.kinds.get(k, 0)) for k in kinds),
                "; ".join(md_cell(view.labels.get(t, t)) for t in s.topics),
            ]
            for s in summary.speakers
        ],
        numeric=range(1, 2 + len(kinds)),
    )

    out += ["## Who answered whom", ""]
    relations = view.used_relations()
    pairs = view.pairs()
    if pairs:
        out += md_table(
            ["Responder", "Answered", *relations, "Total"],
            [
                [
                    md_cell(view.name(a)),
                    md_cell(view.name(b)),
                    *(str(counts.get(r, 0)) for r in relations),
                    str(sum(counts.values())),
                ]
                for a, b, counts in pairs
            ],
            numeric=range(2, 3 + len(relations)),
        )
    else:
        out += ["No responses.", ""]

    out += ["## Topics", ""]
    for topic in summary.topics:
        out += [f"### {md_cell(topic.label)} ({_code(topic.id)})", ""]
        who = _and([md_cell(view.name(s)) for s in topic.speakers])
        out += [f"{_n(topic.statements, 'statement')}" + (f" by {who}." if who else "."), ""]
        if topic.claims:
            out += md_table(
                ["Claim", "Speaker", "Kind", "Status", "Answered by"],
                [
                    [
                        _statement_cell(view, claim.statement),
                        md_cell(view.name(view.statements[claim.statement].speaker)),
                        view.statements[claim.statement].kind,
                        view.status(claim.statement),
                        "; ".join(
                            f"{_PARTICIPLES.get(a.relation, a.relation + ' by')} "
                            f"{_code(a.statement)} ({md_cell(view.name(a.speaker))})"
                            for a in claim.answers
                        ),
                    ]
                    for claim in topic.claims
                ],
            )

    out += ["## Unanswered", ""]
    out += [f"Claims and questions no other speaker responded to: {len(summary.unanswered)}.", ""]
    if summary.unanswered:
        out += md_table(
            ["Statement", "Speaker", "Kind"],
            [
                [
                    _statement_cell(view, s),
                    md_cell(view.name(view.statements[s].speaker)),
                    view.statements[s].kind,
                ]
                for s in summary.unanswered
            ],
        )

    out += ["## Most contested", ""]
    out += [
        f"Statements attacked by other speakers ({', '.join(ATTACK_RELATIONS)}), "
        "most attacked first.",
        "",
    ]
    if summary.contested:
        out += md_table(
            ["Statement", "Speaker", "Attacks", "Attacked by", "Status"],
            [
                [
                    _statement_cell(view, c.statement),
                    md_cell(view.name(view.statements[c.statement].speaker)),
                    str(len(c.attackers)),
                    ", ".join(_code(a) for a in c.attackers),
                    view.status(c.statement),
                ]
                for c in summary.contested[:SHOWN]
            ],
            numeric=[2],
        )
        more = _more(len(summary.contested), "contested statement")
        out += [line.strip() for line in more] + ([""] if more else [])
    else:
        out += ["None.", ""]

    out += ["## Longest rebuttal chain", ""]
    chain = summary.rebuttal_chain
    if chain.statements:
        out += [f"{_n(len(chain.relations), 'attack')}, each answering the one before.", ""]
        leads = ["", *(f"{_PARTICIPLES.get(r, r + ' by')} " for r in chain.relations)]
        for number, (lead, statement) in enumerate(zip(leads, chain.statements, strict=True)):
            info = view.statements[statement]
            out.append(
                f"{number + 1}. {lead}{_code(statement)} ({md_cell(view.name(info.speaker))}, "
                f"{info.kind}, {view.status(statement)}): {md_cell(info.text)}"
            )
        out.append("")
    else:
        out += ["No statement attacks another.", ""]

    out += ["## Concessions and agreement", ""]
    if summary.concessions:
        out += md_table(
            ["Statement", "Speaker", "Grants"],
            [
                [
                    _statement_cell(view, c.statement),
                    md_cell(view.name(c.speaker)),
                    md_cell(_granted(view, c)),
                ]
                for c in summary.concessions
            ],
        )
    else:
        out += ["None.", ""]

    out += ["## Acceptability (grounded semantics)", ""]
    out += [
        f"Attacks: {', '.join(ATTACK_RELATIONS)}. {view.acceptability_counts()} "
        f"{_n(view.hidden_in(), 'statement')} in with no attacker; the others:",
        "",
    ]
    rows = [
        [
            _code(label.statement),
            label.status,
            _PREFERRED_WORDS[summary.preferred.get(label.statement)],
            md_cell(label.reason.split(": ", 1)[1]),
        ]
        for label in summary.grounded
        if label.reason != "in: no attacker"
    ]
    if rows:
        out += md_table(["Statement", "Status", "Preferred", "Why"], rows)
    return "\n".join(out).rstrip("\n") + "\n"


def _statement_cell(view: _View, statement: str) -> str:
    return f"{_code(statement)}: {md_cell(view.statements[statement].text)}"


def md_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Iterable[int] = ()
) -> list[str]:
    """A GitHub Markdown table, then a blank line; ``numeric`` columns are right-aligned."""
    right = set(numeric)
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = [_row(header), _row(rule)]
    lines += [_row(row) for row in rows]
    return [*lines, ""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
