"""F8: hostile GGUF files. A bad file in the models folder is listed with its problem and
skipped, while a good model next to it still works for `models`, `doctor` and choosing the
model a draft loads; hostile chat templates are one-line errors within time and size limits."""

from __future__ import annotations

import json
import shutil
import time

import numpy as np
import pytest

from app.core.llm import chat_format, models
from app.core.llm.errors import ModelError
from tests.support.llm_tiny import write_small_gguf


def _nan_gguf(out):
    """A tiny GGUF whose context length is a float NaN (the red team's 256-byte file)."""
    import gguf

    w = gguf.GGUFWriter(str(out), "llama")
    w.add_float32("llama.context_length", float("nan"))
    w.add_float32("llama.block_count", float("inf"))
    w.add_tensor_info("token_embd.weight", (16,), np.dtype(np.float32), 64)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_ti_data_to_file()
    w.close()
    with out.open("ab") as fh:
        fh.write(b"\0" * 128)
    return out


@pytest.fixture
def hostile_folder(home, smol_model):
    d = home / "models"
    d.mkdir(parents=True, exist_ok=True)
    _nan_gguf(d / "a-nan.gguf")
    write_small_gguf(d / "b-divide.gguf", arch="llama", template="{{ 1 // 0 }}")
    write_small_gguf(d / "c-recursion.gguf", arch="llama",
                     template="{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}")
    good = d / "z-SmolLM2.gguf"
    shutil.copyfile(smol_model, good)
    return d, good


def test_bad_files_are_listed_and_skipped(cli, hostile_folder):
    d, good = hostile_folder
    code, out, err = cli("models", "--json")
    assert code == 0, err
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(out)}
    assert rows["z-SmolLM2.gguf"]["trusted"] is True
    for name in ("a-nan.gguf", "b-divide.gguf", "c-recursion.gguf"):
        assert rows[name]["trusted"] is False and rows[name]["problem"], name
        assert "\n" not in rows[name]["problem"]
    assert "ZeroDivisionError" in rows["b-divide.gguf"]["problem"]
    assert "recurses without end" in rows["c-recursion.gguf"]["problem"]
    code, out, err = cli("doctor", "--json")
    assert json.loads(out)["model"]["path"] == str(good)


def test_the_model_a_draft_loads_is_the_good_one(ctx, hostile_folder):
    _, good = hostile_folder
    mf = models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn)
    assert mf.path == good and mf.trusted


@pytest.mark.parametrize(
    "template, needle",
    [
        ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "took longer than"),
        ("{{ 'A' * 4000000000 }}", "builds a huge string"),
        ("{{ 9 ** 999999999 }}", "huge power"),
        ("{% for a in range(100000) %}{{ 'xxxxxxxxxxxxxxxxxxxx' }}{% endfor %}", "writes too much text"),
        ("{{ 'x' * 200000 }}", "more than a chat template can be"),
    ],
    ids=["nested-loop", "giant-string", "giant-power", "output", "size"],
)
def test_hostile_templates_are_bounded_one_line_errors(template, needle):
    if needle.startswith("more than"):
        template = "{# " + "x" * (chat_format.MAX_TEMPLATE_CHARS + 1) + " #}"
    t0 = time.monotonic()
    with pytest.raises(ModelError) as exc:
        chat_format.TemplateFormat(template, bos="<s>", eos="</s>", source="hostile.gguf")
    assert time.monotonic() - t0 < chat_format.RENDER_SECONDS + 3
    assert needle in exc.value.message and "hostile.gguf" in exc.value.message and "\n" not in exc.value.message


def test_a_normal_template_still_renders():
    t = chat_format.TemplateFormat(
        "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}",
        bos="<s>", eos="</s>", source="ok.gguf")
    segs = t.segments([{"role": "user", "content": "Hei"}])
    assert ("Hei", False) in segs and any(s == "<|assistant|>" for s, special in segs if special)


def test_draft_runs_on_the_good_model_with_hostile_files_beside_it(cli, home, hostile_folder, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from tests.eval.seed import seed

    _, good = hostile_folder
    monkeypatch.delenv("CONFIDANT_MODEL", raising=False)
    c = open_context(passphrase_provider)
    try:
        seed(c.vault, accounts=["fjord"])
    finally:
        c.close()
    code, out, err = cli("draft", "kari.nordmann@example.com", "--about", "pilot", "--quick", "--json",
                         "--max-tokens", "16", "--ctx", "1024", "--seed", "1", "--thinking-budget", "0")
    assert code == 0, err
    cid = json.loads(out)["conversation_id"]
    c = open_context(passphrase_provider)
    try:
        sha = c.vault.conn.execute("SELECT model_sha256 FROM conversations WHERE id = ?", (cid,)).fetchone()[0]
    finally:
        c.close()
    assert sha == models.sha256_file(good)  # the draft ran on the good model
