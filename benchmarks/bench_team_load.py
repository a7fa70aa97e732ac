"""One company server, many salespeople (issue 27): how many laptops one server serves.

1, 2, 4, 8 and 16 simulated laptops (threads of this process), each a real
:class:`~app.core.llm.remote.RemoteEngine` opened as the app opens it (TLS, pinned
certificate, tokenize endpoint) and drafting a quick follow-up e-mail through the app's own
task code (:func:`app.core.assistant.turns.draft`: note selection, prompt fitting, the one
generation loop) for its own fictional contact with 10 notes (about 1,100 prompt tokens;
every laptop's prompt differs from its first line, so no laptop rides on another's cache).
Starts are staggered (``STAGGER`` s apart); every level is bounded in time (``PLAN``): a laptop
still waiting then is cancelled and counted as unfinished, and no bigger level is tried.

Per level: aggregate generated tokens/s (answer tokens of every laptop over the level's wall
time), p50/p95 time to the first answer token and to the end (from the click: prompt fitting
and its tokenize requests included), errors and unfinished drafts; against llama.cpp's
``llama-server --parallel 4`` (continuous batching) and llama-cpp-python's server (serial),
both on 127.0.0.1 over TLS with 2 threads, on the demo model (SmolLM2-135M) and the model with
the 1.5B distill's exact shape (benchmarks/real_shape.py). The bare library's figure is the
1-laptop level on the same server in the same run.

Prompt reuse: one laptop drafts, then ``PLAN[…]["others"]`` other laptops draft (they take the
slots), then the first asks for a follow-up ("make it shorter"); the follow-up's first answer
token and the prompt tokens the server did not have to read again (``cache_n``), with
``cache_prompt`` off, as the app asks (``cache_prompt``, the server picks the slot), and with
each laptop pinned to a slot (``id_slot``; the app does not send it: this shows why).

The server and the simulated laptops share this machine's 2 cores: the figures are for a
2-core CPU server, not a GPU one (docs/deploy.md cites published GPU figures separately).

    nice -n 15 .venv/bin/python -m benchmarks.run team_load
    CONFIDANT_BENCH_TEAM_MODELS=demo nice -n 15 .venv/bin/python -m benchmarks.run team_load
"""

from __future__ import annotations

import math
import os
import random
import threading
import time
from dataclasses import dataclass

from benchmarks.run import BenchEnv, Entry
from tests.support.model_files import models_dir as _models_dir

PARALLEL = 4
STAGGER = 0.25  # seconds between two laptops' clicks
# Per model: laptops per level, each level's time bound (s), answer tokens, laptops drafting
# between a first turn and its follow-up. The 1.5B shape reads a prompt at about 30 tokens/s on
# 2 cores, so its levels stop at 4 laptops to keep the run at minutes.
# "pinned": a level run again with every laptop pinned to a slot (id_slot), which the app does not do.
PLAN = {"demo": {"levels": (1, 2, 4, 8, 16), "budget": 90.0, "answer": 48, "others": PARALLEL, "pinned": 8},
        "1.5B-shape": {"levels": (1, 2, 4), "budget": 200.0, "answer": 16, "others": 0, "pinned": None}}
N_CTX = 2048  # per slot

FIRST = ["Kari", "Ola", "Ingrid", "Lars", "Sofie", "Jonas", "Emma", "Henrik", "Nora", "Mats", "Sara", "Erik",
         "Maja", "Tor", "Ida", "Anders", "Frida", "Knut"]
LAST = ["Nordmann", "Berg", "Haugen", "Lie", "Dahl", "Strand", "Bakke", "Moen", "Lunde", "Solberg"]
TOWNS = ["Tromsø", "Bergen", "Ålesund", "Bodø", "Stavanger", "Trondheim", "Hamar", "Molde"]
TOPICS = ["delivery windows for the spring season", "a pilot with {n} refrigerated trucks", "the price per pallet",
          "invoice terms of {n} days", "a route change through {town}", "tracking data in their ERP",
          "a second depot near {town}", "driver training for {n} new hires", "the contract renewal in week {w}",
          "damaged goods on {n} shipments"]


@dataclass
class Run:
    first: float | None
    total: float
    tokens: int
    error: str | None = None
    unfinished: bool = False
    reused: int = 0


