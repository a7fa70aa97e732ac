"""F10 and N8: names and targets can come from stdin (never in `ps`), and bytes on stdin that
are not text end one turn with one line, never the command with a traceback."""

from __future__ import annotations

import io
import json



class _Bytes(io.TextIOWrapper):
    """stdin as a pipe of raw bytes (utf-8, not a terminal)."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data), encoding="utf-8")

    def isatty(self):
        return False


def test_forget_takes_the_name_from_stdin(seeded_cli, monkeypatch):
    cli, _ = seeded_cli
    monkeypatch.setattr("sys.stdin", _Bytes(b"kari.nordmann@example.com\n"))
    code, out, err = cli("forget", "-", "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["notes"] > 0
    code, out, err = cli("contacts", "--json")
    assert "kari.nordmann@example.com" not in out


def test_ask_and_draft_take_the_target_from_stdin(seeded_cli, monkeypatch):
    cli, _ = seeded_cli
    # The first line is the target, the rest the question: neither is an argument.
    monkeypatch.setattr("sys.stdin", _Bytes(b"Nobody Atall Example\nWhat did they say about pricing?\n"))
    code, out, err = cli("ask", "-")
    assert code != 0 and "Nobody Atall Example" in err and "Traceback" not in err
    monkeypatch.setattr("sys.stdin", _Bytes(b"Nobody Atall Example\n"))
    code, out, err = cli("draft", "-")
    assert code != 0 and "Nobody Atall Example" in err
    monkeypatch.setattr("sys.stdin", _Bytes(b"\n"))
    code, out, err = cli("draft", "-")
    assert code == 2 and err.count("\n") == 1
    monkeypatch.setattr("sys.stdin", _Bytes(b""))
    code, out, err = cli("reply", "1", "-")
    assert code == 2 and "instruction is empty" in err


def test_ask_with_bytes_that_are_not_utf8_says_so_in_one_line(seeded_cli, monkeypatch):
    cli, _ = seeded_cli
    monkeypatch.setattr("sys.stdin", _Bytes(b"What about \xff\xfe pricing?\n"))
    code, out, err = cli("ask", "kari.nordmann@example.com")
    assert code == 2, err
    assert err.count("\n") == 1 and "not utf-8 text" in err.lower() and "unexpected" not in err.lower()


def test_chat_survives_a_line_that_is_not_utf8(seeded_cli, monkeypatch):
    cli, _ = seeded_cli
    monkeypatch.setattr("sys.stdin", _Bytes(b"ask \xff\xfe?\nquit\n"))
    code, out, err = cli("chat", "kari.nordmann@example.com", "--ctx", "2048")
    assert code == 0, err
    assert "not utf-8 text" in err.lower() and "unexpected" not in err.lower()
