"""`confidant draft` in a new process reuses what an earlier process read (issue 26): the second
process restores the contact's notes from the encrypted prompt-state cache instead of reading
them again, and `confidant doctor` shows the cache."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.support.paths import ROOT

ARGS = ["--quick", "--json", "--max-tokens", "8", "--ctx", "2048", "--seed", "1", "--thinking-budget", "0"]


def _confidant(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def _cache_events(home) -> list[dict]:
    log = (home / "logs" / "confidant.log").read_text(encoding="utf-8")
    return [dict(re.findall(r"(\w+)=(\S+)", line.split("prompt_cache.task", 1)[1]))
            for line in log.splitlines() if "prompt_cache.task" in line]


def test_a_second_draft_process_restores_the_notes_the_first_one_read(seeded_cli, home, deepseek_header, tmp_path,
                                                                      monkeypatch):
    from tests.support.llm_tiny import build_tiny_deepseek

    cli, _ = seeded_cli
    model = build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")
    monkeypatch.setenv("CONFIDANT_MODEL", str(model))
    first = _confidant("draft", "kari.nordmann@example.com", *ARGS)
    assert first.returncode == 0, first.stderr
    second = _confidant("draft", "kari.nordmann@example.com", *ARGS)
    assert second.returncode == 0, second.stderr
    one, two = _cache_events(home)
    assert int(one["restored"]) == 0 and int(one["kept"]) > 300  # the first read the notes and kept them
    assert int(two["restored"]) >= int(one["kept"]) - 1 and int(two["reused"]) >= int(two["restored"])
    assert json.loads(second.stdout)["task"] == "draft"

    code, out, err = cli("doctor", "--json")
    cache = json.loads(out)["prompt_cache"]
    assert cache["entries"] == 1 and cache["files"] == 1 and cache["bytes_on_disk"] > 0 and cache["limit_mb"] == 2048
    code, out, err = cli("doctor")
    assert "Prompt cache:   1 entries" in out and "encrypted" in out
