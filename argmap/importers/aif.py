"""AIF import: argument maps from AIFdb, OVA and the corpora built with them, as annotations.

An AIF file is recognised by its structure (``nodes`` and ``edges`` with ``nodeID`` and
``type``), not by optional keys: AraucariaDB files have no ``locutions``, OVA's xAIF wraps the
graph in ``AIF``. Both are read here; :mod:`argmap.importers.xaif` is the xAIF entry point.

What becomes what:

* each I-node (proposition) with text is a statement, id ``i`` + its nodeID;
* its speaker comes from the locution (L-node) anchored to it (``L → YA → I``): the locution's
  participant, else the ``"Speaker : words"`` convention of AIFdb's L-node texts, else the
  speaker ``unknown``; annotators' copies of locutions (``"Annotator : Speaker : words"``, and
  L-nodes joined to another by *Analysing*) are left out;
* conflicts (CA) are ``denies`` when a transition anchors them with *Disagreeing* (one speaker
  contradicting another) and ``counters`` otherwise (an objection in a monologue); inferences
  (RA) are ``supports`` from each premise; rephrases (MA) are ``qualifies``; a CA aimed at an RA,
  CA or MA (or at a transition) ``undercuts`` the link that node carries;
* illocutions of a transition aimed at a proposition are responses of the later locution:
  *Agreeing* ``agrees``, *Conceding* ``concedes``, *Challenging* and *Questioning* ``questions``,
  *Answering* ``answers``, *Disagreeing* ``denies``, *Arguing* ``supports``, *Restating*
  ``qualifies``, any other ``responds``;
* kinds follow the locution's illocution (*Conceding* → concession, *Questioning* and
  *Challenging* → question, *Agreeing* → agreement, *Disagreeing* → denial), else the first
  relation (a CA makes a denial or counterclaim, an RA a support, an MA a qualification), else
  claim;
* the article's text is the xAIF ``text`` (HTML made plain; each locution's ``<span>`` gives
  the statement's quote) or the source text AIFdb serves beside a nodeset; without either, the
  locutions themselves, one per line, so that the speakers' words are kept as quotes.

A file written by :mod:`argmap.export.aif` carries argmap's own data under ``"argmap"``, per
node; it restores what AIF cannot hold (ids, topics, kinds, quotes, notes, tags, the article)
wherever the AIF structure still agrees with it, so an unedited file comes back exactly and an
edited one keeps the edits.

Every node, edge, locution and participant is counted in the report as mapped or skipped, with
the reason. A malformed file raises :class:`~argmap.importers.FormatError` naming the element.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath
from typing import Any, Final, Literal

from argmap.anchoring import ArticleText, normalise
from argmap.checks import RESPONSE_KINDS
from argmap.importers import FormatError, Imported, ImportReport
from argmap.model import DEFAULT_RELATION, Article, Kind, Relation, Speaker, Speech, Topic
from argmap.yamlsource import FORBIDDEN

__all__ = ["EXTENSION", "load_json", "read_aif", "read_document", "text_and_spans"]

EXTENSION: Final = "argmap"
"""The key of argmap's own data in a file argmap wrote (as in :mod:`argmap.export.aif`)."""

_SUPPORTED_VERSION: Final = 1
_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
_NOT_ID: Final = re.compile(r"[^A-Za-z0-9_.-]+")
_SPEAKER_PREFIX: Final = re.compile(r"\s*([^:\n]{0,58}[^\W\d_][^:\n]{0,58}?)\s*:\s+(?=\S)")
"""``"Speaker : words"`` (QT30, US2016, OVA): a name with a letter, a colon and a space (so
``https://`` is no name)."""
_SPEAKER_SAYS: Final = re.compile(
    r"\s*([^\W\d_][^:'\"\u2018\u201c\n]{0,58}?)\s+says\s+['\"\u2018\u201c](.*\S)\s*$", re.DOTALL
)
"""``"Speaker says 'words'"`` (AraucariaDB)."""
_SCHEME_NOISE: Final = re.compile(r"[A-Z]{2}(_[0-9a-f]+)?")
"""Scheme texts that name no scheme: ``RA``, or Araucaria's ``YA_a1bbe4…``."""
_BLOCK_TAGS: Final = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
_ATTACKS: Final = frozenset({Relation.DENIES, Relation.COUNTERS})
_KIND_OF: Final = {
    Relation.DENIES: Kind.DENIAL,
    Relation.COUNTERS: Kind.COUNTERCLAIM,
    Relation.UNDERCUTS: Kind.COUNTERCLAIM,
    Relation.SUPPORTS: Kind.SUPPORT,
    Relation.QUALIFIES: Kind.QUALIFICATION,
    Relation.AGREES: Kind.AGREEMENT,
    Relation.CONCEDES: Kind.CONCESSION,
    Relation.QUESTIONS: Kind.QUESTION,
    Relation.ANSWERS: Kind.ANSWER,
    Relation.RESPONDS: Kind.CLAIM,
}
"""The kind a statement gets from its first relation, when its illocution tells none."""


def _squash(scheme: str) -> str:
    """A scheme name compared loosely: ``Pure Questioning`` = ``PureQuestioning``."""
    return re.sub(r"[\s_-]+", "", scheme).casefold()


def _illocution_kind(scheme: str) -> Kind | None:
    """The kind an illocution from a locution to its own proposition gives, if any."""
    name = _squash(scheme)
    if name.endswith("conceding"):
        return Kind.CONCESSION
    if name.endswith(("questioning", "challenging")):
        return Kind.QUESTION
    return {"agreeing": Kind.AGREEMENT, "disagreeing": Kind.DENIAL}.get(name)


