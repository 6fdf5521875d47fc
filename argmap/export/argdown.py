"""Argdown: the map as an Argdown document, for Argdown's editor, maps and tools.

Argdown (argdown.org) writes argument maps as text. argmap writes one titled statement per
statement, under a heading per topic::

    [johnson-rejects-denial]: Lavrov's denial … is wrong. #(Boris Johnson) #denial
      {speech: reported, quote: "Mr Johnson rejected Mr Lavrov’s denial"}
      -> [lavrov-denies-attempts]

The title is the statement's id; the speaker's name and the kind are tags (Argdown colours a
statement by its first tag, so the map is coloured by speaker); the statement's own tags follow.
Responses are relations written under the responding statement, so Argdown's model has them
from the responder to its target: ``->`` for an attack (``denies``, ``counters``), ``+>`` for a
support (``supports``, ``agrees``, ``concedes``), ``_>`` for ``undercuts``. Argdown has no
relation for ``qualifies``, ``questions``, ``answers`` and ``responds``; those are kept in the
statement's YAML data ``{…}``, with everything else tags and relations cannot say exactly
(quotes, speech, note, and any field the display does not give back exactly). The front matter
holds the article (its text too, so that quotes can be checked again on import), the speakers
and the topics. :mod:`argmap.importers.argdown` reads all of it back to the same annotation.

The helpers at the end of this module (escaping, the YAML flow writer, how tags and relations
are read back) are the conventions of argmap's Argdown, shared with the importer, so that what
one writes the other reads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from argmap import yamlsource
from argmap.graph import ArgGraph, responses, speakers, statements, topics
from argmap.model import DEFAULT_RELATION, Kind, Relation

__all__ = ["to_argdown"]

FORMAT_VERSION: Final = 1
"""The version of argmap's front matter (``argmap: {version: 1, …}``)."""

ARGDOWN_TYPE: Final[Mapping[Relation, str]] = MappingProxyType(
    {
        Relation.DENIES: "attack",
        Relation.COUNTERS: "attack",
        Relation.SUPPORTS: "support",
        Relation.AGREES: "support",
        Relation.CONCEDES: "support",
        Relation.UNDERCUTS: "undercut",
    }
)
"""The Argdown relation type of each argmap relation that has one."""

CANONICAL_RELATION: Final[Mapping[str, Relation]] = MappingProxyType(
    {
        "attack": Relation.COUNTERS,
        "contrary": Relation.COUNTERS,
        "contradictory": Relation.DENIES,
        "support": Relation.SUPPORTS,
        "entails": Relation.SUPPORTS,
        "undercut": Relation.UNDERCUTS,
    }
)
"""The argmap relation an Argdown relation type becomes when the statement's kind says nothing."""

_FAMILY: Final = MappingProxyType(
    {"contrary": "attack", "contradictory": "attack", "entails": "support"}
)
_ARROWS: Final = MappingProxyType({"attack": "->", "support": "+>", "undercut": "_>"})
_KINDS: Final = frozenset(kind.value for kind in Kind)
_PLAIN_WORDS: Final = frozenset({*_KINDS, *(r.value for r in Relation), "direct", "reported"})
"""Values written without quotes in data: words that YAML reads as text in every version."""
_SPEAKER_FIELDS: Final = ("name", "role", "group", "color")
_ARTICLE_FIELDS: Final = ("id", "outlet", "url", "language", "note")
_LINE: Final = 99


