"""schema.org ``Claim`` JSON-LD, one per statement: what fact-checkers publish ClaimReviews about.

Each statement is a ``Claim`` whose ``author`` is its speaker (a ``Person`` with their role and
the side they speak for), whose ``appearance`` is the article (a ``NewsArticle``), whose
``text`` is the speaker's own words when the article quotes them (else argmap's paraphrase,
which is also the ``description``), and whose ``@id`` is stable, so that a ``ClaimReview``
written later can point at it with ``itemReviewed``. schema.org defines no relation between
claims, so who answered whom is not in this format.

JSON-LD is published inside ``<script type="application/ld+json">`` in a page, so ``<``,
``>`` and ``&`` are written as JSON escapes (``u003c`` and so on): a quote holding
``</script>`` cannot end the element, and every JSON reader still gets the same text.
"""

from __future__ import annotations

from typing import Any, Final

from argmap.export.jsontext import dumps
from argmap.graph import ArgGraph, speakers, statements

__all__ = ["to_claimreview"]


_SCRIPT_SAFE: Final = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
"""What must not appear raw in JSON inside an HTML ``<script>`` element (or older JavaScript)."""


def _article_id(article: dict[str, Any], source: str) -> str:
    return str(article["url"] or f"urn:argmap:{source}")


def to_claimreview(graph: ArgGraph) -> str:
    """Return JSON-LD with the article and one ``Claim`` per statement."""
    article = graph.graph["article"]
    article_id = _article_id(article, graph.graph["source"])
    people = {
        data["id"]: {
            key: value
            for key, value in {
                "@type": "Person",
                "name": data["name"],
                "jobTitle": data["role"],
                "affiliation": {"@type": "Organization", "name": data["group"]}
                if data["group"]
                else None,
            }.items()
            if value
        }
        for _, data in speakers(graph)
    }
    news = {
        key: value
        for key, value in {
            "@type": "NewsArticle",
            "@id": article_id,
            "headline": article["title"],
            "datePublished": article["date"],
            "url": article["url"],
            "inLanguage": article["language"],
            "publisher": {"@type": "Organization", "name": article["outlet"]}
            if article["outlet"]
            else None,
            "author": {"@type": "Person", "name": article["author"]}
            if article["author"]
            else None,
        }.items()
        if value
    }
    claims = []
    for _, data in statements(graph):
        direct = [q["text"] for q in data["quotes"] if q["speech"] == "direct"]
        claim = {
            "@type": "Claim",
            "@id": f"{article_id}#statement-{data['id']}",
            "identifier": data["id"],
            "text": " … ".join(direct) if direct else data["text"],
            "description": data["text"],
            "author": people[data["speaker"]],
            "appearance": {"@id": article_id},
            "datePublished": data["date"],  # when said: said_on, else the article's date
            "keywords": [data["kind"], *data["tags"]],
        }
        claims.append({key: value for key, value in claim.items() if value})
    document = {"@context": "https://schema.org", "@graph": [news, *claims]}
    return dumps(document).translate(_SCRIPT_SAFE)