def _transition_relation(scheme: str) -> Relation:
    """The relation an illocution of a transition aimed at a proposition gives."""
    name = _squash(scheme)
    if name.endswith("conceding"):
        return Relation.CONCEDES
    if name.endswith(("questioning", "challenging")):
        return Relation.QUESTIONS
    return {
        "agreeing": Relation.AGREES,
        "disagreeing": Relation.DENIES,
        "answering": Relation.ANSWERS,
        "arguing": Relation.SUPPORTS,
        "restating": Relation.QUALIFIES,
    }.get(name, Relation.RESPONDS)


# --- reading the JSON -------------------------------------------------------------------------


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def load_json(text: str, name: str) -> Any:
    """Parse JSON text, raising :class:`FormatError` with the position of a syntax error."""
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{name}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise FormatError(f"{name}: the JSON is nested too deeply to read") from None


@dataclass(frozen=True)
class _Node:
    id: str
    type: str
    text: str
    scheme: str
    index: int

    @property
    def label(self) -> str:
        """How the report names this kind of node: its type, and its scheme where it has one."""
        scheme = self.scheme.strip()
        if self.type in ("I", "L") or not scheme or len(scheme) > 40:
            return f"{self.type or '?'}-node"
        if scheme == self.type or _SCHEME_NOISE.fullmatch(scheme):
            return f"{self.type}-node"
        return f"{self.type}-node ({scheme})"


@dataclass(frozen=True)
class _Locution:
    node: str
    person: str | None


@dataclass
class _Source:
    """An AIF document, checked and with its ids made text."""

    nodes: dict[str, _Node]
    edges: list[tuple[str, str]]
    duplicate_edges: int
    locutions: list[_Locution]
    participants: dict[str, str]
    """participantID → name."""
    html: str | None
    extension: _Extension | None
    notes: list[str] = field(default_factory=list)


class _Checker:
    """Checks the parts of a document, raising :class:`FormatError` naming the element."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, problem: str) -> FormatError:
        return FormatError(f"{self.name}: {where}: {problem}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_json_type(value)}")
        return value

    def array(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {_json_type(value)}")
        return value

    def optional_list(self, value: Any, where: str) -> list[Any]:
        return [] if value is None else self.array(value, where)

    def ident(self, value: Any, where: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(
                where, f"expected an id (a string or a whole number), got {_json_type(value)}"
            )
        text = str(value)
        if not text.strip():
            raise self.fail(where, "the id is empty")
        return text

    def text(self, value: Any, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, got {_json_type(value)}")
        return value


def _clean(text: str) -> str:
    """Replace characters an annotation may not hold (controls, lone surrogates) with U+FFFD."""
    return FORBIDDEN.sub("\ufffd", text)


def _read_source(document: Any, name: str) -> tuple[_Source, Literal["aif", "xaif"]]:
    check = _Checker(name)
    top = check.obj(document, "the file")
    form: Literal["aif", "xaif"] = "aif"
    html = None
    graph = top
    notes = []
    if "nodes" not in top and isinstance(top.get("AIF"), dict):
        form, graph = "xaif", top["AIF"]
        html = _xaif_text(top.get("text"), check)
        if top.get("OVA") is not None:
            notes.append("the OVA block (node positions in OVA's editor) is not imported")
    elif "nodes" not in top:
        raise check.fail("the file", "not AIF: it has no 'nodes' list (nor an 'AIF' object)")
    nodes: dict[str, _Node] = {}
    for index, raw in enumerate(check.array(graph.get("nodes"), "nodes")):
        where = f"nodes[{index}]"
        item = check.obj(raw, where)
        if "nodeID" not in item:
            raise check.fail(where, "the node has no nodeID")
        node_id = check.ident(item["nodeID"], f"{where}.nodeID")
        if node_id in nodes:
            raise check.fail(
                where, f"duplicate nodeID '{node_id}' (also nodes[{nodes[node_id].index}])"
            )
        kind = item.get("type")
        if not isinstance(kind, str):
            raise check.fail(f"{where}.type", f"expected a node type, got {_json_type(kind)}")
        text = _clean(check.text(item.get("text"), f"{where}.text"))
        scheme = item.get("scheme")
        nodes[node_id] = _Node(
            node_id, kind.strip(), text, _clean(scheme) if isinstance(scheme, str) else text, index
        )
    edges: list[tuple[str, str]] = []
    seen_edges: set[tuple[str, str]] = set()
    edge_ids: dict[str, int] = {}
    duplicates = 0
    if "edges" not in graph:
        raise check.fail("the file", "not AIF: it has 'nodes' but no 'edges' list")
    for index, raw in enumerate(check.array(graph["edges"], "edges")):
        where = f"edges[{index}]"
        item = check.obj(raw, where)
        if item.get("edgeID") is not None:
            edge_id = check.ident(item["edgeID"], f"{where}.edgeID")
            if edge_id in edge_ids:
                raise check.fail(
                    where, f"duplicate edgeID '{edge_id}' (also edges[{edge_ids[edge_id]}])"
                )
            edge_ids[edge_id] = index
        ends = []
        for end in ("fromID", "toID"):
            if end not in item:
                raise check.fail(where, f"the edge has no {end}")
            node_id = check.ident(item[end], f"{where}.{end}")
            if node_id not in nodes:
                raise check.fail(f"{where}.{end}", f"'{node_id}' names no node")
            ends.append(node_id)
        start, stop = ends
        if start == stop:
            raise check.fail(where, f"the edge goes from node '{start}' to itself")
        if (start, stop) in seen_edges:
            duplicates += 1
            continue
        seen_edges.add((start, stop))
        edges.append((start, stop))
    locutions = []
    for index, raw in enumerate(check.optional_list(graph.get("locutions"), "locutions")):
        where = f"locutions[{index}]"
        item = check.obj(raw, where)
        person = item.get("personID")
        locutions.append(
            _Locution(
                check.ident(item.get("nodeID"), f"{where}.nodeID"),
                None if person is None else check.ident(person, f"{where}.personID"),
            )
        )
    participants: dict[str, str] = {}
    for index, raw in enumerate(check.optional_list(graph.get("participants"), "participants")):
        where = f"participants[{index}]"
        item = check.obj(raw, where)
        person = check.ident(item.get("participantID"), f"{where}.participantID")
        if person in participants:
            raise check.fail(where, f"duplicate participantID '{person}'")
        parts = [
            check.text(item.get(part), f"{where}.{part}") for part in ("firstname", "surname")
        ]
        participants[person] = _clean(" ".join(part for part in parts if part.strip()))
    _check_cycles(nodes, edges, check)
    extension = _read_extension(top.get(EXTENSION), check)
    source = _Source(
        nodes, edges, duplicates, locutions, participants, html, extension, notes=notes
    )
    return source, form


def _xaif_text(value: Any, check: _Checker) -> str | None:
    """OVA's ``text``: HTML, or an object whose ``txt`` is (older OVA versions)."""
    if isinstance(value, dict):
        value = value.get("txt")
    if value is None or isinstance(value, str):
        return value
    raise check.fail("text", f"expected the analysed text as HTML, got {_json_type(value)}")