def laptop(i: int) -> tuple[str, dict, list[dict]]:
    """Salesperson i's own fictional contact and 10 notes (example.com addresses only)."""
    rng = random.Random(27_000 + i)
    seller = f"{FIRST[i % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}"
    first, last = rng.choice(FIRST), rng.choice(LAST)
    company = f"{rng.choice(['Fjord', 'Nordlys', 'Vidde', 'Kyst', 'Skog'])} {rng.choice(['Logistikk', 'Frakt', 'Transport'])} {i} AS"
    subject = {"kind": "contact", "id": i + 1, "name": f"{first} {last}", "first_name": first, "title": "Head of logistics",
               "company": company, "email": f"{first.lower()}.{last.lower()}{i}@example.com"}
    notes = []
    for k in range(10):
        topic = rng.choice(TOPICS).format(n=rng.randint(3, 60), town=rng.choice(TOWNS), w=rng.randint(2, 50))
        body = (f"Call with {first} about {topic}. They compared us with two other carriers and asked for a written "
                f"offer before week {rng.randint(2, 50)}. {first} worries about {rng.choice(TOPICS).format(n=rng.randint(3, 60), town=rng.choice(TOWNS), w=rng.randint(2, 50))}; "
                f"the CFO wants figures for {rng.randint(2, 12)} months. Next step: send a summary and a proposal draft.")
        notes.append({"id": 100 * i + k + 1, "body": body, "title": f"Call {k + 1}", "date": f"2026-{1 + k % 12:02d}-{10 + k:02d}",
                      "contact_name": f"{first} {last}"})
    return seller, subject, notes


def pct(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..1); None for no values."""
    if not values:
        return None
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def draft(eng, i: int, answer: int, cancel: threading.Event, history: list | None = None) -> tuple[Run, list]:
    """One laptop's draft (or, with ``history``, its follow-up), timed from the click."""
    from app.core.assistant import turns
    from app.core.assistant.generation import Options
    from app.core.llm.events import AnswerChunk, Done

    seller, subject, notes = laptop(i)
    t0 = time.perf_counter()
    box: dict = {}

    def on_event(ev):
        if isinstance(ev, AnswerChunk) and "first" not in box:
            box["first"] = time.perf_counter() - t0
        elif isinstance(ev, Done):
            box["reused"] = ev.reused_tokens
    opts = Options(quick=True, answer_tokens=answer, temperature=0.0, seed=i, on_event=on_event, cancel=cancel)
    try:
        if history is None:
            out = turns.draft(eng, subject=subject, notes=notes, user_name=seller, opts=opts)
            msgs = out.messages
        else:
            out = turns.follow_up(eng, task="draft", history=history, given={int(n["id"]): n for n in notes},
                                  instruction="Make it shorter.", lang="en", user_name=seller, opts=opts)
            msgs = history + out.messages
        return Run(box.get("first"), time.perf_counter() - t0, out.result.answer_tokens, reused=box.get("reused", 0)), msgs
    except Exception as exc:  # noqa: BLE001 - counted per level, the run goes on
        if cancel.is_set():
            return Run(box.get("first"), time.perf_counter() - t0, 0, unfinished=True), []
        return Run(box.get("first"), time.perf_counter() - t0, 0, error=f"{type(exc).__name__}: {exc}"[:200]), []


def open_engine(policy, slot_mode: str, i: int):
    """The app's engine; ``slot_mode`` "off" asks for no prompt reuse, "pinned" adds a stable
    ``id_slot`` per laptop (what the app does not send: this measures why)."""
    from app.core.llm.remote import RemoteEngine

    eng = RemoteEngine.open(policy, timeout=600.0, connect_timeout=60.0)
    fields = eng.client.reuse_fields
    if slot_mode == "off":
        eng.client.reuse_fields = lambda: {"cache_prompt": False}
    elif slot_mode == "pinned" and eng.client.slots:
        slot = random.Random(91_000 + i).randrange(2**31) % eng.client.slots  # each laptop its own install
        eng.client.reuse_fields = lambda: {**fields(), "id_slot": slot}
    return eng


def level(policy, n: int, answer: int, budget: float, slot_mode: str = "app") -> dict:
    """``n`` laptops, staggered, bounded by ``budget`` seconds; the level's figures."""
    engines: list = [None] * n
    runs: list[Run | None] = [None] * n
    for i in range(n):  # the app holds its engine open before the user clicks
        try:
            engines[i] = open_engine(policy, slot_mode, i)
        except Exception as exc:  # noqa: BLE001 - counted, the level goes on
            runs[i] = Run(None, 0.0, 0, error=f"open: {type(exc).__name__}: {exc}"[:200])
    cancel = threading.Event()
    started = time.perf_counter()

    def go(i):
        time.sleep(max(0.0, started + i * STAGGER - time.perf_counter()))
        runs[i] = draft(engines[i], i, answer, cancel)[0]
    threads = [threading.Thread(target=go, args=(i,), daemon=True) for i in range(n) if engines[i] is not None]
    for t in threads:
        t.start()
    timer = threading.Timer(budget, cancel.set)
    timer.start()
    for t in threads:
        t.join()
    timer.cancel()
    wall = time.perf_counter() - started
    for e in engines:
        if e is not None:
            e.close()
    done = [r for r in runs if r is not None and r.error is None and not r.unfinished]
    firsts = [r.first for r in done if r.first is not None]
    return {"laptops": n, "wall_s": round(wall, 2), "tokens_per_s": round(sum(r.tokens for r in done) / wall, 2),
            "first_p50": pct(firsts, 0.5), "first_p95": pct(firsts, 0.95),
            "end_p50": pct([r.total for r in done], 0.5), "end_p95": pct([r.total for r in done], 0.95),
            "errors": [r.error for r in runs if r is not None and r.error], "unfinished": sum(1 for r in runs if r and r.unfinished),
            "finished": len(done)}


