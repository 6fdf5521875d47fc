"""Who said what: statements from quotations and reported speech, each with its speaker.

News articles attribute speech in a few set ways, and the draft reads those:

* a reporting verb with its subject before a quotation: ``He told reporters: “…”``,
  ``the Foreign Secretary interrupted: “…”``, ``adding that if they had, “…”``;
* a quotation followed by its attribution: ``“…,” Mr Lavrov said`` or ``“…,” said Mr Lavrov``;
* a quotation standing alone (a paragraph that opens with it): the last speaker goes on;
* reported speech: a subject and a reporting verb, the reporter's clause up to the next
  attribution (``Sergey Lavrov denied claims the Kremlin had interfered…``), including verbs
  sharing a subject (``… and accused Mr Johnson of…``, ``…, complaining that…``);
* a possessive noun of speech (``Mr Lavrov’s denial that…``) and a passive with its agent
  (``Mr Johnson was rebuked by his host…``).

Transcripts (``CLINTON: …`` lines) are read turn by turn instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from argmap.draft.kinds import (
    REPLY_VERBS,
    SPEECH_NOUNS,
    kind_of_noun,
    kind_of_verb,
    lemma_of,
    verb_pattern,
)
from argmap.draft.speakers import Mention, People, slug
from argmap.draft.text import Article, QuotedSpan, Sentence, split_sentences
from argmap.model import Kind, Speech

__all__ = ["UNKNOWN", "DraftStatement", "attribute", "is_transcript", "transcript_turns"]

UNKNOWN: Final = "unknown"
"""The speaker of a quotation the draft could not attribute."""

_VERB: Final = re.compile(rf"\b({verb_pattern()})\b([ \t]+back\b)?")
_BETWEEN_SUBJECT_AND_VERB: Final = re.compile(
    r"^(?:[ \t]+(?:\w+ly|also|later|then|again|has|had|have|was|is|would|will|could|did|does|"
    r"himself|herself|themselves|both|all|too))*[ \t]+$"
)
_APPOSITION_GAP: Final = re.compile(r"^,[^,.;:“”\"]{1,80},[ \t]+$")
"""An apposition between subject and verb: ``Sergey Lavrov, the foreign minister, said``."""
_SHARED_SUBJECT: Final = re.compile(r"(?:,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+)$")
_ORGANISATION: Final = re.compile(
    r"(?:^|[^\w’'])((?:[Tt]he[ \t]+)?(?:[A-Z][\w’'&-]*[ \t]+){1,4})$"
)
_TRAILING: Final = re.compile(
    r"(?:[\s,;:.!\-\u2013\u2014]|\b(?:and|but|with|while|when|as|after|before|whereas|so|"
    r"then|that|which|who)\b)+$"
)
_PASSIVE: Final = re.compile(
    r"^[ \t]+(?:was|were|has[ \t]+been|had[ \t]+been|is|is[ \t]+being)[ \t]+"
    r"(rebuked|criticised|criticized|accused|attacked|condemned|chided|scolded|reprimanded|"
    r"warned|contradicted|challenged|mocked|praised)[ \t]+by[ \t]+$"
)
_TURN: Final = re.compile(r"^([A-Z][A-Z.’' -]{0,40}[A-Z.]):[ \t]+(?=\S)", re.MULTILINE)
_OTHER_WORDS: Final = ("counterpart", "host", "opponent", "rival")
_MAX_LEAD_WORDS: Final = 8
"""Words allowed between a reporting verb and the quotation it introduces."""


@dataclass
class DraftStatement:
    """A statement the draft found, with the evidence for each guess.

    Attributes:
        speaker: The speaker's id (``unknown`` when no one could be told).
        quotes: ``(start, end, speech)`` of each passage, in article order.
        kind: The guessed kind.
        speaker_evidence: The article's words that name the speaker.
        kind_evidence: The reporting verb or noun the kind was guessed from.
        responds_to: Indices (in the draft's list) of statements this one answers.
        link_evidence: The words that suggest the response.
        tags: ``joint`` when the article reports it of two people together.
    """

    speaker: str
    quotes: list[tuple[int, int, Speech]]
    kind: Kind
    speaker_evidence: str
    kind_evidence: str | None = None
    responds_to: list[int] = field(default_factory=list)
    link_evidence: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def speech(self) -> Speech:
        """``direct`` when every passage is the speaker's own words."""
        speeches = {speech for _, _, speech in self.quotes}
        return Speech.DIRECT if speeches == {Speech.DIRECT} else Speech.REPORTED


@dataclass(frozen=True, slots=True)
class _Verb:
    start: int
    end: int
    form: str
    reply: bool


@dataclass
class _Clause:
    """A reporting verb with its subject, in one sentence."""

    start: int
    verb: _Verb
    subject: Mention | None
    speaker: list[str]
    evidence: str
    possessive: bool = False
    kind: Kind = Kind.CLAIM
    noun_end: int = 0


class _Drafter:
    def __init__(self, article: Article, people: People) -> None:
        self.article = article
        self.people = people
        self.masked = article.masked
        self.statements: list[DraftStatement] = []
        self.used_quotes: set[int] = set()

    # --- who is meant -----------------------------------------------------------------------

    def resolve(self, mention: Mention) -> list[str]:
        """The speaker ids a mention stands for (two for "both men"), or none."""
        if mention.kind == "person" and mention.key is not None:
            return [mention.key]
        if mention.kind == "role":
            if mention.key is not None:
                return [mention.key]
            return self._other(None)
        if mention.kind == "group":
            return self._last_two()
        if mention.text == "they":
            last = self.statements[-1] if self.statements else None
            return self._last_two() if last is not None and "joint" in last.tags else []
        gender = "m" if mention.text == "he" else "f"
        for statement in reversed(self.statements):
            if statement.speaker == UNKNOWN or "joint" in statement.tags:
                continue
            person = self.people.persons.get(statement.speaker)
            if person is None or person.gender in (None, gender):
                if person is not None:
                    person.gender = gender  # learnt: later pronouns of the other gender skip them
                return [statement.speaker]
        for earlier in reversed(self.people.mentions):
            if earlier.end <= mention.start and earlier.kind == "person" and earlier.key:
                person = self.people.persons[earlier.key]
                if person.gender in (None, gender):
                    return [earlier.key]
        return []

    def _last_two(self) -> list[str]:
        seen: list[str] = []
        for statement in reversed(self.statements):
            if statement.speaker not in seen and statement.speaker != UNKNOWN:
                seen.append(statement.speaker)
            if len(seen) == 2:
                return sorted(seen)
        return sorted(self.people.most_mentioned(2)) if len(self.people.persons) >= 2 else []

    def _other(self, key: str | None) -> list[str]:
        """The other one of the article's two main people ("his host", "his counterpart")."""
        if key is None and self.statements:
            key = self.statements[-1].speaker
        main = self.people.most_mentioned(2)
        others = [k for k in main if k != key]
        return others[:1] if len(main) == 2 and len(others) == 1 else []

    def mention_before(self, position: int, floor: int) -> Mention | None:
        """The mention ending just before ``position`` (adverbs aside), if any."""
        for mention in reversed(self.people.mentions):
            if mention.end <= position:
                if mention.start < floor:
                    return None
                gap = self.masked[mention.end : position]
                if _BETWEEN_SUBJECT_AND_VERB.match(gap) or _APPOSITION_GAP.match(gap):
                    return mention
                if mention.kind == "role" and mention.start > floor:
                    continue  # the apposition itself: "Ana Lima, the minister, said"
                if re.fullmatch(r",[ \t]+", gap):
                    return self._apposed_role(mention, floor)
                return None
        return None

    def _apposed_role(self, name: Mention, floor: int) -> Mention | None:
        """``The finance minister, Ana Lima, said``: the subject starts at the office."""
        for mention in reversed(self.people.mentions):
            if mention.end <= name.start:
                gap = self.masked[mention.end : name.start]
                if (
                    mention.kind == "role"
                    and mention.start >= floor
                    and re.fullmatch(r",\s+", gap)
                ):
                    return Mention(mention.start, name.end, "person", name.key, name.text)
                return None
        return None

    # --- statements -------------------------------------------------------------------------

    def add(self, statement: DraftStatement) -> int:
        self.statements.append(statement)
        return len(self.statements) - 1

    def reply_target(self, speaker: str, before: int | None = None) -> int | None:
        """The last statement by someone else: what a reply answers."""
        last = len(self.statements) if before is None else before
        for index in range(last - 1, -1, -1):
            other = self.statements[index]
            if other.speaker not in (speaker, UNKNOWN) and "joint" not in other.tags:
                return index
        return None

    def run(self) -> list[DraftStatement]:
        for sentence in self.article.sentences:
            self.sentence(sentence)
        return self.statements

    def sentence(self, sentence: Sentence) -> None:
        clauses = self.clauses(sentence)
        quotes = [
            (i, q)
            for i, q in enumerate(self.article.quotes)
            if sentence.start <= q.open_at < sentence.end and i not in self.used_quotes
        ]
        if quotes and self._opens(sentence, quotes[0][1]):
            # A quotation the sentence opens with, attributed after it: “…,” Mr Lavrov said.
            index, quote = quotes[0]
            after = self.after_quote(quote, sentence, clauses)
            if after is not None:
                self.direct(after, index, quote)
                clauses = [c for c in clauses if c is not after]
        made: dict[int, int] = {}
        for number, clause in enumerate(clauses):
            if not clause.speaker:
                continue
            end = self.clause_end(sentence, clauses, number)
            before = len(self.statements)
            lead = self.leading_quote(clause, quotes, end)
            if lead is not None:
                self.direct(clause, *lead)
            elif not self.reported(clause, end):
                continue
            made[number] = before
        self.link_objects(clauses, made)
        for index, quote in quotes:
            if index not in self.used_quotes and self._opens(sentence, quote):
                self.standalone(index, quote, sentence)

    def after_quote(
        self, quote: QuotedSpan, sentence: Sentence, clauses: list[_Clause]
    ) -> _Clause | None:
        """The attribution right after a quotation: ``, Mr Lavrov said`` or ``, said he``."""
        for clause in clauses:
            if clause.start >= quote.close_at:
                gap = self.masked[quote.close_at : clause.start]
                return clause if clause.speaker and re.fullmatch(r"[\s,]*", gap) else None
        match = _VERB.match(self.masked, quote.close_at + _skip(self.masked, quote.close_at))
        if match is None:
            return None
        for mention in self.people.mentions:
            if mention.start >= match.end():
                if (
                    mention.start >= sentence.end
                    or self.masked[match.end() : mention.start].strip()
                ):
                    return None
                verb = _Verb(match.start(), match.end(), match.group(1), bool(match.group(2)))
                evidence = self.masked[match.start() : mention.end]
                speaker = self.resolve(mention)
                kind = kind_of_verb(match.group(1))
                return _Clause(match.start(), verb, mention, speaker, evidence, kind=kind)
        return None

    def link_objects(self, clauses: list[_Clause], made: dict[int, int]) -> None:
        """``Mr Johnson rejected Mr Lavrov’s denial``: the rejection answers the denial."""
        for number, clause in enumerate(clauses):
            if not clause.possessive or number not in made:
                continue
            for outer in range(number - 1, -1, -1):
                gap = self.masked[clauses[outer].verb.end : clause.start]
                if outer in made and len(gap.split()) <= 1:
                    statement = self.statements[made[outer]]
                    if statement.speaker != self.statements[made[number]].speaker:
                        statement.responds_to = [made[number]]
                        statement.link_evidence = f"{clauses[outer].evidence} {clause.evidence}"
                    break

    def _opens(self, sentence: Sentence, quote: QuotedSpan) -> bool:
        return not self.masked[sentence.start : quote.open_at].strip()

    def clauses(self, sentence: Sentence) -> list[_Clause]:
        """The reporting verbs of a sentence with their subjects, in order."""
        found: list[_Clause] = []
        for match in _VERB.finditer(self.masked, sentence.start, sentence.end):
            verb = _Verb(
                match.start(),
                match.end(),
                match.group(1),
                bool(match.group(2)) or lemma_of(match.group(1)) in REPLY_VERBS,
            )
            if found and found[-1].verb.end >= verb.start - 1 and found[-1].verb.form == verb.form:
                continue  # "responded responded", a typo the article kept
            if self._inside_quote(verb.start):
                continue
            clause = self.clause(sentence, verb, found)
            if clause is not None:
                found.append(clause)
        found.extend(self.possessives(sentence))
        found.extend(self.passives(sentence))
        found.sort(key=lambda c: c.start)
        return found

    def _inside_quote(self, position: int) -> bool:
        return any(q.start <= position < q.end for q in self.article.quotes)

    def clause(self, sentence: Sentence, verb: _Verb, earlier: list[_Clause]) -> _Clause | None:
        kind = kind_of_verb(verb.form)
        if re.match(r"[ \t]+by\b", self.masked[verb.end : verb.end + 4]) and re.search(
            r"\b(?:was|were|been|being)[ \t]+$", self.masked[sentence.start : verb.start]
        ):
            return None  # a passive: see passives()
        subject = self.mention_before(verb.start, sentence.start)
        if subject is not None:
            speaker = self.resolve(subject)
            evidence = self.masked[subject.start : verb.end]
            return _Clause(subject.start, verb, subject, speaker, evidence, kind=kind)
        before = self.masked[sentence.start : verb.start]
        if earlier and _SHARED_SUBJECT.search(before):
            previous = earlier[-1]
            if previous.possessive:
                return None
            evidence = f"{previous.evidence} … {verb.form}"
            return _Clause(
                verb.start, verb, previous.subject, previous.speaker, evidence, kind=kind
            )
        organisation = _ORGANISATION.search(before)
        if organisation and not verb.form.endswith("ing"):
            name = " ".join(organisation.group(1).split())
            bare = re.sub(r"^[Tt]he\s+", "", name)
            words = bare.split()
            pronouns = ("he", "she", "they", "it", "i", "we")
            if words and not any(w.lower() in pronouns or w[-2:] in ("’s", "'s") for w in words):
                key = slug(bare)
                if key and len(words) <= 4 and not self._sentence_start_word(bare, before):
                    self.people.add_person(key, bare)
                    start = verb.start - len(organisation.group(1))
                    mention = Mention(start, start + len(name), "person", key, name)
                    return _Clause(start, verb, mention, [key], f"{name} {verb.form}", kind=kind)
        return None

    def _sentence_start_word(self, name: str, before: str) -> bool:
        """A single capitalised word opening the sentence is no name ("Earlier said…")."""
        return len(name.split()) == 1 and not before.strip().removesuffix(name).strip()

    def passives(self, sentence: Sentence) -> Iterator[_Clause]:
        """``Mr Johnson was rebuked by his host``: the agent is the speaker."""
        inside = [m for m in self.people.mentions if sentence.start <= m.start < sentence.end]
        for subject, agent in itertools.pairwise(inside):
            match = _PASSIVE.match(self.masked[subject.end : agent.start])
            if match is None:
                continue
            target = self.resolve(subject)
            if agent.kind == "role" and agent.key is None:
                speaker = self._other(target[0] if target else None)
            else:
                speaker = self.resolve(agent)
            verb = _Verb(subject.end, agent.end, match.group(1), reply=False)
            evidence = self.masked[subject.start : agent.end]
            yield _Clause(subject.start, verb, agent, speaker, evidence, kind=Kind.CLAIM)

    def possessives(self, sentence: Sentence) -> Iterator[_Clause]:
        """``Mr Lavrov’s denial that…``: a statement reported as the object of another."""
        for mention in self.people.mentions:
            if not sentence.start <= mention.start < sentence.end or mention.kind != "person":
                continue
            match = re.match(
                r"['’]s[ \t]+(\w+)(?=[ \t]+that\b)", self.masked[mention.end : sentence.end]
            )
            if match is None or match.group(1).lower() not in SPEECH_NOUNS:
                continue
            noun_end = mention.end + match.end()
            verb = _Verb(mention.end, noun_end, match.group(1), reply=False)
            yield _Clause(
                mention.start,
                verb,
                mention,
                self.resolve(mention),
                self.masked[mention.start : noun_end],
                possessive=True,
                kind=kind_of_noun(match.group(1)),
                noun_end=noun_end,
            )

    def clause_end(self, sentence: Sentence, clauses: list[_Clause], number: int) -> int:
        """Where a clause's words end: at the next attribution, or the sentence's end."""
        end = sentence.end
        following = [c for c in clauses[number + 1 :] if c.start > clauses[number].verb.end]
        if following:
            nxt = following[0]
            end = nxt.noun_end if nxt.possessive and nxt.start < end else nxt.start
            if nxt.possessive:
                end = nxt.noun_end
        text = self.masked[clauses[number].start : end]
        trimmed = _TRAILING.sub("", text)
        # Keep a closing quotation mark that the trimming reached past.
        while len(trimmed) < len(text) and text[len(trimmed)] in '”"’»':
            trimmed = text[: len(trimmed) + 1]
        return clauses[number].start + len(trimmed)

    def leading_quote(
        self, clause: _Clause, quotes: list[tuple[int, QuotedSpan]], end: int
    ) -> tuple[int, QuotedSpan] | None:
        """The quotation a verb introduces (``told reporters: “…”``), if it runs to the end."""
        if clause.possessive:
            return None
        for index, quote in quotes:
            if quote.open_at < clause.verb.end or index in self.used_quotes:
                continue
            if quote.open_at >= end:
                return None
            lead = self.masked[clause.verb.end : quote.open_at]
            after = self.masked[quote.close_at : max(end, quote.close_at)]
            if (
                len(lead.split()) <= _MAX_LEAD_WORDS
                and (not lead.strip() or lead.rstrip()[-1] in ":,")
                and not re.search(r"\w", after)
            ):
                return index, quote
            return None
        return None

    def direct(self, clause: _Clause, index: int, quote: QuotedSpan) -> None:
        passages = self.passages(index)
        kind = clause.kind
        text = self.article.text[quote.start : quote.end].rstrip()
        if text.endswith("?"):
            kind = Kind.QUESTION
        statement = DraftStatement(
            speaker=clause.speaker[0] if clause.speaker else UNKNOWN,
            quotes=passages,
            kind=kind,
            speaker_evidence=clause.evidence,
            kind_evidence=clause.verb.form,
        )
        self.link(statement, clause)
        self.add(statement)

    def passages(self, index: int) -> list[tuple[int, int, Speech]]:
        """A quotation and the paragraphs it runs on into, each a passage."""
        passages = []
        while index < len(self.article.quotes):
            quote = self.article.quotes[index]
            self.used_quotes.add(index)
            end = quote.end
            while end > quote.start and self.article.text[end - 1] in " ,;:\n":
                end -= 1
            passages.append((quote.start, end, Speech.DIRECT))
            if not quote.continues:
                break
            index += 1
        return passages

    def reported(self, clause: _Clause, end: int) -> bool:
        if len(self.masked[clause.verb.end : end].split()) < 2:
            return False  # "Mr Brown answered her": no content reported
        for index, quote in enumerate(self.article.quotes):
            if clause.start <= quote.open_at < end:
                self.used_quotes.add(index)
        for number, speaker in enumerate(clause.speaker):
            statement = DraftStatement(
                speaker=speaker,
                quotes=[(clause.start, end, Speech.REPORTED)],
                kind=clause.kind,
                speaker_evidence=clause.evidence,
                kind_evidence=clause.verb.form,
                tags=["joint"] if len(clause.speaker) > 1 else [],
            )
            if number == 0:
                self.link(statement, clause)
            self.add(statement)
        return True

    def link(self, statement: DraftStatement, clause: _Clause) -> None:
        """Guess what a statement answers, from the article's words."""
        if statement.speaker == UNKNOWN:
            return
        if clause.verb.reply:
            target = self.reply_target(statement.speaker)
            if target is not None:
                statement.responds_to = [target]
                statement.link_evidence = clause.evidence

    def standalone(self, index: int, quote: QuotedSpan, sentence: Sentence) -> None:
        """A quotation opening its sentence with no attribution: the last speaker goes on."""
        text = self.article.text[quote.start : quote.end]
        if len(text.split()) < 3 and not re.search(r"[.!?]\W*$", text):
            return
        speaker, evidence = UNKNOWN, "no attribution found"
        if self.statements:
            last = self.statements[-1]
            last_paragraph = self.article.paragraph_of(last.quotes[-1][0])
            if (
                last.speaker != UNKNOWN
                and "joint" not in last.tags
                and sentence.paragraph - last_paragraph <= 2
            ):
                speaker = last.speaker
                evidence = f"goes on from '{last.speaker_evidence}'"
        passages = self.passages(index)
        kind = Kind.QUESTION if text.rstrip().endswith("?") else Kind.CLAIM
        self.add(DraftStatement(speaker, passages, kind, evidence))


def attribute(article: Article, people: People) -> list[DraftStatement]:
    """Find the statements of a news article and guess their speakers, kinds and links."""
    return _Drafter(article, people).run()


def is_transcript(text: str) -> bool:
    """Whether the text is a transcript: most lines open with a speaker's name in capitals."""
    lines = [line for line in text.splitlines() if line.strip()]
    turns = [m.group(1) for m in _TURN.finditer(text)]
    return len(set(turns)) >= 2 and len(turns) * 2 >= len(lines)


def transcript_turns(article: Article, people: People) -> list[DraftStatement]:
    """One statement per turn of a transcript, one passage per sentence of the turn.

    Why per sentence: a turn holds several claims, and an annotator deletes passages faster
    than they cut them out of a long one.
    """
    statements: list[DraftStatement] = []
    for match in _TURN.finditer(article.text):
        label = match.group(1)
        line_end = article.text.find("\n", match.end())
        line_end = len(article.text) if line_end < 0 else line_end
        words = re.findall(r"[A-Za-z’'-]+", label)
        key = slug(words[-1]) if words else ""
        if not key:
            continue
        if key not in people.persons:
            people.add_person(key, words[-1].title())
        sentences = split_sentences(article.text, match.end(), line_end, 0)
        passages = [
            (s.start, _trim_end(article.text, s.start, s.end), Speech.DIRECT)
            for s in sentences
            if re.search(r"\w", article.text[s.start : s.end])
        ]
        if not passages:
            continue
        last_text = article.text[passages[-1][0] : passages[-1][1]]
        kind = Kind.QUESTION if last_text.rstrip().endswith("?") else Kind.CLAIM
        statement = DraftStatement(key, passages, kind, f"{label}:")
        previous = statements[-1] if statements else None
        if (
            previous
            and previous.kind == Kind.QUESTION
            and previous.speaker != key
            and kind != Kind.QUESTION
        ):
            statement.kind = Kind.ANSWER
            statement.responds_to = [len(statements) - 1]
            statement.link_evidence = "the turn after a question"
        statements.append(statement)
    return statements


def _skip(text: str, position: int) -> int:
    """How many spaces and commas follow ``position``."""
    match = re.match(r"[\s,]*", text[position : position + 20])
    return match.end() if match else 0


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
