"""The annotation schema: pydantic models of an article, its speakers, topics and statements.

The models check what one value can tell on its own (a field's type, an id's spelling, a kind
from a closed list). Rules that relate several parts of the document (does this speaker exist?)
live in :mod:`argmap.checks`, because an error raised in a model validator loses its position in
the file. The models hold no file paths to open, no YAML and no styling.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Final

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

__all__ = [
    "DEFAULT_RELATION",
    "REFERENCE_PATTERN",
    "Annotation",
    "Article",
    "Identifier",
    "Kind",
    "Quote",
    "Reference",
    "Relation",
    "Response",
    "Speaker",
    "Speech",
    "Statement",
    "Topic",
]


class Kind(StrEnum):
    """What a statement does in the dispute: the speech act the article reports."""

    CLAIM = "claim"
    """Asserts something as true."""
    DENIAL = "denial"
    """Says that what another statement asserts is false."""
    COUNTERCLAIM = "counterclaim"
    """Answers another statement with a competing assertion or accusation."""
    CONCESSION = "concession"
    """Grants a point made by the other side, or a fact that weakens one's own case."""
    SUPPORT = "support"
    """Gives a reason or evidence for another statement."""
    QUALIFICATION = "qualification"
    """Accepts another statement only in part: limits, corrects or refines it."""
    AGREEMENT = "agreement"
    """Endorses another statement."""
    QUESTION = "question"
    """Asks something, or challenges another statement by asking."""
    ANSWER = "answer"
    """Answers a question."""


class Relation(StrEnum):
    """How a statement bears on a statement it responds to (the label of a map's arrow)."""

    DENIES = "denies"
    """Says that the target is false: an attack."""
    COUNTERS = "counters"
    """Answers the target with a competing assertion or accusation: an attack."""
    CONCEDES = "concedes"
    """Grants the target's point: accepts it."""
    SUPPORTS = "supports"
    """Gives a reason or evidence for the target: accepts it."""
    QUALIFIES = "qualifies"
    """Accepts the target only in part: limits, corrects or refines it."""
    AGREES = "agrees"
    """Endorses the target: accepts it."""
    QUESTIONS = "questions"
    """Asks about the target, or challenges it by asking."""
    ANSWERS = "answers"
    """Answers the target, a question."""
    RESPONDS = "responds"
    """A reply with no argumentative force of its own (a joke returned, a remark)."""
    UNDERCUTS = "undercuts"
    """Attacks the link between the target and what the target answers (that it follows, or is
    relevant), not the target's content."""


DEFAULT_RELATION: Final[Mapping[Kind, Relation]] = MappingProxyType(
    {
        Kind.CLAIM: Relation.RESPONDS,
        Kind.DENIAL: Relation.DENIES,
        Kind.COUNTERCLAIM: Relation.COUNTERS,
        Kind.CONCESSION: Relation.CONCEDES,
        Kind.SUPPORT: Relation.SUPPORTS,
        Kind.QUALIFICATION: Relation.QUALIFIES,
        Kind.AGREEMENT: Relation.AGREES,
        Kind.QUESTION: Relation.QUESTIONS,
        Kind.ANSWER: Relation.ANSWERS,
    }
)
"""The relation of a response the annotation does not qualify: it follows the statement's kind."""


class Speech(StrEnum):
    """Whether the article gives the speaker's own words or the reporter's account of them."""

    DIRECT = "direct"
    """The quote is the speaker's own words, inside quotation marks in the article."""
    REPORTED = "reported"
    """The article reports what was said ("Lavrov denied claims that…"); any quote is the
    reporter's sentence, not the speaker's words."""


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=128),
]
"""An id of a speaker, topic or statement: letters, digits, ``_``, ``.`` and ``-``.

Why this alphabet: ids appear in DOT node names, SVG element ids, URLs and file names, and ``:``
and ``#`` are kept free to namespace ids across several files.
"""

REFERENCE_PATTERN: Final = r"^([A-Za-z0-9][A-Za-z0-9_.-]*:)?[A-Za-z0-9][A-Za-z0-9_.-]*$"

Reference = Annotated[str, StringConstraints(pattern=REFERENCE_PATTERN, max_length=257)]
"""A statement's id, or ``ARTICLE:ID`` for a statement of another annotation file (whose
``article.id``, or file name without its suffix, is ``ARTICLE``), read with it."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Free text that must not be blank."""


class _Strict(BaseModel):
    """Base of every annotation model: unknown keys are errors, instances are immutable.

    Why: a misspelt optional field (``qoute:``) would otherwise be dropped without a word, and
    the graph is built from the models, so they must not change after loading.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
    )


class Article(_Strict):
    """The article the dispute comes from, and its text, in which quotes are looked up."""

    id: Identifier | None = None
    """A short name for the article, by which other annotation files refer to its statements
    (``ID:statement``); when absent, the file's name without its suffix."""
    title: Text
    """The headline, shown as the map's title."""
    outlet: Text | None = None
    """The publication: newspaper, broadcaster, agency or website."""
    author: Text | None = None
    """Who wrote the article."""
    date: datetime.date | None = None
    """The publication date, as ``YYYY-MM-DD``."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where the article was published (``http`` or ``https`` only)."""
    language: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$")] | None
    ) = None
    """The article's language as a BCP 47 tag (``en``, ``ru``, ``en-GB``)."""
    note: Text | None = None
    """The annotator's remark on the source: where the text came from, what is uncertain."""
    text: str | None = None
    """The article's text, inline."""
    text_file: Text | None = None
    """A file holding the article's text (UTF-8), relative to the annotation file."""


