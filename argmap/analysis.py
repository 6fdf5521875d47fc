"""Analyses of a dispute: who answered whom, what went unanswered, which claims survive.

Pure functions over the argument graph of :mod:`argmap.graph` (they never change it). Each
returns plain values in a deterministic order: statements in file order, speakers and topics
in declaration order, ties broken by file order. Statement, speaker and topic ids are opaque
strings (a merged graph may have ids like ``file:id``). :func:`summarise` gathers every
analysis into one :class:`Summary`, which :mod:`argmap.summary` writes as text, Markdown or
JSON.

Acceptability follows Dung's abstract argumentation frameworks (Dung 1995): the arguments are
the statements, and a statement *attacks* another when it responds to it with one of
:data:`ATTACK_RELATIONS`:

* ``denies`` and ``counters`` attack the statement answered;
* ``undercuts`` attacks the link from the statement answered to what that statement answers,
  not its content. In an abstract framework an argument is attacked whole, so the undercut
  attacks the statement whose link it cuts (the edge's target): as a response, that statement
  stands for the argument that uses the link, the one an undercutter defeats in ASPIC+. When
  it is out, its support or attack through the link no longer counts, which is the undercut's
  effect; but it also falls as a claim in its own right, which docs/summary.md points out;
* ``questions`` is not an attack: a question asserts nothing, and counting it would let a
  rhetorical question defeat a claim. ``qualifies`` accepts the statement in part, and
  ``supports``, ``agrees``, ``concedes``, ``answers`` and ``responds`` do not oppose it.

Why Dung's semantics: they say which statements survive the exchange *as the article reports
it*, from the attacks alone, without weighing whose evidence is better, which is a reader's
job. The grounded labelling is the most sceptical one (it accepts only what no line of attack
can shake) and is unique, so it is what the summary reports for every statement; preferred
acceptance (:func:`preferred_acceptance`) adds, for statements grounded leaves undecided,
whether some or every coherent position accepts them.
"""

from __future__ import annotations

import functools
import itertools
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

from argmap.gc_pause import gc_paused
from argmap.graph import (
    ArgGraph,
    responses,
    speakers,
    statement_node,
    statements,
    topics,
)
from argmap.model import Kind, Relation

__all__ = [
    "ANSWERABLE_KINDS",
    "ATTACK_RELATIONS",
    "CLAIM_KINDS",
    "CONCEDING_KINDS",
    "CONCEDING_RELATIONS",
    "PREFERRED_LIMIT",
    "Answer",
    "ClaimAnswers",
    "Concession",
    "Contested",
    "Label",
    "Preferred",
    "RebuttalChain",
    "SpeakerActivity",
    "StatementInfo",
    "Status",
    "Summary",
    "TopicActivity",
    "attackers",
    "concessions",
    "contested",
    "explain",
    "grounded",
    "grounded_labelling",
    "preferred",
    "preferred_acceptance",
    "rebuttal_chain",
    "response_matrix",
    "speaker_activity",
    "summarise",
    "topic_activity",
    "unanswered",
]

Status: TypeAlias = Literal["in", "out", "undecided"]
"""A statement's status under grounded semantics."""

Preferred: TypeAlias = Literal["all", "some", "none"]
"""In how many preferred extensions a statement is: all of them, some, or none."""

IN: Final = "in"
OUT: Final = "out"
UNDECIDED: Final = "undecided"

ATTACK_RELATIONS: Final = (
    Relation.DENIES.value,
    Relation.COUNTERS.value,
    Relation.UNDERCUTS.value,
)
"""The relations that make a response an attack (see the module docstring for why these)."""

CLAIM_KINDS: Final = (
    Kind.CLAIM.value,
    Kind.DENIAL.value,
    Kind.COUNTERCLAIM.value,
    Kind.SUPPORT.value,
    Kind.QUALIFICATION.value,
)
"""Kinds of statement that put a position forward: assert, deny, counter, give a reason, or
qualify. Concessions and agreements endorse the other side's; questions and answers are
exchanges about a position rather than positions."""

ANSWERABLE_KINDS: Final = (*CLAIM_KINDS, Kind.QUESTION.value)
"""Kinds of statement that call for an answer: every claim kind, and questions."""

CONCEDING_RELATIONS: Final = (Relation.CONCEDES.value, Relation.AGREES.value)
"""Relations by which a speaker grants a statement."""

