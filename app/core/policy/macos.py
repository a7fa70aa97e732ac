"""macOS: policy values from managed preferences (configuration profiles), domain
``com.example.confidant``.

A profile installed by MDM (see installer/macos/confidant.mobileconfig) forces values in
that domain. Only *forced* values count: ``CFPreferencesAppValueIsForced`` is true only for
managed preferences, so a value the user wrote with ``defaults write`` is ignored. The
system API is reached through ctypes on CoreFoundation (no ``defaults`` subprocess, no
PyObjC dependency). Tests pass a stand-in with the two calls :class:`ManagedPrefs` has.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any, Iterable, Protocol

from app.core.errors import Message, N_, PolicyError

DOMAIN = "com.example.confidant"
SOURCE = Message(N_("managed preferences {domain}"), domain=DOMAIN)


class PrefsSource(Protocol):
    def is_forced(self, key: str) -> bool: ...

    def copy_value(self, key: str) -> Any: ...


def read_managed(prefs: PrefsSource, keys: Iterable[str]) -> dict[str, Any] | None:
    """The forced values among ``keys``, or None when none is forced.

    Unknown keys in a profile are not visible through this API (it is asked per key), so
    the profile test in tests/installer/test_installer_macos.py checks the example's keys instead.
    """
    try:
        raw = {k: prefs.copy_value(k) for k in keys if prefs.is_forced(k)}
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise PolicyError(
            N_("Policy {source} cannot be read ({kind}). Confidant will not start without reading "
            "IT's policy; IT must reinstall the configuration profile."),
            source=SOURCE, kind=type(exc).__name__
        ) from None
    return raw or None


class ManagedPrefs:
    """CFPreferences through ctypes. Only constructed on macOS."""

    _kCFStringEncodingUTF8 = 0x08000100
    _kCFNumberSInt64Type = 4
    _kCFNumberDoubleType = 13

    def __init__(self, domain: str = DOMAIN):
        path = ctypes.util.find_library("CoreFoundation")
        if not path:
            raise PolicyError(
                N_("Managed preferences cannot be read: CoreFoundation was not found. "
                "Confidant will not start without reading IT's policy; IT must repair this Mac's system frameworks.")
            )
        cf = ctypes.CDLL(path)
        vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        for name, res, args in [
            ("CFStringCreateWithCString", vp, [vp, cp, ctypes.c_uint32]),
            ("CFPreferencesCopyAppValue", vp, [vp, vp]),
            ("CFPreferencesAppValueIsForced", ctypes.c_bool, [vp, vp]),
            ("CFGetTypeID", ctypes.c_ulong, [vp]),
            ("CFStringGetTypeID", ctypes.c_ulong, []),
            ("CFNumberGetTypeID", ctypes.c_ulong, []),
            ("CFBooleanGetTypeID", ctypes.c_ulong, []),
            ("CFArrayGetTypeID", ctypes.c_ulong, []),
            ("CFStringGetLength", ctypes.c_long, [vp]),
            ("CFStringGetMaximumSizeForEncoding", ctypes.c_long, [ctypes.c_long, ctypes.c_uint32]),
            ("CFStringGetCString", ctypes.c_bool, [vp, cp, ctypes.c_long, ctypes.c_uint32]),
            ("CFNumberIsFloatType", ctypes.c_bool, [vp]),
            ("CFNumberGetValue", ctypes.c_bool, [vp, ci, vp]),
            ("CFBooleanGetValue", ctypes.c_bool, [vp]),
            ("CFArrayGetCount", ctypes.c_long, [vp]),
            ("CFArrayGetValueAtIndex", vp, [vp, ctypes.c_long]),
            ("CFRelease", None, [vp]),
        ]:
            fn = getattr(cf, name)
            fn.restype, fn.argtypes = res, args
        self._cf = cf
        self._domain = self._cfstr(domain)

    def _cfstr(self, s: str):
        return self._cf.CFStringCreateWithCString(None, s.encode("utf-8"), self._kCFStringEncodingUTF8)

    def is_forced(self, key: str) -> bool:
        k = self._cfstr(key)
        try:
            return bool(self._cf.CFPreferencesAppValueIsForced(k, self._domain))
        finally:
            self._cf.CFRelease(k)

    def copy_value(self, key: str) -> Any:
        k = self._cfstr(key)
        try:
            ref = self._cf.CFPreferencesCopyAppValue(k, self._domain)
        finally:
            self._cf.CFRelease(k)
        if not ref:
            return None
        try:
            return self._to_python(ref, key)
        finally:
            self._cf.CFRelease(ref)  # a Copy function: we own the reference

    def _to_python(self, ref, key: str) -> Any:
        cf = self._cf
        tid = cf.CFGetTypeID(ref)
        if tid == cf.CFBooleanGetTypeID():  # before numbers: a CFBoolean is not a CFNumber
            return bool(cf.CFBooleanGetValue(ref))
        if tid == cf.CFStringGetTypeID():
            size = cf.CFStringGetMaximumSizeForEncoding(cf.CFStringGetLength(ref), self._kCFStringEncodingUTF8) + 1
            buf = ctypes.create_string_buffer(size)
            if not cf.CFStringGetCString(ref, buf, size, self._kCFStringEncodingUTF8):
                raise PolicyError(N_("Policy {source}: '{key}' is not a readable string."), source=SOURCE, key=key)
            return buf.value.decode("utf-8")
        if tid == cf.CFNumberGetTypeID():
            if cf.CFNumberIsFloatType(ref):
                d = ctypes.c_double()
                cf.CFNumberGetValue(ref, self._kCFNumberDoubleType, ctypes.byref(d))
                return d.value  # validate() refuses a float where an int is due
            n = ctypes.c_int64()
            cf.CFNumberGetValue(ref, self._kCFNumberSInt64Type, ctypes.byref(n))
            return n.value
        if tid == cf.CFArrayGetTypeID():
            return [self._to_python(cf.CFArrayGetValueAtIndex(ref, i), key) for i in range(cf.CFArrayGetCount(ref))]
        raise PolicyError(N_("Policy {source}: '{key}' has a type Confidant cannot use (use string, integer, boolean or array)."),
                          source=SOURCE, key=key)