def settle(policy) -> None:
    """Wait until the server answers again (a serial server finishes a cancelled reply first)."""
    from app.core.llm.remote import RemoteEngine

    RemoteEngine.open(policy, connect_timeout=600.0).close()


def reuse(policy, answer: int, slot_mode: str, others: int) -> dict:
    """Laptop 0 drafts, ``others`` laptops draft, laptop 0 follows up: the follow-up's figures."""
    cancel = threading.Event()
    eng = open_engine(policy, slot_mode, 0)
    try:
        _, history = draft(eng, 0, answer, cancel)
        for i in range(1, others + 1):
            other = open_engine(policy, slot_mode, i)
            draft(other, i, answer, cancel)
            other.close()
        run, _ = draft(eng, 0, answer, cancel, history=history)
    finally:
        eng.close()
    return {"first": run.first, "total": run.total, "reused_tokens": run.reused, "error": run.error}


def servers(model, folder, alias: str):
    """(label, start) for the two implementations."""
    from tests.support import llama_server, team_server

    return [(f"llama-server --parallel {PARALLEL}",
             lambda: llama_server.start(model, folder, alias=alias, n_ctx=N_CTX, parallel=PARALLEL, threads=2)),
            ("llama-cpp-python server (serial)",
             lambda: team_server.start(model, folder, alias=alias, n_ctx=N_CTX, threads=2))]


def policy_for(srv, alias: str):
    from app.core.policy.reader import Policy

    return Policy(values={"inference_url": f"https://localhost:{srv.port}", "inference_tls_sha256": srv.fingerprint,
                          "inference_model": alias, "inference_n_ctx": N_CTX}, source="bench")


def run(env: BenchEnv) -> list[Entry]:
    home = env.home("team-load")
    os.environ.update(CONFIDANT_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    from benchmarks import real_shape

    models = [("demo", _models_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf", "smollm2")]
    shaped = real_shape.model_path()
    if shaped.exists() and not env.quick:
        models.append(("1.5B-shape", shaped, "deepseek-r1-distill-qwen-1.5b-shape"))
    only = os.environ.get("CONFIDANT_BENCH_TEAM_MODELS")  # e.g. "demo" or "1.5B-shape": one model per run
    if only:
        models = [m for m in models if m[0] in only.split(",")]
    entries: list[Entry] = []
    for mname, model, alias in models:
        plan = PLAN[mname]
        levels = (1, 2, 4) if env.quick else plan["levels"]
        for label, start in servers(model, env.home(f"team-load-{mname}"), alias):
            srv = start()
            try:
                pol = policy_for(srv, alias)
                base = None
                for n in levels:
                    load = os.getloadavg()[0]
                    fig = level(pol, n, plan["answer"], plan["budget"])
                    base = base or fig
                    entries.append(Entry(
                        f"{mname} on {label}: {n} laptop(s), aggregate answer tokens/s", fig["tokens_per_s"], "tok/s",
                        base["tokens_per_s"], "1 laptop, same server", ratio=(fig["tokens_per_s"] / base["tokens_per_s"])
                        if base["tokens_per_s"] else None, target="informational: sizing (docs/deploy.md)", ok=None,
                        notes=f"load {load:.1f}", extra=fig))
                    if fig["unfinished"] or fig["finished"] == 0:
                        settle(pol)
                        break  # a bigger level cannot finish within the bound either
                if label.startswith("llama-server") and plan["pinned"] and not env.quick:
                    n, load = plan["pinned"], os.getloadavg()[0]
                    fig = level(pol, n, plan["answer"], plan["budget"], slot_mode="pinned")
                    entries.append(Entry(f"{mname} on {label}: {n} laptop(s), each pinned to a slot (id_slot), "
                                         "aggregate answer tokens/s", fig["tokens_per_s"], "tok/s", target="informational",
                                         ok=None, notes=f"load {load:.1f}", extra=fig))
                if label.startswith("llama-server"):
                    for mode in ("off", "app", "pinned"):
                        load = os.getloadavg()[0]
                        r = reuse(pol, plan["answer"], mode, plan["others"])
                        entries.append(Entry(f"{mname} on {label}: follow-up first answer token, reuse {mode}",
                                             r["first"] or 0.0, "s", target="informational: prompt reuse", ok=None,
                                             notes=f"load {load:.1f}", extra=r))
            finally:
                srv.stop()
    return entries