def to_argdown(graph: ArgGraph) -> str:
    """Return ``graph`` as an Argdown document that the Argdown parser accepts.

    >>> from argmap.graph import build_graph
    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: Taxes}
    ... speakers: {ana: {name: Ana Alves}, ben: {name: Ben Bell}}
    ... topics: {t: Tax rates}
    ... statements:
    ...   - {id: s1, speaker: ana, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: ben, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> print(to_argdown(graph).split("===")[2].strip())
    # Tax rates
    <BLANKLINE>
    [s1]: Taxes rose. #(Ana Alves) #claim
    <BLANKLINE>
    [s2]: They did not. #(Ben Bell) #denial
      -> [s1]
    """
    speaker_names = {data["id"]: data["name"] for _, data in speakers(graph)}
    by_name = speakers_by_tag(speaker_names)
    answered: dict[str, list[str]] = {}
    outgoing: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for source, target, edge in responses(graph):
        source_id, target_id = graph.nodes[source]["id"], graph.nodes[target]["id"]
        answered.setdefault(source_id, []).append(target_id)
        outgoing.setdefault(source_id, []).append((target_id, edge))
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for _, data in statements(graph):
        by_topic.setdefault(data["topic"], []).append(data)
    topic_list = [data for _, data in topics(graph)]
    labels = Counter(t["label"] for t in topic_list)
    blocks: list[str] = []
    written: list[str] = []
    for topic in topic_list:
        label = topic["label"]
        heading = f"# {escape_text(normalise_space(label))}"
        if not (is_simple(label) and labels[label] == 1):
            heading += " " + flow({"topic": topic["id"]})
        blocks.append(heading)
        for data in by_topic.get(topic["id"], []):
            written.append(data["id"])
            blocks.append(
                _statement(data, speaker_names, by_name, outgoing.get(data["id"], []), answered)
            )
    if not topic_list:
        # An Argdown document needs one element; this heading is marked as no topic.
        title = graph.graph["article"]["title"]
        blocks.append(f"# {escape_text(normalise_space(title))} {flow({'topic': None})}")
    order = [data["id"] for _, data in statements(graph)]
    front = _front_matter(graph, None if order == written else order)
    return front + "\n\n" + "\n\n".join(blocks) + "\n"


def _statement(
    data: Mapping[str, Any],
    speaker_names: Mapping[str, str],
    by_name: Mapping[str, str | None],
    outgoing: Sequence[tuple[str, Mapping[str, Any]]],
    answered: Mapping[str, Sequence[str]],
) -> str:
    """One statement: title, text and tags; the data tags cannot carry; its relations."""
    kind = Kind(data["kind"])
    name = speaker_names[data["speaker"]]
    shown_tags = unique([*([name] if tag_safe(name) else []), kind.value])
    shown_tags += [tag for tag in data["tags"] if tag_safe(tag)]
    shown_tags = unique(shown_tags)
    read_speaker, read_kind, read_tags = resolve_tags(shown_tags, by_name)
    fields: dict[str, Any] = {}
    if read_speaker != data["speaker"]:
        fields["speaker"] = data["speaker"]
    if read_kind != kind.value:
        fields["kind"] = kind.value
    if not is_simple(data["text"]):
        fields["text"] = data["text"]
    fields.update(_quotes(data["quotes"]))
    children = []
    for target, edge in outgoing:
        argdown_type = ARGDOWN_TYPE.get(Relation(edge["relation"]))
        if argdown_type is not None:
            children.append(f"  {_ARROWS[argdown_type]} [{target}]")
    if not _relations_say_it_all(kind, outgoing, answered):
        fields["responds_to"] = [_response(kind, target, edge) for target, edge in outgoing]
    if data["note"] is not None:
        fields["note"] = data["note"]
    if read_tags != list(data["tags"]):
        fields["tags"] = list(data["tags"])
    if data["said_on"] is not None:
        fields["said_on"] = data["said_on"]
    tags = " ".join(tag_text(tag) for tag in shown_tags)
    lines = [f"[{data['id']}]: {escape_text(normalise_space(data['text']))} {tags}"]
    if fields:
        lines.append(flow_block(fields, indent="  "))
    return "\n".join(lines + children)


