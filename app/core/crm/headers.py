"""Column headers in the user's language, mapped to Confidant's fields.

HubSpot and Excel exports follow the portal's or the user's language, so a Norwegian
``Fornavn;Etternavn;E-post;Firma;Notater`` file must import without a manual mapping.
Headers are compared after :func:`norm` (case-folded, punctuation and spaces removed),
so "E-post", "e-post" and "E post" are one header. Covers English, Norwegian (bokmål),
Swedish, Danish and German.
"""

from __future__ import annotations

import re

from app.core.crm.tables import ImportFileError
from app.core.model import IGNORE, ColumnMapping, field_name
from app.core.errors import N_

FIELDS = ("id", "first_name", "last_name", "full_name", "email", "phone", "company", "job_title",
          "note", "note_title", "date", "website")

_SYNONYMS: dict[str, list[str]] = {
    "id": ["id", "record id", "contact id", "kontakt-id", "post-id", "datensatz-id"],
    "first_name": ["first name", "firstname", "given name", "forename",
                   "fornavn",                      # nb, da
                   "förnamn",                      # sv
                   "vorname"],                     # de
    "last_name": ["last name", "lastname", "surname", "family name",
                  "etternavn",                     # nb
                  "efternavn",                     # da
                  "efternamn",                     # sv
                  "nachname", "familienname"],     # de
    "full_name": ["name", "full name", "fullname", "contact name", "display name",
                  "navn", "fullt navn", "kontaktnavn",     # nb
                  "namn", "fullständigt namn",             # sv
                  "fulde navn", "fuldt navn",              # da
                  "vollständiger name", "kontaktname"],    # de
    "email": ["email", "e-mail", "email address", "e-mail address", "mail", "e-mail 1 - value",
              "e-post", "epost", "e-postadresse", "e-postadress",   # nb, sv
              "e-mailadresse",                                      # da
              "e-mail-adresse", "emailadresse"],                    # de
    "phone": ["phone", "phone number", "telephone", "mobile", "mobile phone", "business phone",
              "telefon", "telefonnummer", "mobil", "mobiltelefon", "mobilnummer", "handy",
              "mobiltelefonnummer"],
    "company": ["company", "company name", "organization", "organisation", "account name", "account",
                "firma", "firmanavn", "selskap", "bedrift", "organisasjon",   # nb
                "företag", "företagsnamn", "organisation",                  # sv
                "virksomhed", "firmanavn",                                  # da
                "unternehmen", "firmenname", "organisation"],              # de
    "job_title": ["job title", "jobtitle", "position", "role",
                  "stilling", "stillingstittel", "jobbtittel", "tittel",   # nb
                  "befattning", "titel", "yrkestitel",                     # sv, da, de
                  "jobtitel", "stillingsbetegnelse",                       # da
                  "berufsbezeichnung", "funktion"],                        # de
    "note": ["note", "notes", "body", "note body", "description", "comment", "comments", "content",
             "notat", "notater", "merknad", "merknader", "kommentar", "kommentarer", "beskrivelse",  # nb, da
             "anteckning", "anteckningar", "beskrivning", "kommentarer",                             # sv
             "noter", "note", "bemærkning", "bemærkninger",                                         # da
             "notiz", "notizen", "bemerkung", "bemerkungen", "beschreibung", "kommentare", "inhalt"],  # de
    "note_title": ["subject", "note title", "title", "headline",
                   "emne", "overskrift", "tittel på notat",   # nb, da
                   "ämne", "rubrik",                          # sv
                   "betreff", "titel der notiz", "überschrift"],  # de
    "date": ["date", "activity date", "created date", "created", "create date", "created on",
             "dato", "opprettet", "opprettet dato", "aktivitetsdato",   # nb
             "datum", "skapad", "skapat datum",                        # sv
             "oprettet", "oprettelsesdato",                            # da
             "erstellt", "erstellt am", "erstelldatum", "aktivitätsdatum",  # de
             # "last contacted": the date of what the notes column says
             "last contacted", "last contact", "sist kontaktet", "sist kontakt", "senast kontaktad", "sidst kontaktet",
             "letzter kontakt", "zuletzt kontaktiert"],
    "website": ["website", "web page", "web site", "url", "domain",
                "nettside", "hjemmeside", "webbplats", "webseite", "internetseite"],
}

_STRIP = re.compile(r"[\s\-_./:()]+")


def norm(header: str) -> str:
    return _STRIP.sub("", header.strip().lstrip("\ufeff").casefold())


_INDEX: dict[str, str] = {}
for _field, _names in _SYNONYMS.items():
    for _n in _names:
        _INDEX.setdefault(norm(_n), _field)

# "Title" on its own is a job title in a contact list and a note title in a notes list.
_AMBIGUOUS_TITLE = {norm(n) for n in ("title", "tittel", "titel")}


def field_for(header: str) -> str | None:
    return _INDEX.get(norm(header))


def auto_mapping(columns: list[str]) -> dict[str, int]:
    """Field -> column index for the columns we recognise (first match wins)."""
    found: dict[str, int] = {}
    titles = []
    for i, col in enumerate(columns):
        if norm(col) in _AMBIGUOUS_TITLE:
            titles.append(i)
            continue
        f = field_for(col)
        if f and f not in found:
            found[f] = i
    for i in titles:
        f = "note_title" if "note" in found else "job_title"
        found.setdefault(f, i)
    return found


def parse_map(spec: str) -> ColumnMapping:
    """The CLI's ``--map "Body=note,Email=email"``: COLUMN=FIELD entries separated by commas
    or newlines (a header may hold a comma). A malformed entry fails here, before any file."""
    out = []
    for part in [p for p in re.split(r"[,\n]", spec or "") if p.strip()]:
        if "=" not in part:
            raise ImportFileError(N_("⟦--map: ⟧'{part}' is not COLUMN=FIELD (fields: {fields})."),
                                  part=part.strip(), fields=', '.join(FIELDS))
        col, fld = (x.strip() for x in part.rsplit("=", 1))
        out.append((col, field_name(fld)))
    return ColumnMapping(tuple(out))


def parse_mapping(mapping: ColumnMapping, columns: list[str], path) -> dict[str, int]:
    """The user's mapping as field -> source column (a field named twice: the last wins; a
    column set to ``ignore`` is not read). See :func:`mapping_entries`."""
    return {fld: i for i, fld in mapping_entries(mapping, columns, path) if fld != IGNORE}


def mapping_entries(mapping: ColumnMapping, columns: list[str], path) -> list[tuple[int, str]]:
    """The mapping's entries in order, as (column index, field), checked against this file:
    a column the file lacks, or a field Confidant does not have, fails loudly."""
    by_norm = {norm(c): i for i, c in enumerate(columns)}
    out: list[tuple[int, str]] = []
    for col, fld in mapping.entries:
        if fld != IGNORE and fld not in FIELDS:  # "ignore": the wizard's "(not imported)"
            raise ImportFileError(N_("⟦--map: ⟧unknown field '{field}' (fields: {fields})."),
                                  field=fld, fields=', '.join(FIELDS))
        if norm(col) not in by_norm:
            raise ImportFileError(N_("{path}: --map names column '{col}', which the file does not have."),
                                  path=path, col=col)
        out.append((by_norm[norm(col)], fld))
    return out
