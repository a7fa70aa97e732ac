"""Deals and activities from vendor-shaped exports (issue 22): fields, statuses, amounts to the
cent per currency, activity kinds and links, for five CRMs, a Norwegian re-save and .xlsx."""

from __future__ import annotations

from decimal import Decimal

from app.core.crm.importer import import_files
from app.core.vault import pipeline, records
from tests.support.paths import CRM

P = CRM / "pipeline"


def _deals(conn) -> dict[str, dict]:
    return {d.name: d.as_json() for d in pipeline.list_deals(conn)}


def _timeline(conn, ref):
    c = records.resolve_contact(conn, ref)
    return {i.title: i for i in pipeline.timeline(conn, contact_id=c["id"])}


def _import(ctx, folder, **kw):
    r = import_files(ctx.vault, sorted((P / folder).iterdir()), **kw)
    assert r.ok, r.as_json()
    return r


def test_salesforce_opportunities_roles_tasks_events_and_enhanced_email(ctx):
    r = _import(ctx, "salesforce")
    conn = ctx.vault.conn
    deals = _deals(conn)
    pilot = deals["Havbris fleet pilot"]
    # 1.25E7 is 12 500 000 exactly; the status is from IsClosed/IsWon, not the org's stage words.
    assert (pilot["amount"], pilot["currency"], pilot["status"], pilot["stage"]) == ("12500000.00", "NOK", "open", "Forhandling")
    assert (pilot["close_date"], pilot["probability"], pilot["next_step"]) == ("2026-06-30", 60, "Send revised contract")
    assert [(c["name"], c["role"]) for c in pilot["contacts"]] == [("Marte Lunde", "Decision Maker"), ("Jonas Berg", "Economic Buyer")]
    assert (deals["Havbris depot sensors"]["status"], deals["Havbris depot sensors"]["amount"]) == ("won", "48250.50")
    assert deals["Havbris depot sensors"]["currency"] == "EUR"
    assert deals["Kystlys grid study"]["status"] == "lost"  # stage "Avsluttet" says nothing; IsClosed true, IsWon false
    assert deals["Kystlys maintenance"]["amount"] is None  # absent, never 0
    marte = _timeline(conn, "marte.lunde@havbris.example.com")
    assert {t: i.kind for t, i in marte.items()} == {"Call: pricing": "call", "Send revised contract": "task", "Depot visit": "meeting"}
    call = marte["Call: pricing"].activity
    assert (call.duration_min, call.direction, call.deal) == (25, "outbound", "Havbris fleet pilot")
    task = marte["Send revised contract"]
    assert (task.due, task.done) == ("2026-03-09", False)
    assert marte["Depot visit"].activity.ends_at == "2026-02-20T10:00:00Z"
    # The Enhanced Email is its Task: one activity, with the e-mail's text and direction.
    jonas = _timeline(conn, "jonas.berg@havbris.example.com")
    [email] = jonas.values()
    assert (email.kind, email.body, email.activity.direction) == ("email", "Budget for the pilot is approved for Q2.", "inbound")
    t = r.totals()
    assert t["activities"]["email"] == 1 and t["activities"]["added"] == 5
    # A task on an opportunity only goes on the opportunity's account.
    kystlys = next(a for a in records.list_accounts(conn) if a["name"] == "Kystlys Energi AS")
    assert "Grid study debrief" in {i.title for i in pipeline.timeline(conn, account_id=kystlys["account_id"])}


def test_reimport_adds_nothing_and_says_what_was_already_there(ctx):
    first = _import(ctx, "salesforce")
    conn = ctx.vault.conn
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("deals", "deal_contacts", "activities", "notes")]
    again = _import(ctx, "salesforce").totals()
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("deals", "deal_contacts", "activities", "notes")] == counts
    assert again["deals"]["added"] == 0 and again["deals"]["already_there"] == first.totals()["deals"]["added"]
    assert again["activities"]["added"] == 0 and again["activities"]["already_there"] == 6  # 5 + the EmailMessage
    assert again["contacts_already_there"] == 3