def _quotes(quotes: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``quote`` and ``speech`` fields that give back each quote's text and speech."""
    if not quotes:
        return {}
    speeches = {quote["speech"] for quote in quotes}
    statement_speech = "reported" if speeches == {"reported"} else "direct"
    items: list[Any] = [
        quote["text"]
        if quote["speech"] == statement_speech
        else {"text": quote["text"], "speech": quote["speech"]}
        for quote in quotes
    ]
    fields: dict[str, Any] = {"speech": "reported"} if statement_speech == "reported" else {}
    fields["quote"] = items[0] if len(items) == 1 else items
    return fields


def _relations_say_it_all(
    kind: Kind,
    outgoing: Sequence[tuple[str, Mapping[str, Any]]],
    answered: Mapping[str, Sequence[str]],
) -> bool:
    """Whether the importer gets every response back from the Argdown relations alone."""
    for target, edge in outgoing:
        relation = Relation(edge["relation"])
        argdown_type = ARGDOWN_TYPE.get(relation)
        if argdown_type is None or infer_relation(kind, argdown_type) is not relation:
            return False
        if relation is Relation.UNDERCUTS and len(answered.get(target, ())) != 1:
            return False
    return True


def _response(kind: Kind, target: str, edge: Mapping[str, Any]) -> str | dict[str, str]:
    """A response as the annotation format writes it, as short as it can be."""
    relation = Relation(edge["relation"])
    if relation is DEFAULT_RELATION[kind]:
        return target
    response = {"to": target, "relation": relation.value}
    if edge["link_to"] is not None:
        response["link_to"] = edge["link_to"]
    return response


def _front_matter(graph: ArgGraph, order: list[str] | None) -> str:
    """Argdown's front matter: its own title, author and date, and argmap's data."""
    article = graph.graph["article"]
    front: dict[str, Any] = {"title": article["title"]}
    for key in ("author", "date"):
        if article[key] is not None:
            front[key] = article[key]
    # Argdown settings: tags are labels, not text; every statement is shown on the map.
    front["model"] = {"removeTagsFromText": True}
    front["selection"] = {"excludeDisconnected": False}
    own: dict[str, Any] = {"version": FORMAT_VERSION}
    details = {key: article[key] for key in _ARTICLE_FIELDS if article[key] is not None}
    if graph.graph["article_text"] is not None:
        details["text"] = graph.graph["article_text"]
    if details:
        own["article"] = details
    own["speakers"] = {
        data["id"]: {key: data[key] for key in _SPEAKER_FIELDS if data[key] is not None}
        for _, data in speakers(graph)
    }
    own["topics"] = {
        data["id"]: (
            data["label"]
            if data["description"] is None
            else {"label": data["label"], "description": data["description"]}
        )
        for _, data in topics(graph)
    }
    if order is not None:
        own["order"] = order
    front["argmap"] = own
    body = yamlsource.dump(front)
    if "===" in body:
        # Argdown's front matter ends at the first "===": write it as a YAML flow mapping
        # instead, where "=" can be escaped.
        body = flow_block(front, indent="", escape="=") + "\n"
    return "===\n" + body + "==="


# The conventions of argmap's Argdown, shared with argmap.importers.argdown.


def normalise_space(text: str) -> str:
    """The text with runs of white space as one space: what Argdown's text keeps of it."""
    return " ".join(text.split())


def is_simple(text: str) -> bool:
    """Whether Argdown's text gives ``text`` back exactly (no line breaks, no runs of space)."""
    return text == normalise_space(text)


def unique(items: Iterable[str]) -> list[str]:
    """The items without repeats, in order (Argdown keeps each tag of an element once)."""
    return list(dict.fromkeys(items))


def tag_safe(tag: str) -> bool:
    """Whether ``#(tag)`` gives the tag back exactly: Argdown ends it at the first ``)``."""
    return bool(tag) and not any(char in tag for char in ")\n\r")


def tag_text(tag: str) -> str:
    """The tag as Argdown writes it: ``#claim``, or ``#(Boris Johnson)`` if it needs brackets."""
    return f"#{tag}" if re.fullmatch(r"[A-Za-z0-9-]+", tag) else f"#({tag})"


def speakers_by_tag(names: Mapping[str, str]) -> dict[str, str | None]:
    """Speaker names that can be tags, to the speaker's id (None when several share the name)."""
    counts = Counter(names.values())
    return {
        name: speaker_id if counts[name] == 1 else None
        for speaker_id, name in names.items()
        if tag_safe(name)
    }


def resolve_tags(
    tags: Sequence[str], by_name: Mapping[str, str | None]
) -> tuple[str | None, str | None, list[str]]:
    """Read a statement's tags: the first naming a speaker, the first naming a kind, the rest.

    A speaker's name is the speaker's tag even when several speakers share it: it is shown for
    Argdown's colours, and the data then says which speaker it is.

    Returns:
        The speaker id (None if no tag names one speaker), the kind and the other tags, in
        their order.
    """
    speaker_tag: str | None = None
    kind: str | None = None
    rest: list[str] = []
    for tag in unique(tags):
        if speaker_tag is None and tag in by_name:
            speaker_tag = tag
        elif kind is None and tag in _KINDS:
            kind = tag
        else:
            rest.append(tag)
    return (by_name[speaker_tag] if speaker_tag is not None else None), kind, rest


def infer_relation(kind: Kind, argdown_type: str) -> Relation:
    """The argmap relation of an Argdown relation: the kind's own where it fits the type."""
    default = DEFAULT_RELATION[kind]
    fits = ARGDOWN_TYPE.get(default) == _FAMILY.get(argdown_type, argdown_type)
    if fits and (argdown_type != "contradictory" or default is Relation.DENIES):
        return default
    return CANONICAL_RELATION[argdown_type]


def escape_text(text: str) -> str:
    r"""Escape text so that Argdown's lexer reads it back as the same plain text.

    A backslash escapes any character in Argdown. Escaped: the characters that open Argdown
    syntax anywhere in a line (``[ ] < { } # @ * _`` and the backslash), ``//`` and ``/*``
    (comments), runs of ``=`` (front matter), and a ``.`` or ``:`` followed, before the next
    space, by another one (``.name.`` and ``:name:`` are special-character codes).

    >>> escape_text("U.S. [sic] #1 @home: 10:30:59 // a=b")
    'U\\.S. \\[sic\\] \\#1 \\@home: 10\\:30:59 \\// a=b'
    """
    out: list[str] = []
    later = {".": False, ":": False}
    pending: list[bool] = [False] * len(text)
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char.isspace():
            later = {".": False, ":": False}
        elif char in later:
            pending[index] = later[char]
            later[char] = True
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        previous = text[index - 1 : index] if index else ""
        if (
            char in "\\[]<{}#@*_"
            or (char == "/" and following in ("/", "*"))
            or (char == "=" and "=" in (following, previous))
            or pending[index]
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _string(value: str, escape: str) -> str:
    """A YAML double-quoted string both js-yaml and PyYAML read back exactly.

    Braces are escaped because Argdown's lexer ends data at a ``}`` followed by a space; every
    character that is not printable is escaped because PyYAML treats some as line breaks.
    """
    parts = ['"']
    for char in value:
        if char in '"\\':
            parts.append("\\" + char)
        elif char in "{}" or char in escape or not char.isprintable():
            code = ord(char)
            parts.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


def flow(value: Any, escape: str = "") -> str:
    r"""Write a value as YAML flow: what Argdown's data ``{…}`` holds.

    >>> flow({"speech": "reported", "quote": ["a", {"text": "b}", "speech": "direct"}]})
    '{speech: reported, quote: ["a", {text: "b\\u007d", speech: direct}]}'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value if value in _PLAIN_WORDS else _string(value, escape)
    if isinstance(value, Mapping):
        items = ", ".join(f"{_key(k, escape)}: {flow(v, escape)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item, escape) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _key(key: str, escape: str) -> str:
    """A mapping key: field names and ids are plain; anything else is quoted."""
    plain = key.replace("_", "a").replace("-", "a").isalnum() and key.isascii()
    return (
        key
        if plain and key[:1].isalpha() and key not in ("true", "false", "null")
        else (_string(key, escape))
    )


def flow_block(value: Mapping[str, Any], indent: str, escape: str = "") -> str:
    """A flow mapping on one line, or one key per line when it is long.

    The lines after the first are indented one more than the brace: YAML accepts any
    indentation inside a flow mapping, and Argdown's lexer reads the whole ``{…}`` as one token.
    """
    one_line = indent + flow(value, escape)
    if len(one_line) <= _LINE:
        return one_line
    items = [f"{_key(k, escape)}: {flow(v, escape)}" for k, v in value.items()]
    return indent + "{" + f",\n{indent} ".join(items) + "}"