class Speaker(_Strict):
    """A person or body whose statements the article reports."""

    name: Text
    """The name shown on the map."""
    role: Text | None = None
    """Their office or function at the time (``UK Foreign Secretary``)."""
    group: Text | None = None
    """The side they speak for: a country, party, company; maps can be coloured by group."""
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    """A colour for their statements, as ``#rrggbb``, instead of the palette's."""


def _topic_from_label(value: Any) -> Any:
    """Accept ``crimea: Crimea`` as short for ``crimea: {label: Crimea}``."""
    return {"label": value} if isinstance(value, str) else value


class Topic(_Strict):
    """A subject the dispute is about; maps can group statements by topic."""

    label: Text
    """The topic's name as shown on the map."""
    description: Text | None = None
    """What the topic covers, for annotators and reports."""


class Response(_Strict):
    """A link from a statement to one it answers."""

    to: Reference
    """The id of the statement answered; ``ARTICLE:ID`` for one in another annotation file."""
    relation: Relation | None = None
    """How it answers; when absent, it follows the responding statement's kind."""
    link_to: Reference | None = None
    """With ``relation: undercuts``: the statement the target answers, whose link is attacked.
    Needed only when the target answers several statements."""


def responses_from_shorthand(value: Any) -> Any:
    """Accept ``responds_to: s1``, ``[s1, s2]`` or one ``{to, relation}`` as well as a list."""
    if isinstance(value, str | dict):
        value = [value]
    if isinstance(value, list):
        return [{"to": item} if isinstance(item, str) else item for item in value]
    return value


def _quotes_from_shorthand(value: Any) -> Any:
    """Accept one quote (a string or a ``{text, speech}`` mapping) or a list of them."""
    if isinstance(value, str | dict):
        value = [value]
    if isinstance(value, list):
        return [{"text": item} if isinstance(item, str) else item for item in value]
    return value


class Quote(_Strict):
    """A passage of the article that gives or reports a statement, copied word for word."""

    text: Text
    """The article's words. ``...`` or ``…`` inside skips words of the article."""
    speech: Speech | None = None
    """Whose words these are, when it differs from the statement's ``speech``: a lead
    paragraph often reports a statement that a later paragraph quotes directly."""


class Statement(_Strict):
    """One thing a speaker is reported to have said, and what it responds to."""

    id: Identifier
    """Unique among the statements of the file."""
    speaker: Identifier
    """The id of the speaker, declared under ``speakers``."""
    topic: Identifier
    """The id of the topic, declared under ``topics``."""
    kind: Kind
    """What the statement does: claim, denial, counterclaim, concession, support…"""
    text: Text
    """The annotator's neutral paraphrase of what is asserted."""
    quote: Annotated[tuple[Quote, ...], BeforeValidator(_quotes_from_shorthand)] = ()
    """Words of the article that give or report the statement: one string, or a list (of strings
    or ``{text, speech}`` mappings) in article order. ``...`` inside a quote skips words."""
    speech: Speech | None = None
    """``direct`` (the quotes are the speaker's own words) or ``reported`` (the reporter's
    account); when absent, ``direct`` if there is a quote and ``reported`` otherwise."""
    responds_to: Annotated[tuple[Response, ...], BeforeValidator(responses_from_shorthand)] = ()
    """The statements this one answers: an id, a list of ids, or ``{to: ID, relation: …}``."""
    note: Text | None = None
    """The annotator's remark: context, doubts, a source."""
    tags: tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)], ...] = ()
    """Free labels, for filtering and styling."""
    said_on: datetime.date | None = None
    """When the statement was made, if not on the article's date (``YYYY-MM-DD``): a report
    of what was said the day before, or an earlier interview quoted again."""

    @property
    def speech_mode(self) -> Speech:
        """``direct`` if any quote gives the speaker's own words, else ``reported``."""
        return Speech.DIRECT if Speech.DIRECT in self.quote_speech() else Speech.REPORTED

    def quote_speech(self) -> tuple[Speech, ...]:
        """The speech mode of each quote: its own, else the statement's, else ``direct``."""
        return tuple(q.speech or self.speech or Speech.DIRECT for q in self.quote)

    def targets(self) -> Iterator[tuple[str, Relation]]:
        """Yield ``(target id, relation)`` for each response, relations defaulted from the kind."""
        default = DEFAULT_RELATION[self.kind]
        for response in self.responds_to:
            yield response.to, response.relation or default


class Annotation(_Strict):
    """A whole annotation file: the article, who speaks, on what, and every statement."""

    article: Article
    """The article's metadata and text."""
    speakers: dict[Identifier, Speaker] = Field(default_factory=dict)
    """Speaker id → speaker."""
    topics: dict[Identifier, Annotated[Topic, BeforeValidator(_topic_from_label)]] = Field(
        default_factory=dict
    )
    """Topic id → topic, or topic id → label."""
    statements: tuple[Statement, ...] = ()
    """Every statement, best in the order the article reports them."""

    @model_validator(mode="before")
    @classmethod
    def _null_sections_are_empty(cls, data: Any) -> Any:
        """Treat ``speakers:`` with nothing under it as an empty section, as YAML users expect."""
        if isinstance(data, dict):
            return {
                key: value
                for key, value in data.items()
                if not (key in ("speakers", "topics", "statements") and value is None)
            }
        return data
