"""The Markdown report: the map (an SVG beside it, or Mermaid), the statements, who answered whom.

For a README, a wiki or an issue: GitHub, GitLab and most Markdown tools show the SVG image
and the tables; renderers that know Mermaid can draw the map from the text itself instead. All
annotation text is escaped for Markdown (see :func:`argmap.summary.md_cell`): a statement
cannot add links, images, HTML or table cells.
"""

from __future__ import annotations

from argmap.report.content import Report, Row
from argmap.summary import md_cell, md_table

__all__ = ["to_markdown"]


def to_markdown(report: Report, *, image: str | None = None, mermaid: str | None = None) -> str:
    """Return the report as GitHub-flavoured Markdown.

    Args:
        report: What to show.
        image: The map's file name, relative to the report (an SVG written beside it).
        mermaid: The map as Mermaid source, shown in a ``mermaid`` block instead of an image.
    """
    out = [f"# {md_cell(report.title)}", ""]
    for article in report.articles:
        details = [md_cell(article.byline)] if article.byline else []
        if article.url:
            details.append(f"<{article.url}>" if _plain_url(article.url) else md_cell(article.url))
        if len(report.articles) > 1:
            details.insert(0, f"**{md_cell(article.title)}**")
        if details:
            out += [" · ".join(details), ""]
    statements = len(report.rows)
    out += [
        f"{statements} statement{'s' * (statements != 1)} by {len(report.speakers)} "
        f"speaker{'s' * (len(report.speakers) != 1)}.",
        "",
        "## Map",
        "",
    ]
    alt = f"Argument map of {md_cell(report.title)}; the statements are listed below"
    if mermaid is not None:
        out += ["```mermaid", mermaid.rstrip("\n"), "```", ""]
    elif image is not None:
        out += [f"![{alt}]({image.replace(' ', '%20').replace(')', '%29')})", ""]
    out += ["## Statements", ""]
    out += md_table(
        ["Speaker", "Kind", "Statement", "Quote", "Responds to", "Standing"],
        (_row(row) for row in report.rows),
    )
    out += ["## Who answered whom", ""]
    names = {s.id: s.name for s in report.speakers}
    lines = []
    for flow in report.flows:
        verb = "responds to" if flow.relation == "responds" else flow.relation
        target = "their own statements" if flow.source == flow.target else names[flow.target]
        times = f"{flow.count} time{'s' * (flow.count != 1)}"
        lines.append(f"- **{md_cell(names[flow.source])}** {verb} **{md_cell(target)}**: {times}")
    out += lines or ["No statement answers another."]
    out += [
        "",
        "---",
        "",
        "Made with argmap. Paraphrases are the annotator's; quotes are the "
        "article's words. Standing follows grounded semantics over the attacks.",
        "",
    ]
    return "\n".join(out)


def _plain_url(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not any(c in url for c in " <>\n`")


def _row(row: Row) -> list[str]:
    quotes = " … ".join(
        f"“{md_cell(text)}”" if speech == "direct" else f"{md_cell(text)} (reported)"
        for text, speech in row.quotes
    )
    answers = "; ".join(f"{r.relation} `{r.target}`" for r in row.responds_to)
    return [
        f"{md_cell(row.speaker_name)} (`{row.id}`)",
        md_cell(row.kind),
        md_cell(row.text),
        quotes,
        answers,
        md_cell(row.status_word),
    ]
