"""Finding the notes that answer a question: two full-text indexes and one folding rule.

Runs on the thread that owns the vault connection. Two FTS5 indexes cover every row of
``notes`` (plain notes and activities: calls, meetings, e-mails, tasks), title and body:

- ``notes_fts``: words (``unicode61``), ranked with BM25, title weighted above body;
- ``notes_fts_trigram``: three-letter pieces (``trigram``), so a part of a word finds the
  whole: "fornyelse" finds "fornyelsesavtalen", "Solb" finds "Solberg-Hansen".

Both index the text as :func:`search_fold` gives it (the view ``notes_search``), and every
query is folded the same way. **The folding rule** (one rule for indexing and querying):

1. case is folded (Python's ``casefold``: "ØDEGÅRD" = "ødegård", "Straße" = "strasse");
2. accents are dropped from Latin letters ("café" = "cafe", "Müller" = "muller",
   "señor" = "senor") EXCEPT the Nordic letters å, ä, ö, ø, æ, which are letters of their
   own: "får" (sheep/gets) is not "far" (father), "før" is not "for", "Ødegård" is not
   "Odegard". (SQLite's ``remove_diacritics`` folds å to a, so it is not used.)
3. a hyphen between two letters is dropped: "e-post" = "epost", "Kari-Anne" = "KariAnne"
   (the trigram index then finds "Kari" in both); a hyphen next to a digit or a space stays
   a separator ("2026-03-05", "salgs- og").

A question becomes a query of its words (:func:`question_terms`: folded, stop words of
English and bokmål dropped), OR-combined so that a note matching some of the words is
found, ranked by BM25; the word index and the trigram index are searched separately and
their BM25 scores summed per note (ties by note id: deterministic). Text the user
types is never FTS syntax: every term is quoted.
"""

from __future__ import annotations

import json
import re
import unicodedata

NORDIC = "åäöøæ"
_HYPHENS = "-\u2010\u2011"
_JOIN = re.compile(rf"(?<=[^\W\d_])[{_HYPHENS}](?=[^\W\d_])")


def _accent_table() -> dict[int, str]:
    table: dict[int, str] = {0x00AD: ""}  # soft hyphen
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        if ch.casefold() in NORDIC or ch in NORDIC.upper():
            continue
        parts = unicodedata.normalize("NFD", ch)
        if len(parts) > 1 and all(unicodedata.combining(p) for p in parts[1:]):
            table[cp] = parts[0].casefold()
    return table


_ACCENTS = _accent_table()


def search_fold(text) -> str | None:
    """The text as both indexes hold it (the folding rule above). Registered on every vault
    connection as the SQL function ``search_fold``; ``None`` stays ``None``."""
    if text is None:
        return None
    folded = unicodedata.normalize("NFC", str(text)).casefold().translate(_ACCENTS)
    return _JOIN.sub("", folded)


STOP_WORDS = frozenset(search_fold(w) for w in """
a about above after again all also am an and any are as at be been before being below between both but by can could
did do does doing done during each few for from further had has have having he her here hers him his how i if in into
is it its itself just me more most my no nor not now of off on once only or other our ours out over own please same
she should so some such tell than that the their them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours last next ever
og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min mitt ha hadde hun
nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn
når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse
uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før
mange også slik vært båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne
hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon
noka nokor noko nokre si sia sidan so somt somme um upp vere vore verte vort varte vart sa sagt fikk gjorde
gjør hvilket siste neste mye litt sine""".split())
MAX_TERMS = 16
MIN_TRIGRAM = 4  # shorter pieces match too much of everything


def question_terms(text: str | None) -> list[str]:
    """The words of a question that can find notes: folded, stop words (English and bokmål)
    and one-letter words dropped, each once, in the question's order."""
    seen: dict[str, None] = {}
    for w in re.findall(r"\w+", search_fold(text or "") or ""):
        keep = len(w) >= 3 if w.isdigit() else (len(w) >= 2 and w not in STOP_WORDS)
        if keep:
            seen.setdefault(w, None)
    return list(seen)[:MAX_TERMS]


def _quote(t: str) -> str:
    return '"' + t.replace('"', '""') + '"'


def words_query(terms: list[str], *, any_term: bool = True) -> str:
    """An FTS5 query of quoted terms; OR-combined unless ``any_term`` is false (then AND)."""
    return (" OR " if any_term else " ").join(_quote(t) for t in terms)


_ENDINGS = ("ene", "ane", "ing", "en", "et", "er", "es", "ed", "a", "e", "s")  # bokmål and English