def _check_cycles(
    nodes: Mapping[str, _Node], edges: Iterable[tuple[str, str]], check: _Checker
) -> None:
    """Refuse a cycle of scheme nodes: a conflict attacking itself through others has no reading.

    Cycles through propositions (two claims attacking each other) are allowed: they are
    ordinary disagreement.
    """
    following: dict[str, list[str]] = defaultdict(list)
    for start, stop in edges:
        if nodes[start].type not in ("I", "L") and nodes[stop].type not in ("I", "L"):
            following[start].append(stop)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in list(following):
        if root in state:
            continue
        path = [root]
        stack = [iter(following[root])]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(step) == 1:
                cycle = [*path[path.index(step) :], step]
                raise check.fail("edges", f"scheme nodes form a cycle: {' -> '.join(cycle)}")
            elif step not in state:
                state[step] = 1
                path.append(step)
                stack.append(iter(following.get(step, ())))


# --- argmap's extension -----------------------------------------------------------------------


@dataclass(frozen=True)
class _ExtStatement:
    id: str
    speaker: str | None
    topic: str | None
    kind: Kind | None
    quotes: tuple[tuple[str, Speech], ...] | None
    note: str | None
    tags: tuple[str, ...]
    order: int | None
    said_on: str | None = None


@dataclass(frozen=True)
class _ExtResponse:
    answer: str
    answered: str
    relation: Relation
    order: int | None


@dataclass
class _Extension:
    article: dict[str, Any]
    speakers: dict[str, dict[str, Any]]
    participant_speaker: dict[str, str]
    topics: dict[str, dict[str, Any]]
    statements: dict[str, _ExtStatement]
    responses: dict[str, _ExtResponse]
    version: int


def _validated(
    model: Callable[..., Any], data: dict[str, Any], where: str, check: _Checker
) -> dict[str, Any]:
    """Check extension data with argmap's own model, so the annotation made from it is valid."""
    try:
        model(**data)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        errors = getattr(exc, "errors", None)
        first = errors()[0] if callable(errors) else {"loc": (), "msg": str(exc)}
        path = ".".join([where, *(str(part) for part in first["loc"])])
        if first.get("type") == "extra_forbidden":
            raise check.fail(path, "not a field argmap knows") from None
        raise check.fail(path, str(first["msg"])) from None
    return data


def _ext_identifier(value: Any, where: str, check: _Checker) -> str:
    if not isinstance(value, str) or not _ID_PATTERN.fullmatch(value):
        raise check.fail(
            where, f"{json.dumps(value, ensure_ascii=False)[:60]} is not an argmap id"
        )
    return value


def _ext_optional(
    item: Mapping[str, Any], key: str, kind: type, where: str, check: _Checker
) -> Any:
    value = item.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
        raise check.fail(f"{where}.{key}", f"expected {kind.__name__}, got {_json_type(value)}")
    return value


def _ext_enum(
    value: Any, enum: type[Kind] | type[Relation] | type[Speech], where: str, check: _Checker
) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise check.fail(where, f"{value!r} is not one of: {choices}") from None


def _read_extension(value: Any, check: _Checker) -> _Extension | None:
    if value is None:
        return None
    ext = check.obj(value, EXTENSION)
    version = ext.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise check.fail(f"{EXTENSION}.version", f"expected a number, got {_json_type(version)}")
    article = check.obj(ext.get("article", {}), f"{EXTENSION}.article")
    _validated(Article, {"title": "-", **article}, f"{EXTENSION}.article", check)
    speakers: dict[str, dict[str, Any]] = {}
    participant_speaker: dict[str, str] = {}
    for speaker_id, raw in check.obj(ext.get("speakers", {}), f"{EXTENSION}.speakers").items():
        where = f"{EXTENSION}.speakers.{speaker_id}"
        _ext_identifier(speaker_id, where, check)
        data = dict(check.obj(raw, where))
        person = data.pop("participantID", None)
        if person is not None:
            participant_speaker.setdefault(
                check.ident(person, f"{where}.participantID"), speaker_id
            )
        speakers[speaker_id] = _validated(Speaker, data, where, check)
    topics: dict[str, dict[str, Any]] = {}
    for topic_id, raw in check.obj(ext.get("topics", {}), f"{EXTENSION}.topics").items():
        where = f"{EXTENSION}.topics.{topic_id}"
        _ext_identifier(topic_id, where, check)
        topics[topic_id] = _validated(Topic, check.obj(raw, where), where, check)
    statements: dict[str, _ExtStatement] = {}
    responses: dict[str, _ExtResponse] = {}
    for node_id, raw in check.obj(ext.get("nodes", {}), f"{EXTENSION}.nodes").items():
        where = f"{EXTENSION}.nodes.{node_id}"
        item = check.obj(raw, where)
        if "response" in item:
            responses[node_id] = _ext_response(item["response"], f"{where}.response", check)
        elif "statement" in item:
            statements[node_id] = _ext_statement(item, where, check)
    return _Extension(
        article, speakers, participant_speaker, topics, statements, responses, version
    )


