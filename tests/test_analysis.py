"""Analyses: hand-made disputes whose answers are known, the founding example, and properties of
the acceptability semantics against naive reference implementations."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import (
    Answer,
    ClaimAnswers,
    Concession,
    Contested,
    RebuttalChain,
    attackers,
    concessions,
    contested,
    explain,
    grounded,
    grounded_labelling,
    preferred,
    preferred_acceptance,
    rebuttal_chain,
    response_matrix,
    speaker_activity,
    summarise,
    topic_activity,
    unanswered,
)
from argmap.graph import ArgGraph, build_graph, responses
from argmap.loader import load, loads

from .conftest import EXAMPLE

HEAD = """\
article: {title: A small dispute}
speakers: {ana: {name: Ana}, ben: {name: Ben}, cy: {name: Cy}}
topics: {t: Taxes, u: Unions, v: Votes}
statements:
"""


def st_(
    id_: str,
    speaker: str,
    kind: str = "claim",
    to: Sequence[str] = (),
    *,
    relation: str | None = None,
    topic: str = "t",
) -> str:
    """One statement as a YAML flow mapping; ``relation`` applies to every target."""
    targets = [f"{{to: {t}, relation: {relation}}}" if relation else t for t in to]
    answers = f", responds_to: [{', '.join(targets)}]" if targets else ""
    return (
        f"{{id: {id_}, speaker: {speaker}, topic: {topic}, kind: {kind}, "
        f"text: Statement {id_}.{answers}}}"
    )


def dispute(*statements: str) -> ArgGraph:
    text = HEAD + "".join(f"  - {statement}\n" for statement in statements)
    return build_graph(loads(text, name="small.yaml"))


def statuses(graph: ArgGraph) -> dict[str, str]:
    return {label.statement: label.status for label in summarise(graph).grounded}


def reasons(graph: ArgGraph) -> dict[str, str]:
    return {label.statement: label.reason for label in summarise(graph).grounded}


# --- acceptability on known cases --------------------------------------------------------------


def test_no_attacks_everything_is_in_with_no_attacker() -> None:
    graph = dispute(st_("s1", "ana"), st_("s2", "ben"), st_("s3", "ben", "support", ["s2"]))
    assert statuses(graph) == {"s1": "in", "s2": "in", "s3": "in"}
    assert set(reasons(graph).values()) == {"in: no attacker"}
    assert contested(graph) == ()
    assert rebuttal_chain(graph) == RebuttalChain((), ())
    assert set(summarise(graph).preferred.values()) == {"all"}


def test_a_single_attack_puts_its_target_out() -> None:
    graph = dispute(st_("s1", "ana"), st_("s2", "ben", "denial", ["s1"]))
    assert statuses(graph) == {"s1": "out", "s2": "in"}
    assert reasons(graph)["s1"] == "out: attacked by s2, which is in"
    (label,) = [x for x in summarise(graph).grounded if x.statement == "s1"]
    assert label.because == ("s2",)
    assert contested(graph) == (Contested("s1", ("s2",)),)
    assert rebuttal_chain(graph) == RebuttalChain(("s1", "s2"), ("denies",))


def test_a_chain_of_attacks_reinstates_the_first_statement() -> None:
    graph = dispute(
        st_("a", "ana"), st_("b", "ben", "denial", ["a"]), st_("c", "ana", "counterclaim", ["b"])
    )
    assert statuses(graph) == {"a": "in", "b": "out", "c": "in"}
    assert reasons(graph) == {
        "a": "in: every attacker (b) is out",
        "b": "out: attacked by c, which is in",
        "c": "in: no attacker",
    }
    assert rebuttal_chain(graph) == RebuttalChain(("a", "b", "c"), ("denies", "counters"))


def test_a_mutual_attack_leaves_both_undecided_and_each_credulously_accepted() -> None:
    graph = dispute(st_("a", "ana", "denial", ["b"]), st_("b", "ben", "denial", ["a"]))
    assert statuses(graph) == {"a": "undecided", "b": "undecided"}
    assert reasons(graph) == {
        "a": "undecided: in a cycle of attacks with b",
        "b": "undecided: in a cycle of attacks with a",
    }
    assert preferred(graph) == {"statement:a": "some", "statement:b": "some"}
    # The cycle is broken, not followed forever: one attack of the two.
    assert len(rebuttal_chain(graph).relations) == 1


def test_an_odd_cycle_of_three_is_undecided_and_in_no_preferred_extension() -> None:
    graph = dispute(
        st_("a", "ana", "denial", ["c"]),
        st_("b", "ben", "denial", ["a"]),
        st_("c", "cy", "denial", ["b"]),
    )
    assert statuses(graph) == {"a": "undecided", "b": "undecided", "c": "undecided"}
    assert reasons(graph)["a"] == "undecided: in a cycle of attacks with b and c"
    assert set(preferred(graph).values()) == {"none"}
    chain = rebuttal_chain(graph)
    assert len(chain.statements) == 3
    assert len(set(chain.statements)) == 3


def test_an_attacker_attacked_by_an_unattacked_one_is_out() -> None:
    # b attacks a; c (unattacked) attacks b; d (unattacked) also attacks a.
    graph = dispute(
        st_("a", "ana"),
        st_("b", "ben", "denial", ["a"]),
        st_("c", "cy", "denial", ["b"]),
        st_("d", "cy", "counterclaim", ["a"]),
    )
    assert statuses(graph) == {"a": "out", "b": "out", "c": "in", "d": "in"}
    assert reasons(graph)["a"] == "out: attacked by d, which is in"
    assert reasons(graph)["b"] == "out: attacked by c, which is in"


def test_a_statement_attacked_only_by_an_undecided_one_is_undecided() -> None:
    graph = dispute(
        st_("x", "ana", "denial", ["y", "q"]),
        st_("y", "ben", "denial", ["x"]),
        st_("q", "cy", "denial", ["w"]),
        st_("w", "ben"),
    )
    labels = {label.statement: label for label in summarise(graph).grounded}
    assert {s: label.status for s, label in labels.items()} == dict.fromkeys("xyqw", "undecided")
    assert labels["q"].reason == "undecided: attacked by x, which is undecided"
    assert labels["q"].because == ("x",)
    assert labels["w"].reason == "undecided: attacked by q, which is undecided"
    # Preferred extensions: {x, w} and {y, q}.
    assert set(summarise(graph).preferred.values()) == {"some"}


def test_an_attack_from_a_statement_that_is_in_settles_a_cycle() -> None:
    graph = dispute(
        st_("x", "ana", "denial", ["y"]),
        st_("y", "ben", "denial", ["x"]),
        st_("z", "cy", "counterclaim", ["x"]),
    )
    assert statuses(graph) == {"x": "out", "y": "in", "z": "in"}
    assert reasons(graph)["y"] == "in: every attacker (x) is out"


def test_supports_are_not_attacks() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ana", "support", ["s1"]),
        st_("s3", "ana", "support", ["s2"]),
        st_("s4", "ben", "agreement", ["s1"]),
        st_("s5", "ben", "qualification", ["s1"]),
        st_("s6", "ben", "question", ["s1"]),
    )
    assert set(statuses(graph).values()) == {"in"}
    assert attackers(graph) == dict.fromkeys(["s1", "s2", "s3", "s4", "s5", "s6"], ())
    assert contested(graph) == ()
    assert rebuttal_chain(graph) == RebuttalChain((), ())


def test_an_undercut_attacks_the_statement_whose_link_it_cuts() -> None:
    graph = dispute(
        st_("rose", "ana"),
        st_("because", "ana", "support", ["rose"]),
        st_("non-sequitur", "ben", "counterclaim", ["because"], relation="undercuts"),
    )
    assert attackers(graph)["because"] == ("non-sequitur",)
    assert attackers(graph)["rose"] == ()
    assert statuses(graph) == {"rose": "in", "because": "out", "non-sequitur": "in"}
    assert response_matrix(graph)["undercuts"] == {"ben": {"ana": 1}}
    assert contested(graph) == (Contested("because", ("non-sequitur",)),)
    assert rebuttal_chain(graph) == RebuttalChain(("because", "non-sequitur"), ("undercuts",))


def test_self_responses_count_in_the_matrix_but_do_not_answer_or_contest() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ana", "support", ["s1"]),
        st_("s3", "ana", "counterclaim", ["s2"]),
        st_("s4", "ben", "agreement", ["s3"]),
    )
    matrix = response_matrix(graph)
    assert matrix["supports"] == {"ana": {"ana": 1}}
    assert matrix["counters"] == {"ana": {"ana": 1}}
    assert matrix["agrees"] == {"ben": {"ana": 1}}
    assert matrix["denies"] == {}
    assert list(matrix) == [
        "denies",
        "counters",
        "concedes",
        "supports",
        "qualifies",
        "agrees",
        "questions",
        "answers",
        "responds",
        "undercuts",
    ]
    assert unanswered(graph) == ("s1", "s2")  # s3 was agreed with by Ben
    assert contested(graph) == ()  # Ana countering herself is no contest
    assert statuses(graph)["s2"] == "out"  # but it is an attack, for acceptability


# --- activity, unanswered, concessions ---------------------------------------------------------


def test_speaker_activity_counts_kinds_and_lists_topics_in_declaration_order() -> None:
    graph = dispute(
        st_("s1", "ben", topic="v"),
        st_("s2", "ben", "denial", ["s3"], topic="t"),
        st_("s3", "ana", topic="t"),
        st_("s4", "ben", "question", ["s3"], topic="v"),
    )
    ana, ben, cy = speaker_activity(graph)
    assert (ana.id, ana.name, ana.statements, ana.topics) == ("ana", "Ana", 1, ("t",))
    assert (ben.statements, ben.topics) == (3, ("t", "v"))
    assert ben.kinds["claim"] == ben.kinds["denial"] == ben.kinds["question"] == 1
    assert list(ben.kinds) == [
        "claim",
        "denial",
        "counterclaim",
        "concession",
        "support",
        "qualification",
        "agreement",
        "question",
        "answer",
    ]
    assert (cy.statements, cy.topics, sum(cy.kinds.values())) == (0, (), 0)


def test_topic_activity_lists_claims_with_every_answer() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ben", "denial", ["s1"]),
        st_("s3", "ana", "support", ["s1"]),
        st_("s4", "cy", "question", ["s1"], topic="u"),
        st_("s5", "cy", "concession", ["s2"]),
    )
    taxes, unions, votes = topic_activity(graph)
    assert (taxes.id, taxes.label, taxes.speakers, taxes.statements) == (
        "t",
        "Taxes",
        ("ana", "ben", "cy"),
        4,
    )
    assert taxes.claims == (
        ClaimAnswers(
            "s1",
            (
                Answer("s2", "ben", "denies"),
                Answer("s3", "ana", "supports"),
                Answer("s4", "cy", "questions"),
            ),
        ),
        ClaimAnswers("s2", (Answer("s5", "cy", "concedes"),)),
        ClaimAnswers("s3", ()),
    )
    assert (unions.speakers, unions.claims) == (("cy",), ())  # a question is not a claim
    assert (votes.speakers, votes.statements, votes.claims) == ((), 0, ())


def test_unanswered_means_no_response_from_another_speaker() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ana", "support", ["s1"]),
        st_("s3", "ben", "question", ["s2"]),
        st_("s4", "ana", "answer", ["s3"]),
        st_("s5", "cy", "concession"),
        st_("s6", "cy", "question"),
    )
    assert unanswered(graph) == ("s1", "s6")
    assert unanswered(graph, kinds=["concession", "answer"]) == ("s4", "s5")


def test_contested_ranks_by_attacks_from_other_speakers_then_file_order() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ana"),
        st_("s3", "ben", "denial", ["s1", "s2"]),
        st_("s4", "cy", "counterclaim", ["s2"]),
        st_("s5", "ana", "denial", ["s1"]),
        st_("s6", "cy", "question", ["s1"]),
    )
    assert contested(graph) == (
        Contested("s2", ("s3", "s4")),
        Contested("s1", ("s3",)),
    )


def test_concessions_say_who_granted_what_to_whom() -> None:
    graph = dispute(
        st_("s1", "ana"),
        st_("s2", "ben", "concession", ["s1"]),
        st_("s3", "cy", "agreement", ["s1"]),
        st_("s4", "cy", "concession"),
        st_("s5", "ana", "claim", ["s1"], relation="agrees"),
        st_("s6", "ben", "concession", ["s2"], relation="supports"),
    )
    assert concessions(graph) == (
        Concession("s2", "ben", "concedes", "s1", "ana"),
        Concession("s3", "cy", "agrees", "s1", "ana"),
        Concession("s4", "cy", None, None, None),
        Concession("s5", "ana", "agrees", "s1", "ana"),
        Concession("s6", "ben", None, None, None),
    )


def test_grounded_is_keyed_by_statement_node_for_the_map() -> None:
    graph = dispute(st_("s1", "ana"), st_("s2", "ben", "denial", ["s1"]))
    result = grounded(graph)
    assert list(result) == ["statement:s1", "statement:s2"]
    assert [label.status for label in result.values()] == ["out", "in"]


def test_ids_are_opaque_strings() -> None:
    graph = dispute(st_("a", "ana"), st_("b", "ben", "denial", ["a"]))
    mapping = {n: n.replace("statement:", "statement:f.yaml:") for n in graph.nodes}
    merged = nx.relabel_nodes(graph, mapping)
    for _, data in merged.nodes(data=True):
        if data.get("type") == "statement":
            data["id"] = "f.yaml:" + data["id"]
    summary = summarise(merged)
    assert [label.reason for label in summary.grounded] == [
        "out: attacked by f.yaml:b, which is in",
        "in: no attacker",
    ]
    assert summary.rebuttal_chain.statements == ("f.yaml:a", "f.yaml:b")


def test_a_long_chain_needs_no_deep_recursion() -> None:
    count = 3000
    lines = [st_("s0", "ana")]
    lines += [
        st_(f"s{i}", ("ana", "ben")[i % 2], "denial", [f"s{i - 1}"]) for i in range(1, count)
    ]
    summary = summarise(dispute(*lines))
    assert len(summary.rebuttal_chain.statements) == count
    assert [label.status for label in summary.grounded[-2:]] == ["out", "in"]
    assert summary.grounded[0].status == "out"  # an even number of attacks above it


# --- the founding example ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> ArgGraph:
    return build_graph(load(EXAMPLE))


def test_founding_example_speakers(example: ArgGraph) -> None:
    johnson, lavrov = speaker_activity(example)
    assert (johnson.name, johnson.statements, lavrov.statements) == ("Boris Johnson", 11, 15)
    assert johnson.kinds["qualification"] == 2
    assert lavrov.kinds["counterclaim"] == 3
    assert lavrov.topics == ("elections", "relations", "coat", "litvinenko", "crimea", "rt")


def test_founding_example_who_answered_whom(example: ArgGraph) -> None:
    matrix = response_matrix(example)
    assert matrix["counters"] == {"johnson": {"lavrov": 1}, "lavrov": {"johnson": 3}}
    assert matrix["qualifies"] == {"johnson": {"lavrov": 2}}
    assert matrix["supports"] == {"johnson": {"johnson": 1}, "lavrov": {"lavrov": 2}}
    assert matrix["questions"] == {"johnson": {"lavrov": 1}}


def test_founding_example_concessions_are_the_joint_ones(example: ArgGraph) -> None:
    # Both men acknowledged the state of relations and the duty to cooperate (tagged joint),
    # conceding to no statement in particular; neither concedes a point of the other's.
    assert concessions(example) == (
        Concession("johnson-relations-worst", "johnson", None, None, None),
        Concession("lavrov-relations-worst", "lavrov", None, None, None),
        Concession("johnson-duty-to-cooperate", "johnson", None, None, None),
        Concession("lavrov-duty-to-cooperate", "lavrov", None, None, None),
    )


def test_founding_example_contest_and_acceptability(example: ArgGraph) -> None:
    assert contested(example)[0] == Contested(
        "johnson-abundant-evidence", ("lavrov-few-kopecks", "lavrov-made-it-up")
    )
    assert {c.statement for c in contested(example)} == {
        "johnson-abundant-evidence",
        "lavrov-denies-interference",
        "lavrov-denies-attempts",
        "johnson-rejects-denial",
    }
    labels = statuses(example)
    assert {s for s, status in labels.items() if status == "out"} == {
        "johnson-abundant-evidence",
        "johnson-rejects-denial",
    }
    assert labels["lavrov-denies-interference"] == "in"  # reinstated: its attacker is out
    assert rebuttal_chain(example) == RebuttalChain(
        ("lavrov-denies-interference", "johnson-abundant-evidence", "lavrov-few-kopecks"),
        ("counters", "counters"),
    )


def test_founding_example_unanswered(example: ArgGraph) -> None:
    found = unanswered(example)
    assert "lavrov-crimea-referendum" in found
    assert "johnson-searched-already" in found  # Johnson's question about the coat
    assert "johnson-personal-trust" in found  # supported only by Johnson himself
    assert "lavrov-denies-interference" not in found
    assert "lavrov-nothing-in-pockets" not in found  # Johnson questioned it
    assert "johnson-relations-worst" not in found  # a concession calls for no answer
    assert len(found) == 15


# --- properties of the semantics ---------------------------------------------------------------


@st.composite
def frameworks(draw: st.DrawFn, max_size: int = 7) -> dict[str, list[str]]:
    """A random argumentation framework: arguments and who attacks whom (self-attacks too)."""
    names = [f"a{i}" for i in range(draw(st.integers(0, max_size)))]
    return {
        name: draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
        for name in names
    }


def naive_grounded(attacks: Mapping[str, Sequence[str]]) -> set[str]:
    """Iterate Dung's characteristic function from the empty set until it stops growing."""
    extension: set[str] = set()
    while True:
        defeated = {a for a, its in attacks.items() if set(its) & extension}
        following = {a for a, its in attacks.items() if set(its) <= defeated}
        if following == extension:
            return extension
        extension = following


