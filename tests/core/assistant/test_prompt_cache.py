"""The encrypted prompt-state cache (issue 26) on a real vault and a real llama.cpp model (a small
DeepSeek-shaped one with the real tokenizer and chat template, random weights: llama.cpp's
state does not depend on weight values, and it reads a prompt fast on a loaded machine): a new
engine restores a subject's prefix from disk and answers exactly as a cold one; the files hold
no note text, names or token ids; a kill -9 mid-write, a damaged file, another model or
another prefix never give a state that is used; forget, rekey and a model change empty it;
it stays within its size limit, and a limit of 0 writes nothing."""

from __future__ import annotations

import dataclasses
import os
import signal
import stat
import subprocess
import sys
import time

import numpy as np
import pytest

from app.core.assistant import prompt_cache, service
from app.core.llm import state_cache
from app.core.llm.engine import Engine
from app.core.llm.events import AnswerChunk
from app.core.llm.models import verify
from app.core.llm.prefix_states import common_prefix
from app.core.vault import prompt_states
from tests.eval.seed import seed
from tests.support.paths import ROOT
from tests.support.vault_helpers import files_containing, files_under

KARI = "kari.nordmann@example.com"


@pytest.fixture
def seeded(ctx):
    ids = seed(ctx.vault, accounts=["fjord", "greenfield"])
    ctx.settings.set("user_name", "Ola Hansen")
    return ctx, ids


@pytest.fixture(scope="module")
def model(deepseek_header, tmp_path_factory):
    from tests.support.llm_tiny import build_tiny_deepseek

    return build_tiny_deepseek(deepseek_header, tmp_path_factory.mktemp("model") / "cache-deepseek.gguf",
                               n_layers=4, n_embd=256, n_head=4, n_kv=2, n_ff=512)