def _ext_statement(item: Mapping[str, Any], where: str, check: _Checker) -> _ExtStatement:
    quotes = None
    if item.get("quotes") is not None:
        quotes = []
        for index, raw in enumerate(check.array(item["quotes"], f"{where}.quotes")):
            at = f"{where}.quotes[{index}]"
            quote = check.obj(raw, at)
            text = quote.get("text")
            if not isinstance(text, str) or not text.strip():
                raise check.fail(f"{at}.text", "expected the quote's words")
            quotes.append(
                (text, _ext_enum(quote.get("speech", "direct"), Speech, f"{at}.speech", check))
            )
    tags = check.optional_list(item.get("tags"), f"{where}.tags")
    if not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise check.fail(f"{where}.tags", "expected a list of labels")
    note = _ext_optional(item, "note", str, where, check)
    said_on = _ext_optional(item, "said_on", str, where, check)
    if said_on is not None:
        try:
            datetime.date.fromisoformat(said_on)
        except ValueError:
            raise check.fail(f"{where}.said_on", f"'{said_on}' is not a YYYY-MM-DD date") from None
    return _ExtStatement(
        id=_ext_identifier(item.get("statement"), f"{where}.statement", check),
        speaker=None
        if item.get("speaker") is None
        else _ext_identifier(item["speaker"], f"{where}.speaker", check),
        topic=None
        if item.get("topic") is None
        else _ext_identifier(item["topic"], f"{where}.topic", check),
        kind=None
        if item.get("kind") is None
        else _ext_enum(item["kind"], Kind, f"{where}.kind", check),
        quotes=None if quotes is None else tuple(quotes),
        note=note if note and note.strip() else None,
        tags=tuple(tags),
        order=_ext_optional(item, "order", int, where, check),
        said_on=said_on,
    )


def _ext_response(raw: Any, where: str, check: _Checker) -> _ExtResponse:
    item = check.obj(raw, where)
    return _ExtResponse(
        answer=_ext_identifier(item.get("from"), f"{where}.from", check),
        answered=_ext_identifier(item.get("to"), f"{where}.to", check),
        relation=_ext_enum(item.get("relation"), Relation, f"{where}.relation", check),
        order=_ext_optional(item, "order", int, where, check),
    )


# --- OVA's HTML text --------------------------------------------------------------------------


