"""The pipeline in the window (issue 22): an account's or a contact's deals on the card, and
what the timeline needs to show each item's kind (icon, name, task due/overdue).

:class:`DealsPanel` lists open deals (stage, amount with currency, close date; a contact's
with their role) and folds won and lost ones under a button. Amounts are the record's exact
decimals with the thousands grouped by spaces, never re-computed. Every text from the vault
is set as plain text (no rich-text interpretation). Runs on the GUI thread.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

KINDS = ("note", "call", "meeting", "email", "task")
_COLORS = {"note": "#6b6b6b", "call": "#1f7a3a", "meeting": "#6a3fb5", "email": "#1d5fa8", "task": "#b86e00"}
_LETTERS = {"note": "N", "call": "C", "meeting": "M", "email": "E", "task": "T"}


def _t(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def _d(text: str) -> str:
    return QCoreApplication.translate("DealsPanel", text)


def kind_name(kind: str) -> str:
    """The kind in the UI language ("Call", "Samtale")."""
    return {"note": _t("Note"), "call": _t("Call"), "meeting": _t("Meeting"), "email": _t("E-mail"),
            "task": _t("Task")}.get(kind, kind)


def filter_choices() -> list[tuple[str, str | None]]:
    """(label, kind) for the timeline's kind filter; None = every kind."""
    return [(_t("All kinds"), None), (_t("Notes"), "note"), (_t("Calls"), "call"), (_t("Meetings"), "meeting"),
            (_t("E-mails"), "email"), (_t("Tasks"), "task")]


@lru_cache(maxsize=16)
def kind_icon(kind: str, done: bool = False) -> QIcon:
    """A small round badge in the kind's colour with its letter (drawn, so it renders the same
    on every platform and font); a done task's badge is lighter."""
    pm = QPixmap(18, 18)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(_COLORS.get(kind, "#6b6b6b"))
    if done:
        color = color.lighter(160)
    p.setBrush(color)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QRectF(1, 1, 16, 16))
    f = QFont()
    f.setPixelSize(10)
    f.setBold(True)
    p.setFont(f)
    p.setPen(QColor("white"))
    p.drawText(QRectF(1, 1, 16, 16), Qt.AlignmentFlag.AlignCenter, _LETTERS.get(kind, "?"))
    p.end()
    return QIcon(pm)


def task_state(item: dict, today: date | None = None) -> str:
    """ "done", "due 2026-03-09", "due 2026-03-09 — overdue" or "" for a timeline item (dict)."""
    if item.get("kind") != "task":
        return ""
    if item.get("done"):
        return _t("done")
    due = (item.get("due") or "")[:10]
    if not due:
        return _t("open")
    text = _t("due %1").replace("%1", due)
    if due < (today or date.today()).isoformat():
        text += " — " + _t("overdue")
    return text


def money(amount: str | None, currency: str | None) -> str:
    """ "12 500 000.00 NOK" from the record's exact decimal text; the digits are never re-computed."""
    if amount is None:
        return _d("no amount")
    sign = "-" if amount.startswith("-") else ""
    whole, _, frac = amount.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:]] + groups
    text = sign + " ".join([whole] + groups) + (f".{frac}" if frac else "")
    return f"{text} {currency}" if currency else text


def deal_text(deal: dict, role_of: int | None = None) -> str:
    """One line for a deal (its ``as_json`` dict): "Fleet pilot — Negotiation · 12 500 000.00 NOK ·
    closes 2026-06-30"; with ``role_of`` (a contact id) the contact's role is added."""
    parts = [deal.get("stage") or _d("no stage"), money(deal.get("amount"), deal.get("currency"))]
    parts.append(_d("closes %1").replace("%1", deal["close_date"]) if deal.get("close_date") else _d("no close date"))
    if deal.get("status") == "won":
        parts.insert(0, _d("won"))
    elif deal.get("status") == "lost":
        parts.insert(0, _d("lost"))
    text = f"{deal.get('name') or ''} — " + " · ".join(parts)
    if role_of is not None:
        role = next((c.get("role") for c in deal.get("contacts", ()) if c.get("contact_id") == role_of), None)
        if role:
            text += " · " + _d("role: %1").replace("%1", role)
    return text


class DealsPanel(QWidget):
    """Open deals, and the won and lost ones folded under a button."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dealsPanel")
        self.title = QLabel()
        self.title.setObjectName("dealsTitle")
        self.title.setStyleSheet("font-weight: 600;")
        self.open_deals = QLabel()
        self.open_deals.setObjectName("openDeals")
        self.open_deals.setTextFormat(Qt.TextFormat.PlainText)
        self.open_deals.setWordWrap(True)
        self.fold = QToolButton()
        self.fold.setObjectName("closedDealsButton")
        self.fold.setCheckable(True)
        self.fold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold.setArrowType(Qt.ArrowType.RightArrow)
        self.fold.toggled.connect(self._toggle)
        self.closed_deals = QLabel()
        self.closed_deals.setObjectName("closedDeals")
        self.closed_deals.setTextFormat(Qt.TextFormat.PlainText)
        self.closed_deals.setWordWrap(True)
        self.closed_deals.setStyleSheet("color: #555;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(2)
        for w in (self.title, self.open_deals, self.fold, self.closed_deals):
            lay.addWidget(w)
        self.show_deals([], None)

    def show_deals(self, deals: list[dict], contact_id: int | None) -> None:
        """``deals``: ``Deal.as_json()`` dicts with contact ids; ``contact_id``: show that person's role."""
        open_ = [d for d in deals if d.get("status") == "open"]
        closed = [d for d in deals if d.get("status") != "open"]
        self.title.setText(_d("Open deals (%1)").replace("%1", str(len(open_))) if deals else "")
        self.open_deals.setText("\n".join("• " + deal_text(d, contact_id) for d in open_) if open_ else
                                (_d("No open deals.") if deals else ""))
        self.fold.setText(_d("Won and lost deals (%1)").replace("%1", str(len(closed))))
        self.closed_deals.setText("\n".join("• " + deal_text(d, contact_id) for d in closed))
        self.fold.setChecked(False)
        self.closed_deals.hide()
        self.fold.setVisible(bool(closed))
        self.setVisible(bool(deals))

    def _toggle(self, shown: bool) -> None:
        self.closed_deals.setVisible(shown)
        self.fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