def _engine(ctx, model):
    return Engine.load(verify(model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)


@pytest.fixture
def engines(seeded, model):
    ctx, _ = seeded
    made = []

    def make():
        made.append(_engine(ctx, model))
        return made[-1]

    yield make
    for e in made:
        e.close()


def _prefill(ctx, engine, ref: str) -> tuple[list[dict], int]:
    job = service.load_subject(ctx, ref)
    disk = prompt_cache.for_job(ctx, engine, job)
    prefix = job.prefix(engine)
    n = engine.prefill(prefix, disk=disk)
    prompt_cache.record(ctx, disk)
    return prefix, n


def _greedy(engine, messages):
    events = list(engine.stream(messages, max_tokens=12, temperature=0.0, seed=3, guard=False, quick=True))
    return "".join(e.text for e in events if isinstance(e, AnswerChunk)), events[-1]


def _files(ctx) -> list:
    return sorted(p for p in files_under(prompt_cache.folder(ctx)))


def test_a_new_engine_restores_the_prefix_from_disk_and_answers_as_a_cold_one(seeded, engines):
    ctx, _ = seeded
    first = engines()
    prefix, n = _prefill(ctx, first, KARI)
    assert n > 200 and len(_files(ctx)) == 1
    first.close()

    warm = engines()  # a new engine: nothing in memory, nothing live
    job = service.load_subject(ctx, KARI)
    disk = prompt_cache.for_job(ctx, warm, job)
    assert warm.preload(prefix, disk) == n
    warm_text, warm_done = _greedy(warm, prefix)
    assert warm_done.reused_tokens >= n - 1  # it started from the restored state

    cold = engines()
    cold_text, cold_done = _greedy(cold, prefix)
    assert cold_done.reused_tokens == 0
    assert warm_text == cold_text and warm_done.answer_tokens == cold_done.answer_tokens and warm_text


def test_the_cache_files_hold_no_note_text_names_or_tokens_and_are_private(seeded, engines):
    ctx, _ = seeded
    engine = engines()
    _prefill(ctx, engine, KARI)
    _prefill(ctx, engine, "Fjord Logistikk AS")
    files = _files(ctx)
    assert len(files) == 2
    notes = [n.body for n in service.load_subject(ctx, KARI).notes]
    phrases = [w.encode() for b in notes for w in (b[:24], b[-24:])]
    # The state's own plaintext form holds the prompt's token ids: scan for a run of them too.
    ids = engine.prompt_tokens([{"role": "user", "content": notes[0]}])[2:18]
    needles = phrases + [b"Kari Nordmann", b"Fjord Logistikk", b"kari.nordmann@example.com", b"Ola Hansen"]
    assert files_containing([prompt_cache.folder(ctx)], needles) == []
    token_run = np.asarray(ids, dtype="<i4").tobytes()
    assert all(token_run not in p.read_bytes() for p in files)
    assert stat.S_IMODE(prompt_cache.folder(ctx).stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


_WRITER = """
import sys
from pathlib import Path
from app.core.llm import state_cache
files = state_cache.StateFiles(Path(sys.argv[1]), b"k" * 32, model_sha256="m" * 64, prompt_version="v")
print("writing", flush=True)
i = 0
while True:
    files.write(list(range(40 + i)), bytes(300 << 20))
    i += 1
"""


def test_a_kill_mid_write_leaves_nothing_that_is_used_and_the_next_run_works(seeded, engines, tmp_path):
    ctx, _ = seeded
    folder = prompt_cache.folder(ctx)
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    deadline = time.time() + 30
    while time.time() < deadline and not any(p.name.endswith(".tmp") for p in files_under(folder)):
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert any(p.name.endswith(".tmp") for p in files_under(folder))  # killed mid-write
    # A state file whose bytes were cut short (a power cut after the rename, a bad disk).
    engine = engines()
    prefix, n = _prefill(ctx, engine, KARI)
    [entry_file] = [p for p in _files(ctx) if p.suffix == state_cache.SUFFIX and p.stem in prompt_states.names(ctx.vault.conn)]
    entry_file.write_bytes(entry_file.read_bytes()[: entry_file.stat().st_size // 2])

    assert prompt_cache.expire(ctx) == 0  # start-up maintenance: files no entry lists go
    assert [p.name for p in _files(ctx)] == [entry_file.name]
    fresh = engines()
    job = service.load_subject(ctx, KARI)
    disk = prompt_cache.for_job(ctx, fresh, job)
    assert fresh.preload(prefix, disk) == 0 and not entry_file.exists()  # damaged: dropped, not used
    text, done = _greedy(fresh, prefix)
    assert done.reused_tokens == 0 and text
    assert fresh.prefill(prefix, disk=disk) == n  # the next run writes a good one
    prompt_cache.record(ctx, disk)
    assert len(_files(ctx)) == 1 and prompt_states.totals(ctx.vault.conn)[0] >= 1


def test_a_state_for_another_model_or_another_prefix_is_never_restored(tmp_path):
    tokens = list(range(100, 160))
    a = state_cache.StateFiles(tmp_path, b"k" * 32, model_sha256="a" * 64, prompt_version="1")
    entry = a.write(tokens, b"state bytes")
    assert a.read(entry) == b"state bytes"
    other_model = state_cache.StateFiles(tmp_path, b"k" * 32, model_sha256="b" * 64, prompt_version="1")
    assert other_model.read(entry) is None and not a.path(entry.name).exists()
    entry = a.write(tokens, b"state bytes")
    other_prefix = state_cache.Entry(entry.name, tuple(tokens[:-1]) + (7,), entry.size)
    assert a.read(other_prefix) is None
    entry = a.write(tokens, b"state bytes")
    other_key = state_cache.StateFiles(tmp_path, b"x" * 32, model_sha256="a" * 64, prompt_version="1")
    assert other_key.read(entry) is None


def _add_newest_note(ctx, contact_id: int, account_id: int) -> None:
    from app.core.model import NewNote
    from app.core.vault.import_writer import ImportWriter, content_key

    body = "Kari called about the invoices for the pilot."
    with ctx.vault.transaction() as conn:
        ImportWriter(conn).add_note(NewNote(contact_id=contact_id, account_id=account_id, date="2026-11-30", title="Call",
                                            body=body, source="bulk", crm_id="new-1", flags="[]",
                                            content_key=content_key("bulk", "new-1", str(contact_id), "2026-11-30", "Call", body)))


def test_a_new_note_reuses_the_stored_notes_before_it(seeded, engines):
    ctx, ids = seeded
    engine = engines()
    old, n = _prefill(ctx, engine, KARI)
    old_tokens = engine.prompt_tokens(old, open_last=True)
    engine.close()
    _add_newest_note(ctx, ids["contacts"]["kari"], ids["accounts"]["fjord"])
    fresh = engines()
    job = service.load_subject(ctx, KARI)
    disk = prompt_cache.for_job(ctx, fresh, job)
    prefix = job.prefix(fresh)
    restored = fresh.preload(prefix, disk)
    new_tokens = fresh.prompt_tokens(prefix, open_last=True)
    # Everything up to where the new (newest) note begins: the rules, the subject, the older notes.
    assert restored == common_prefix(old_tokens, new_tokens) and n // 2 < restored < n
    _, done = _greedy(fresh, prefix)
    assert done.reused_tokens == restored


def test_forget_removes_the_persons_entries_and_files_and_keeps_others(seeded, engines):
    ctx, _ = seeded
    from app.core.privacy import forget

    engine = engines()
    _prefill(ctx, engine, KARI)
    _prefill(ctx, engine, "Fjord Logistikk AS")  # the account's prefix holds Kari's notes too
    _prefill(ctx, engine, "emily.carter@example.com")
    assert len(_files(ctx)) == 3
    emily = [p.name for p in _files(ctx)]
    kari_id = service.load_subject(ctx, KARI).subject["id"]
    forget.forget(ctx, kari_id)
    left = _files(ctx)
    assert len(left) == 1 and prompt_states.totals(ctx.vault.conn)[0] == 1
    assert left[0].name in emily
    [row] = ctx.vault.conn.execute("SELECT subject_kind FROM prompt_states").fetchall()
    assert row[0] == "contact"


def test_rekey_and_a_model_change_empty_the_cache(seeded, engines):
    ctx, _ = seeded
    from app.core.privacy import rekey

    engine = engines()
    _prefill(ctx, engine, KARI)
    assert len(_files(ctx)) == 1
    rekey.rotate(ctx)
    assert _files(ctx) == [] and prompt_states.totals(ctx.vault.conn) == (0, 0)

    _prefill(ctx, engine, KARI)
    assert len(_files(ctx)) == 1
    engine.model = dataclasses.replace(engine.model, sha256="f" * 64)  # another model file
    job = service.load_subject(ctx, KARI)
    disk = prompt_cache.for_job(ctx, engine, job)
    assert disk.entries == [] and _files(ctx) == []


def test_the_size_limit_holds_least_recently_used_first(seeded, engines):
    ctx, _ = seeded
    engine = engines()
    _prefill(ctx, engine, KARI)
    one = prompt_states.totals(ctx.vault.conn)[1]
    ctx.settings.set("prompt_cache_mb", max(1, (one * 3 // 2) >> 20))
    kari_files = [p.name for p in _files(ctx)]
    _prefill(ctx, engine, "emily.carter@example.com")
    left = _files(ctx)
    assert len(left) == 1 and left[0].name not in kari_files  # Kari's was the least recently used
    assert sum(p.stat().st_size for p in left) <= prompt_cache.budget_bytes(ctx)


def test_the_policy_key_at_0_writes_nothing_and_empties_what_was_kept(home, model, tmp_path, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.privacy.retention import run_due_maintenance

    ctx = open_context(passphrase_provider)
    try:
        seed(ctx.vault, accounts=["fjord", "greenfield"])
        engine = _engine(ctx, model)
        _prefill(ctx, engine, KARI)
        assert len(_files(ctx)) == 1
    finally:
        ctx.close()
    policy = tmp_path / "managed.toml"
    policy.write_text("[policy]\nprompt_cache_mb = 0\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    managed = open_context(passphrase_provider)
    try:
        assert managed.settings.get("prompt_cache_mb") == 0
        run_due_maintenance(managed)
        assert _files(managed) == []  # turned off: what was kept goes at the next start
        job = service.load_subject(managed, "emily.carter@example.com")
        assert prompt_cache.for_job(managed, engine, job) is None
        engine.prefill(job.prefix(engine))
        assert _files(managed) == [] and prompt_cache.usage(managed)["entries"] == 0
    finally:
        managed.close()
        engine.close()