def test_hubspot_deals_activities_and_associations(ctx):
    r = _import(ctx, "hubspot")
    conn = ctx.vault.conn
    deals = _deals(conn)
    service = deals["Fjellvind turbine service"]
    assert (service["amount"], service["currency"], service["probability"], service["status"]) == ("875000.50", "NOK", 60, "open")
    assert {c["email"] for c in service["contacts"]} == {"ingrid.solberg@fjellvind.example.com", "per.moen@fjellvind.example.com"}
    # The deal's own amount and currency, not the company-currency column next to it.
    assert (deals["Fjellvind spare parts"]["amount"], deals["Fjellvind spare parts"]["currency"]) == ("12000.00", "EUR")
    assert deals["Fjellvind spare parts"]["status"] == "won" and deals["Sørbris shop fit-out"]["status"] == "lost"
    assert deals["Sørbris shop fit-out"]["amount"] is None
    ingrid, per = _timeline(conn, "Ingrid Solberg"), _timeline(conn, "Per Moen")
    # One call with two associated contacts shows on both.
    assert ingrid["Service scope call"].kind == per["Service scope call"].kind == "call"
    assert ingrid["Service scope call"].body == "Ingrid and Per want a 5-year service deal."
    assert ingrid["Service scope call"].activity.duration_min == 25
    assert per["Re: service offer"].activity.direction == "inbound"
    assert (ingrid["Send final contract"].due, ingrid["Send final contract"].done) == ("2026-03-12", False)
    assert ingrid["Site visit Fjellvind"].kind == "meeting"
    assert r.totals()["activities"]["task"] == 2


def test_pipedrive_links_by_names_with_two_people_of_one_name(ctx):
    _import(ctx, "pipedrive")
    conn = ctx.vault.conn
    deals = _deals(conn)
    sensors, swap = deals["Nordlys grid sensors"], deals["Fjordkraft meter swap"]
    assert [c["email"] for c in sensors["contacts"]] == ["ola.nordmann@nordlys.example.com"]
    assert [c["email"] for c in swap["contacts"]] == ["ola@fjordkraft.example.com"]  # the other Ola, by organisation
    assert (swap["status"], swap["amount"], deals["Nordlys training"]["status"]) == ("won", "340000.75", "lost")
    nordlys_ola = _timeline(conn, "ola.nordmann@nordlys.example.com")
    fjord_ola = _timeline(conn, "ola@fjordkraft.example.com")
    assert set(nordlys_ola) == {"Sensor demo call", "Send sensor quote", "Follow-up e-mail"}
    assert set(fjord_ola) == {"Meter swap kickoff"}
    assert nordlys_ola["Sensor demo call"].activity.deal == "Nordlys grid sensors"
    assert nordlys_ola["Follow-up e-mail"].kind == "email" and fjord_ola["Meter swap kickoff"].kind == "meeting"
    kari = _timeline(conn, "Kari Vik")
    assert kari["Lunch with Kari"].kind == "meeting"  # Pipedrive's "lunch"
    # A deadline with an organisation only is a task on the company.
    nordlys = next(a for a in records.list_accounts(conn) if a["name"] == "Nordlys Nett AS")
    deadline = next(i for i in pipeline.timeline(conn, account_id=nordlys["account_id"]) if i.title == "Quote deadline")
    assert (deadline.kind, deadline.due, deadline.contact_id) == ("task", "2026-04-15", None)


def test_pipedrive_labelled_email_and_phone_columns(ctx):
    _import(ctx, "pipedrive")
    conn = ctx.vault.conn
    ola = records.resolve_contact(conn, "ola.nordmann@nordlys.example.com")
    assert ola["phone"] == "+47 77 00 00 61"  # "Person - Phone - Work" first
    other = records.resolve_contact(conn, "ola@fjordkraft.example.com")  # only a "Home" address
    assert other["phone"] == "+47 900 00 062"


def test_dynamics_logical_names_and_regarding(ctx):
    _import(ctx, "dynamics")
    conn = ctx.vault.conn
    deals = _deals(conn)
    hull = deals["Vestkyst hull coating"]
    assert (hull["amount"], hull["currency"], hull["status"], hull["account"]) == ("2450000.00", "NOK", "open", "Vestkyst Shipping AS")
    assert [c["name"] for c in hull["contacts"]] == ["Nils Aas"]
    assert (deals["Vestkyst radar retrofit"]["status"], deals["Vestkyst radar retrofit"]["currency"]) == ("lost", "EUR")
    vestkyst = next(a for a in records.list_accounts(conn) if a["name"] == "Vestkyst Shipping AS")
    items = {i.title: i for i in pipeline.timeline(conn, account_id=vestkyst["account_id"])}
    call = items["Coating spec call"]
    assert (call.kind, call.activity.deal, call.activity.direction, call.activity.duration_min) == ("call", "Vestkyst hull coating",
                                                                                                    "outbound", 20)
    assert items["Dry dock visit"].kind == "meeting" and items["Dry dock visit"].contact_id is not None


