"""E-mail drafts: split the model's text into subject and body, sign it, write an .eml.

An .eml is a local file (mode 0600, written atomically); nothing here sends anything —
there is no transport in this program. The file follows RFC 5322 (CRLF line ends, encoded
headers for non-ASCII names) through the standard library's ``email`` package, and carries
``X-Unsent: 1`` so mail programs open it as a draft to edit and send.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from app.core.errors import AppError
from app.core.paths import write_private

# "Subject:" in the languages we write, plus the markdown the model likes to add.
_SUBJECT = re.compile(
    r"^\s*[*_#>\s]*(subject|subj|emne|ämne|betreff|re|title|tittel|titel)\s*[*_]*\s*:\s*[*_]*\s*(.+?)\s*[*_]*\s*$",
    re.IGNORECASE,
)
_BODY_LABEL = re.compile(r"^\s*[*_#]*\s*(body|brødtekst|text|innhold|inhalt|meddelande|besked)\s*[*_]*\s*:\s*", re.IGNORECASE)
_FENCE = re.compile(r"^\s*```\w*\s*$")

DEFAULT_SUBJECT = {
    "en": "Follow-up", "nb": "Oppfølging", "nn": "Oppfølging", "sv": "Uppföljning", "da": "Opfølgning", "de": "Nachfassen",
}


def split(text: str, lang: str = "en") -> tuple[str, str]:
    """``(subject, body)``. Looks for a "Subject:" line (any of our languages); otherwise a
    short first line followed by a blank line is taken as the subject; otherwise a default."""
    lines = [ln for ln in (text or "").replace("\r\n", "\n").split("\n") if not _FENCE.match(ln)]
    for i, line in enumerate(lines[:8]):
        m = _SUBJECT.match(line)
        if m:
            subject = m.group(2).strip().strip('"“”«»')
            rest = lines[i + 1 :]
            return _one_line(subject), _clean_body(rest)
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) >= 3 and 0 < len(lines[0].strip()) <= 90 and not lines[1].strip() and not lines[0].rstrip().endswith((",", ":")):
        return _one_line(lines[0].strip(" *#")), _clean_body(lines[2:])
    return DEFAULT_SUBJECT.get(lang, DEFAULT_SUBJECT["en"]), _clean_body(lines)


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()[:200]


def _clean_body(lines: list[str]) -> str:
    if lines and _BODY_LABEL.match(lines[0]):
        lines = [_BODY_LABEL.sub("", lines[0], count=1)] + lines[1:]
    return "\n".join(lines).strip()


def sign(body: str, user_name: str, signature: str = "") -> str:
    """Sign ``body`` with the user's name and signature lines, naming the user once.

    The model is asked to end with the sender's name, and a signature setting often starts
    with the name too, so: a body whose last lines already hold the name (or the first
    name alone, "Best regards, Ola") gets no second name; a signature that holds the name
    replaces the name line; a signature already in the body is not added again."""
    name = (user_name or "").strip()
    sig = (signature or "").strip()
    text = body.rstrip()
    if not name and not sig:
        return text
    tail = "\n".join([ln for ln in text.split("\n") if ln.strip()][-3:]).casefold()
    first = name.split()[0].casefold() if name else ""
    signed = bool(name) and (name.casefold() in tail or (len(first) > 1 and re.search(
        rf"(^|\W){re.escape(first)}(\W|$)", tail) is not None))
    if sig and sig.casefold() in text.casefold():
        return text
    if sig and name and name.casefold() in sig.casefold():
        if signed:  # "…\nOla" then "Ola Hansen\nSales": drop the model's bare name line
            lines = text.split("\n")
            last = lines[-1].strip().casefold()
            if last in (name.casefold(), first):
                text = "\n".join(lines[:-1]).rstrip()
        return f"{text}\n{sig}" if text.endswith(",") else f"{text}\n\n{sig}"
    out = text if signed or not name else f"{text}\n\n{name}"
    return f"{out}\n{sig}" if sig else out


# One addr-spec: a local part without spaces, separators or brackets, then a dotted domain.
_ADDR = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-\u00a0-\uffff]+@[A-Za-z0-9\u00a0-\uffff](?:[A-Za-z0-9\u00a0-\uffff-]*[A-Za-z0-9\u00a0-\uffff])?(?:\.[A-Za-z0-9\u00a0-\uffff](?:[A-Za-z0-9\u00a0-\uffff-]*[A-Za-z0-9\u00a0-\uffff])?)+$")


def check_address(email: str, field: str) -> str:
    """One valid address, or an AppError naming the field. ``a@x, other@y`` (a CRM cell with
    two addresses) would otherwise add a second recipient to the draft."""
    e = (email or "").strip()
    if not _ADDR.match(e) or len(e) > 254 or ".." in e:
        why = "holds more than one address" if re.search(r"[,;\s]", e) else "is not a valid address"
        raise AppError(f"The e-mail address in {field} {why}; correct the contact's e-mail and write the .eml again.")
    return e


def _header_text(s: str | None) -> str:
    """Names and subjects on one line: CR, LF and other control characters folded to spaces."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\s]+", " ", s or "").strip()


def build_eml(*, subject: str, body: str, to_name: str | None, to_email: str | None, from_name: str | None = None, from_email: str | None = None) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = _header_text(subject)
    if to_email:
        msg["To"] = formataddr((_header_text(to_name), check_address(to_email, "the contact's e-mail (to)")))
    if from_email:
        msg["From"] = formataddr((_header_text(from_name), check_address(from_email, "your e-mail setting (from)")))
    # Without the user's address From is left out: the mail program fills it when the
    # user sends the draft, which is what X-Unsent asks it to do.
    msg["Date"] = formatdate(localtime=True)
    # An explicit domain: make_msgid would otherwise look up this machine's name.
    msg["Message-ID"] = make_msgid(domain="confidant.invalid")
    msg["X-Unsent"] = "1"
    msg["X-Confidant"] = "draft; never sent"
    msg.set_content(body, charset="utf-8", cte="quoted-printable")  # 7-bit safe for any mail program
    return msg.as_bytes()


def write_eml(path: Path | str, **fields) -> Path:
    """Write the draft as an .eml file (0600, atomic). Refuses to replace an existing file."""
    p = Path(path).expanduser()
    if p.suffix.lower() != ".eml":
        p = p.with_suffix(p.suffix + ".eml") if p.suffix else p.with_suffix(".eml")
    if p.exists():
        raise AppError(f"{p} already exists; choose another file name.")
    if not p.parent.is_dir():
        raise AppError(f"Cannot write {p}: the folder {p.parent} does not exist.")
    write_private(p, build_eml(**fields))
    return p
