"""Build-failing static check: nothing under app/ imports an HTTP client, a model-hub
client, QtNetwork or QtWebEngine, or calls ``from_pretrained`` (which downloads weights)."""

import ast

from tests.support.paths import ROOT

FORBIDDEN_MODULES = (
    "requests", "httpx", "urllib3", "aiohttp", "http.client", "urllib.request", "httplib2", "pycurl",
    "websocket", "websockets", "ftplib", "smtplib", "xmlrpc.client", "huggingface_hub", "hf_transfer",
    "modelscope", "openai", "anthropic", "PySide6.QtNetwork", "PySide6.QtNetworkAuth", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebSockets", "PySide6.QtWebChannel",
    "PyQt5", "PyQt6",
)
FORBIDDEN_NAMES = {"QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebSockets",
                   "QNetworkAccessManager", "QWebEngineView"}


def _banned(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in FORBIDDEN_MODULES)


def problems_in(source: str, name: str) -> list[str]:
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{name}:{node.lineno} imports {a.name}" for a in node.names if _banned(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if _banned(node.module):
                found.append(f"{name}:{node.lineno} imports {node.module}")
                continue
            found += [f"{name}:{node.lineno} imports {node.module}.{a.name}" for a in node.names
                      if _banned(f"{node.module}.{a.name}") or a.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr == "from_pretrained":
            found.append(f"{name}:{node.lineno} uses from_pretrained")
        elif isinstance(node, ast.Name) and node.id == "from_pretrained":
            found.append(f"{name}:{node.lineno} uses from_pretrained")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("__import__", "import_module"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if _banned(node.args[0].value):
                    found.append(f"{name}:{node.lineno} imports {node.args[0].value} dynamically")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if _banned(node.args[0].value):
                    found.append(f"{name}:{node.lineno} imports {node.args[0].value} dynamically")
    return found


def test_app_has_no_network_clients_and_never_downloads_models():
    files = sorted((ROOT / "app").rglob("*.py"))
    assert len(files) > 20
    problems = []
    for f in files:
        problems += problems_in(f.read_text(encoding="utf-8"), str(f.relative_to(ROOT)))
    # The one exception (DESIGN invariant 1): the company inference server's HTTP client, reached
    # only through app/core/privacy/door.py when the system policy names it.
    client = "app/core/llm/server_client.py"
    assert [p.split(" ", 1)[1] for p in problems if p.split(":")[0] == client] == ["imports http.client"]
    assert [p for p in problems if p.split(":")[0] != client] == []


def test_the_check_catches_each_kind_of_violation():
    bad = (
        "import requests\n"
        "from urllib.request import urlopen\n"
        "from PySide6 import QtNetwork\n"
        "from PySide6.QtWebEngineWidgets import QWebEngineView\n"
        "import huggingface_hub as hub\n"
        "importlib.import_module('httpx')\n"
        "Llama.from_pretrained(repo_id='x', filename='y')\n"
    )
    assert len(problems_in(bad, "bad.py")) == 7
    assert problems_in("import socket\nfrom PySide6 import QtWidgets\nimport urllib.parse\n", "ok.py") == []
