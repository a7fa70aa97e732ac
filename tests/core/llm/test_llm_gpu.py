"""GPU offload: the decision on real model numbers, the `gpu` setting and policy key, doctor's report,
and, with the Vulkan build of llama.cpp (CONFIDANT_LLAMA_GPU=vulkan scripts/build-llama-wheel.sh) on
Mesa's software Vulkan driver (lavapipe), real offload with the same greedy tokens as the CPU and a
clean CPU fallback when no Vulkan driver is installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import llama_cpp
import pytest

from app.core.errors import UsageError
from app.core.llm import gpu, hardware, models
from app.core.settings import ManagedSettingError
from tests.support.paths import ROOT

GB, MB = 1024 ** 3, 1024 ** 2
VULKAN_BUILD = any((Path(llama_cpp.__file__).parent / "lib").glob("*ggml-vulkan*"))
needs_vulkan = pytest.mark.skipif(not VULKAN_BUILD, reason="llama-cpp-python is the CPU build (scripts/test.sh "
                                  "runs these with CONFIDANT_LLAMA_GPU=vulkan)")
if VULKAN_BUILD:
    # llama.cpp's Vulkan backend hides CPU-type devices (llvmpipe) unless they are listed here; the
    # tests run on one. Set before the first test loads the backends, which happens once per process.
    os.environ.setdefault("GGML_VK_VISIBLE_DEVICES", "0")

# Descriptions as the drivers report them.
RTX = gpu.Device("vulkan", "Vulkan0", "NVIDIA GeForce RTX 4060 Laptop GPU", free=7 * GB, total=8 * GB)
IRIS = gpu.Device("vulkan", "Vulkan1", "Intel(R) Iris(R) Xe Graphics (RPL-P)", free=14 * GB, total=15 * GB, kind="igpu")
LLVMPIPE = gpu.Device("vulkan", "Vulkan0", "llvmpipe (LLVM 15.0.6, 256 bits)", free=30 * GB, total=31 * GB)


@pytest.fixture(scope="module")
def smol(smol_model):
    info = models.header(smol_model)
    return info, smol_model.stat().st_size, hardware.kv_bytes_per_token(info) * 2048


def _decide(devs, request, smol, **kw):
    info, size, kv = smol
    return gpu.decide(devs, request=request, model_bytes=size, n_layers=info.n_layers, kv_bytes=kv, **kw)


def test_auto_puts_the_whole_model_on_a_gpu_that_has_room(smol):
    o = _decide([RTX], gpu.AUTO, smol)
    assert (o.backend, o.device, o.layers) == ("vulkan", RTX, gpu.ALL)
    assert "all 31 layers" in o.reason and "RTX 4060" in o.reason  # SmolLM2-135M: 30 blocks + output


def test_a_discrete_gpu_wins_over_an_integrated_one_with_more_shared_memory(smol):
    assert _decide([IRIS, RTX], gpu.AUTO, smol).device == RTX
    assert _decide([IRIS], gpu.AUTO, smol).device == IRIS


def test_short_memory_gives_fewer_layers_then_the_cpu(smol):
    info, size, kv = smol
    per_layer = (size / (info.n_layers + 1)) + kv / info.n_layers
    tight = gpu.Device("vulkan", "Vulkan0", "AMD Radeon 780M", free=gpu.HEADROOM + int(per_layer * 10.5), total=GB)
    o = _decide([tight], gpu.AUTO, smol)
    assert (o.backend, o.layers) == ("vulkan", 10) and "10 of 31 layers" in o.reason and "free" in o.reason
    tiny = gpu.Device("vulkan", "Vulkan0", "AMD Radeon 780M", free=gpu.HEADROOM + int(per_layer / 2), total=GB)
    o = _decide([tiny], gpu.AUTO, smol)
    assert (o.backend, o.layers, o.device) == ("cpu", 0, None) and "runs on the CPU" in o.reason
    # a pin is capped the same way rather than let llama.cpp fail to allocate
    assert _decide([tight], 20, smol).layers == 10


def test_software_vulkan_is_no_gpu_under_auto_but_a_pin_uses_it(smol):
    o = _decide([LLVMPIPE], gpu.AUTO, smol)
    assert (o.backend, o.layers) == ("cpu", 0) and "software GPU" in o.reason and "llvmpipe" in o.reason
    o = _decide([LLVMPIPE], 8, smol)
    assert (o.backend, o.layers, o.device) == ("vulkan", 8, LLVMPIPE) and "8 of 31 layers" in o.reason
    assert _decide([LLVMPIPE, RTX], gpu.AUTO, smol).device == RTX


def test_off_none_and_unknown_memory(smol):
    assert _decide([RTX], gpu.OFF, smol).layers == 0 and _decide([RTX], gpu.OFF, smol).backend == "cpu"
    o = _decide([], gpu.AUTO, smol)
    assert o.backend == "cpu" and "no GPU device" in o.reason
    unknown = gpu.Device("metal", "MTL0", "Apple M2", free=None, total=None)
    assert _decide([unknown], gpu.AUTO, smol).layers == gpu.ALL
    assert _decide([unknown], 5, smol).layers == 5
    assert _decide([RTX], 99, smol).layers == gpu.ALL  # a pin above the layer count is all of them


def test_parse_the_setting():
    assert [gpu.parse(v) for v in ("auto", "", "off", "OFF", "12", 7, 0, "all")] == [gpu.AUTO, gpu.AUTO, 0, 0, 12, 7, 0,
                                                                                 gpu.ALL]
    for bad in ("fast", "-3", "1.5", -1, True):
        with pytest.raises(UsageError):
            gpu.parse(bad)


def test_gpu_setting_is_validated_and_read(ctx):
    assert ctx.settings.get("gpu") == "auto" and gpu.requested_layers(ctx.settings) == gpu.AUTO
    with pytest.raises(UsageError, match="auto, all, off or a number"):
        ctx.settings.set("gpu", "turbo")
    ctx.settings.set("gpu", "off")
    assert gpu.requested_layers(ctx.settings) == 0
    ctx.settings.set("gpu", "12")
    assert gpu.requested_layers(ctx.settings) == 12


def test_one_gpu_setting_and_a_stored_gpu_layers_value_keeps_working(cli, home):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import settings_store

    c = open_context(passphrase_provider)
    try:
        with c.vault.transaction() as conn:
            settings_store.put(conn, "gpu_layers", 0)  # what the Settings page stored before there was one key
    finally:
        c.close()
    code, out, err = cli("config", "get", "--json")
    shown = json.loads(out)
    assert "gpu_layers" not in shown and shown["gpu"]["value"] == "off"  # one key, and the old choice holds
    c = open_context(passphrase_provider)
    try:
        assert gpu.requested_layers(c.settings) == 0
    finally:
        c.close()
    code, out, err = cli("config", "set", "gpu_layers", "-1")  # a script written for the old key still works
    assert code == 0 and out.strip() == "gpu = all", err
    code, out, err = cli("config", "get", "gpu")
    assert out.strip() == "all"


def test_auto_on_this_machine_runs_on_the_cpu_and_doctor_says_why(cli, smol_model, monkeypatch):
    # The CPU build has no GPU device; lavapipe (the Vulkan build in CI) is software: both are "cpu" under auto.
    cli("models")
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("doctor", "--json")
    model = json.loads(out)["model"]
    assert (model["backend"], model["gpu_layers"], model["device"]) == ("cpu", 0, None), model
    assert "no GPU device" in model["gpu"] or "software GPU" in model["gpu"]


def test_policy_turns_the_gpu_off_and_the_user_cannot_change_it(cli, home, smol_model, monkeypatch):
    Path(os.environ["CONFIDANT_POLICY"]).write_text('gpu = "off"\n')
    cli("models")
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("doctor", "--json")
    report = json.loads(out)
    assert "gpu" in report["policy"]["keys"]
    assert (report["model"]["backend"], report["model"]["gpu_layers"]) == ("cpu", 0)
    assert "turned off" in report["model"]["gpu"]
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        assert c.settings.get("gpu") == "off" and c.settings.is_managed("gpu")
        with pytest.raises(ManagedSettingError):
            c.settings.set("gpu", "auto")
    finally:
        c.close()


def test_a_bad_policy_value_is_refused_with_one_line(cli, home):
    Path(os.environ["CONFIDANT_POLICY"]).write_text('gpu = "lots"\n')
    code, out, err = cli("doctor", "--json")
    text = out + err
    assert "gpu" in text and "auto, off or a number of layers" in text


# ---- with the Vulkan build, on lavapipe ----------------------------------------------------------


def _greedy(model_path: Path, gpu_layers: int, n: int = 24) -> tuple[list[int], hardware.Plan]:
    from app.core.llm.engine import Engine  # noqa: F401  (loads the backends through hardware.plan)

    info = models.header(model_path)
    p = hardware.plan(info, model_path.stat().st_size, n_ctx=512, threads=None, gpu_layers=gpu_layers)
    llama = llama_cpp.Llama(model_path=str(model_path), n_ctx=512, n_gpu_layers=p.gpu_layers, verbose=False,
                            seed=1)
    try:
        prompt = llama.tokenize(b"The three primary colours are", add_bos=True)
        out = []
        for tok in llama.generate(prompt, temp=0.0, top_k=1):
            out.append(tok)
            if len(out) == n:
                break
        return out, p
    finally:
        llama.close()


@needs_vulkan
def test_vulkan_offloads_layers_on_lavapipe_with_the_cpu_greedy_tokens(smol_model):
    found = gpu.devices()
    assert found and any(d.software for d in found), found  # CI installs mesa-vulkan-drivers
    on_cpu, p_cpu = _greedy(smol_model, 0)
    on_gpu, p_gpu = _greedy(smol_model, 99)
    assert p_cpu.backend == "cpu" and (p_gpu.backend, p_gpu.gpu_layers) == ("vulkan", gpu.ALL)
    assert "llvmpipe" in p_gpu.device and p_gpu.device_total
    # Same arithmetic up to rounding: the first tokens agree, and nearly all of them do.
    same = sum(a == b for a, b in zip(on_cpu, on_gpu))
    assert on_cpu[:8] == on_gpu[:8] and same >= len(on_cpu) - 4, (on_cpu, on_gpu)


_VARIANT_PROBE = """
import json, re, sys
import llama_cpp
from app.core.llm import gpu
gpu.load_backends()
llama = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=256, n_gpu_layers=0, verbose=False, seed=1)
out = []
for tok in llama.generate(llama.tokenize(b"The three primary colours are", add_bos=True), temp=0.0, top_k=1):
    out.append(tok)
    if len(out) == 12:
        break
