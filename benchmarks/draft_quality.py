"""How good are `argmap draft`'s guesses? Compare drafts with hand annotations, print a table.

    python benchmarks/draft_quality.py                # the table, in Markdown
    python benchmarks/draft_quality.py --json out.json

Test articles, each annotated by hand:

* ``johnson-lavrov``: the founding example (examples/johnson-lavrov), a news article. The
  drafter's rules were written while reading it: its figures flatter.
* ``analysts-react``: the constructed follow-up article (examples/analysts-react), not looked
  at while the rules were written.
* ``debate-1992`` and ``debate-2016``: two US presidential debate transcripts of the
  ElecDeb60To16 corpus (Haddadan, Cabrio and Villata, ACL 2019), whose claims and premises were
  annotated by hand in brat; the speaker of each is the transcript's turn. Their licence is not
  stated, so they are not copied into this repository: they are read from
  ``../shared/external-data/brat/elecdeb60to16`` (or ``$ARGMAP_EXTERNAL_DATA/brat/…``) and
  skipped, with the reason, when absent.

Measures, per article, over quoted passages (a statement may have several):

* quotes found: a drafted passage matches a hand-annotated one when their overlap is at least
  half of each; precision is the share of drafted passages that match one, recall the share of
  hand-annotated passages matched.
* speaker: of the hand-annotated passages matched, the share whose best match (most overlap)
  names the same speaker (speakers compared by surname, so ids may differ).
* kind: the same for the statement's kind (the debates' brat labels, claim and premise, are
  not argmap kinds: no figure).
* direct quotes: the hand annotation's direct quotations found, and found with the right speaker.
* links: of the hand annotation's responses, the share the draft gives between statements that
  match their ends; and of the draft's responses, the share the hand annotation has.
* ms: the median time of ``draft()`` over several runs, on this machine.

Nothing here fails: the figures are for docs/draft.md, to compare versions of the drafter.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.draft import Draft, draft  # noqa: E402
from argmap.draft.speakers import slug  # noqa: E402
from argmap.loader import load  # noqa: E402

EXTERNAL = Path(os.environ.get("ARGMAP_EXTERNAL_DATA", ROOT.parent / "shared" / "external-data"))
EXAMPLES = ("johnson-lavrov", "analysts-react")
DEBATES = {"debate-1992": "17_1992", "debate-2016": "41_2016"}
RUNS = 7


@dataclass
class Passage:
    """A quoted passage: its span, who said it, the kinds and statements it belongs to."""

    start: int
    end: int
    speakers: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    direct: bool = False


@dataclass
class Gold:
    """A hand-annotated article: its text, passages and responses (statement id pairs)."""

    name: str
    text: str
    passages: list[Passage]
    links: set[tuple[str, str]]
    has_kinds: bool


def _surname(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", name)
    return slug(words[-1]) if words else slug(name)


def example(name: str) -> Gold:
    """The hand annotation of one of examples/."""
    dispute = load(ROOT / "examples" / name / "annotation.yaml")
    text = dispute.article_text or ""
    speakers = dispute.annotation.speakers
    passages: dict[tuple[int, int], Passage] = {}
    links: set[tuple[str, str]] = set()
    for statement in dispute.annotation.statements:
        speeches = statement.quote_speech()
        for anchor, speech in zip(dispute.anchors[statement.id], speeches, strict=True):
            passage = passages.setdefault(
                (anchor.start, anchor.end), Passage(anchor.start, anchor.end)
            )
            passage.speakers.add(_surname(speakers[statement.speaker].name))
            passage.kinds.add(statement.kind.value)
            passage.statements.add(statement.id)
            passage.direct |= speech.value == "direct"
        links.update((statement.id, target) for target, _ in statement.targets())
    links = {(a, b) for a, b in links if ":" not in b}  # responses within the article only
    return Gold(name, text, sorted(passages.values(), key=_key), links, True)


def debate(name: str, stem: str) -> Gold | str:
    """A brat-annotated debate transcript, or why it cannot be read."""
    folder = EXTERNAL / "brat" / "elecdeb60to16"
    text_path, ann_path = folder / f"{stem}.txt", folder / f"{stem}.ann"
    if not (text_path.is_file() and ann_path.is_file()):
        return f"{folder} not found (the transcripts are not shipped: licence not stated)"
    text = text_path.read_text(encoding="utf-8")
    turns = [(m.start(), m.group(1)) for m in re.finditer(r"^([A-Z][A-Z. ]*):", text, re.M)]
    passages = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, spans, _ = line.split("\t", 2)
        offsets = [int(n) for n in re.findall(r"\d+", spans.split(" ", 1)[1])]
        start, end = min(offsets), max(offsets)
        speaker = next((label for at, label in reversed(turns) if at <= start), "")
        passages.append(Passage(start, end, {_surname(speaker)}, direct=True))
    return Gold(name, text, sorted(passages, key=_key), set(), False)


def _key(passage: Passage) -> tuple[int, int]:
    return passage.start, passage.end


def drafted(result: Draft, ids: list[str]) -> list[Passage]:
    """The draft's passages, merged by span (a joint statement has two speakers)."""
    passages: dict[tuple[int, int], Passage] = {}
    for statement, statement_id in zip(result.statements, ids, strict=True):
        person = result.speakers[statement.speaker]
        for start, end, speech in statement.quotes:
            passage = passages.setdefault((start, end), Passage(start, end))
            passage.speakers.add(_surname(person.name) if statement.speaker != "unknown" else "?")
            passage.kinds.add(statement.kind.value)
            passage.statements.add(statement_id)
            passage.direct |= speech.value == "direct"
    return sorted(passages.values(), key=_key)


