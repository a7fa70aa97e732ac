"""The full-text indexes on a real vault: the folding rule ("får" is not "far"), the trigram
index (Norwegian compounds, partial names), and both indexes following every path that
writes notes: the import's bulk pass, an edit, forget (shadow tables included), and the
migration that fills them for notes already there."""

from __future__ import annotations

from app.core.crm.importer import import_files
from app.core.model import NewNote
from app.core.vault import erasure, migrations, records, search
from app.core.vault.db import Vault
from app.core.vault.import_writer import ImportWriter, content_key
from tests.support import big_account


def _add(vault, account_name: str, people: dict[str, list[str]]) -> dict:
    """Notes through the import writer's bulk path, as an import writes them."""
    out = {"notes": {}}
    with vault.transaction() as conn:
        w = ImportWriter(conn)
        aid, _ = w.upsert_account(account_name, "t", account_name, None)
        out["account"] = aid
        w.begin_bulk()
        for i, (name, bodies) in enumerate(people.items()):
            cid, _, _ = w.upsert_contact(full_name=name, first_name=name.split()[0], last_name=name.split()[-1],
                                         email=f"p{i}@example.com", phone=None, title=None, account_id=aid,
                                         source="t", crm_id=name)
            out[name] = cid
            for j, body in enumerate(bodies):
                key = content_key("t", f"{i}-{j}", str(cid), "2026-01-0%d" % (1 + j), None, body)
                w.add_notes([NewNote(cid, aid, "2026-01-0%d" % (1 + j), None, body, "t", f"{i}-{j}", key, "[]")])
        w.end_bulk()
    for n in records.notes_for(vault.conn, account_id=out["account"]):
        out["notes"][n.body] = n.id
    return out


def _trigram_ids(conn, query: str) -> list[int]:
    return [i for i, _ in search.scored_ids(conn, "notes_fts_trigram", search.trigram_query([search.search_fold(query)]))]


def test_far_and_faar_are_different_words_while_cafe_and_epost_meet(ctx):
    ids = _add(ctx.vault, "Fjord AS", {"Kari Nordmann": [
        "Vi får rabatt på neste ordre.", "Min far ringte om bilen.", "Møte på Café Solsiden.",
        "Send tilbudet på e-post i dag."]})
    conn = ctx.vault.conn
    bodies = lambda q: sorted(n.body for n in records.search_notes(conn, q))  # noqa: E731
    assert bodies("får") == ["Vi får rabatt på neste ordre."]
    assert bodies("far") == ["Min far ringte om bilen."]
    assert bodies("FÅR") == bodies("får")
    assert bodies("cafe") == bodies("café") == ["Møte på Café Solsiden."]
    assert bodies("epost") == bodies("e-post") == ["Send tilbudet på e-post i dag."]
    # The same rule for questions (both indexes).
    faar = search.question_matches(conn, "Hva får vi?", account_id=ids["account"])
    assert faar == [ids["notes"]["Vi får rabatt på neste ordre."]]
    assert search.search_fold("Ødegård Müller-Lüdenscheidt") == "ødegård mullerludenscheidt"


def test_trigram_index_finds_compounds_and_partial_names(ctx):
    ids = _add(ctx.vault, "Nordlys AS", {"Ingrid Solberg-Hansen": [
        "Fornyelsesavtalen ble sendt til juridisk.", "Budsjettrammen er kuttet med 12 prosent.", "Kaffe og prat."]})
    conn, acc = ctx.vault.conn, ids["account"]
    renewal = ids["notes"]["Fornyelsesavtalen ble sendt til juridisk."]
    budget = ids["notes"]["Budsjettrammen er kuttet med 12 prosent."]
    # The word index alone does not find a compound from its first part ...
    assert search.scored_ids(conn, "notes_fts", search.words_query(["fornyelse"])) == []
    # ... the trigram index does, and a question's inflected word finds it too.
    assert _trigram_ids(conn, "fornyelse") == [renewal]
    assert search.question_matches(conn, "Hva skjer med fornyelsen?", account_id=acc)[0] == renewal
    # A part of a person's name finds that person's notes; their matching note first.
    found = search.question_matches(conn, "Hva sa Solberg om budsjettet?", account_id=acc)
    assert found[0] == budget and set(found) == set(ids["notes"].values())


def test_index_follows_import_edit_and_forget(ctx, tmp_path):
    conn = ctx.vault.conn
    csv = tmp_path / "notes.csv"
    csv.write_text("Fornavn;Etternavn;E-post;Firma;Notater\n"
                   "Kari;Qvistbakken;kari.q@example.com;Fjord AS;Kvartalsmøtet om zyxwvprosjektet\n"
                   "Ola;Nordmann;ola@example.com;Fjord AS;Ola nevnte Kari Qvistbakken og zyxwvprosjektet\n", encoding="utf-8")
    assert import_files(ctx.vault, [csv]).ok  # the bulk path: triggers dropped, one indexing pass
    kari = records.resolve_contact(conn, "kari.q@example.com")
    ola = records.resolve_contact(conn, "ola@example.com")
    karis = [n.id for n in records.notes_for(conn, contact_id=kari.id)]
    olas = [n.id for n in records.notes_for(conn, contact_id=ola.id)]
    assert sorted(_trigram_ids(conn, "zyxwvpro")) == sorted(karis + olas)
    assert search.index_counts(conn, karis) == {"notes_fts": 1, "notes_fts_trigram": 1}

    # Forget Kari, redacting her name in Ola's note (an edit: the update trigger).
    erasure.forget_contact(ctx.vault, kari.id, redact_mentions=True)
    assert search.index_counts(conn, karis) == {"notes_fts": 0, "notes_fts_trigram": 0}
    assert _trigram_ids(conn, "qvistbakk") == []  # gone from the edited note too
    assert _trigram_ids(conn, "zyxwvpro") == olas
    # The shadow tables: no trigram of her name is left in the index's vocabulary.
    conn.execute("CREATE VIRTUAL TABLE temp.tri_vocab USING fts5vocab(main, notes_fts_trigram, 'row')")
    vocab = {r[0] for r in conn.execute("SELECT term FROM temp.tri_vocab")}
    assert not {"qvi", "vis", "stb"} & vocab and {"zyx", "xwv"} <= vocab
    assert conn.execute("SELECT count(*) FROM notes_fts_trigram_docsize").fetchone()[0] == len(olas)


def test_migration_fills_both_indexes_for_existing_notes(tmp_path):
    import os

    vault = Vault.open(tmp_path / "v.db", os.urandom(32), migrate=False)
    try:
        before = [m for m in migrations.MIGRATIONS if m.__name__ != "m008_search_index"]
        migrations.migrate(vault.conn, before)
        data = big_account.load()
        ids = big_account.seed(vault, data, bulk=False)  # the triggers of m001, row by row
        assert "notes_fts_trigram" not in {r[0] for r in vault.conn.execute("SELECT name FROM sqlite_master")}
        assert migrations.migrate(vault.conn) == ["m008_search_index"]
        all_ids = list(ids["notes"].values())
        assert search.index_counts(vault.conn, all_ids) == {"notes_fts": 300, "notes_fts_trigram": 300}
        q = next(q for q in data["questions"] if q["gold"] == ["cafe"])
        assert search.question_matches(vault.conn, q["question"], account_id=ids["account"])[0] == ids["notes"]["cafe"]
    finally:
        vault.close()