class _OvaText(HTMLParser):
    """Plain text from OVA's HTML, with where each ``<span id="nodeN">`` starts and ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str | None, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.add("\n")
        elif tag == "span":
            ident = dict(attrs).get("id") or ""
            self.open.append((ident[4:] if ident.startswith("node") else None, self.length))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            self.end_span()
        elif tag in _BLOCK_TAGS:
            self.add("\n")

    def handle_data(self, data: str) -> None:
        self.add(data)

    def end_span(self) -> None:
        node, start = self.open.pop()
        if node and node not in self.spans:
            self.spans[node] = (start, self.length)


def text_and_spans(html: str) -> tuple[str, dict[str, tuple[int, int]]]:
    r"""Plain text of OVA's HTML, and each node's span in it (``id="node7"`` → ``"7"``).

    >>> text_and_spans('a <span class="highlighted" id="node7">b &amp; c</span><br>d')
    ('a b & c\nd', {'7': (2, 7)})
    """
    parser = _OvaText()
    parser.feed(html)
    parser.close()
    while parser.open:  # spans left open end with the text
        parser.end_span()
    return "".join(parser.parts), parser.spans


# --- building the annotation ------------------------------------------------------------------


def _sanitised(raw: str, prefix: str = "") -> str:
    """An argmap id made from any text: letters, digits and ``_.-``, not at either end."""
    text = _NOT_ID.sub("-", prefix + raw).strip("-_.")
    return text[:128].rstrip("-_.") or "x"


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _sanitised(ascii_name.lower())[:60].rstrip("-_.") or "speaker"


def _unique(candidate: str, used: set[str]) -> str:
    result, number = candidate, 2
    while result in used:
        suffix = f"-{number}"
        result, number = candidate[: 128 - len(suffix)] + suffix, number + 1
    used.add(result)
    return result


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _words_after(text: str, name: str | None) -> tuple[str | None, str]:
    """Split a locution's text into a speaker's name and the words, by AIFdb's convention.

    With ``name`` (the participant's), only that name is taken off the front.
    """
    if name is not None:
        pattern = r"\s*" + r"\s+".join(map(re.escape, name.split())) + r"\s*:\s*"
        match = re.match(pattern, text, re.IGNORECASE)
        return name, (text[match.end() :] if match else text).strip()
    match = _SPEAKER_PREFIX.match(text)
    if match is not None:
        return " ".join(match.group(1).split()), text[match.end() :].strip()
    match = _SPEAKER_SAYS.match(text)
    if match is not None:
        return " ".join(match.group(1).split()), match.group(2).rstrip("'\"\u2019\u201d").strip()
    return None, text.strip()


@dataclass
class _Statement:
    node: _Node
    locutions: list[str]
    """L-nodes anchored to it, the first giving the speaker."""
    illocution: str | None
    id: str = ""
    speaker: str = ""
    responses: list[_Response] = field(default_factory=list)


@dataclass
class _Response:
    carrier: _Node
    answered: _Statement
    relation: Relation
    link_to: _Statement | None
    order: tuple[int, int]


class _Reader:
    """One import: reads the checked source into annotation data and the report."""

    def __init__(self, source: _Source, name: str, form: str) -> None:
        self.source = source
        self.name = name
        self.nodes = source.nodes
        self.ext = source.extension
        self.report = ImportReport(name, form)
        self.report.notes += source.notes
        self.outcome: dict[str, tuple[bool, str]] = {}
        self.after: dict[str, list[str]] = defaultdict(list)
        self.before: dict[str, list[str]] = defaultdict(list)
        for start, stop in source.edges:
            self.after[start].append(stop)
            self.before[stop].append(start)
        self.person_of: dict[str, str | None] = {}
        for locution in source.locutions:
            self.person_of.setdefault(locution.node, locution.person)
        self.used_locutions: set[str] = set()
        self.used_participants: set[str] = set()
        self.pairs: dict[tuple[str, str], _Response] = {}
        self.links: dict[str, list[tuple[_Statement, _Statement]]] = defaultdict(list)
        self.plain = ""
        self.spans: dict[str, tuple[int, int]] = {}
        self.annotators: set[str] = set()
        """L-nodes of annotators (analysing, or copying another locution)."""

    # Outcomes: a node is mapped as soon as one step uses it; skipped only if none does.
    def mapped(self, node: _Node, what: str) -> None:
        if not self.outcome.get(node.id, (False, ""))[0]:
            self.outcome[node.id] = (True, f"{node.label} -> {what}")

    def skipped(self, node: _Node, why: str) -> None:
        self.outcome.setdefault(node.id, (False, f"{node.label}: {why}"))

    def typed(self, ids: Iterable[str], *types: str) -> list[_Node]:
        return [self.nodes[i] for i in ids if self.nodes[i].type in types]

    def read(self) -> dict[str, Any]:
        self.classify_locutions()
        statements = self.find_statements()
        self.name_statements(statements)
        speakers = self.find_speakers(statements)
        self.find_responses(statements)
        article, finder = self.article(statements)
        topics, topic_of = self.topics(statements)
        ordered = sorted(statements.values(), key=self.statement_order)
        data = {
            "article": article,
            "speakers": speakers,
            "topics": topics,
            "statements": [self.statement(s, topic_of[s.node.id], finder) for s in ordered],
        }
        self.account()
        return data

    # L-nodes -------------------------------------------------------------------------------
    def classify_locutions(self) -> None:
        """Leave out annotators' locutions: *Analysing* ones, and copies of another's text."""
        texts = {n.text.strip() for n in self.nodes.values() if n.type == "L"}
        for node in self.nodes.values():
            if node.type == "L":
                anchors = self.typed(self.after[node.id], "YA")
                if any(self.typed(self.after[ya.id], "L") for ya in anchors):
                    self.annotators.add(node.id)
                    self.skipped(node, "annotator's analysing locution")
                    for ya in anchors:
                        self.skipped(ya, "an annotator's analysis of a locution")
                elif not any(self.typed(self.after[ya.id], "I") for ya in anchors):
                    _, words = _words_after(node.text, None)
                    if words != node.text.strip() and words in texts:
                        self.annotators.add(node.id)
                        self.skipped(node, "annotator's copy of another locution")

    # I-nodes -------------------------------------------------------------------------------
    def find_statements(self) -> dict[str, _Statement]:
        statements: dict[str, _Statement] = {}
        for node in self.nodes.values():
            if node.type != "I":
                continue
            if not node.text.strip():
                self.skipped(node, "no text")
                continue
            anchors = sorted(
                (source.index, source.id, ya)
                for ya in self.typed(self.before[node.id], "YA")
                for source in self.typed(self.before[ya.id], "L")
                if source.id not in self.annotators
            )
            if not anchors:
                anchors = self.transition_anchors(node)
            statements[node.id] = _Statement(
                node,
                [locution for _, locution, _ in anchors],
                anchors[0][2].scheme if anchors else None,
            )
            self.mapped(node, "statement")
            for number, (_, locution, ya) in enumerate(anchors):
                if number == 0:
                    self.mapped(self.nodes[locution], "speaker and words of a statement")
                    self.mapped(ya, "illocution of a statement")
                else:
                    self.skipped(self.nodes[locution], "a further locution of a proposition")
                    self.skipped(ya, "illocution of a further locution of a proposition")
        return statements

    def transition_anchors(self, node: _Node) -> list[tuple[int, str, _Node]]:
        """Locutions asserting a proposition through a transition (``TA → YA → I``).

        Used when no locution is anchored to the proposition directly: the transition's later
        locution said it.
        """
        return sorted(
            (later.index, later.id, ya)
            for ya in self.typed(self.before[node.id], "YA")
            for ta in self.typed(self.before[ya.id], "TA")
            for later in self.typed(self.after[ta.id], "L")[:1]
        )

    def statement_of_locution(self, statements: Mapping[str, _Statement]) -> dict[str, _Statement]:
        result: dict[str, _Statement] = {}
        for statement in sorted(statements.values(), key=lambda s: s.node.index):
            for locution in statement.locutions[:1]:
                result.setdefault(locution, statement)
        return result

    def name_statements(self, statements: Mapping[str, _Statement]) -> None:
        used: set[str] = set()
        ext = self.ext.statements if self.ext else {}
        for statement in statements.values():
            wanted = ext.get(statement.node.id)
            if wanted is not None and wanted.id not in used:
                statement.id = wanted.id
                used.add(wanted.id)
        for statement in statements.values():
            if not statement.id:
                statement.id = _unique(_sanitised(statement.node.id, "i"), used)

    # Speakers --------------------------------------------------------------------------------
    def find_speakers(self, statements: Mapping[str, _Statement]) -> dict[str, Any]:
        """Give each statement a speaker: its locution's participant, or the name in its text."""
        ext = self.ext
        speakers: dict[str, dict[str, Any]] = dict(ext.speakers) if ext else {}
        by_name = {_name_key(data["name"]): sid for sid, data in speakers.items()}
        used = set(speakers)
        unknown = 0

        def named(name: str) -> str:
            key = _name_key(name)
            if key not in by_name:
                by_name[key] = _unique(_slug(name), used)
                speakers[by_name[key]] = {"name": name}
            return by_name[key]

        for statement in statements.values():
            speaker = None
            if statement.locutions:
                locution = statement.locutions[0]
                person = self.person_of.get(locution)
                if person is not None:
                    if ext and person in ext.participant_speaker:
                        speaker = ext.participant_speaker[person]
                    elif self.source.participants.get(person, "").strip():
                        speaker = named(self.source.participants[person])
                    if speaker is not None:
                        self.used_locutions.add(locution)
                        self.used_participants.add(person)
                if speaker is None:
                    name, _ = _words_after(self.nodes[locution].text, None)
                    if name is not None:
                        speaker = named(name)
                    elif person is not None:
                        speaker = named(f"Person {person}")
                        self.used_locutions.add(locution)
            if speaker is None and ext and statement.node.id in ext.statements:
                wanted = ext.statements[statement.node.id].speaker
                speaker = wanted if wanted in speakers else None
            if speaker is None:
                unknown += 1
                speaker = named("Unknown")
            statement.speaker = speaker
        if unknown:
            self.report.notes.append(
                f"{unknown} statement(s) have no locution naming a speaker: "
                f"their speaker is '{by_name[_name_key('Unknown')]}'"
            )
        return speakers

    # Responses -------------------------------------------------------------------------------
    def find_responses(self, statements: Mapping[str, _Statement]) -> None:
        """Turn S-nodes and transitions' illocutions into responses; then the undercuts."""
        by_locution = self.statement_of_locution(statements)
        undercuts: list[tuple[_Node, list[_Statement], _Node]] = []
        candidates: list[tuple[_Node, _Statement, _Statement, Relation]] = []

        for node in self.nodes.values():
            if node.type in ("RA", "CA", "MA"):
                premises = self.typed(self.before[node.id], "I")
                answers = [statements[p.id] for p in premises if p.id in statements]
                relation = self.s_node_relation(node)
                for target in (self.nodes[t] for t in self.after[node.id]):
                    if target.type == "I" and target.id in statements:
                        candidates += [(node, a, statements[target.id], relation) for a in answers]
                    elif target.type in ("RA", "CA", "MA", "TA") and node.type == "CA":
                        undercuts.append((node, answers, target))
                    elif target.type in ("RA", "CA", "MA", "TA"):
                        self.skipped(node, "bears on an inference, which argmap cannot link to")
                if not answers:
                    self.skipped(node, "no imported proposition on its premise side")
            elif node.type == "PA":
                self.skipped(node, "preference: argmap has no equivalent")
            elif node.type == "YA":
                for ta in self.typed(self.before[node.id], "TA"):
                    later = self.typed(self.after[ta.id], "L")[:1]
                    answer = by_locution.get(later[0].id) if later else None
                    for target in self.typed(self.after[node.id], "I"):
                        answered = statements.get(target.id)
                        if answer is None or answered is None:
                            self.skipped(node, "its transition or proposition is not imported")
                        elif answer is not answered:
                            candidates.append(
                                (node, answer, answered, _transition_relation(node.scheme))
                            )
            elif node.type == "TA" and self.ext and node.id in self.ext.responses:
                earlier = self.typed(self.before[node.id], "L")[:1]
                later = self.typed(self.after[node.id], "L")[:1]
                if (
                    earlier
                    and later
                    and by_locution.get(earlier[0].id)
                    and by_locution.get(later[0].id)
                ):
                    candidates.append(
                        (
                            node,
                            by_locution[later[0].id],
                            by_locution[earlier[0].id],
                            Relation.RESPONDS,
                        )
                    )
        for carrier, answer, answered, relation in sorted(candidates, key=lambda c: c[0].index):
            self.respond(carrier, answer, answered, relation, None)

        # An undercut attacks a link once that link is imported, so resolve in rounds: a
        # conflict may attack another conflict's link.
        waiting = undercuts
        while waiting:
            still = []
            for carrier, answers, target in waiting:
                links = self.links_of(target, by_locution)
                if not links:
                    still.append((carrier, answers, target))
                    continue
                for attacked, link_to in links:
                    for answer in answers:
                        self.respond(carrier, answer, attacked, Relation.UNDERCUTS, link_to)
            if len(still) == len(waiting):
                for carrier, _, _ in still:
                    self.skipped(carrier, "attacks a link that is not imported")
                break
            waiting = still

        for node in self.nodes.values():
            if node.type == "YA" and not self.outcome.get(node.id, (False,))[0]:
                for target in self.typed(self.after[node.id], "RA", "CA", "MA"):
                    if self.outcome.get(target.id, (False,))[0]:
                        self.mapped(node, "anchors a relation in its transition")
        for node in self.nodes.values():
            if node.type == "TA":
                anchored = self.typed(self.after[node.id], "YA")
                if any(self.outcome.get(ya.id, (False,))[0] for ya in anchored):
                    self.mapped(node, "transition of a relation")
                else:
                    self.skipped(node, "the order of locutions (argmap keeps statements in order)")

    def s_node_relation(self, node: _Node) -> Relation:
        if node.type == "RA":
            return Relation.SUPPORTS
        if node.type == "MA":
            return Relation.QUALIFIES
        anchors = self.typed(self.before[node.id], "YA")
        disagreeing = any(_squash(ya.scheme) == "disagreeing" for ya in anchors)
        return Relation.DENIES if disagreeing else Relation.COUNTERS

    def links_of(
        self, node: _Node, by_locution: Mapping[str, _Statement]
    ) -> list[tuple[_Statement, _Statement]]:
        """The imported links a node carries.

        Its own responses, or for a transition the response of its later locution's statement
        to its earlier locution's.
        """
        if node.type != "TA":
            return self.links.get(node.id, [])
        earlier = self.typed(self.before[node.id], "L")[:1]
        later = self.typed(self.after[node.id], "L")[:1]
        if not earlier or not later:
            return []
        answer, answered = by_locution.get(later[0].id), by_locution.get(earlier[0].id)
        if answer is None or answered is None or (answer.id, answered.id) not in self.pairs:
            return []
        return [(answer, answered)]

    def respond(
        self,
        carrier: _Node,
        answer: _Statement,
        answered: _Statement,
        relation: Relation,
        link_to: _Statement | None,
    ) -> None:
        if answer is answered:
            self.skipped(carrier, "relates a statement to itself")
            return
        if (answer.id, answered.id) in self.pairs:
            self.skipped(carrier, "a second relation between the same two statements")
            return
        order: tuple[int, int] = (1, carrier.index)
        wanted = self.ext.responses.get(carrier.id) if self.ext else None
        if wanted and (wanted.answer, wanted.answered) == (answer.id, answered.id):
            if (
                wanted.relation is relation
                or {wanted.relation, relation} <= _ATTACKS
                or (carrier.type == "TA" and wanted.relation is Relation.RESPONDS)
            ):
                relation = wanted.relation
            if wanted.order is not None:
                order = (0, wanted.order)
        response = _Response(carrier, answered, relation, link_to, order)
        answer.responses.append(response)
        self.pairs[(answer.id, answered.id)] = response
        self.links[carrier.id].append((answer, answered))
        self.mapped(carrier, str(relation))

    # Article, topics, statements ---------------------------------------------------------------
    def article(
        self, statements: Mapping[str, _Statement]
    ) -> tuple[dict[str, Any], ArticleText | None]:
        ext = self.ext
        article: dict[str, Any] = {}
        if ext:
            article.update(ext.article)
        article.setdefault("title", PurePath(self.name).stem or "Imported argument map")
        text = article.pop("text", None)
        if self.source.html is not None and self.source.html.strip():
            text, self.spans = text_and_spans(self.source.html)
            text = _clean(text)
            self.plain = text
            self.report.notes.append(
                "the article text is the file's analysed text, HTML made plain"
            )
        elif text is None and ext is None:
            lines = [
                " ".join(self.nodes[locution].text.split())
                for statement in sorted(statements.values(), key=lambda s: s.node.index)
                for locution in statement.locutions[:1]
            ]
            if lines:
                text = "\n".join(lines) + "\n"
                article.setdefault(
                    "note",
                    "AIF holds no article text: the text here is the file's locutions, "
                    "one per line, so that the speakers' words are kept as quotes.",
                )
                self.report.notes.append(
                    "the article text is made of the locutions (AIF holds no source text)"
                )
        if text is not None and text.strip():
            article["text"] = unicodedata.normalize("NFC", text)
            return article, ArticleText(article["text"])
        return article, None

    def topics(
        self, statements: Mapping[str, _Statement]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        ext = self.ext
        topics: dict[str, Any] = dict(ext.topics) if ext else {}
        topic_of = {}
        for statement in statements.values():
            wanted = ext.statements.get(statement.node.id) if ext else None
            if wanted and wanted.topic in topics:
                topic_of[statement.node.id] = wanted.topic
            else:
                topics.setdefault("imported", {"label": "Imported"})
                topic_of[statement.node.id] = "imported"
        return topics, topic_of

    def statement_order(self, statement: _Statement) -> tuple[int, int]:
        wanted = self.ext.statements.get(statement.node.id) if self.ext else None
        if wanted and wanted.order is not None:
            return (0, wanted.order)
        return (1, statement.node.index)

    def quotes(
        self, statement: _Statement, finder: ArticleText | None
    ) -> list[tuple[str, Speech]]:
        if finder is None:
            return []
        wanted = self.ext.statements.get(statement.node.id) if self.ext else None
        if wanted:  # argmap wrote the file: its quotes are all there are
            stated = wanted.quotes or ()
            found = [q for q in stated if finder.find(q[0]) is not None]
            missing = len(stated) - len(found)
            if missing:
                self.report.skipped["quote (argmap extension): not in the article text"] += missing
            return found
        result: list[tuple[str, Speech]] = []
        for locution in statement.locutions[:1]:
            name = self.speaker_name(locution)
            _, words = _words_after(self.nodes[locution].text, name)
            quote = self.span_quote(locution) or words
            if not quote or not ArticleText.words_of(quote) or finder.find(quote) is None:
                continue
            said, given = normalise(words), normalise(quote)
            direct = said in given or given in said
            result.append((quote, Speech.DIRECT if direct else Speech.REPORTED))
        return result

    def speaker_name(self, locution: str) -> str | None:
        """The name of the participant a locution is attributed to, if it has one."""
        person = self.person_of.get(locution)
        if locution in self.used_locutions and person in self.source.participants:
            return self.source.participants[person] or None
        return None

    def span_quote(self, locution: str) -> str | None:
        """The words OVA highlighted for a locution, widened to whole words."""
        if locution not in self.spans:
            return None
        text = self.plain
        start, end = self.spans[locution]
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        quote = unicodedata.normalize("NFC", text[start:end]).strip()
        return quote or None

    def statement(
        self, statement: _Statement, topic: str, finder: ArticleText | None
    ) -> dict[str, Any]:
        wanted = self.ext.statements.get(statement.node.id) if self.ext else None
        responses = sorted(statement.responses, key=lambda r: r.order)
        kind = wanted.kind if wanted and wanted.kind else None
        if kind is None and statement.illocution:
            kind = _illocution_kind(statement.illocution)
        if kind is None and responses:
            kind = _KIND_OF[responses[0].relation]
        if kind is None or (kind in RESPONSE_KINDS and not responses and not wanted):
            kind = Kind.CLAIM
        data: dict[str, Any] = {
            "id": statement.id,
            "speaker": statement.speaker,
            "topic": topic,
            "kind": kind.value,
            "text": statement.node.text,
        }
        quotes = self.quotes(statement, finder)
        speeches = {speech for _, speech in quotes}
        if quotes and speeches == {Speech.REPORTED}:
            data["speech"] = Speech.REPORTED.value
        forms: list[Any] = [
            text
            if speech is Speech.DIRECT or speeches == {Speech.REPORTED}
            else {"text": text, "speech": speech.value}
            for text, speech in quotes
        ]
        if forms:
            data["quote"] = forms[0] if len(forms) == 1 else forms
        if responses:
            data["responds_to"] = [self.response(r, kind) for r in responses]
        if wanted and wanted.note:
            data["note"] = wanted.note
        if wanted and wanted.tags:
            data["tags"] = list(wanted.tags)
        if wanted and wanted.said_on:
            data["said_on"] = wanted.said_on
        return data

    def response(self, response: _Response, kind: Kind) -> str | dict[str, str]:
        if response.relation is Relation.UNDERCUTS and response.link_to is not None:
            return {
                "to": response.answered.id,
                "relation": response.relation.value,
                "link_to": response.link_to.id,
            }
        if response.relation is DEFAULT_RELATION[kind]:
            return response.answered.id
        return {"to": response.answered.id, "relation": response.relation.value}

    # The report --------------------------------------------------------------------------------
    def account(self) -> None:
        report = self.report
        for node in self.nodes.values():
            if node.id not in self.outcome:
                self.skipped(node, _DEFAULT_REASONS.get(node.type, "unknown node type"))
            is_mapped, what = self.outcome[node.id]
            (report.mapped if is_mapped else report.skipped)[what] += 1
        for start, stop in self.source.edges:
            if self.outcome[start][0] and self.outcome[stop][0]:
                report.mapped["edge -> joins imported elements"] += 1
            else:
                report.skipped["edge: touches a node that is not imported"] += 1
        if self.source.duplicate_edges:
            report.skipped["edge: repeats another edge"] += self.source.duplicate_edges
        seen: set[str] = set()
        participants = self.source.participants
        for locution in self.source.locutions:
            if locution.node not in self.nodes:
                report.skipped["locution: names no node"] += 1
            elif self.nodes[locution.node].type != "L":
                report.skipped["locution: names a node that is not an L-node"] += 1
            elif locution.node in seen:
                report.skipped["locution: repeats another of the same L-node"] += 1
            elif locution.node in self.used_locutions:
                report.mapped["locution -> speaker of a statement"] += 1
            elif self.outcome[locution.node][0] and locution.person not in participants:
                report.skipped["locution: its person is no participant (named in the L-node)"] += 1
            else:
                report.skipped["locution: its L-node gives no statement its speaker"] += 1
            seen.add(locution.node)
        for person in self.source.participants:
            if person in self.used_participants:
                report.mapped["participant -> speaker"] += 1
            else:
                report.skipped["participant: speaks no imported locution"] += 1
        if self.ext is not None:
            report.notes.append("argmap's own data in the file restores ids, kinds and quotes")
            if self.ext.version > _SUPPORTED_VERSION:
                report.notes.append(
                    f"the argmap data is version {self.ext.version}; "
                    f"read as version {_SUPPORTED_VERSION}"
                )
        if not self.nodes:
            report.notes.append("the file has no nodes")


_DEFAULT_REASONS: Final = {
    "L": "gives no imported statement its words",
    "YA": "connects nothing argmap imports",
    "TA": "the order of locutions (argmap keeps statements in order)",
    "RA": "relates no imported statements",
    "CA": "relates no imported statements",
    "MA": "relates no imported statements",
    "PA": "preference: argmap has no equivalent",
}


def read_document(document: Any, name: str) -> Imported:
    """Import parsed AIF or xAIF (told apart by structure) as annotation data and a report."""
    source, form = _read_source(document, name)
    reader = _Reader(source, name, form)
    return Imported(reader.read(), reader.report)


def read_aif(text: str, name: str, *, source_text: str | None = None) -> Imported:
    """Import an AIF file (AIFdb JSON; OVA's xAIF wrapper is recognised too).

    Args:
        text: The file's text.
        name: The file's name, for messages; its stem is the title when the file has none.
        source_text: The OVA-highlighted text AIFdb serves beside a nodeset
            (``nodesetN.txt``), if available: it becomes the article text, and each
            locution's words found in it a quote.

    Raises:
        FormatError: The file is not JSON, not AIF, or inconsistent (an edge to a missing node,
            a duplicate id, a cycle of scheme nodes), naming the element.
    """
    source, form = _read_source(load_json(text, name), name)
    if source_text is not None and source.html is None:
        source.html = source_text
    reader = _Reader(source, name, form)
    return Imported(reader.read(), reader.report)
