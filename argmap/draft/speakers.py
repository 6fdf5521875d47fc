"""Who is who in an article: named people, their roles, and every way the article names them.

A news article names a person in full once ("Foreign Secretary Boris Johnson", "Sergey
Lavrov") and then by surname ("Mr Lavrov"), by office ("the Russian foreign minister") or by a
pronoun. The draft must put all of these on one speaker id, so people are keyed by surname,
their roles are read from titles and appositions, and an office no known role explains is
given, as a guess, to the most mentioned person whose role the article does not say.

Only the reporter's words are searched (quotations are masked, see :mod:`argmap.draft.text`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = ["Mention", "People", "Person", "slug"]


def _words(text: str) -> frozenset[str]:
    """The set of words of a text: long word lists read best as prose."""
    return frozenset(text.split())


_CAP: Final = r"(?:Mc|Mac|O['’])?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?"
_RUN: Final = re.compile(rf"{_CAP}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_CAP})*")
_HONORIFIC: Final = re.compile(
    rf"\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?[ \t]+((?:{_CAP}[ \t]+)?{_CAP})"
)
_ROLE_HEADS: Final = (
    "president|vice-president|minister|secretary|governor|senator|chancellor|mayor|spokesman|"
    "spokeswoman|spokesperson|ambassador|chairman|chairwoman|chair|director|commissioner|"
    "congressman|congresswoman|representative|leader|chief|premier|general|judge|prosecutor|"
    "professor|councillor|sheriff|mp|envoy|negotiator|nominee|candidate|moderator|host|"
    "counterpart|officer|executive|founder|analyst|expert"
)
_HEAD_WORDS: Final = frozenset(_ROLE_HEADS.split("|"))
_TITLE_ONLY: Final = frozenset(
    {"nominee", "candidate", "host", "counterpart", "analyst", "expert"}
)
"""Heads that name a person by relation, not by office: never a title before a name."""
_NOT_NAMES: Final = _words(
    """the a an but and or so yet when while after before as if though although because since
    however nevertheless meanwhile earlier later then now on in at of for with by from to into
    this that these those there here his her their its our my your he she they we it i you
    mr mrs ms miss dr st sir dame lord lady
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    speaking asked additional author update updated read more photo image images wire reuters
    said says according street house office party council kingdom states union republic
    ministry department government parliament congress senate cathedral church university
    association agency committee commission court army navy police company group bank
    news times post guardian telegraph independent herald daily
    western eastern northern southern european russian british american chinese french german
    english scottish welsh irish ukrainian syrian iranian israeli palestinian indian"""
)
"""Words that do not name a person, even capitalised (sentence starts, days, institutions)."""
_PRONOUNS: Final = {"he": "m", "she": "f", "they": "plural"}
_GROUP: Final = re.compile(
    r"\b(?:[Bb]oth|[Tt]he[ \t]+two)[ \t]+(?:men|women|leaders|ministers|politicians|sides|"
    r"candidates|officials)\b"
)
_ROLE_MENTION: Final = re.compile(
    rf"\b(?:the|his|her|their)[ \t]+((?:[A-Za-z’'-]+[ \t]+){{0,3}}?(?:{_ROLE_HEADS}))\b",
    re.IGNORECASE,
)


def slug(text: str) -> str:
    """An id made of a name: ASCII letters and digits joined by ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Person:
    """Someone the article names, who may turn out to be a speaker.

    Attributes:
        key: The surname, lower-cased: the person's identity in the article.
        name: The fullest name the article gives.
        role: Their office, if the article says it.
        role_evidence: The article's words the role was read from.
        role_guessed: The role was given by elimination, not read next to the name.
        gender: ``m`` or ``f`` from an honorific (Mr, Mrs, Ms), for resolving pronouns.
        mentions: How often the article names them.
    """

    key: str
    name: str
    role: str | None = None
    role_evidence: str | None = None
    role_guessed: bool = False
    gender: str | None = None
    mentions: int = 0


