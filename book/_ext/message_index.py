"""The ``{message-index}`` directive: every message family the decoder knows, its causes, and real messages.

It renders, at build time, the decoder's own table (``convshapes/data/decoder.toml``: titles, summaries,
causes and the sections that run them) and its corpus of real messages with their public sources
(``convshapes/data/messages.yaml``), so a reader who searches for their exact words finds them here, one
link away from the section that explains them. Written with docutils nodes rather than generated markdown:
no page file to keep in step, and no headings inside a directive, which MyST does not parse.
"""

from __future__ import annotations

from collections import defaultdict

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from convshapes.decoder.table import MESSAGES_FILE, TABLE, TABLE_FILE


def section_link(anchor: str, text: str) -> addnodes.pending_xref:
    """A link to a labelled section of a chapter, resolved (and checked) by Sphinx."""
    link = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=anchor, refexplicit=True)
    link += nodes.inline(text, text)
    return link


def paragraph(*parts) -> nodes.paragraph:
    node = nodes.paragraph()
    for part in parts:
        node += nodes.Text(part) if isinstance(part, str) else part
    return node


def family_nodes(family, records: list[dict]) -> list[nodes.Node]:
    """One family: its title (an anchor others can link to), what it means, its causes, its real messages."""
    title = nodes.rubric(family.title, family.title, ids=[f"message-{family.id}"])
    causes = nodes.bullet_list()
    for cause in family.causes:
        causes += nodes.list_item("", paragraph(cause.title, " ", section_link(cause.anchor, f"({cause.anchor})")))
    shown = [title, paragraph(family.summary), paragraph(f"{len(family.causes)} known causes:"), causes]
    if records:
        shown.append(paragraph("As readers pasted it:"))
    for record in records:
        shown.append(nodes.literal_block(record["message"], record["message"], classes=["pasted-message"]))
        source = record["source"]
        where = (
            nodes.reference(source, "source", refuri=source) if source.startswith(("https://", "http://")) else source
        )
        shown.append(paragraph(nodes.emphasis(record["wording"], record["wording"]), " — ", where))
    return shown


class MessageIndex(SphinxDirective):
    """Render every family of the decoder's table with the real messages of its corpus."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(MESSAGES_FILE))
        self.env.note_dependency(str(TABLE_FILE))
        records = defaultdict(list)
        for record in yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8")):
            records[record["family"]].append(record)
        shown: list[nodes.Node] = []
        for family in TABLE.families:
            shown += family_nodes(family, records[family.id])
        return shown


def setup(app):
    app.add_directive("message-index", MessageIndex)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
