"""HTML note bodies (HubSpot, Salesforce enhanced notes, Pipedrive) to clean text.

Paragraphs, line breaks and list items are kept as lines ("- " for bullets, "1. " for
numbered items, indented two spaces a level up to eight levels); a table row is one line with its cells joined by " | " ("Price | 100 NOK");
``<pre>`` keeps its line breaks and spacing; scripts, styles, images and other embedded objects are dropped; entities
are decoded. Uses only the standard library's tolerant parser: no network, no resources.
Time and memory are linear in the input (no rescans of the text so far, bounded indentation).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "section", "article"}
_DROP = {"script", "style", "head", "title", "object", "embed", "iframe", "svg", "noscript", "template"}
_LOOKS_HTML = re.compile(r"<\s*/?\s*(p|div|br|span|ul|ol|li|b|i|strong|em|a|h[1-6]|table|html|body|font|img|script|style)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return "<" in text and _LOOKS_HTML.search(text) is not None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.drop = 0
        self.lists: list[list] = []  # ["ul"|"ol", counter]
        self.pre = 0
        self.cells = 0  # cells seen in the current table row
        self.in_cell = 0  # inside <td>/<th>: blocks in a cell do not break the row's line
        self.cell_start = 0
        self.cell_text = False  # the current cell has text (kept as a flag: rescanning it is quadratic)
        self.table = 0

    def _cell_space(self):
        if self.cell_text and not self.out[-1].endswith(" "):
            self.out.append(" ")

    def _nl(self):
        if self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")

    def handle_starttag(self, tag, attrs):
        if tag in _DROP:
            self.drop += 1
        elif tag in ("td", "th"):
            if self.cells:
                self.out.append(" | ")
            self.cells += 1
            self.in_cell += 1
            self.cell_start = len(self.out)
            self.cell_text = False
        elif self.in_cell and tag in _BLOCK and tag not in ("tr", "table"):
            self._cell_space()
        elif tag == "tr":
            self._nl()
            self.cells = 0
        elif tag == "table":
            self._nl()
            self.table += 1
        elif tag == "pre":
            self._nl()
            self.pre += 1
        elif tag in ("ul", "ol"):
            self._nl()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._nl()
            indent = "  " * min(MAX_INDENT, max(0, len(self.lists) - 1))
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self.out.append(f"{indent}{self.lists[-1][1]}. ")
            else:
                self.out.append(f"{indent}- ")
        elif tag in _BLOCK:
            if tag == "br":
                self.out.append("\n")
            else:
                self._nl()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROP:
            self.drop = max(0, self.drop - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self._nl()
        elif tag in ("td", "th"):
            self.in_cell = max(0, self.in_cell - 1)
            while len(self.out) > self.cell_start and not self.out[-1].strip():
                self.out.pop()
            if len(self.out) > self.cell_start:
                self.out[-1] = self.out[-1].rstrip()
        elif tag == "table":
            self.cells = self.in_cell = 0
            self.table = max(0, self.table - 1)
            self._nl()
        elif self.in_cell and tag in _BLOCK and tag != "tr":
            self._cell_space()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._nl()
        elif tag in _BLOCK or tag == "li":
            self._nl()
            if tag == "p":
                self.out.append("\n")

    def handle_data(self, data):
        if self.drop or (self.table and not self.in_cell and not self.pre and not data.strip()):
            return
        if self.pre:
            self.out.append(data.replace("\r\n", "\n").replace("\r", "\n").replace("\n", _PRE_NL))
        elif self.in_cell:
            text = re.sub(r"[ \t\r\n]+", " ", data)
            if not self.cell_text:
                text = text.lstrip()
            self.cell_text = self.cell_text or bool(text.strip())
            self.out.append(text)
        else:
            self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


MAX_INDENT = 8  # list levels shown by indentation: deeper ones stay at this depth (N5: a
# 144 KB nested list once cost 1 GB of spaces; memory now grows with the input only)
_PRE_NL = "\x00"  # a line break inside <pre>: kept, and its line kept as written


def html_to_text(html: str) -> str:
    p = _Text()
    p.feed(html.replace("\x00", ""))
    p.close()
    text = "".join(p.out).replace("\xa0", " ")
    lines = [ln.strip() if not ln.lstrip().startswith(("- ", "1", "2", "3", "4", "5", "6", "7", "8", "9")) else ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(ln if not ln.startswith(" ") or ln.lstrip()[:1] in "-0123456789" else ln.strip() for ln in lines)
    text = text.replace(_PRE_NL, "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