CONCEDING_KINDS: Final = (Kind.CONCESSION.value, Kind.AGREEMENT.value)
"""Kinds of statement that grant a point, to someone or (a joint statement) to no one."""

PREFERRED_LIMIT: Final = 16
"""Most statements in one knot of undecided attacks whose preferred acceptance is computed.

Why a limit: deciding preferred acceptance is intractable in general (credulous acceptance is
NP-complete), and it is computed here by enumerating the conflict-free subsets of each knot,
at most 2**16 = 65,536 of them; a bigger knot is reported as not computed."""

_SHOWN: Final = 5
"""Most statement ids an explanation names before it says "and N others"."""


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatementInfo:
    """A statement, as the summary shows it.

    Attributes:
        id: The statement's id.
        speaker: Its speaker's id.
        topic: Its topic's id.
        kind: Its kind (a :class:`~argmap.model.Kind` value).
        text: The annotator's paraphrase.
    """

    id: str
    speaker: str
    topic: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class SpeakerActivity:
    """What one speaker said.

    Attributes:
        id: The speaker's id.
        name: Their name.
        statements: How many statements they made.
        kinds: Kind → how many of their statements are of it, for every kind, in
            :class:`~argmap.model.Kind` order.
        topics: The topics (ids) they spoke on, in declaration order.
    """

    id: str
    name: str
    statements: int
    kinds: Mapping[str, int]
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """One response to a statement.

    Attributes:
        statement: The responding statement's id.
        speaker: Its speaker's id.
        relation: How it responds (a :class:`~argmap.model.Relation` value).
    """

    statement: str
    speaker: str
    relation: str


@dataclass(frozen=True, slots=True)
class ClaimAnswers:
    """A claim and every response to it, in file order.

    Attributes:
        statement: The claim's id.
        answers: The responses to it, from any speaker.
    """

    statement: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class TopicActivity:
    """What was said on one topic.

    Attributes:
        id: The topic's id.
        label: Its label.
        speakers: Who spoke on it (ids), in declaration order.
        statements: How many statements are about it.
        claims: Its statements of :data:`CLAIM_KINDS`, in file order, each with its answers.
    """

    id: str
    label: str
    speakers: tuple[str, ...]
    statements: int
    claims: tuple[ClaimAnswers, ...]