def stem(term: str) -> str:
    """A word without one common bokmål or English ending, when at least five letters stay:
    "fornyelsen" -> "fornyels" (then found in "fornyelsesavtalen"), "budsjettet" -> "budsjett"."""
    for end in _ENDINGS:
        if term.endswith(end) and len(term) - len(end) >= 5:
            return term[: -len(end)]
    return term


def trigram_query(terms: list[str]) -> str:
    """The terms long enough for the trigram index, each without its ending (:func:`stem`),
    OR-combined ("" when none is)."""
    pieces = dict.fromkeys(stem(t) for t in terms if len(t) >= MIN_TRIGRAM and not t.isdigit())
    return " OR ".join(_quote(t) for t in pieces)


def _scope(contact_id, account_id) -> tuple[str, list]:
    from app.core.vault.records import note_scope

    return note_scope(contact_id, account_id)


def scored_ids(conn, table: str, query: str, *, contact_id=None, account_id=None, limit: int = 60) -> list[tuple[int, float]]:
    """(note id, BM25 score) for the notes matching ``query`` in ``table`` (``notes_fts`` or
    ``notes_fts_trigram``), best first (title weighted twice the body; higher is better),
    ties by id."""
    if not query or table not in ("notes_fts", "notes_fts_trigram"):
        return []
    where, params = _scope(contact_id, account_id)
    sql = (f"SELECT n.id, bm25({table}, 2.0, 1.0) AS rank FROM {table} JOIN notes n ON n.id = {table}.rowid "
           f"WHERE {table} MATCH ? AND {where} ORDER BY rank, n.id LIMIT ?")
    return [(int(r[0]), -float(r[1])) for r in conn.execute(sql, [query, *params, int(limit)])]


PERSON_SCORE = 1.0  # a note about a person the question names: worth about one common word's match


def fuse(*scored: list[tuple[int, float]]) -> list[int]:
    """One ranking from several: a note's score is the sum of its BM25 scores in each index
    (so a match on a rare word outweighs matches on common ones, in either index); best
    first, ties by note id (the same input always gives the same order)."""
    total: dict[int, float] = {}
    for ranking in scored:
        for nid, score in ranking:
            total[nid] = total.get(nid, 0.0) + score
    return sorted(total, key=lambda i: (-round(total[i], 9), i))


def question_matches(conn, question: str | None, *, contact_id=None, account_id=None, limit: int = 60) -> list[int]:
    """The subject's notes that match the question's words, best first: the word index's
    BM25 scores summed with the trigram index's (compounds and partial words), plus
    :data:`PERSON_SCORE` for the notes of a person the question names (an account's)."""
    terms = question_terms(question)
    if not terms:
        return []
    scope = {"contact_id": contact_id, "account_id": account_id}
    words = scored_ids(conn, "notes_fts", words_query(terms), limit=limit, **scope)
    pieces = scored_ids(conn, "notes_fts_trigram", trigram_query(terms), limit=limit, **scope)
    people = person_notes(conn, terms, account_id=account_id, limit=limit) if account_id is not None else []
    return fuse(words, pieces, [(i, PERSON_SCORE) for i in people])[:limit]


def person_notes(conn, terms: list[str], *, account_id: int, limit: int = 60) -> list[int]:
    """An account's notes about the people the question names (any part of a name, three
    letters or more: "Solberg" names Ingrid Solberg-Hansen), newest first."""
    names = [t for t in terms if len(t) >= 3 and not t.isdigit()]
    if not names:
        return []
    people = [int(cid) for cid, name in conn.execute("SELECT id, full_name FROM contacts WHERE account_id = ?",
                                                   (int(account_id),))
              if any(t in (search_fold(name) or "") for t in names)]
    if not people:
        return []
    ids = json.dumps(people)
    sql = ("SELECT n.id FROM notes n WHERE n.contact_id IN (SELECT value FROM json_each(?)) "
           "ORDER BY n.occurred_at IS NULL, n.occurred_at DESC, n.id DESC LIMIT ?")
    return [int(r[0]) for r in conn.execute(sql, (ids, int(limit)))]


def index_counts(conn, note_ids: list[int]) -> dict[str, int]:
    """How many of ``note_ids`` each index holds a row for (checks and tests)."""
    ids = json.dumps([int(i) for i in note_ids])
    out = {}
    for table in ("notes_fts", "notes_fts_trigram"):
        out[table] = int(conn.execute(f"SELECT count(*) FROM {table}_docsize WHERE id IN (SELECT value FROM json_each(?))",
                                      (ids,)).fetchone()[0])
    return out