maps = open("/proc/self/maps").read()
print(json.dumps({"tokens": out, "cpu": sorted(set(re.findall(r"libggml-cpu-([a-z0-9_]+)\\.so", maps)))}))
"""


@needs_vulkan
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads which CPU backend is mapped (Linux)")
def test_the_baseline_cpu_backend_runs_the_model_like_the_best_one(smol_model, tmp_path):
    """One CPU backend per CPU class ships (scripts/patches/ggml-cpu-variants.patch), so a laptop
    without AVX2 runs too: with only the baseline x64 backend present, llama.cpp loads it and the
    model starts the same greedy answer as with the backend llama.cpp picks on this machine."""
    import shutil

    package = Path(llama_cpp.__file__).parent
    variants = sorted(p.name for p in (package / "lib").glob("libggml-cpu-*.so"))
    assert variants == [f"libggml-cpu-{v}.so" for v in ("haswell", "sandybridge", "sse42", "x64")], variants
    only_x64 = tmp_path / "site"
    shutil.copytree(package, only_x64 / "llama_cpp", ignore=shutil.ignore_patterns("__pycache__"))
    for name in variants:
        if name != "libggml-cpu-x64.so":
            (only_x64 / "llama_cpp" / "lib" / name).unlink()

    def probe(path_first: list[Path]) -> dict:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(p) for p in [*path_first, ROOT]))
        env.pop("GGML_VK_VISIBLE_DEVICES", None)  # the CPU only
        r = subprocess.run([sys.executable, "-c", _VARIANT_PROBE, str(smol_model)], env=env, capture_output=True,
                           text=True, timeout=600)
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout.strip().splitlines()[-1])

    best, baseline = probe([]), probe([only_x64])
    flags = Path("/proc/cpuinfo").read_text()
    assert best["cpu"] == (["haswell"] if " avx2 " in flags else best["cpu"]) and len(best["cpu"]) == 1, best
    assert baseline["cpu"] == ["x64"], baseline
    # The same model, computed with other instructions: the sentence starts the same (a broken
    # backend gives other tokens at once); near-ties later may fall the other way, as on a GPU.
    assert len(best["tokens"]) == 12 and baseline["tokens"][:6] == best["tokens"][:6], (best, baseline)


def _run_cli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli.main", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


@needs_vulkan
def test_doctor_shows_vulkan_when_pinned_and_cpu_with_no_vulkan_driver(home, smol_model, tmp_path):
    env = dict(os.environ, CONFIDANT_MODEL=str(smol_model), PYTHONPATH=str(ROOT))
    Path(env["CONFIDANT_POLICY"]).write_text('gpu = "8"\n')
    assert _run_cli(["models"], env).returncode == 0  # creates the vault; doctor's model section needs it
    r = _run_cli(["doctor", "--json"], env)
    model = json.loads(r.stdout)["model"]
    assert (model["backend"], model["gpu_layers"]) == ("vulkan", 8), model
    assert "llvmpipe" in model["device"] and model["device_memory_total"] > 0

    empty = tmp_path / "icd.d"
    empty.mkdir()
    (empty / "none.json").write_text("")
    env.update(VK_ICD_FILENAMES=str(empty / "none.json"), VK_DRIVER_FILES=str(empty / "none.json"))
    env.pop("GGML_VK_VISIBLE_DEVICES", None)  # a laptop with no Vulkan driver sets nothing
    r = _run_cli(["doctor", "--json"], env)
    model = json.loads(r.stdout)["model"]
    assert (model["backend"], model["gpu_layers"]) == ("cpu", 0) and "no GPU device" in model["gpu"], model


@needs_vulkan
def test_quick_draft_works_with_no_vulkan_driver(seeded_env, tmp_path):
    env = dict(seeded_env, VK_ICD_FILENAMES=str(tmp_path / "none.json"), VK_DRIVER_FILES=str(tmp_path / "none.json"))
    env.pop("GGML_VK_VISIBLE_DEVICES", None)
    (tmp_path / "none.json").write_text("")
    r = _run_cli(["draft", "kari.nordmann@example.com", "--about", "pilot", "--quick", "--json", "--max-tokens", "16",
                  "--ctx", "1024", "--seed", "1", "--thinking-budget", "0"], env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout)["text"]


@pytest.fixture
def seeded_env(home, smol_model):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from tests.eval.seed import seed

    c = open_context(passphrase_provider)
    try:
        seed(c.vault, accounts=["fjord"])
        c.settings.set("user_name", "Ola Hansen")
        c.settings.set("gpu", "8")  # pinned: on lavapipe this would offload, but there is no driver
    finally:
        c.close()
    return dict(os.environ, CONFIDANT_MODEL=str(smol_model), PYTHONPATH=str(ROOT))


@needs_vulkan
def test_a_gpu_that_fails_to_load_the_model_falls_back_to_the_cpu_and_says_so_once(seeded_env):
    # Vulkan buffers capped far below one layer's weights: llama.cpp cannot place the model on the device.
    env = dict(seeded_env, GGML_VK_FORCE_MAX_ALLOCATION_SIZE="65536", GGML_VK_FORCE_MAX_BUFFER_SIZE="65536")
    r = _run_cli(["draft", "kari.nordmann@example.com", "--about", "pilot", "--quick", "--json", "--max-tokens", "16",
                  "--ctx", "1024", "--seed", "1", "--thinking-budget", "0"], env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout)["text"]
    assert r.stderr.count("the GPU could not be used") == 1, r.stderr[-2000:]


def test_config_command_sets_gpu_and_doctor_follows(cli, smol_model, monkeypatch):
    cli("models")
    code, out, err = cli("config", "set", "gpu", "turbo")
    assert code != 0 and "auto, all, off or a number of layers" in (out + err)
    code, out, err = cli("config", "set", "gpu", "off")
    assert code == 0, err
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    model = json.loads(cli("doctor", "--json")[1])["model"]
    assert (model["backend"], model["gpu_layers"]) == ("cpu", 0) and "turned off" in model["gpu"]