def naive_preferred(attacks: Mapping[str, Sequence[str]]) -> list[set[str]]:
    """Maximal admissible sets, by trying every subset."""
    arguments = list(attacks)
    admissible = []
    for size in range(len(arguments) + 1):
        for chosen in map(set, itertools.combinations(arguments, size)):
            conflict_free = not any(set(attacks[a]) & chosen for a in chosen)
            # Every attacker of a member is attacked by a member.
            defended = all(set(attacks[b]) & chosen for a in chosen for b in attacks[a])
            if conflict_free and defended:
                admissible.append(chosen)
    return [s for s in admissible if not any(s < other for other in admissible)]


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_grounded_labelling_is_complete_and_least(attacks: dict[str, list[str]]) -> None:
    labels = grounded_labelling(attacks)
    for argument, its in attacks.items():
        statuses_ = {labels[a] for a in its}
        if labels[argument] == "in":
            assert statuses_ <= {"out"}
        elif labels[argument] == "out":
            assert "in" in statuses_
        else:
            assert "in" not in statuses_
            assert "undecided" in statuses_
    assert {a for a, label in labels.items() if label == "in"} == naive_grounded(attacks)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_explanations_cite_what_the_label_rests_on(attacks: dict[str, list[str]]) -> None:
    labels = grounded_labelling(attacks)
    for argument, (reason, because) in explain(attacks, labels).items():
        assert reason.startswith(labels[argument] + ": ")
        wanted = {"in": "out", "out": "in", "undecided": "undecided"}[labels[argument]]
        assert {labels[a] for a in because} <= {wanted}
        assert set(because) <= set(attacks[argument])
        if labels[argument] != "in":
            assert because


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_preferred_acceptance_matches_maximal_admissible_sets(
    attacks: dict[str, list[str]],
) -> None:
    extensions = naive_preferred(attacks)
    expected = {
        a: "all"
        if all(a in e for e in extensions)
        else "some"
        if any(a in e for e in extensions)
        else "none"
        for a in attacks
    }
    assert preferred_acceptance(attacks) == expected


