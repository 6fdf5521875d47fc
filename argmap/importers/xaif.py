"""xAIF import: OVA3's save format (AIF wrapped with the analysed text) as an annotation.

The wrapper's ``text`` is OVA's HTML of the analysed text: it becomes the article's text, made
plain (``<br>`` as line breaks, entities decoded, tags dropped), and each locution's
``<span id="node…">`` gives its statement's quote (widened to whole words, as argmap matches
quotes). Everything else is read as AIF by :mod:`argmap.importers.aif`; a plain AIF file given
here is read as AIF, since the two are told apart by structure.
"""

from __future__ import annotations

from argmap.importers import Imported
from argmap.importers.aif import load_json, read_document

__all__ = ["read_xaif"]


def read_xaif(text: str, name: str) -> Imported:
    """Import an OVA3/xAIF file.

    Args:
        text: The file's text.
        name: The file's name, for messages; its stem is the title when the file has none.

    Raises:
        FormatError: The file is not JSON, not (x)AIF, or inconsistent, naming the element.
    """
    return read_document(load_json(text, name), name)
