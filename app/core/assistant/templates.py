"""Draft templates: what an e-mail is for ("follow up after a meeting", "make a proposal").

Three sources, listed in this order:

- built in: the four intents every user has (:data:`BUILTIN`);
- from the company: IT names a TOML file, or a folder of them, in the policy key
  ``draft_templates``; read-only for users, shown as "from your company";
- the user's own: kept in the vault (they can name customers), added and edited in the
  window or with the CLI.

A template file holds one or more ``[[template]]`` tables::

    [[template]]
    name = "renewal"                       # what --template takes: letters, digits, - and _
    title = "Remind them of the renewal"   # what the window shows
    instruction = "Remind them that the contract renews on the date in the notes."
    tone = "formal"                        # optional: friendly, formal or brief
    length = "short"                       # optional: short, normal or long

A template's instruction goes into the prompt as quoted words (like ``--about``), never as
rules the notes could override. Pure functions plus two vault calls on the vault's thread.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from app.core.errors import N_, AppError, UsageError

POLICY_KEY = "draft_templates"
STORE_KEY = "assistant.templates"  # the user's own, in the vault's settings table
TONES = ("friendly", "formal", "brief")
LENGTHS = ("short", "normal", "long")
MAX_TEMPLATES = 200
MAX_INSTRUCTION = 2000
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    instruction: str
    source: str = "builtin"  # builtin | company | user
    tone: str | None = None
    length: str | None = None

    @property
    def editable(self) -> bool:
        return self.source == "user"

    def as_json(self) -> dict:
        return asdict(self)


BUILTIN: tuple[Template, ...] = (
    Template("follow-up", "Follow up after a meeting",
             "Follow up after the latest meeting or call: thank them, sum up what was agreed and propose the next step."),
    Template("inquiry", "Reply to an inquiry",
             "Reply to the customer's latest question or request, answering only what the notes allow."),
    Template("proposal", "Make a proposal",
             "Make a concrete proposal that fits what the customer wants, as the notes describe it."),
    Template("concern", "Address a concern",
             "Address the customer's latest concern or objection from the notes, calmly and concretely."),
)


def check(t: Template, where: str) -> Template:
    """``t`` when it is well formed, else a UsageError naming ``where`` and the field."""
    if not _NAME.match(t.name or ""):
        raise UsageError(N_("{where}: the template name '{name}' must be 1–40 lower-case letters, digits, - or _."),
                         where=where, name=t.name)
    if not (t.title or "").strip() or len(t.title) > 120:
        raise UsageError(N_("{where}: the template '{name}' needs a title of at most 120 characters."), where=where, name=t.name)
    if not (t.instruction or "").strip() or len(t.instruction) > MAX_INSTRUCTION:
        raise UsageError(N_("{where}: the template '{name}' needs an instruction of at most 2000 characters."),
                         where=where, name=t.name)
    if t.tone not in (None, *TONES):
        raise UsageError(N_("{where}: the template '{name}' has an unknown tone '{tone}'."), where=where, name=t.name, tone=t.tone)
    if t.length not in (None, *LENGTHS):
        raise UsageError(N_("{where}: the template '{name}' has an unknown length '{length}'."),
                         where=where, name=t.name, length=t.length)
    return t


def _from_table(d: dict, source: str, where: str) -> Template:
    if not isinstance(d, dict):
        raise UsageError(N_("{where}: each [[template]] must be a table."), where=where)
    unknown = set(d) - {"name", "title", "instruction", "tone", "length"}
    if unknown:
        raise UsageError(N_("{where}: unknown template field '{field}'."), where=where, field=sorted(unknown)[0])
    values = {k: d.get(k) for k in ("name", "title", "instruction", "tone", "length")}
    if any(v is not None and not isinstance(v, str) for v in values.values()):
        raise UsageError(N_("{where}: template fields must be text."), where=where)
    return check(Template(source=source, **{k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}), where)


def read_file(path: Path, source: str = "company") -> list[Template]:
    """The templates in one TOML file; one clear line naming the file when it is wrong."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise AppError(N_("Cannot read the template file {path}: {reason}."), path=str(path), reason=exc.strerror or exc) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AppError(N_("The template file {path} is not valid TOML: {reason}."), path=str(path), reason=exc) from None
    tables = data.get("template", [])
    if not isinstance(tables, list):
        raise UsageError(N_("{where}: templates are written as [[template]] tables."), where=str(path))
    return [_from_table(d, source, f"{path}, template {i}") for i, d in enumerate(tables, 1)]


def company_templates(policy) -> list[Template]:
    """The team library IT ships (policy ``draft_templates``: a .toml file or a folder of them)."""
    value = policy.get(POLICY_KEY) if policy is not None else None
    if not value:
        return []
    path = Path(str(value)).expanduser()
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    out: dict[str, Template] = {}
    for f in files:
        for t in read_file(f):
            out.setdefault(t.name, t)
    return list(out.values())[:MAX_TEMPLATES]


def user_templates(conn) -> list[Template]:
    """The user's own templates, from the vault. Runs on the vault's thread."""
    from app.core.vault import settings_store

    rows = settings_store.get_all(conn).get(STORE_KEY) or []
    out = []
    for d in rows if isinstance(rows, list) else []:
        try:
            out.append(_from_table({k: v for k, v in d.items() if k != "source"}, "user", "your templates"))
        except (AppError, AttributeError):
            continue  # a damaged entry does not hide the others
    return out


def all_templates(conn, policy) -> list[Template]:
    """Built-in, then the company's, then the user's; a name is used once (first wins)."""
    out: dict[str, Template] = {}
    for t in (*BUILTIN, *company_templates(policy), *(user_templates(conn) if conn is not None else [])):
        out.setdefault(t.name, t)
    return list(out.values())


def find(conn, policy, name: str) -> Template:
    wanted = (name or "").strip().lower()
    for t in all_templates(conn, policy):
        if t.name == wanted:
            return t
    known = ", ".join(t.name for t in all_templates(conn, policy))
    raise UsageError(N_("There is no template '{name}'. Known: {known}."), name=name, known=known)


def save_user_template(conn, policy, t: Template) -> Template:
    """Add or replace one of the user's templates (call inside a transaction). A built-in or
    company template's name cannot be taken: those are not the user's to change."""
    t = check(Template(t.name.strip().lower(), t.title.strip(), t.instruction.strip(), "user", t.tone, t.length),
              "your template")
    fixed = {x.name: x for x in (*BUILTIN, *company_templates(policy))}
    if t.name in fixed:
        raise UsageError(N_("The template name '{name}' is taken by a template you cannot change; choose another."),
                         name=t.name)
    from app.core.vault import settings_store

    mine = [x for x in user_templates(conn) if x.name != t.name] + [t]
    if len(mine) > MAX_TEMPLATES:
        raise UsageError(N_("You have {count} templates, the most there can be; delete one first."), count=MAX_TEMPLATES)
    settings_store.put(conn, STORE_KEY, [x.as_json() for x in mine])
    return t


def delete_user_template(conn, name: str) -> bool:
    from app.core.vault import settings_store

    mine = user_templates(conn)
    kept = [x for x in mine if x.name != name]
    if len(kept) == len(mine):
        return False
    settings_store.put(conn, STORE_KEY, [x.as_json() for x in kept])
    return True


def slug(title: str) -> str:
    """A template name made from a title: "Renewal reminder" -> "renewal-reminder"."""
    s = re.sub(r"[^a-z0-9]+", "-", (title or "").lower().translate(str.maketrans("æøåäöü", "eoaaou"))).strip("-")
    return (s or "template")[:40].strip("-") or "template"
