"""Where Confidant keeps its files.

Guarantee: when ``CONFIDANT_HOME`` is set, every file the app writes (vault, key file,
config, models folder, logs, cache) lives under it; otherwise the platformdirs locations
for the app name ``Confidant``. Folders are created 0700 and files tightened to 0600 on
every start, so a copy restored with loose permissions is fixed at once.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import secrets

import platformdirs

from app import APP_NAME
from app.core.errors import DataFolderError

DIR_MODE = 0o700
FILE_MODE = 0o600
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path
    models: Path
    from_env: bool

    @property
    def vault(self) -> Path:
        return self.data / "vault.db"

    @property
    def keyfile(self) -> Path:
        return self.data / "vault.key"

    @property
    def damaged_marker(self) -> Path:
        return self.data / "vault.damaged"

    @property
    def lockfile(self) -> Path:
        return self.data / "vault.lock"

    @property
    def all_dirs(self) -> list[Path]:
        # dict.fromkeys: keep order, drop duplicates (platformdirs may share folders).
        return list(dict.fromkeys([self.data, self.config, self.cache, self.logs, self.models]))

    def ensure(self) -> "Paths":
        """Create the folders (0700) and tighten every file below them to 0600.

        Raises DataFolderError with a one-line reason when a folder cannot be made or
        written, before anything else is touched.
        """
        old = os.umask(0o077)
        try:
            for d in self.all_dirs:
                try:
                    d.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
                    _tighten(d)
                except OSError as exc:
                    raise DataFolderError(_describe(exc, d)) from None
            for d in self.all_dirs:
                if not os.access(d, os.W_OK | os.X_OK):
                    raise DataFolderError(f"Cannot write to the data folder {d}: permission denied.")
            for d in ([self.data.parent] if self.from_env else []) + self.all_dirs:
                check_owned(d)
        finally:
            os.umask(old)
        return self


def check_owned(d: Path) -> None:
    """Refuse (one line) a folder another user owns or others may write: whoever controls it
    could plant a symbolic link where the key file or the log is written, or swap the vault."""
    if sys.platform == "win32":
        return
    try:
        st = os.stat(d)
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o022:
            os.chmod(d, stat.S_IMODE(st.st_mode) & ~0o022)  # ours: take write away from others
            st = os.stat(d)
    except OSError as exc:
        raise DataFolderError(_describe(exc, d)) from None
    if st.st_uid != os.getuid():
        raise DataFolderError(
            f"The data folder {d} belongs to another user (uid {st.st_uid}); Confidant will not use it. "
            "Remove it or choose another CONFIDANT_HOME."
        )
    if stat.S_IMODE(st.st_mode) & 0o022:
        raise DataFolderError(
            f"The data folder {d} can be written by other users (mode {stat.S_IMODE(st.st_mode):o}); "
            f"Confidant will not use it. Run: chmod 700 {d}"
        )


def _tighten(root: Path) -> None:
    if sys.platform == "win32":  # NTFS ACLs come from the per-user profile folder.
        return
    for dirpath, dirnames, filenames in os.walk(root):
        _chmod(Path(dirpath), DIR_MODE)
        for name in filenames:
            _chmod(Path(dirpath) / name, FILE_MODE)


def _chmod(p: Path, mode: int) -> None:
    try:
        st = p.lstat()
        if stat.S_ISLNK(st.st_mode):
            return
        if stat.S_IMODE(st.st_mode) != mode and st.st_uid == os.getuid():
            os.chmod(p, mode)
    except FileNotFoundError:
        pass
    except PermissionError:
        # Files IT installed read-only (a bundled model) are not ours to change.
        pass


def _describe(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"The disk is full: cannot create {path}."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot write to the data folder {path}: {exc.strerror.lower()}."
    return f"Cannot create the data folder {path}: {exc.strerror or exc}."


def resolve(env: dict[str, str] | None = None) -> Paths:
    """Work out the folders from the environment (``CONFIDANT_HOME``) or platformdirs."""
    env = os.environ if env is None else env
    home = env.get("CONFIDANT_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(
            data=root / "data",
            config=root / "config",
            cache=root / "cache",
            logs=root / "logs",
            models=root / "models",
            from_env=True,
        )
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False)
    data = Path(dirs.user_data_dir)
    return Paths(
        data=data,
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        logs=Path(dirs.user_log_dir),
        models=data / "models",
        from_env=False,
    )


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename), mode 0600.

    A crash or a full disk leaves the old file intact, never a half-written one. The temp
    file has a random name and is created with ``O_EXCL|O_NOFOLLOW``: a symbolic link planted
    at a predictable name cannot redirect the write outside the folder.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise DataFolderError(_describe(exc, path)) from None


def _fsync_dir(d: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def known_program_data() -> str:
    """``FOLDERID_ProgramData`` through ``SHGetKnownFolderPath`` (Windows); the fixed
    default elsewhere or when the call fails."""
    default = r"C:\ProgramData"
    if sys.platform != "win32":
        return default
    import ctypes  # noqa: PLC0415
    from ctypes import wintypes  # noqa: PLC0415

    class GUID(ctypes.Structure):
        _fields_ = [("d1", wintypes.DWORD), ("d2", wintypes.WORD), ("d3", wintypes.WORD), ("d4", ctypes.c_ubyte * 8)]

    # FOLDERID_ProgramData {62AB5D82-FDC1-4DC3-A9DD-070D1D495D97}
    fid = GUID(0x62AB5D82, 0xFDC1, 0x4DC3, (ctypes.c_ubyte * 8)(0xA9, 0xDD, 0x07, 0x0D, 0x1D, 0x49, 0x5D, 0x97))
    out = ctypes.c_wchar_p()
    try:
        shell32, ole32 = ctypes.windll.shell32, ctypes.windll.ole32  # type: ignore[attr-defined]
        if shell32.SHGetKnownFolderPath(ctypes.byref(fid), 0, None, ctypes.byref(out)) != 0:
            return default
        try:
            return out.value or default
        finally:
            ole32.CoTaskMemFree(out)
    except (OSError, AttributeError):
        return default