def test_preferred_acceptance_is_not_computed_beyond_the_limit() -> None:
    ring = {f"a{i}": [f"a{(i - 1) % 5}"] for i in range(5)}
    assert set(preferred_acceptance(ring, limit=4).values()) == {None}
    assert set(preferred_acceptance(ring, limit=5).values()) == {"none"}


@st.composite
def attack_disputes(draw: st.DrawFn) -> str:
    """A small annotation whose statements deny, counter or support each other at random."""
    count = draw(st.integers(1, 8))
    lines = []
    for i in range(count):
        others = [j for j in range(count) if j != i]
        targets = (
            draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        )
        relation = draw(st.sampled_from(["denies", "counters", "supports", "questions"]))
        speaker = draw(st.sampled_from(["ana", "ben"]))
        lines.append(st_(f"s{i}", speaker, "claim", [f"s{t}" for t in targets], relation=relation))
    return HEAD + "".join(f"  - {line}\n" for line in lines)


@settings(max_examples=100, deadline=None)
@given(attack_disputes())
def test_graph_analyses_agree_with_the_edges(text: str) -> None:
    graph = build_graph(loads(text, name="random.yaml"))
    edges = [
        (graph.nodes[u]["id"], graph.nodes[v]["id"], d["relation"]) for u, v, d in responses(graph)
    ]
    attacks: dict[str, list[str]] = {
        graph.nodes[n]["id"]: [] for n in graph if n.startswith("statement:")
    }
    for source, target, relation in edges:
        if relation in ("denies", "counters"):
            attacks[target].append(source)
    assert {k: list(v) for k, v in attackers(graph).items()} == attacks
    summary = summarise(graph)
    assert {x.statement: x.status for x in summary.grounded} == grounded_labelling(attacks)
    chain = summary.rebuttal_chain
    assert len(set(chain.statements)) == len(chain.statements)
    for (target, source), relation in zip(
        itertools.pairwise(chain.statements), chain.relations, strict=True
    ):
        assert (source, target, relation) in edges
        assert relation in ("denies", "counters")
    if any(attacks.values()):
        assert chain.relations
    if not _has_cycle(attacks):
        assert len(chain.relations) == _longest_path(attacks)


def _has_cycle(attacks: Mapping[str, Sequence[str]]) -> bool:
    return any(_longest_path_from(attacks, a, frozenset()) < 0 for a in attacks)


def _longest_path_from(
    attacks: Mapping[str, Sequence[str]], node: str, seen: frozenset[str]
) -> int:
    """Length of the longest chain of attacks up from ``node``; -1 if it meets a cycle."""
    best = 0
    for attacker in attacks[node]:
        if attacker in seen | {node}:
            return -1
        length = _longest_path_from(attacks, attacker, seen | {node})
        if length < 0:
            return -1
        best = max(best, length + 1)
    return best


def _longest_path(attacks: Mapping[str, Sequence[str]]) -> int:
    return max((_longest_path_from(attacks, a, frozenset()) for a in attacks), default=0)