MentionKind = Literal["person", "pronoun", "group", "role"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place where the article names someone (outside quotations).

    Attributes:
        start: Offset of the mention's first character.
        end: Offset just past it.
        kind: ``person`` (a name), ``pronoun``, ``group`` ("both men") or ``role`` ("the
            Foreign Secretary", "his host").
        key: The person meant, when known from the words alone.
        text: The article's words.
    """

    start: int
    end: int
    kind: MentionKind
    key: str | None
    text: str


@dataclass
class People:
    """The people of an article and every mention of them, in order."""

    persons: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def find(cls, masked: str) -> People:
        """Find the people named in the (masked) text of an article."""
        people = cls()
        people._names(masked)
        people._honorifics(masked)
        people._appositions(masked)
        people._surnames(masked)
        people._pronouns_and_groups(masked)
        people._roles(masked)
        people.mentions.sort(key=lambda m: (m.start, -m.end))
        people._drop_overlaps()
        return people

    def add_person(self, key: str, name: str) -> Person:
        """Register a person (or find them), keeping the fullest name seen."""
        person = self.persons.get(key)
        if person is None:
            person = self.persons[key] = Person(key=key, name=name)
        elif len(name.split()) > len(person.name.split()):
            person.name = name
        return person

    def _mention(
        self, start: int, end: int, kind: MentionKind, key: str | None, text: str
    ) -> None:
        self.mentions.append(Mention(start, end, kind, key, text))
        if key is not None and kind == "person":
            self.persons[key].mentions += 1

    def _names(self, masked: str) -> None:
        """Full names, with a title before them ("Foreign Secretary Boris Johnson")."""
        for run in _RUN.finditer(masked):
            tokens = list(re.finditer(r"\S+", run.group()))
            words = [t.group() for t in tokens]
            lowered = [w.lower().rstrip(".") for w in words]
            # A title: capitalised words up to the last role head, then the name.
            heads = [i for i, w in enumerate(lowered) if w in _HEAD_WORDS and w not in _TITLE_ONLY]
            first = 0
            role = None
            if heads and heads[-1] < len(words) - 1:
                first = heads[-1] + 1
                start_role = 0
                while start_role < heads[-1] and lowered[start_role] in _NOT_NAMES:
                    start_role += 1
                role = " ".join(words[start_role : heads[-1] + 1])
            name_words = words[first:]
            while name_words and name_words[0].lower() in _NOT_NAMES:
                name_words = name_words[1:]
                first += 1
            if any(w.lower() in _NOT_NAMES or w.lower() in _HEAD_WORDS for w in name_words):
                continue
            if not name_words or len(name_words) > 4 or (len(name_words) == 1 and role is None):
                continue
            surname = name_words[-1]
            key = slug(surname)
            if not key:
                continue
            person = self.add_person(key, " ".join(name_words))
            if role and person.role is None:
                person.role, person.role_evidence = role, run.group()
            begin = run.start() + tokens[first].start()
            self._mention(begin, run.end(), "person", key, masked[begin : run.end()])

    def _honorifics(self, masked: str) -> None:
        for match in _HONORIFIC.finditer(masked):
            name = match.group(2)
            if name.split()[-1].lower() in _NOT_NAMES:
                continue
            key = slug(name.split()[-1])
            person = self.add_person(key, name)
            if person.gender is None and match.group(1) != "Dr":
                person.gender = "m" if match.group(1) in ("Mr", "Sir", "Lord") else "f"
            self._mention(match.start(), match.end(), "person", key, match.group())

    def _appositions(self, masked: str) -> None:
        """Roles given beside a name: "the Russian foreign minister, Sergey Lavrov"."""
        name = rf"{_CAP}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_CAP}){{1,2}}"
        role = rf"(?:[\w’'-]+[ \t]+){{0,4}}?(?:{_ROLE_HEADS})"
        before = re.compile(rf"\b(?:[Tt]he|[Aa]n?)[ \t]+({role}),[ \t]+({name})\b", re.IGNORECASE)
        after = re.compile(rf"({name}),[ \t]+(?:the[ \t]+|an?[ \t]+)?({role}),")
        for match in before.finditer(masked):
            self._set_role(match.group(2), match.group(1), match.group())
        for match in after.finditer(masked):
            self._set_role(match.group(1), match.group(2), match.group())

    def _set_role(self, name: str, role: str, evidence: str) -> None:
        words = name.split()
        if any(w.lower() in _NOT_NAMES for w in words):
            return
        person = self.add_person(slug(words[-1]), name)
        if person.role is None or person.role_guessed:
            person.role, person.role_evidence, person.role_guessed = role, evidence, False

    def _surnames(self, masked: str) -> None:
        """A known surname alone ("Lavrov said") is a mention of that person."""
        if not self.persons:
            return
        known = {slug(p.name.split()[-1]): p.key for p in self.persons.values()}
        for match in re.finditer(_CAP, masked):
            key = known.get(slug(match.group()))
            if key is not None and match.group()[0].isupper():
                self._mention(match.start(), match.end(), "person", key, match.group())

    def _pronouns_and_groups(self, masked: str) -> None:
        for match in re.finditer(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", masked):
            self._mention(match.start(), match.end(), "pronoun", None, match.group().lower())
        for match in _GROUP.finditer(masked):
            self._mention(match.start(), match.end(), "group", None, match.group())

    def _roles(self, masked: str) -> None:
        """Offices named without a name ("the Foreign Secretary"), resolved where they can be."""
        for match in _ROLE_MENTION.finditer(masked):
            role = match.group(1)
            head = role.split()[-1].lower()
            if head in ("counterpart", "host"):
                self._mention(match.start(), match.end(), "role", None, match.group())
                continue
            if any(w.lower() in ("two", "both", "other", "former", "first") for w in role.split()):
                continue
            key = self.resolve_role(role)
            self._mention(match.start(), match.end(), "role", key, match.group())

    def resolve_role(self, role: str) -> str | None:
        """The person an office names: by a known role, else by elimination (a guess)."""
        wanted = role.lower()
        for person in self.persons.values():
            have = (person.role or "").lower()
            if have and (have == wanted or have.endswith(wanted) or wanted.endswith(have)):
                return person.key
        head = wanted.split()[-1]
        holders = [
            p for p in self.persons.values() if p.role and p.role.lower().split()[-1] == head
        ]
        if len(holders) == 1 and len(wanted.split()) == 1:
            return holders[0].key
        roleless = [p for p in self.persons.values() if p.role is None and p.mentions > 1]
        if not roleless:
            return None
        chosen = max(roleless, key=lambda p: p.mentions)
        chosen.role, chosen.role_evidence, chosen.role_guessed = role, f"the {role}", True
        return chosen.key

    def _drop_overlaps(self) -> None:
        kept: list[Mention] = []
        for mention in self.mentions:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        self.mentions = kept

    def most_mentioned(self, count: int) -> list[str]:
        """The keys of the ``count`` people the article names most."""
        tally = Counter({p.key: p.mentions for p in self.persons.values()})
        return [key for key, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]