def test_dynamics_excel_resaved_in_a_norwegian_locale(ctx):
    r = _import(ctx, "dynamics_nb")
    assert {f["format"] for f in r.as_json()["files"]} == {"dynamics"}
    conn = ctx.vault.conn
    deals = _deals(conn)
    feed = deals["Havørn fiskefôr"]
    assert (feed["amount"], feed["currency"], feed["close_date"], feed["status"]) == ("1234567.00", "NOK", "2026-06-30", "open")
    assert (deals["Havørn kjølelager"]["amount"], deals["Havørn kjølelager"]["status"]) == ("98500.50", "won")
    havorn = next(a for a in records.list_accounts(conn) if a["name"] == "Havørn Sjømat AS")
    tasks = {i.title: i for i in pipeline.timeline(conn, account_id=havorn["account_id"])}
    assert (tasks["Send fôr-tilbud"].due, tasks["Send fôr-tilbud"].done) == ("2026-03-15", False)
    assert tasks["Ring om kjølelager"].done is True
    assert tasks["Send fôr-tilbud"].activity.deal == "Havørn fiskefôr"


def test_zoho_status_from_stage_and_related_to(ctx):
    _import(ctx, "zoho")
    conn = ctx.vault.conn
    deals = _deals(conn)
    assert deals["Granlund scaffolding"]["status"] == "lost"  # "Closed Lost to Competition"
    assert deals["Granlund site huts"]["status"] == "won"
    crane = deals["Granlund crane rental"]
    assert (crane["status"], crane["amount"], crane["currency"], crane["probability"]) == ("open", "640000.00", "SEK", 75)
    elin = _timeline(conn, "Elin Berg")
    assert elin["Crane price call"].kind == "call" and elin["Crane price call"].activity.duration_min == 12
    assert elin["Crane price call"].activity.deal == "Granlund crane rental"
    assert (elin["Send final price"].due, elin["Send final price"].done) == ("2026-03-13", False)
    assert elin["Site walk"].kind == "meeting"


def test_nordic_excel_resave_of_a_salesforce_export(ctx):
    r = _import(ctx, "nordic")
    assert {f["format"] for f in r.as_json()["files"]} == {"salesforce"}
    conn = ctx.vault.conn
    deals = _deals(conn)
    assert (deals["Brygge kjølerom"]["amount"], deals["Brygge kjølerom"]["status"]) == ("1250000.50", "open")  # USANN
    assert (deals["Brygge isanlegg"]["amount"], deals["Brygge isanlegg"]["status"]) == ("12500000.00", "won")  # 1,25E+07, SANN
    assert deals["Brygge kjølerom"]["close_date"] == "2026-06-30"
    bjorn = _timeline(conn, "Bjørn Ødegård")
    assert (bjorn["Ring Bjørn om pris"].due, bjorn["Ring Bjørn om pris"].done) == ("2026-03-12", False)
    assert bjorn["Samtale om levering"].kind == "call"


def test_xlsx_deals(ctx, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Status", "Deal - Organization",
               "Deal - Expected close date"])
    ws.append([91, "Excel deal", 1234567.89, "NOK", "open", "Regneark AS", "2026-07-01"])
    path = tmp_path / "deals.xlsx"
    wb.save(path)
    assert import_files(ctx.vault, [path]).ok
    d = _deals(ctx.vault.conn)["Excel deal"]
    assert (Decimal(d["amount"]), d["currency"], d["account"], d["close_date"]) == (Decimal("1234567.89"), "NOK", "Regneark AS",
                                                                                    "2026-07-01")


def test_a_bad_amount_is_one_line_naming_file_and_row_and_nothing_is_lost(ctx, tmp_path):
    _import(ctx, "salesforce")
    bad = tmp_path / "Opportunity.csv"
    bad.write_text('"Id","Name","StageName","Amount","CurrencyIsoCode","IsClosed","IsWon"\n'
                   '"0065g00000BaDaAAAA","Odd deal","Prospecting","lots","NOK","false","false"\n', encoding="utf-8")
    r = import_files(ctx.vault, [bad])
    assert r.ok
    [w] = r.as_json()["files"][0]["warnings"]
    assert w == "Opportunity.csv: line 2: the amount 'lots' is not a number; the deal is kept without it."
    deals = _deals(ctx.vault.conn)
    assert deals["Odd deal"]["amount"] is None and deals["Havbris fleet pilot"]["amount"] == "12500000.00"


def test_a_duplicated_activity_row_is_one_activity(ctx, tmp_path):
    text = (SF_DIR / "Task.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    (tmp_path / "Task.csv").write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    files = [SF_DIR / "Account.csv", SF_DIR / "Contact.csv", SF_DIR / "Opportunity.csv", tmp_path / "Task.csv"]
    r = import_files(ctx.vault, files)
    assert r.ok, r.as_json()
    assert r.totals()["activities"]["added"] == 4
    assert ctx.vault.conn.execute("SELECT count(*) FROM activities").fetchone()[0] == 4


SF_DIR = P / "salesforce"
