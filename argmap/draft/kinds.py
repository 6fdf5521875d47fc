"""Reporting verbs: which words report speech, and the kind of statement each suggests.

A reporter's verb is the best cheap evidence of what a statement does: "denied" reports a
denial, "retorted" a counterclaim, "conceded" a concession. Some verbs also say that the
statement answers another one ("retorted", "replied", "interrupted", "joked back"): those
suggest a ``responds_to`` link to the last statement of someone else.
"""

from __future__ import annotations

import re
from typing import Final

from argmap.model import Kind

__all__ = [
    "REPLY_VERBS",
    "SPEECH_NOUNS",
    "VERBS",
    "kind_of_noun",
    "kind_of_verb",
    "lemma_of",
    "verb_pattern",
]

VERBS: Final[dict[str, tuple[Kind, tuple[str, ...]]]] = {
    # lemma: (kind, forms)
    "deny": (Kind.DENIAL, ("denied", "denies", "deny", "denying")),
    "reject": (Kind.DENIAL, ("rejected", "rejects", "rejecting")),
    "dismiss": (Kind.DENIAL, ("dismissed", "dismisses", "dismissing")),
    "refute": (Kind.DENIAL, ("refuted", "refutes", "refuting")),
    "dispute": (Kind.DENIAL, ("disputed", "disputes", "disputing")),
    "retort": (Kind.COUNTERCLAIM, ("retorted", "retorts", "retorting")),
    "counter": (Kind.COUNTERCLAIM, ("countered", "counters", "countering")),
    "accuse": (Kind.COUNTERCLAIM, ("accused", "accuses", "accusing")),
    "rebut": (Kind.COUNTERCLAIM, ("rebutted", "rebuts", "rebutting")),
    "hit back": (Kind.COUNTERCLAIM, ("hit back", "hits back", "hitting back")),
    "shoot back": (Kind.COUNTERCLAIM, ("shot back", "shoots back")),
    "blame": (Kind.COUNTERCLAIM, ("blamed", "blames", "blaming")),
    "concede": (Kind.CONCESSION, ("conceded", "concedes", "conceding")),
    "acknowledge": (Kind.CONCESSION, ("acknowledged", "acknowledges", "acknowledging")),
    "admit": (Kind.CONCESSION, ("admitted", "admits", "admitting")),
    "accept": (Kind.CONCESSION, ("accepted", "accepts", "accepting")),
    "grant": (Kind.CONCESSION, ("granted", "grants")),
    "agree": (Kind.CONCESSION, ("agreed", "agrees", "agreeing")),
    "ask": (Kind.QUESTION, ("asked", "asks", "asking")),
    "question": (Kind.QUESTION, ("questioned", "questions", "questioning")),
    "wonder": (Kind.QUESTION, ("wondered", "wonders")),
    "say": (Kind.CLAIM, ("said", "says", "saying")),
    "insist": (Kind.CLAIM, ("insisted", "insists", "insisting")),
    "claim": (Kind.CLAIM, ("claimed", "claims", "claiming")),
    "tell": (Kind.CLAIM, ("told", "tells", "telling")),
    "add": (Kind.CLAIM, ("added", "adds", "adding")),
    "argue": (Kind.CLAIM, ("argued", "argues", "arguing")),
    "state": (Kind.CLAIM, ("stated", "states", "stating")),
    "warn": (Kind.CLAIM, ("warned", "warns", "warning")),
    "note": (Kind.CLAIM, ("noted", "notes", "noting")),
    "explain": (Kind.CLAIM, ("explained", "explains", "explaining")),
    "suggest": (Kind.CLAIM, ("suggested", "suggests", "suggesting")),
    "maintain": (Kind.CLAIM, ("maintained", "maintains", "maintaining")),
    "assert": (Kind.CLAIM, ("asserted", "asserts", "asserting")),
    "declare": (Kind.CLAIM, ("declared", "declares", "declaring")),
    "announce": (Kind.CLAIM, ("announced", "announces", "announcing")),
    "joke": (Kind.CLAIM, ("joked", "jokes", "joking")),
    "criticise": (
        Kind.CLAIM,
        ("criticised", "criticises", "criticising", "criticized", "criticizes", "criticizing"),
    ),
    "complain": (Kind.CLAIM, ("complained", "complains", "complaining")),
    "urge": (Kind.CLAIM, ("urged", "urges", "urging")),
    "predict": (Kind.CLAIM, ("predicted", "predicts", "predicting")),
    "promise": (Kind.CLAIM, ("promised", "promises", "promising")),
    "allege": (Kind.CLAIM, ("alleges", "alleging")),  # "alleged" is mostly an adjective
    "write": (Kind.CLAIM, ("wrote", "writes", "writing")),
    "tweet": (Kind.CLAIM, ("tweeted", "tweets")),
    "reply": (Kind.CLAIM, ("replied", "replies", "replying")),
    "respond": (Kind.CLAIM, ("responded", "responds", "responding")),
    "answer": (Kind.CLAIM, ("answered", "answers")),
    "interrupt": (Kind.CLAIM, ("interrupted", "interrupts", "interrupting")),
    "issue a warning": (
        Kind.CLAIM,
        ("issued a warning", "issued a stark warning", "issued a blunt warning"),
    ),
    "send a message": (
        Kind.CLAIM,
        ("sent a message", "sent a blunt message", "sent a clear message", "sent a stark message"),
    ),
}
"""Reporting verbs by lemma, with the kind they suggest and the forms looked for."""

REPLY_VERBS: Final = frozenset(
    {"retort", "counter", "rebut", "hit back", "shoot back", "reply", "respond", "answer"}
    | {"interrupt"}
)
"""Verbs that say the statement answers another (as do verbs followed by "back")."""

SPEECH_NOUNS: Final[dict[str, Kind]] = {
    "denial": Kind.DENIAL,
    "denials": Kind.DENIAL,
    "rejection": Kind.DENIAL,
    "claim": Kind.CLAIM,
    "claims": Kind.CLAIM,
    "assertion": Kind.CLAIM,
    "insistence": Kind.CLAIM,
    "suggestion": Kind.CLAIM,
    "warning": Kind.CLAIM,
    "allegation": Kind.COUNTERCLAIM,
    "allegations": Kind.COUNTERCLAIM,
    "accusation": Kind.COUNTERCLAIM,
    "accusations": Kind.COUNTERCLAIM,
    "admission": Kind.CONCESSION,
    "concession": Kind.CONCESSION,
}
"""Nouns of speech that, after a possessive ("Mr Lavrov's denial that…"), report a statement."""

_FORMS: Final = {form: lemma for lemma, (_, forms) in VERBS.items() for form in forms}


def verb_pattern() -> str:
    """A regular expression alternation of every verb form, longest first."""
    forms = sorted(_FORMS, key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


def lemma_of(form: str) -> str:
    """The lemma of a verb form as found in the text (any case, any spacing)."""
    return _FORMS.get(" ".join(form.lower().split()), form.lower())


def kind_of_verb(form: str) -> Kind:
    """The kind a reporting verb suggests."""
    return VERBS[lemma_of(form)][0] if lemma_of(form) in VERBS else Kind.CLAIM


def kind_of_noun(noun: str) -> Kind:
    """The kind a noun of speech suggests."""
    return SPEECH_NOUNS.get(noun.lower(), Kind.CLAIM)
