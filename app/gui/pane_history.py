"""The assistant pane's memory: a subject's earlier drafts and answers, reopening one (from the
pane's list or from History) with every version, and following changes in the vault.

A mixin of :class:`~app.gui.assistant_pane.AssistantPane`. Reopening restores every
version of the conversation (:func:`~app.gui.versions.versions_of`), shows the latest and
emits ``subject_reopened`` so the window shows the subject's card. Reads run on the store
thread; the rest on the GUI thread.
"""

from __future__ import annotations

from app.gui import operations
from app.gui.errors import show_error
from app.gui.versions import versions_of


class PaneHistory:
    def _load_past(self) -> None:
        """The subject's earlier drafts and answers, listed under the three steps."""
        from app.gui.history import conversation_title

        target = self.target
        self.hint.show_past("", [])
        if target is None or not self.session.is_open:
            return
        key = {"contact_id": target["id"]} if target["kind"] == "contact" else {"account_id": target["id"]}

        def shown(rows: list[dict]) -> None:
            if self.target is target:
                who = str(target.get("name") or target.get("label") or "").split(" · ")[0]
                self.hint.show_past(who, [(r["id"], conversation_title(r)) for r in rows])

        self.session.run(lambda ctx, task: operations.list_conversations(ctx, limit=20, **key),
                         success=shown, failure=None)

    def reopen(self, conversation_id: int) -> None:
        """Reopen one of the subject's earlier conversations (listed under the three steps)."""
        def work(ctx, task):
            return operations.get_conversation(ctx, conversation_id)

        self.session.run(work, success=self.show_conversation, failure=lambda exc: show_error(self, exc))

    def show_conversation(self, conv: dict) -> None:
        """Reopen a saved conversation: every version, the latest shown, ready for a follow-up."""
        if self.task is not None:
            self.task.discard()
            self.task = None
        same = self.target is not None and (
            (conv.get("contact_id") is not None and self.target["kind"] == "contact" and self.target["id"] == conv["contact_id"])
            or (conv.get("contact_id") is None and self.target["kind"] == "account" and self.target["id"] == conv["account_id"]))
        who = conv.get("contact") or conv.get("account") or (self.target or {}).get("label") or ""
        if not same:
            if conv.get("contact_id") is not None:
                self.target = {"kind": "contact", "id": conv["contact_id"], "ref": str(conv["contact_id"]), "label": who}
            else:
                self.target = {"kind": "account", "id": conv["account_id"], "ref": f"a{conv['account_id']}", "label": who}
            self.header.setText(who)
            self.subject_reopened.emit(dict(self.target))
        self.conversation_id = conv["id"]
        self._last_call = None
        self._reset_output()
        self.thread.forget()
        versions = versions_of(conv)
        for v in versions:
            self.thread.add(v)
        if versions:
            self._show_version(versions[-1])
        self._kind = conv["task"]
        self.state.setText(self.tr("Reopened from History."))  # no internal ids in the window
        self._refresh()

    def engine_changed(self) -> None:
        self._refresh()
        self.start_prefill()

    def data_changed(self, changes) -> None:
        """Something changed in the vault: a subject that was forgotten is no longer shown."""
        if changes.conversations and self.result is None:
            self._load_past()
        if self.target is not None and changes.records:
            self.session.prefilled.pop(self._ref(), None)
            target = self.target

            def check(ctx, task):
                return operations.find_subject(ctx, self._ref_of(target)) is not None  # None: the subject is gone

            def still_there(ok: bool) -> None:
                if not ok and self.target == target:
                    self.clear()
                elif ok and self.target == target:
                    self.start_prefill()  # its notes may have changed

            self.session.run(check, success=still_there, failure=None)
