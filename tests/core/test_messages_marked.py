"""Every message the core can show a person is marked where it is written (``N_`` + fields, or
a ``Message``), so the window translates it and never has to recognise English text.

The rule, and its few exceptions, are in tests/support/marked.py."""

from __future__ import annotations

import json

from app.core.errors import AppError, Message, N_, NotFoundError, template_fields, window_template
from tests.support import marked


def test_every_message_for_a_person_in_the_core_is_marked():
    assert marked.unmarked() == [], "mark the message: raise XError(N_(\"… {name} …\"), name=…)"


def test_the_rule_flags_literals_f_strings_and_texts_passed_through_a_helper():
    code = '''
class DealError(AppError):
    pass

def literal():
    raise DealError("No deal.")

def fstring(deal_id):
    raise DealError(f"No deal with id {deal_id}.")

def from_os(exc):
    raise DealError(str(exc))

def formatted(deal_id):
    raise DealError("No deal with id {id}.".format(id=deal_id))

def refuse(problem):
    return DealError(problem)

def caller():
    raise refuse("is gone")

def report(fr, line):
    fr.warn(f"line {line}: skipped")
    fr.problem = f"line {line} is broken"

def tell(notify):
    notify("Answers from the server")
'''
    assert sorted(marked.check_source(code), key=lambda x: int(x.split(":")[0])) == [
        "6: 'No deal.'", "9: f'No deal with id {deal_id}.'", "12: str(exc)",
        "15: 'No deal with id {id}.'.format(id=deal_id)", "18: problem",
        "24: f'line {line}: skipped'", "25: f'line {line} is broken'", "28: 'Answers from the server'"]


def test_the_rule_accepts_marked_messages_and_messages_passed_along():
    code = '''
class DealError(AppError):
    pass

def marked(deal_id):
    raise DealError(N_("No deal with id {id}."), id=deal_id)

def either(big):
    why = Message(N_("is too big")) if big else Message(N_("is too small"))
    raise DealError(N_("The file {why}."), why=why)

def refuse(problem):
    return DealError(problem)

def caller():
    raise refuse(Message(N_("is gone")))

def passed_on(mf, exc):
    raise DealError(mf.problem or exc.message)

def stopped():
    raise Cancelled()
'''
    assert marked.check_source(code) == []


def test_each_marked_template_is_given_every_field_it_names():
    """A field the template names but the call does not give would fail only when the message
    is raised; a keyword the template does not name is data for the program (``can_override``)."""
    calls = marked.field_calls()
    assert len(calls) > 200
    wrong = [f"{site}: {template!r} names {sorted(template_fields(template))}, gets {sorted(kws)}"
             for site, template, kws in calls if not template_fields(template) <= kws]
    assert wrong == []


def test_a_message_is_its_english_text_and_keeps_template_and_fields():
    """The command line and JSON see the English text as before (the ``⟦…⟧`` part included);
    the window gets the template without it, and the fields; a message inside a field stays
    a message."""
    inner = Message(N_("is not a valid address"))
    msg = Message(N_("The address in {field} {why}⟦; run `confidant contacts` to fix it⟧."), field="To", why=inner)
    assert msg == "The address in To is not a valid address; run `confidant contacts` to fix it."
    assert json.loads(json.dumps({"m": msg})) == {"m": str(msg)}
    assert window_template(msg.template) == "The address in {field} {why}."
    assert msg.fields["why"].template == "is not a valid address"

    exc = NotFoundError(N_("No deal with id {id}."), id=7)
    assert (str(exc), exc.template, exc.fields) == ("No deal with id 7.", "No deal with id {id}.", {"id": 7})
    assert isinstance(exc.message, Message) and exc.message.template == exc.template
    again = AppError(msg)  # a Message raised as is keeps its template and fields
    assert (again.template, again.fields) == (msg.template, msg.fields) and str(again) == str(msg)
    assert AppError(N_("Braces {kept} when there are no fields.")).message == "Braces {kept} when there are no fields."


def test_words_inside_a_marked_message_are_marked_too():
    """A field written as English words ("none", "the system policy") would stay English inside
    a translated sentence; such a field is itself a Message."""
    assert marked.wordy_fields() == []
    code = '''
class XError(AppError):
    pass

def f(cols, encoding, where):
    shown = ", ".join(cols) or "none"
    raise XError(N_("Columns: {cols}; read as {enc} in {where}."), cols=shown, enc=encoding or "text in the guessed encoding",
                 where=where or Message(N_("the system policy")))
'''
    assert marked.check_fields_source(code) == ["7: cols=shown", "7: enc=encoding or 'text in the guessed encoding'"]
