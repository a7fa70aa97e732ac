"""Peak memory of the calling process itself, for tests that run an attack in a child.

``resource.getrusage(RUSAGE_SELF).ru_maxrss`` is no good there: Linux keeps it across fork and
exec, so a child started by a test process that once held a model reports the parent's peak
(seen: 2.4 GB from a child that used 22 MB, when the suite ran in one process). ``VmHWM`` in
/proc/self/status is the high-water mark of this process's own address space, which exec
creates anew."""

from __future__ import annotations


def peak_rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("/proc/self/status has no VmHWM line")
