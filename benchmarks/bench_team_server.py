"""The company inference server's protocol overhead (issue 15).

The same draft (same vault, contact, model, threads, seed) through llama-cpp-python's own
OpenAI-compatible server on 127.0.0.1 over TLS with a pinned self-signed certificate, vs the
local engine in this process. Both run SmolLM2-135M Q4_1 with 2 threads and a 2,048-token
context; the server is the bare library behind HTTP, so the ratio is what TLS, JSON, SSE and
the per-note tokenize requests cost. A real team server runs a bigger model on a GPU: there
the network adds the same few milliseconds per request while generation gets much faster.

    .venv/bin/python -m benchmarks.run team_server
"""

from __future__ import annotations

import os

from benchmarks.run import BenchEnv, Entry
from tests.support.model_files import models_dir as _models_dir


def run(env: BenchEnv) -> list[Entry]:
    home = env.home("team-server")
    os.environ.update(CONFIDANT_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
                      CONFIDANT_PASSPHRASE="bench-passphrase")
    policy_file = home / "policy.toml"
    policy_file.write_text("# none\n")
    os.environ["CONFIDANT_POLICY"] = str(policy_file)

    from app.cli.common import passphrase_provider
    from app.core.assistant import service
    from app.core.context import open_context
    from app.core.llm.engine import Engine
    from app.core.llm.models import verify
    from app.core.llm.remote import RemoteEngine
    from app.core.policy.reader import Policy
    from tests.support import team_server
    from tests.eval.seed import seed

    model = _models_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf"
    srv = team_server.start(model, env.home("team-server-tls"), alias="smollm2", n_ctx=2048, threads=2)
    ctx = open_context(passphrase_provider)
    entries: list[Entry] = []
    try:
        seed(ctx.vault)
        ctx.settings.set("user_name", "Ola Hansen")
        pol = Policy(values={"inference_url": f"https://127.0.0.1:{srv.port}", "inference_tls_sha256": srv.fingerprint,
                             "inference_model": "smollm2", "inference_n_ctx": 2048}, source="bench")
        answer = 48 if env.quick else 128
        runs = {}
        for label in ("server", "local", "server again"):
            if label.startswith("server"):
                engine = RemoteEngine.open(pol)
            else:
                engine = Engine.load(verify(model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
            try:
                res = service.draft_follow_up(ctx, engine, "kari.nordmann@example.com", about="pilotavtalen", quick=True,
                                              answer_tokens=answer, seed=1, temperature=0.0)
            finally:
                engine.close()
            runs[label] = res
        # Cold on both sides: llama-cpp-python's server keeps the last prompt's prefix, so the
        # second server run shows what a follow-up on the server gains from it.
        srv_res, loc_res = runs["server"], runs["local"]
        for name, value, base in (
            ("first answer token", srv_res.first_answer_seconds or 0.0, loc_res.first_answer_seconds or 0.0),
            ("total", srv_res.seconds, loc_res.seconds),
        ):
            entries.append(Entry(f"quick draft through the company server (TLS, SSE): {name}", value, "s", base,
                                 "local engine, same model, threads and draft", ratio=value / base if base else None,
                                 target="informational: protocol overhead", ok=None,
                                 extra={"answer_tokens": [srv_res.answer_tokens, loc_res.answer_tokens]}))
        again = runs["server again"]
        entries.append(Entry("quick draft through the company server, prompt prefix kept on the server: total",
                             again.seconds, "s", loc_res.seconds, "local engine, cold",
                             ratio=again.seconds / loc_res.seconds if loc_res.seconds else None,
                             target="informational", ok=None))
    finally:
        ctx.close()
        srv.stop()
    return entries
