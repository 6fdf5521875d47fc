"""Generate realistic synthetic disputes of any size, for the benchmarks.

A dispute of N statements has an article in which every statement is reported (direct speech
in quotation marks, or reported speech), speakers on two or three sides, topics, and responses
of every kind: most statements answer an earlier one, mostly a recent one, as in a debate. About
one statement in twenty is listed out of article order, as annotators do. Output is
deterministic for a given N and seed.

    python benchmarks/generate.py 10000 /tmp/d10k      # writes annotation.yaml, article.txt,
                                                       # annotation.json, annotation.argdown
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

KINDS = [
    ("claim", 0.22),
    ("denial", 0.16),
    ("counterclaim", 0.18),
    ("concession", 0.08),
    ("support", 0.14),
    ("qualification", 0.07),
    ("agreement", 0.05),
    ("question", 0.06),
    ("answer", 0.04),
]
NEEDS_TARGET = {"support", "qualification", "agreement", "answer"}
ATTACKS = {"denial": "denies", "counterclaim": "counters"}
SUPPORTS = {"support": "supports", "agreement": "agrees", "concession": "concedes"}
VERBS = ["said", "insisted", "argued", "claimed", "told reporters", "added", "warned", "replied"]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vo",
    "sa",
    "du",
    "ne",
    "pri",
    "gal",
    "mor",
    "fen",
    "ta",
    "li",
    "bo",
    "rus",
    "zen",
    "cal",
    "dor",
]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def generate(n: int, seed: int = 1) -> tuple[dict[str, Any], str]:
    """Return (annotation as plain data, article text) for a dispute of ``n`` statements."""
    rng = random.Random(seed)
    words = _vocabulary(rng)

    def sentence(low: int, high: int) -> str:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))
        return text[0].upper() + text[1:]

    sides = ["Northland", "Southland", "Eastmark"][: 2 + (n >= 1000)]
    speaker_count = max(2, min(24, n // 100 + 2))
    speakers = {
        f"speaker-{i}": {
            "name": f"{sentence(1, 1)} {sentence(1, 1)}",
            "role": f"Minister of {sentence(1, 2)}",
            "group": sides[i % len(sides)],
        }
        for i in range(speaker_count)
    }
    topic_count = max(3, min(60, n // 50))
    topics = {f"topic-{i}": sentence(1, 3) for i in range(topic_count)}

    kinds, weights = zip(*KINDS, strict=True)
    paragraphs: list[str] = []
    statements: list[dict[str, Any]] = []
    for index in range(n):
        speaker_id = f"speaker-{rng.randrange(speaker_count)}"
        name = speakers[speaker_id]["name"]
        quote = sentence(8, 18)
        direct = rng.random() < 0.5
        if direct:
            paragraphs.append(f"{name} {rng.choice(VERBS)}: \u201c{quote}.\u201d")
        else:
            paragraphs.append(f"{name} {rng.choice(VERBS)} that {quote.lower()}.")
        kind = rng.choices(kinds, weights)[0]
        statement: dict[str, Any] = {
            "id": f"s{index}",
            "speaker": speaker_id,
            "topic": f"topic-{rng.randrange(topic_count)}",
            "kind": kind,
            "text": sentence(6, 14) + ".",
            "quote": f"{quote}." if direct else quote.lower(),
        }
        if not direct:
            statement["speech"] = "reported"
        if index and (kind in NEEDS_TARGET or rng.random() < 0.7):
            recent = max(0, index - 30) if rng.random() < 0.6 else 0
            targets = {
                f"s{rng.randrange(recent, index)}" for _ in range(1 + (rng.random() < 0.15))
            }
            responses: list[Any] = sorted(targets)
            if rng.random() < 0.1:
                responses = [{"to": responses[0], "relation": "responds"}, *responses[1:]]
            statement["responds_to"] = responses[0] if len(responses) == 1 else responses
        elif kind in NEEDS_TARGET:
            statement["kind"] = "claim"
        if rng.random() < 0.1:
            statement["note"] = sentence(5, 12) + "."
        if rng.random() < 0.2:
            statement["tags"] = [rng.choice(["joke", "accusation", "statistic", "promise"])]
        statements.append(statement)
    # Annotators list a few statements out of article order.
    for i in range(0, n - 1, 20):
        j = min(n - 1, i + rng.randint(1, 5))
        statements[i], statements[j] = statements[j], statements[i]
    article_text = "Synthetic dispute\n\n" + "\n\n".join(paragraphs) + "\n"
    annotation = {
        "article": {
            "title": f"A synthetic dispute of {n} statements",
            "outlet": "argmap benchmarks",
            "date": "2026-01-01",
            "text_file": "article.txt",
        },
        "speakers": speakers,
        "topics": topics,
        "statements": statements,
    }
    return annotation, article_text


def _yaml(annotation: dict[str, Any]) -> str:
    """Write the annotation in the block style people write by hand."""
    import yaml

    return yaml.safe_dump(annotation, allow_unicode=True, sort_keys=False, width=100)


def _argdown(annotation: dict[str, Any]) -> str:
    """The same dispute in Argdown: topics as headings, speakers as tags, attacks and supports."""
    lines = [f"# {annotation['article']['title']}", ""]
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for statement in annotation["statements"]:
        by_topic.setdefault(statement["topic"], []).append(statement)
    for topic, items in by_topic.items():
        lines += [f"## {annotation['topics'][topic]}", ""]
        for s in items:
            lines.append(f"[{s['id']}]: {s['text']} #{s['speaker']}")
            targets = s.get("responds_to", [])
            for target in targets if isinstance(targets, list) else [targets]:
                to = target["to"] if isinstance(target, dict) else target
                if s["kind"] in ATTACKS:
                    lines.append(f"  -> [{to}]")
                elif s["kind"] in SUPPORTS:
                    lines.append(f"  +> [{to}]")
            lines.append("")
    return "\n".join(lines)


def write(n: int, directory: Path, seed: int = 1) -> Path:
    """Write the dispute's files into ``directory`` and return the annotation's path."""
    annotation, article = generate(n, seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "article.txt").write_text(article, encoding="utf-8")
    (directory / "annotation.json").write_text(
        json.dumps({**annotation, "article": {**annotation["article"], "text": article}}),
        encoding="utf-8",
    )
    (directory / "annotation.argdown").write_text(_argdown(annotation), encoding="utf-8")
    path = directory / "annotation.yaml"
    path.write_text(_yaml(annotation), encoding="utf-8")
    return path


def main() -> None:
    """Write one synthetic dispute (command line)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of statements")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = write(args.n, args.directory, args.seed)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
