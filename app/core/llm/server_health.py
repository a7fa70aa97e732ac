"""IT's view of the company server for ``confidant doctor``: is it reachable, how long a
one-token request takes, and its slots when the server reports them (llama-server's
``/slots``, else ``total_slots`` in its ``/props``; llama-cpp-python's server and vLLM
report none). No user content is sent: the one-token request asks the model to say "ok".

Runs on whatever thread calls it.
"""

from __future__ import annotations

import time

from app.core.errors import AppError
from app.core.llm.errors import RemoteError


def probe(engine) -> dict:
    """``latency_ms`` of a one-token chat request (None when it failed, with
    ``latency_problem``) and ``slots``: ``{"total", "busy"}`` (``busy`` None when only the
    number is reported) or None when the server reports none."""
    client = engine.client
    out: dict = {"latency_ms": None, "slots": slots(client)}
    body = {"model": engine.door.model, "messages": [{"role": "user", "content": "Say ok."}], "max_tokens": 1,
            "temperature": 0, "stream": False}
    started = time.perf_counter()
    try:
        client.json("POST", "/v1/chat/completions", body)
    except AppError as exc:
        out["latency_problem"] = exc.message
        return out
    out["latency_ms"] = round((time.perf_counter() - started) * 1000)
    return out


def slots(client) -> dict | None:
    try:
        listed = client.json("GET", "/slots")
    except (RemoteError, ValueError):
        listed = None
    if isinstance(listed, list) and listed and all(isinstance(s, dict) for s in listed):
        return {"total": len(listed), "busy": sum(1 for s in listed if s.get("is_processing") or s.get("state") == 1)}
    try:
        props = client.json("GET", "/props")
    except (RemoteError, ValueError):
        return None
    total = props.get("total_slots") if isinstance(props, dict) else None
    return {"total": total, "busy": None} if isinstance(total, int) and total > 0 else None