@dataclass(frozen=True, slots=True)
class Contested:
    """A statement attacked by other speakers.

    Attributes:
        statement: Its id.
        attackers: The statements of other speakers that attack it, in file order.
    """

    statement: str
    attackers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RebuttalChain:
    """A chain of attacks: each statement after the first attacks the one before it.

    Attributes:
        statements: The statements (ids), from the one first attacked to the last rebuttal;
            empty when nothing attacks anything.
        relations: ``relations[i]`` is how ``statements[i + 1]`` answers ``statements[i]``.
    """

    statements: tuple[str, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Concession:
    """A point granted: who conceded (or agreed to) what, and to whom.

    Attributes:
        statement: The conceding statement's id.
        speaker: Who conceded.
        relation: ``concedes`` or ``agrees``; None for a concession or agreement that
            responds to no statement (a point granted to no one in particular).
        target: The statement granted, or None.
        target_speaker: Whose statement that is, or None.
    """

    statement: str
    speaker: str
    relation: str | None
    target: str | None
    target_speaker: str | None


@dataclass(frozen=True, slots=True)
class Label:
    """A statement's status under grounded semantics, and why.

    Attributes:
        statement: The statement's id.
        status: ``in``, ``out`` or ``undecided``.
        reason: One line saying why, such as ``out: attacked by s2, which is in``.
        because: The statements the reason rests on, in file order: for ``in``, its attackers
            (all out); for ``out``, its attackers that are in; for ``undecided``, its
            attackers that are undecided.
    """

    statement: str
    status: Status
    reason: str
    because: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """Every analysis of one dispute, as :mod:`argmap.summary` writes it.

    Attributes:
        title: The article's title.
        source: The annotation's file name.
        statements: Every statement, in file order.
        speakers: Each speaker's activity, in declaration order.
        responses: Relation → responding speaker → answered speaker → count (see
            :func:`response_matrix`).
        topics: Each topic's activity, in declaration order.
        unanswered: Statements no other speaker answered (see :func:`unanswered`).
        contested: Statements attacked by other speakers, most attacked first.
        rebuttal_chain: The longest chain of attacks found (see :func:`rebuttal_chain`).
        concessions: Points granted, in file order.
        grounded: Every statement's grounded label, in file order.
        preferred: Statement id → its preferred acceptance, None where not computed.
    """

    title: str
    source: str
    statements: tuple[StatementInfo, ...]
    speakers: tuple[SpeakerActivity, ...]
    responses: Mapping[str, Mapping[str, Mapping[str, int]]]
    topics: tuple[TopicActivity, ...]
    unanswered: tuple[str, ...]
    contested: tuple[Contested, ...]
    rebuttal_chain: RebuttalChain
    concessions: tuple[Concession, ...]
    grounded: tuple[Label, ...]
    preferred: Mapping[str, Preferred | None]


# --- the graph, read once --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Response:
    source: str
    target: str
    relation: str
    source_speaker: str
    target_speaker: str


class _Index:
    """The graph's statements, speakers, topics and responses, by id, read once.

    Why: every analysis needs them, ``statements()`` and ``responses()`` sort the whole graph,
    and :func:`summarise` runs them all.
    """

    def __init__(self, graph: ArgGraph) -> None:
        nodes = list(statements(graph))
        self.statements = [
            StatementInfo(d["id"], d["speaker"], d["topic"], d["kind"], d["text"])
            for _, d in nodes
        ]
        self.by_id = {s.id: s for s in self.statements}
        self.speaker_names: dict[str, str] = {d["id"]: d["name"] for _, d in speakers(graph)}
        self.topic_labels: dict[str, str] = {d["id"]: d["label"] for _, d in topics(graph)}
        for statement in self.statements:  # a graph built by other code may not declare them
            self.speaker_names.setdefault(statement.speaker, statement.speaker)
            self.topic_labels.setdefault(statement.topic, statement.topic)
        self.responses = [
            _Response(
                graph.nodes[source]["id"],
                graph.nodes[target]["id"],
                edge["relation"],
                graph.nodes[source]["speaker"],
                graph.nodes[target]["speaker"],
            )
            for source, target, edge in responses(graph)
        ]
        # Responses come in file order of the responding statement, so these lists are too.
        self.incoming: dict[str, list[_Response]] = {s.id: [] for s in self.statements}
        self.outgoing: dict[str, list[_Response]] = {s.id: [] for s in self.statements}
        for response in self.responses:
            self.incoming[response.target].append(response)
            self.outgoing[response.source].append(response)

    def speaker_of(self, statement: str) -> str:
        return self.by_id[statement].speaker

    @functools.cached_property
    def attackers(self) -> dict[str, tuple[str, ...]]:
        return {
            s.id: tuple(r.source for r in self.incoming[s.id] if r.relation in _ATTACKS)
            for s in self.statements
        }


_ATTACKS: Final = frozenset(ATTACK_RELATIONS)
_KIND_ORDER: Final = tuple(kind.value for kind in Kind)


# --- who said what, who answered whom ---------------------------------------------------------


def speaker_activity(graph: ArgGraph) -> tuple[SpeakerActivity, ...]:
    """Count each speaker's statements by kind, and list the topics they spoke on.

    Why: the first question about a dispute is its balance, who made the running and how
    (claims, denials, concessions). Every declared speaker is listed, silent ones too.

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> [(s.id, s.statements, s.kinds["denial"], s.topics) for s in speaker_activity(graph)]
    [('a', 1, 0, ('t',)), ('b', 1, 1, ('t',))]
    """
    return _speaker_activity(_Index(graph))


def _speaker_activity(index: _Index) -> tuple[SpeakerActivity, ...]:
    kinds: dict[str, dict[str, int]] = {}
    spoken: dict[str, set[str]] = {}
    for statement in index.statements:
        counts = kinds.setdefault(statement.speaker, dict.fromkeys(_KIND_ORDER, 0))
        counts[statement.kind] = counts.get(statement.kind, 0) + 1
        spoken.setdefault(statement.speaker, set()).add(statement.topic)
    topic_order = list(index.topic_labels)
    return tuple(
        SpeakerActivity(
            id=speaker,
            name=name,
            statements=sum(kinds.get(speaker, {}).values()),
            kinds=kinds.get(speaker, dict.fromkeys(_KIND_ORDER, 0)),
            topics=tuple(t for t in topic_order if t in spoken.get(speaker, ())),
        )
        for speaker, name in index.speaker_names.items()
    )


def response_matrix(graph: ArgGraph) -> dict[str, dict[str, dict[str, int]]]:
    """Count, per relation, how many times each speaker's statements answer each speaker's.

    ``result[relation][a][b]`` is the number of responses with that relation from a statement
    of speaker ``a`` to a statement of speaker ``b``; ``a == b`` counts a speaker answering
    themself (supporting their own claim, say). Every relation is a key, in
    :class:`~argmap.model.Relation` order; speakers appear, in declaration order, only where a
    count is not zero.

    Why per relation: "Johnson answered Lavrov five times" says little until it says how
    (countered twice, qualified twice, questioned once).

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> response_matrix(graph)["denies"]
    {'b': {'a': 1}}
    """
    return _response_matrix(_Index(graph))


def _response_matrix(index: _Index) -> dict[str, dict[str, dict[str, int]]]:
    relations = [relation.value for relation in Relation]
    relations += sorted({r.relation for r in index.responses} - set(relations))
    counts: dict[tuple[str, str, str], int] = {}
    for response in index.responses:
        key = (
            response.relation,
            response.source_speaker,
            response.target_speaker,
        )
        counts[key] = counts.get(key, 0) + 1
    order = list(index.speaker_names)
    result: dict[str, dict[str, dict[str, int]]] = {relation: {} for relation in relations}
    for relation in relations:
        for a in order:
            row = {b: counts[relation, a, b] for b in order if (relation, a, b) in counts}
            if row:
                result[relation][a] = row
    return result


def topic_activity(graph: ArgGraph) -> tuple[TopicActivity, ...]:
    """List, per topic, who took part, the claims made, and every response to each claim.

    Claims are statements of :data:`CLAIM_KINDS`. Every response is listed, from any speaker
    and with any relation, so that a reader sees a claim's support beside its rebuttals.

    Why: a dispute is several arguments at once; by topic, the reader follows one of them.
    """
    return _topic_activity(_Index(graph))


def _topic_activity(index: _Index) -> tuple[TopicActivity, ...]:
    by_topic: dict[str, list[StatementInfo]] = {topic: [] for topic in index.topic_labels}
    for statement in index.statements:
        by_topic[statement.topic].append(statement)
    speaker_order = list(index.speaker_names)
    result = []
    for topic, label in index.topic_labels.items():
        said = by_topic[topic]
        present = {s.speaker for s in said}
        claims = tuple(
            ClaimAnswers(
                s.id,
                tuple(
                    Answer(r.source, r.source_speaker, r.relation) for r in index.incoming[s.id]
                ),
            )
            for s in said
            if s.kind in CLAIM_KINDS
        )
        result.append(
            TopicActivity(
                id=topic,
                label=label,
                speakers=tuple(s for s in speaker_order if s in present),
                statements=len(said),
                claims=claims,
            )
        )
    return tuple(result)


# --- what went unanswered, what was contested ---------------------------------------------------


def unanswered(graph: ArgGraph, *, kinds: Iterable[str] = ANSWERABLE_KINDS) -> tuple[str, ...]:
    """Return the statements of ``kinds`` that no other speaker responded to, in file order.

    A statement counts as answered when a statement of a *different* speaker responds to it,
    with any relation (an agreement answers too); its own speaker's follow-ups (a supporting
    reason, say) do not. By default the kinds are :data:`ANSWERABLE_KINDS`: claims of every
    kind, and questions.

    Why: what the other side let pass is as telling as what it rebutted, and is the list a
    fact-checker starts from.

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: a, topic: t, kind: support, text: Look., responds_to: s1}
    ...   - {id: s3, speaker: b, topic: t, kind: claim, text: Prices fell.}
    ...   - {id: s4, speaker: a, topic: t, kind: denial, text: No., responds_to: s3}
    ... '''))
    >>> unanswered(graph)
    ('s1', 's2', 's4')
    """
    return _unanswered(_Index(graph), frozenset(kinds))


def _unanswered(
    index: _Index, kinds: frozenset[str] = frozenset(ANSWERABLE_KINDS)
) -> tuple[str, ...]:
    return tuple(
        s.id
        for s in index.statements
        if s.kind in kinds and not any(r.source_speaker != s.speaker for r in index.incoming[s.id])
    )


def contested(graph: ArgGraph) -> tuple[Contested, ...]:
    """Rank the statements by how many statements of other speakers attack them.

    Attacks are responses with one of :data:`ATTACK_RELATIONS` (denies, counters, undercuts);
    a speaker attacking their own statement does not count. Only attacked statements are
    listed, the most attacked first, ties in file order.

    Why: the most attacked statements are where the dispute is; questions are left out, as in
    acceptability, because a question asserts nothing.
    """
    return _contested(_Index(graph))


def _contested(index: _Index) -> tuple[Contested, ...]:
    found = []
    for statement, attacking in index.attackers.items():
        speaker = index.speaker_of(statement)
        others = tuple(a for a in attacking if index.speaker_of(a) != speaker)
        if others:
            found.append(Contested(statement, others))
    # sorted() is stable: equal counts keep file order.
    return tuple(sorted(found, key=lambda c: -len(c.attackers)))


def rebuttal_chain(graph: ArgGraph) -> RebuttalChain:
    """Find the longest chain of attacks: B attacks A, C attacks B, and so on.

    Attacks are responses with one of :data:`ATTACK_RELATIONS`, from any speaker. Finding the
    longest *simple* path is NP-hard once attacks form cycles, so this breaks the cycles
    first: a depth-first search from each statement in file order, following attacks back to
    their attackers (in file order), drops each attack that closes a cycle, and what remains
    has no cycle; the longest path in it is found in the same search, in linear time. The
    chain is then a true chain of the dispute (no statement twice) and the longest one when
    the attacks form no cycle, as is usual; with cycles it may miss a longer path through
    an attack that was dropped. Among chains of equal length the one starting earliest in the
    file wins, then the one whose next statement comes earliest.

    Why: the longest chain shows how far an exchange went, point and counterpoint.

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ...   - {id: s3, speaker: a, topic: t, kind: counterclaim, text: Look., responds_to: s2}
    ... '''))
    >>> rebuttal_chain(graph)
    RebuttalChain(statements=('s1', 's2', 's3'), relations=('denies', 'counters'))
    """
    return _rebuttal_chain(_Index(graph))


def _rebuttal_chain(index: _Index) -> RebuttalChain:
    up = index.attackers
    relation = {(r.source, r.target): r.relation for r in index.responses}
    length: dict[str, int] = {}  # set when a statement's search is finished
    after: dict[str, str] = {}
    on_path: set[str] = set()
    for root in up:
        if root in length:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        on_path.add(root)
        while stack:
            node, next_child = stack[-1]
            children = up[node]
            if next_child < len(children):
                stack[-1] = (node, next_child + 1)
                child = children[next_child]
                if child not in length and child not in on_path:
                    on_path.add(child)
                    stack.append((child, 0))
                continue
            stack.pop()
            on_path.discard(node)
            best = 0
            for child in children:
                # An attacker still on the path closes a cycle: that attack is dropped.
                if child in length and length[child] + 1 > best:
                    best = length[child] + 1
                    after[node] = child
            length[node] = best
    start = max(up, key=lambda s: length[s], default=None)  # max() keeps the first of equals
    if start is None or length[start] == 0:
        return RebuttalChain((), ())
    chain = [start]
    while chain[-1] in after:
        chain.append(after[chain[-1]])
    return RebuttalChain(tuple(chain), tuple(relation[b, a] for a, b in itertools.pairwise(chain)))


def concessions(graph: ArgGraph) -> tuple[Concession, ...]:
    """List the points granted: who conceded or agreed to what, and to whom, in file order.

    One entry per response with a relation of :data:`CONCEDING_RELATIONS` (``concedes``,
    ``agrees``), and one for each statement of :data:`CONCEDING_KINDS` that grants nothing
    in particular (such as a concession two speakers make together, which responds to no
    statement), with no target. A speaker conceding to themself is listed as it is.

    Why: what each side granted frames what remains in dispute.
    """
    return _concessions(_Index(graph))


def _concessions(index: _Index) -> tuple[Concession, ...]:
    result: list[Concession] = []
    for statement in index.statements:
        granting = [r for r in index.outgoing[statement.id] if r.relation in CONCEDING_RELATIONS]
        result.extend(
            Concession(
                statement.id,
                statement.speaker,
                response.relation,
                response.target,
                response.target_speaker,
            )
            for response in granting
        )
        if not granting and statement.kind in CONCEDING_KINDS:
            result.append(Concession(statement.id, statement.speaker, None, None, None))
    return tuple(result)


# --- acceptability ---------------------------------------------------------------------------


def attackers(graph: ArgGraph) -> dict[str, tuple[str, ...]]:
    """Return the attack relation: each statement's id → the ids of its attackers.

    Every statement is a key, in file order, and its attackers are in file order. See the
    module docstring for which responses are attacks, and how an undercut is one.
    """
    return _Index(graph).attackers


def grounded_labelling(attacks: Mapping[str, Sequence[str]]) -> dict[str, Status]:
    """Return the grounded labelling of an argumentation framework.

    ``attacks`` maps every argument to its attackers (each of which must be a key). An argument
    is ``in`` when all its attackers are ``out``, ``out`` when some attacker is ``in``, and
    ``undecided`` otherwise, taking the least fixed point: as little ``in`` as possible.

    Why this algorithm: the naive one applies Dung's characteristic function until nothing
    changes, rescanning every argument each round (quadratic on a long chain of attacks).
    Here each argument keeps a count of its attackers not yet ``out``; it becomes ``in`` when
    the count reaches zero, its targets become ``out``, and their targets' counts go down.
    Each attack is looked at a bounded number of times, so the time is linear.

    >>> grounded_labelling({"a": [], "b": ["a"], "c": ["b"]})
    {'a': 'in', 'b': 'out', 'c': 'in'}
    >>> grounded_labelling({"a": ["b"], "b": ["a"]})
    {'a': 'undecided', 'b': 'undecided'}
    """
    targets: dict[str, list[str]] = {argument: [] for argument in attacks}
    pending: dict[str, int] = {}
    for argument, its_attackers in attacks.items():
        distinct = dict.fromkeys(its_attackers)
        pending[argument] = len(distinct)
        for attacker in distinct:
            targets[attacker].append(argument)
    labels: dict[str, Status] = {}
    queue = deque(argument for argument, count in pending.items() if count == 0)
    for argument in queue:
        labels[argument] = IN
    while queue:
        for target in targets[queue.popleft()]:
            if target in labels:
                continue
            labels[target] = OUT
            for next_target in targets[target]:
                pending[next_target] -= 1
                if pending[next_target] == 0 and next_target not in labels:
                    labels[next_target] = IN
                    queue.append(next_target)
    return {argument: labels.get(argument, UNDECIDED) for argument in attacks}


def explain(
    attacks: Mapping[str, Sequence[str]], labels: Mapping[str, Status]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Say in one line why each argument has its grounded label.

    Returns argument → (reason, the arguments the reason rests on). The reasons are
    ``in: no attacker``; ``in: every attacker (s3, s7) is out``; ``out: attacked by s2, which
    is in``; ``undecided: in a cycle of attacks with s4 and s5`` when the argument is in a
    cycle of undecided attacks (its strongly connected component of them, found by Tarjan's
    algorithm in linear time); ``undecided: attacks itself``; and otherwise ``undecided:
    attacked by s9, which is undecided``.

    Why: a label alone is a verdict; the reason lets a reader check it against the map.

    >>> attacks = {"a": [], "b": ["a"], "c": ["b"]}
    >>> explain(attacks, grounded_labelling(attacks))["c"]
    ('in: every attacker (b) is out', ('b',))
    """
    undecided = {a for a, label in labels.items() if label == UNDECIDED}
    knots = _cycles(attacks, undecided)
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    for argument, its_attackers in attacks.items():
        distinct = tuple(dict.fromkeys(its_attackers))
        label = labels[argument]
        if label == IN:
            if distinct:
                result[argument] = (f"in: every attacker ({_list(distinct)}) is out", distinct)
            else:
                result[argument] = ("in: no attacker", ())
        elif label == OUT:
            winners = tuple(a for a in distinct if labels[a] == IN)
            which = "which is" if len(winners) == 1 else "which are"
            result[argument] = (f"out: attacked by {_list(winners)}, {which} in", winners)
        else:
            open_ = tuple(a for a in distinct if labels[a] == UNDECIDED)
            knot = knots.get(argument, ())
            if knot:
                # Only the few ids shown are copied: a knot may hold thousands.
                shown = list(itertools.islice((a for a in knot if a != argument), _SHOWN + 1))
                others = _list(shown, total=len(knot) - 1)
                reason = f"undecided: in a cycle of attacks with {others}"
            elif argument in open_:
                reason = "undecided: attacks itself"
            else:
                which = "which is" if len(open_) == 1 else "which are"
                reason = f"undecided: attacked by {_list(open_)}, {which} undecided"
            result[argument] = (reason, open_)
    return result


def _list(items: Sequence[str], total: int | None = None) -> str:
    """``a``, ``a and b``, ``a, b and c``, or the first few ``and N others``.

    ``total`` is how many items there are, when ``items`` holds only the first of them.
    """
    total = len(items) if total is None else total
    if total > _SHOWN:
        return f"{', '.join(items[:_SHOWN])} and {total - _SHOWN} others"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _cycles(attacks: Mapping[str, Sequence[str]], among: set[str]) -> dict[str, list[str]]:
    """Argument → its strongly connected component of attacks among ``among``, in key order.

    Tarjan's algorithm, iterative so that a long chain does not exhaust Python's stack.
    Components of one argument are left out.
    """
    order = {argument: position for position, argument in enumerate(attacks)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: dict[str, list[str]] = {}
    counter = 0
    for root in attacks:
        if root not in among or root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, position = work[-1]
            children = [a for a in attacks[node] if a in among]
            if position < len(children):
                work[-1] = (node, position + 1)
                child = children[position]
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    component.sort(key=order.__getitem__)
                    for member in component:
                        result[member] = component
    return result


def preferred_acceptance(
    attacks: Mapping[str, Sequence[str]],
    labels: Mapping[str, Status] | None = None,
    *,
    limit: int = PREFERRED_LIMIT,
) -> dict[str, Preferred | None]:
    """Say for each argument whether it is in all, some or none of the preferred extensions.

    A preferred extension is a maximal admissible set: a position that attacks none of its own
    members and answers every attack on them. Every preferred extension holds the grounded
    extension and none of what it defeats, so grounded ``in`` arguments are in ``all`` and
    ``out`` ones in ``none``; for the undecided ones, the extensions are those of the
    framework cut down to them, and of each of its knots (weakly connected parts) apart.
    A knot of up to ``limit`` arguments is solved by enumerating its conflict-free subsets;
    a bigger one is not computed (None). ``labels`` is the grounded labelling, computed when
    not given.

    Why: grounded semantics leaves every attack cycle undecided, but a mutual attack (either
    side may stand) and an odd cycle (no side can) differ, and preferred semantics tells
    them apart: ``some`` for the first, ``none`` for the second.

    >>> preferred_acceptance({"a": ["b"], "b": ["a"]})
    {'a': 'some', 'b': 'some'}
    >>> preferred_acceptance({"a": ["c"], "b": ["a"], "c": ["b"]})
    {'a': 'none', 'b': 'none', 'c': 'none'}
    """
    if labels is None:
        labels = grounded_labelling(attacks)
    result: dict[str, Preferred | None] = {}
    for argument in attacks:
        status = labels[argument]
        result[argument] = "all" if status == IN else "none" if status == OUT else None
    undecided = [a for a in attacks if labels[a] == UNDECIDED]
    for knot in _knots(attacks, undecided):
        if len(knot) <= limit:
            result.update(_preferred_in_knot(attacks, knot))
    return result


def _knots(attacks: Mapping[str, Sequence[str]], among: list[str]) -> list[list[str]]:
    """The weakly connected parts of the attacks among ``among``, each in key order."""
    members = set(among)
    neighbours: dict[str, list[str]] = {a: [] for a in among}
    for argument in among:
        for attacker in attacks[argument]:
            if attacker in members:
                neighbours[argument].append(attacker)
                neighbours[attacker].append(argument)
    position = {argument: index for index, argument in enumerate(among)}
    seen: set[str] = set()
    result = []
    for root in among:
        if root in seen:
            continue
        seen.add(root)
        part, frontier = [root], [root]
        while frontier:
            for other in neighbours[frontier.pop()]:
                if other not in seen:
                    seen.add(other)
                    part.append(other)
                    frontier.append(other)
        result.append(sorted(part, key=position.__getitem__))
    return result


def _preferred_in_knot(
    attacks: Mapping[str, Sequence[str]], knot: list[str]
) -> dict[str, Preferred]:
    """Preferred acceptance within one knot of undecided arguments, by bit sets."""
    bit = {argument: 1 << i for i, argument in enumerate(knot)}
    attacked_by = [0] * len(knot)  # bit set of each argument's attackers in the knot
    for i, argument in enumerate(knot):
        for attacker in attacks[argument]:
            attacked_by[i] |= bit.get(attacker, 0)
    hits = [0] * len(knot)  # bit set of the arguments each one attacks
    for i in range(len(knot)):
        for j in range(len(knot)):
            if attacked_by[j] >> i & 1:
                hits[i] |= 1 << j

    def admissible(chosen: int) -> bool:
        for i in range(len(knot)):
            if chosen >> i & 1:
                threats = attacked_by[i]
                j = 0
                while threats:
                    if threats & 1 and not attacked_by[j] & chosen:
                        return False
                    threats >>= 1
                    j += 1
        return True

    found: list[int] = []
    work = [(0, 0)]  # (next argument to decide, chosen so far): conflict-free subsets only
    while work:
        i, chosen = work.pop()
        if i == len(knot):
            if admissible(chosen):
                found.append(chosen)
            continue
        work.append((i + 1, chosen))
        with_i = chosen | 1 << i
        if not (attacked_by[i] & with_i or hits[i] & chosen):
            work.append((i + 1, with_i))
    found.sort(key=lambda s: -s.bit_count())
    maximal: list[int] = []
    for candidate in found:
        if not any(candidate & bigger == candidate for bigger in maximal):
            maximal.append(candidate)
    every = -1
    some = 0
    for extension in maximal:
        every &= extension
        some |= extension
    return {
        argument: "all" if every & bit[argument] else "some" if some & bit[argument] else "none"
        for argument in knot
    }


def grounded(graph: ArgGraph) -> dict[str, Label]:
    """Label every statement ``in``, ``out`` or ``undecided`` under grounded semantics.

    Returns statement node (``statement:ID``) → its :class:`Label`, in file order. The attacks
    are :func:`attackers`; the labelling is :func:`grounded_labelling`, explained by
    :func:`explain`.

    Why grounded: it is unique and the most cautious of Dung's semantics: a statement is
    ``in`` only if every attack on it is defeated by statements that are themselves ``in``,
    so "in" means "stands, whoever is right about the cycles".

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> [(node, label.status) for node, label in grounded(graph).items()]
    [('statement:s1', 'out'), ('statement:s2', 'in')]
    >>> grounded(graph)["statement:s1"].reason
    'out: attacked by s2, which is in'
    """
    return {statement_node(label.statement): label for label in _grounded(_Index(graph).attackers)}


def _grounded(attacks: Mapping[str, Sequence[str]]) -> tuple[Label, ...]:
    labels = grounded_labelling(attacks)
    reasons = explain(attacks, labels)
    return tuple(Label(a, labels[a], *reasons[a]) for a in attacks)


def preferred(graph: ArgGraph, *, limit: int = PREFERRED_LIMIT) -> dict[str, Preferred | None]:
    """Say for each statement whether it is in all, some or none of the preferred extensions.

    Returns statement node → ``all``, ``some``, ``none``, or None where the statement's knot of
    undecided attacks has more than ``limit`` statements. See :func:`preferred_acceptance`.
    """
    acceptance = preferred_acceptance(_Index(graph).attackers, limit=limit)
    return {statement_node(statement): value for statement, value in acceptance.items()}


# --- everything ------------------------------------------------------------------------------


@gc_paused()
def summarise(graph: ArgGraph) -> Summary:
    """Run every analysis of ``graph`` and gather the results.

    The graph is read once. Each part is what the public function of the same name computes,
    with statements named by id throughout (:func:`grounded` and :func:`preferred` key theirs
    by node, for maps).

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import load
    >>> summary = summarise(build_graph(load("examples/johnson-lavrov/annotation.yaml")))
    >>> summary.rebuttal_chain.statements
    ('lavrov-denies-interference', 'johnson-abundant-evidence', 'lavrov-few-kopecks')
    """
    index = _Index(graph)
    attacks = index.attackers
    labels = _grounded(attacks)
    article: Mapping[str, Any] = graph.graph.get("article") or {}
    return Summary(
        title=article.get("title") or "",
        source=graph.graph.get("source") or "",
        statements=tuple(index.statements),
        speakers=_speaker_activity(index),
        responses=_response_matrix(index),
        topics=_topic_activity(index),
        unanswered=_unanswered(index),
        contested=_contested(index),
        rebuttal_chain=_rebuttal_chain(index),
        concessions=_concessions(index),
        grounded=labels,
        preferred=preferred_acceptance(
            attacks, {label.statement: label.status for label in labels}
        ),
    )