def _overlap(a: Passage, b: Passage) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _matches(a: Passage, b: Passage) -> bool:
    shared = _overlap(a, b)
    return shared * 2 >= (a.end - a.start) and shared * 2 >= (b.end - b.start) and shared > 0


def _pairs(gold: list[Passage], draft_: list[Passage]) -> Iterator[tuple[Passage, Passage]]:
    """Every matching pair, found by walking both sorted lists (linear, not quadratic)."""
    first = 0
    for g in gold:
        while first < len(draft_) and draft_[first].end <= g.start:
            first += 1
        index = first
        while index < len(draft_) and draft_[index].start < g.end:
            if _matches(g, draft_[index]):
                yield g, draft_[index]
            index += 1


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def evaluate(gold: Gold) -> dict[str, Any]:
    """Draft one article and measure the draft against its hand annotation."""
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        result = draft(gold.text, text_file="article.txt")
        times.append(time.perf_counter() - began)
    ids = [
        line.split(": ", 1)[1] for line in result.yaml.splitlines() if line.startswith("  - id: ")
    ]
    mine = drafted(result, ids)
    pairs = list(_pairs(gold.passages, mine))
    best: dict[int, Passage] = {}
    for g, d in pairs:
        if id(g) not in best or _overlap(g, d) > _overlap(g, best[id(g)]):
            best[id(g)] = d
    matched_gold = [g for g in gold.passages if id(g) in best]
    matched_draft = {id(d) for _, d in pairs}
    speaker_ok = sum(1 for g in matched_gold if g.speakers & best[id(g)].speakers)
    kind_ok = sum(1 for g in matched_gold if g.kinds & best[id(g)].kinds)
    direct = [g for g in gold.passages if g.direct and gold.has_kinds]
    direct_found = [g for g in direct if id(g) in best]
    direct_ok = sum(1 for g in direct_found if g.speakers & best[id(g)].speakers)
    # Links: a drafted response counts when its two ends match the two ends of a hand one.
    corresponds: dict[str, set[str]] = {}
    for g, d in pairs:
        for statement in d.statements:
            corresponds.setdefault(statement, set()).update(g.statements)
    draft_links = {
        (ids[i], ids[t]) for i, s in enumerate(result.statements) for t in s.responds_to
    }
    right = {
        (a, b)
        for a, b in draft_links
        if any(
            (x, y) in gold.links for x in corresponds.get(a, ()) for y in corresponds.get(b, ())
        )
    }
    found_links = {
        (x, y)
        for x, y in gold.links
        if any(x in corresponds.get(a, ()) and y in corresponds.get(b, ()) for a, b in draft_links)
    }
    return {
        "article": gold.name,
        "characters": len(gold.text),
        "gold_quotes": len(gold.passages),
        "draft_quotes": len(mine),
        "precision": _ratio(len(matched_draft), len(mine)),
        "recall": _ratio(len(matched_gold), len(gold.passages)),
        "speaker_accuracy": _ratio(speaker_ok, len(matched_gold)),
        "kind_accuracy": _ratio(kind_ok, len(matched_gold)) if gold.has_kinds else None,
        "direct_quotes": len(direct),
        "direct_found": len(direct_found),
        "direct_speaker_ok": direct_ok,
        "link_recall": _ratio(len(found_links), len(gold.links)) if gold.links else None,
        "link_precision": _ratio(len(right), len(draft_links)) if gold.links else None,
        "ms": statistics.median(times) * 1000,
    }


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table, as docs/draft.md shows them."""
    head = (
        "| article | quotes (hand / draft) | precision | recall | speaker | kind | "
        "direct quotes found, right speaker | links recall / precision | ms |"
    )
    lines = [head, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        direct = (
            f"{row['direct_found']}/{row['direct_quotes']}, "
            f"{row['direct_speaker_ok']}/{row['direct_quotes']}"
            if row["direct_quotes"]
            else "–"
        )
        links = (
            f"{_cell(row['link_recall'])} / {_cell(row['link_precision'])}"
            if row["link_recall"] is not None
            else "–"
        )
        lines.append(
            f"| {row['article']} | {row['gold_quotes']} / {row['draft_quotes']} | "
            f"{_cell(row['precision'])} | {_cell(row['recall'])} | "
            f"{_cell(row['speaker_accuracy'])} | {_cell(row['kind_accuracy'])} | {direct} | "
            f"{links} | {row['ms']:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Measure every article found, print the table, and write JSON if asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    golds: list[Gold] = [example(name) for name in EXAMPLES]
    skipped: list[str] = []
    for name, stem in DEBATES.items():
        found = debate(name, stem)
        if isinstance(found, str):
            skipped.append(f"{name}: skipped: {found}")
        else:
            golds.append(found)
    rows = [evaluate(gold) for gold in golds]
    print(table(rows))
    for line in skipped:
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "skipped": skipped}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
