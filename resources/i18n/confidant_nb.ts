<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AssistantPane</name>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="70"/>
        <source>&amp;Draft follow-up</source>
        <translation>&amp;Skriv oppfølging</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="71"/>
        <source>&amp;Summarise</source>
        <translation>&amp;Oppsummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="72"/>
        <source>&amp;Quick (no reasoning)</source>
        <translation>&amp;Rask (uten resonnering)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="74"/>
        <source>Answer at once, without the model's reasoning step: faster, for simple drafts.</source>
        <translation>Svar med en gang, uten modellens resonnering: raskere, for enkle utkast.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="77"/>
        <source>Ask about the notes…</source>
        <translation>Spør om notatene …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="78"/>
        <source>Question about the notes</source>
        <translation>Spørsmål om notatene</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="80"/>
        <source>As&amp;k</source>
        <translation>S&amp;pør</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="81"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="83"/>
        <source>&amp;Regenerate</source>
        <translation>&amp;Lag på nytt</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="84"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="85"/>
        <source>Save as .&amp;eml…</source>
        <translation>Lagre som .&amp;eml …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="87"/>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="92"/>
        <location filename="../../app/gui/assistant_pane.py" line="94"/>
        <source>Show reasoning</source>
        <translation>Vis resonnering</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="95"/>
        <source>Reasoning</source>
        <translation>Resonnering</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="108"/>
        <source>Cited notes</source>
        <translation>Siterte notater</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="115"/>
        <source>Follow-up: “make it shorter”, “mention the pilot”…</source>
        <translation>Oppfølging: «gjør den kortere», «nevn piloten» …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="116"/>
        <source>Follow-up instruction</source>
        <translation>Oppfølgingsinstruks</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="118"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="122"/>
        <location filename="../../app/gui/assistant_pane.py" line="168"/>
        <location filename="../../app/gui/assistant_pane.py" line="180"/>
        <source>Select a contact or an account.</source>
        <translation>Velg en kontakt eller en kunde.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="199"/>
        <source>The model is still loading.</source>
        <translation>Modellen lastes fortsatt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="209"/>
        <source>Drafts are written to a contact: select one.</source>
        <translation>Utkast skrives til en kontakt: velg en.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="228"/>
        <source>Drafting…</source>
        <translation>Skriver utkast …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="233"/>
        <source>Summarising…</source>
        <translation>Oppsummerer …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="241"/>
        <source>Reading the notes…</source>
        <translation>Leser notatene …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="250"/>
        <source>Revising…</source>
        <translation>Omarbeider …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="261"/>
        <source>Stopping…</source>
        <translation>Stopper …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="265"/>
        <source>Copy it anyway?</source>
        <translation>Kopiere det likevel?</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="270"/>
        <source>a payment card number</source>
        <translation>et betalingskortnummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="271"/>
        <source>a bank account number (IBAN)</source>
        <translation>et bankkontonummer (IBAN)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="272"/>
        <source>a Norwegian national identity number</source>
        <translation>et norsk fødselsnummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="273"/>
        <source>a Swedish personal identity number</source>
        <translation>et svensk personnummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="274"/>
        <source>a Danish CPR number</source>
        <translation>et dansk CPR-nummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="287"/>
        <source>Personal numbers in the draft</source>
        <translation>Personnumre i utkastet</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="288"/>
        <source>The draft seems to contain:
%1

%2</source>
        <translation>Utkastet ser ut til å inneholde:
%1

%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="309"/>
        <source>Save it anyway?</source>
        <translation>Lagre det likevel?</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="311"/>
        <source>Save draft as</source>
        <translation>Lagre utkast som</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="311"/>
        <source>E-mail (*.eml)</source>
        <translation>E-post (*.eml)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="325"/>
        <source>Saved %1</source>
        <translation>Lagret %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="359"/>
        <source>Thinking…</source>
        <translation>Tenker …</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="366"/>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="376"/>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="379"/>
        <source>Note %1 (%2)</source>
        <translation>Notat %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="389"/>
        <source>A note looks like instructions to an AI; it was treated as data</source>
        <translation>Et notat ser ut som instruksjoner til en KI; det ble behandlet som data</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="390"/>
        <source>A citation to a note the model was not given was removed</source>
        <translation>En henvisning til et notat modellen ikke fikk, ble fjernet</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="391"/>
        <source>The answer stopped at its length limit and may be incomplete</source>
        <translation>Svaret stoppet ved lengdegrensen og kan være ufullstendig</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="392"/>
        <source>The model broke the reasoning format; the answer is shown as given</source>
        <translation>Modellen brøt resonneringsformatet; svaret vises slik det kom</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="393"/>
        <source>The reasoning was cut at the thinking budget</source>
        <translation>Resonneringen ble kuttet ved tenkebudsjettet</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="394"/>
        <source>The text may contain a personal number (ID, card or account)</source>
        <translation>Teksten kan inneholde et personnummer (ID, kort eller konto)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="395"/>
        <source>The text may contain payment data (a card or bank account number)</source>
        <translation>Teksten kan inneholde betalingsdata (et kort- eller kontonummer)</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="396"/>
        <source>There are no notes about this subject; the answer has little to go on</source>
        <translation>Det finnes ingen notater om dette; svaret har lite å bygge på</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="397"/>
        <source>Some older notes did not fit and were left out</source>
        <translation>Noen eldre notater fikk ikke plass og ble utelatt</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="398"/>
        <source>No note matched the question's words; recent notes were used</source>
        <translation>Ingen notater passet med ordene i spørsmålet; nyere notater ble brukt</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="419"/>
        <source>Stopped; nothing was saved.</source>
        <translation>Stoppet; ingenting ble lagret.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="453"/>
        <source>Reopened conversation %1</source>
        <translation>Åpnet samtale %1 igjen</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Subject line</source>
        <translation>Emnelinje</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Versions of this answer</source>
        <translation>Versjoner av dette svaret</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>draft</source>
        <translation>utkast</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Follow-up – %1.eml</source>
        <translation>Oppfølging – %1.eml</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Stopped; the partial answer was not saved in the vault, but you can copy or save it.</source>
        <translation>Stoppet; det ufullstendige svaret ble ikke lagret i hvelvet, men du kan kopiere eller lagre det.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Summary</source>
        <translation>Sammendrag</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Reopened from History.</source>
        <translation>Åpnet fra historikken.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Reading notes…</source>
        <translation>Leser notater…</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Ready</source>
        <translation>Klar</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Reading notes… %1 %</source>
        <translation>Leser notater… %1 %</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Thinking… %1 of %2 tokens</source>
        <translation>Tenker… %1 av %2 tokens</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Thinking… %1 tokens</source>
        <translation>Tenker… %1 tokens</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>The model began to repeat itself and was stopped; the repeats were removed</source>
        <translation>Modellen begynte å gjenta seg selv og ble stoppet; gjentakelsene er fjernet</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>The answer repeats the assistant's own instructions; check it before use</source>
        <translation>Svaret gjentar assistentens egne instruksjoner; sjekk det før bruk</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../app/gui/history.py" line="35"/>
        <source>History</source>
        <translation>Historikk</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="40"/>
        <source>Past conversations</source>
        <translation>Tidligere samtaler</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="42"/>
        <source>&amp;Reopen</source>
        <translation>Å&amp;pne igjen</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="45"/>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="50"/>
        <source>Deleting one conversation is not available in this build.</source>
        <translation>Å slette én samtale er ikke tilgjengelig i denne versjonen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="67"/>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="67"/>
        <source>Summary</source>
        <translation>Oppsummering</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="67"/>
        <source>Question</source>
        <translation>Spørsmål</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="109"/>
        <source>Delete conversation</source>
        <translation>Slett samtale</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="109"/>
        <source>Delete this conversation for good?</source>
        <translation>Slette denne samtalen for godt?</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="85"/>
        <source>Import CRM data</source>
        <translation>Importer CRM-data</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="98"/>
        <source>Drop CRM export files here (CSV, Excel, vCard), or pick them.</source>
        <translation>Slipp CRM-eksportfiler her (CSV, Excel, vCard), eller velg dem.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="101"/>
        <source>&amp;Choose files…</source>
        <translation>&amp;Velg filer …</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="106"/>
        <source>Files to import</source>
        <translation>Filer som skal importeres</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="110"/>
        <source>Preview of the first rows</source>
        <translation>Forhåndsvisning av de første radene</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="126"/>
        <source>Import progress</source>
        <translation>Importfremdrift</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="138"/>
        <source>Import report</source>
        <translation>Importrapport</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="147"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="175"/>
        <source>Choose export files</source>
        <translation>Velg eksportfiler</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="175"/>
        <source>CRM exports (*.csv *.tsv *.txt *.xlsx *.vcf *.json);;All files (*)</source>
        <translation>CRM-eksporter (*.csv *.tsv *.txt *.xlsx *.vcf *.json);;Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="182"/>
        <source>This build has no importer.</source>
        <translation>Denne versjonen har ingen importør.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="188"/>
        <source>%1 — detecting…</source>
        <translation>%1 — gjenkjenner …</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="204"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="207"/>
        <source>%1 — cannot be imported: %2</source>
        <translation>%1 — kan ikke importeres: %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="234"/>
        <source>(ignore)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="238"/>
        <source>Field for column %1</source>
        <translation>Felt for kolonnen %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="240"/>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="242"/>
        <source>Generic CSV: choose which field each column holds.</source>
        <translation>Generell CSV: velg hvilket felt hver kolonne inneholder.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="244"/>
        <source>Detected: %1. Columns are mapped automatically.</source>
        <translation>Gjenkjent: %1. Kolonnene kobles automatisk.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_wizard.py" line="282"/>
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importerer %n fil …</numerusform>
            <numerusform>Importerer %n filer …</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="295"/>
        <source>%1: %2 rows</source>
        <translation>%1: %2 rader</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="303"/>
        <source>Contacts added: %1, updated: %2. Notes added: %3, skipped as duplicates or empty: %4.</source>
        <translation>Kontakter lagt til: %1, oppdatert: %2. Notater lagt til: %3, hoppet over som duplikater eller tomme: %4.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="310"/>
        <source>Error: %1</source>
        <translation>Feil: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="312"/>
        <source>Warning: %1</source>
        <translation>Advarsel: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Text encoding</source>
        <translation>Tegnkoding</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Automatic (guess)</source>
        <translation>Automatisk (gjetning)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>&amp;Encoding:</source>
        <translation>&amp;Tegnkoding:</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Encoding: %1</source>
        <translation>Tegnkoding: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Not linked: %1</source>
        <translation>Ikke koblet: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Notes on a contact: %1, on a company only: %2, not linked: %3.</source>
        <translation>Notater på en kontakt: %1, bare på et firma: %2, ikke koblet: %3.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Format of this file</source>
        <translation>Formatet til denne filen</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="137"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="138"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="141"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="142"/>
        <source>&amp;History…</source>
        <translation>&amp;Historikk …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="143"/>
        <source>&amp;Privacy and settings…</source>
        <translation>&amp;Personvern og innstillinger …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="144"/>
        <source>&amp;Find</source>
        <translation>&amp;Finn</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="145"/>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="148"/>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="168"/>
        <source>Offline: network guard on (%1 blocked)</source>
        <translation>Frakoblet: nettverksvakten er på (%1 blokkert)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="170"/>
        <source>Network guard OFF</source>
        <translation>Nettverksvakten er AV</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="179"/>
        <source>Loading the model…</source>
        <translation>Laster modellen …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="199"/>
        <source>Model ready</source>
        <translation>Modellen er klar</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="204"/>
        <source>No model</source>
        <translation>Ingen modell</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="320"/>
        <source>Locked after %n idle minute(s).</source>
        <translation>
            <numerusform>Låst etter %n minutt uten aktivitet.</numerusform>
            <numerusform>Låst etter %n minutter uten aktivitet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Innstillinger …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>&amp;Privacy…</source>
        <translation>&amp;Personvern …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Hurtigtaster</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>&amp;About Confidant</source>
        <translation>&amp;Om Confidant</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>Demo model (answers will be poor): %1 · choose the real one…</source>
        <translation>Demomodell (svarene blir dårlige): %1 · velg den ekte …</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>The contact was forgotten.</source>
        <translation>Kontakten ble glemt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>Answers from %1 (company server)</source>
        <translation>Svar fra %1 (firmaets server)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="0"/>
        <source>Set by your IT policy: %1, model %2</source>
        <translation>Satt av IT-policyen din: %1, modell %2</translation>
    </message>
</context>
<context>
    <name>ModelChooser</name>
    <message>
        <location filename="../../app/gui/model_picker.py" line="66"/>
        <source>Choose model &amp;file…</source>
        <translation>Velg modell&amp;fil …</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="68"/>
        <source>Choose model file</source>
        <translation>Velg modellfil</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="78"/>
        <source>Managed by your IT policy (%1)</source>
        <translation>Styrt av IT-policyen din (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="85"/>
        <source>Set by your IT policy: %1</source>
        <translation>Satt av IT-policyen din: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="87"/>
        <source>Not loaded</source>
        <translation>Ikke lastet</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="89"/>
        <source>trusted</source>
        <translation>klarert</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="89"/>
        <source>not trusted</source>
        <translation>ikke klarert</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="98"/>
        <source>Choose a model file</source>
        <translation>Velg en modellfil</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="98"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-modeller (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="115"/>
        <source>The model is managed by your IT policy; it cannot be changed here.</source>
        <translation>Modellen styres av IT-policyen din; den kan ikke endres her.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="118"/>
        <source>Checking %1 (its SHA-256 takes a moment for a large file)…</source>
        <translation>Kontrollerer %1 (SHA-256 tar litt tid for en stor fil) …</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="128"/>
        <source>%1 is not trusted; it was not chosen.</source>
        <translation>%1 er ikke klarert; den ble ikke valgt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Models found on this computer</source>
        <translation>Modeller funnet på denne datamaskinen</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>&amp;Use the selected model</source>
        <translation>&amp;Bruk valgt modell</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Models found in the models folders:</source>
        <translation>Modeller funnet i modellmappene:</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>No model in use yet</source>
        <translation>Ingen modell i bruk ennå</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>This is a demo model: for trying the app; answers will be poor. Choose a DeepSeek-R1 distill (see the models folder's README) for real drafts.</source>
        <translation>Dette er en demomodell: for å prøve appen; svarene blir dårlige. Velg en DeepSeek-R1-destillasjon (se README i modellmappen) for ekte utkast.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>demo</source>
        <translation>demo</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>cannot be used</source>
        <translation>kan ikke brukes</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>None yet: put a .gguf file in %1, or choose one.</source>
        <translation>Ingen ennå: legg en .gguf-fil i %1, eller velg en.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Checking %1 (its fingerprint takes a moment for a large file)…</source>
        <translation>Kontrollerer %1 (fingeravtrykket tar litt tid for en stor fil) …</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Trust this model file?</source>
        <translation>Stole på denne modellfilen?</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Trust and use it</source>
        <translation>Stol på den og bruk den</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Do not use it</source>
        <translation>Ikke bruk den</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>%1 (%2) is new to Confidant.

Trusting it means: Confidant records its fingerprint (SHA-256 %3) in your vault, runs it on this computer with your notes, and refuses the file if it ever changes. Only trust a model file from your IT department or its publisher.

Trust this file and use it?</source>
        <translation>%1 (%2) er ny for Confidant.

Å stole på den betyr: Confidant lagrer fingeravtrykket (SHA-256 %3) i hvelvet ditt, kjører den på denne datamaskinen med notatene dine, og nekter å bruke filen hvis den noen gang endres. Stol bare på en modellfil fra IT-avdelingen eller utgiveren.

Stole på denne filen og bruke den?</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>Not trusted; the model in use was not changed.</source>
        <translation>Ikke godkjent; modellen i bruk ble ikke endret.</translation>
    </message>
</context>
<context>
    <name>ModelDialog</name>
    <message>
        <location filename="../../app/gui/model_picker.py" line="144"/>
        <source>Choose a model</source>
        <translation>Velg en modell</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="147"/>
        <source>Confidant needs a model file (GGUF) to write drafts and answer questions. Choose one, or drop it on this window. Its SHA-256 is recorded, so a changed file is refused later.</source>
        <translation>Confidant trenger en modellfil (GGUF) for å skrive utkast og svare på spørsmål. Velg en, eller slipp den på dette vinduet. SHA-256 for filen lagres, så en endret fil blir avvist senere.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="156"/>
        <source>The model is loading in the background.</source>
        <translation>Modellen lastes i bakgrunnen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/model_picker.py" line="0"/>
        <source>No usable model file was found in the models folder (%1). Choose one below, or drop it on this window.</source>
        <translation>Fant ingen brukbar modellfil i modellmappen (%1). Velg en nedenfor, eller slipp den på dette vinduet.</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../app/gui/browse.py" line="58"/>
        <source>Search people, companies and notes</source>
        <translation>Søk i personer, firmaer og notater</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="59"/>
        <source>Search</source>
        <translation>Søk</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="63"/>
        <source>Accounts and contacts</source>
        <translation>Kunder og kontakter</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="107"/>
        <source>Accounts</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="113"/>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="120"/>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="127"/>
        <source>Nothing found</source>
        <translation>Ingen treff</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="127"/>
        <source>No data yet: import a CRM export (Ctrl+I)</source>
        <translation>Ingen data ennå: importer en CRM-eksport (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>Showing %1 of %2 people: scroll down or click here for more</source>
        <translation>Viser %1 av %2 personer: bla ned eller klikk her for flere</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="69"/>
        <source>Privacy and settings</source>
        <translation>Personvern og innstillinger</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="71"/>
        <source>Managed by your IT policy (%1)</source>
        <translation>Styrt av IT-policyen din (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="76"/>
        <source>On</source>
        <translation>På</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="76"/>
        <source>OFF</source>
        <translation>AV</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="77"/>
        <source>%1 connection attempts blocked</source>
        <translation>%1 tilkoblingsforsøk blokkert</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="80"/>
        <source>Network guard</source>
        <translation>Nettverksvakt</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="81"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="81"/>
        <source>Encrypted with SQLCipher (AES-256) at %1</source>
        <translation>Kryptert med SQLCipher (AES-256) i %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="83"/>
        <source>In the system keyring (%1)</source>
        <translation>I systemets nøkkelring (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="85"/>
        <source>Wrapped with your passphrase (Argon2id) in %1</source>
        <translation>Beskyttet med passordfrasen din (Argon2id) i %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="88"/>
        <source>Data key</source>
        <translation>Datanøkkel</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="91"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="95"/>
        <source>Check now</source>
        <translation>Sjekk nå</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="101"/>
        <source>Last integrity check</source>
        <translation>Siste integritetssjekk</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="103"/>
        <source>Reading…</source>
        <translation>Leser …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="111"/>
        <source> days</source>
        <translation> dager</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="116"/>
        <source>Never</source>
        <translation>Aldri</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="117"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="119"/>
        <source>Keep the model's reasoning with answers</source>
        <translation>Behold modellens resonnering sammen med svarene</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="124"/>
        <source>Follow the system</source>
        <translation>Følg systemet</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="139"/>
        <source>Retention</source>
        <translation>Oppbevaring</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="140"/>
        <source>Auto-lock after</source>
        <translation>Lås automatisk etter</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="142"/>
        <source>Language (after restart)</source>
        <translation>Språk (etter omstart)</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="145"/>
        <source>&amp;Export all data…</source>
        <translation>&amp;Eksporter alle data …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="148"/>
        <source>&amp;Forget a contact…</source>
        <translation>&amp;Glem en kontakt …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="151"/>
        <source>&amp;Audit log…</source>
        <translation>&amp;Revisjonslogg …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="160"/>
        <source>Not available in this build.</source>
        <translation>Ikke tilgjengelig i denne versjonen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="164"/>
        <source>&amp;Save settings</source>
        <translation>&amp;Lagre innstillinger</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="198"/>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="212"/>
        <source>Never checked</source>
        <translation>Aldri kontrollert</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="218"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="218"/>
        <source>PROBLEMS FOUND: run `confidant doctor`</source>
        <translation>FANT PROBLEMER: kjør `confidant doctor`</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="223"/>
        <source>Checking…</source>
        <translation>Sjekker …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="234"/>
        <source>Export all data</source>
        <translation>Eksporter alle data</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="239"/>
        <source>Exported to %1 (unencrypted: keep it safe).</source>
        <translation>Eksportert til %1 (ukryptert: oppbevar den trygt).</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="243"/>
        <location filename="../../app/gui/privacy_view.py" line="254"/>
        <source>Forget a contact</source>
        <translation>Glem en kontakt</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="243"/>
        <source>Contact (id, e-mail or name):</source>
        <translation>Kontakt (id, e-post eller navn):</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="251"/>
        <source>Forget %1 &lt;%2&gt;? This deletes the contact, %3 notes, %4 conversations and %5 drafts, for good.</source>
        <translation>Glemme %1 &lt;%2&gt;? Dette sletter kontakten, %3 notater, %4 samtaler og %5 utkast for godt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="258"/>
        <source>Forgotten.</source>
        <translation>Glemt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="268"/>
        <location filename="../../app/gui/privacy_view.py" line="270"/>
        <source>Audit log</source>
        <translation>Revisjonslogg</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Privacy</source>
        <translation>Personvern</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>PROBLEMS FOUND: export your data and ask your IT department for help</source>
        <translation>FANT PROBLEMER: eksporter dataene dine og be IT-avdelingen om hjelp</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>What happened</source>
        <translation>Hva skjedde</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Contact (e-mail or name):</source>
        <translation>Kontakt (e-post eller navn):</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>On the company server %1, set by your IT policy (the only address this app can reach)</source>
        <translation>På firmaets server %1, satt av IT-policyen din (den eneste adressen denne appen kan nå)</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>On this computer</source>
        <translation>På denne datamaskinen</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Certificate SHA-256: %1</source>
        <translation>Sertifikatets SHA-256: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Answers generated</source>
        <translation>Svar lages</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../app/gui/browse.py" line="162"/>
        <source>People at this account</source>
        <translation>Personer hos denne kunden</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="166"/>
        <source>Notes timeline</source>
        <translation>Tidslinje med notater</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="167"/>
        <source>Note text</source>
        <translation>Notattekst</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="220"/>
        <source>Flagged: %1</source>
        <translation>Flagget: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>Select a note above to read it here.</source>
        <translation>Velg et notat over for å lese det her.</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>Choose a person or an account to see their notes.</source>
        <translation>Velg en person eller en kunde for å se notatene.</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>No notes for this contact yet. Import a CRM export with notes (Ctrl+I).</source>
        <translation>Ingen notater om denne kontakten ennå. Importer en CRM-eksport med notater (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>No notes for this account yet. Import a CRM export with notes (Ctrl+I).</source>
        <translation>Ingen notater om denne kunden ennå. Importer en CRM-eksport med notater (Ctrl+I).</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../../app/gui/unlock.py" line="66"/>
        <location filename="../../app/gui/unlock.py" line="158"/>
        <source>Checking how your vault is protected…</source>
        <translation>Sjekker hvordan hvelvet ditt er beskyttet …</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="70"/>
        <source>Passphrase</source>
        <translation>Passordfrase</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="74"/>
        <source>Passphrase again</source>
        <translation>Passordfrase igjen</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="78"/>
        <source>Load the sample data (fictional accounts) to try Confidant</source>
        <translation>Last inn eksempeldata (oppdiktede kunder) for å prøve Confidant</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="89"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passordfrase</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="91"/>
        <source>&amp;Again</source>
        <translation>&amp;Igjen</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="156"/>
        <source>Welcome to Confidant</source>
        <translation>Velkommen til Confidant</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="156"/>
        <source>Confidant is locked</source>
        <translation>Confidant er låst</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="161"/>
        <source>Your notes will be kept in an encrypted vault on this computer. Its key will be kept in your system keyring, so you will not need a passphrase.</source>
        <translation>Notatene dine lagres i et kryptert hvelv på denne datamaskinen. Nøkkelen lagres i systemets nøkkelring, så du trenger ingen passordfrase.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/unlock.py" line="165"/>
        <source>Your notes will be kept in an encrypted vault on this computer. No secure system keyring is available, so choose a passphrase (at least %n characters). If you forget it, the vault cannot be opened.</source>
        <translation>
            <numerusform>Notatene dine lagres i et kryptert hvelv på denne datamaskinen. Ingen sikker nøkkelring er tilgjengelig, så velg en passordfrase (minst %n tegn). Glemmer du den, kan hvelvet ikke åpnes.</numerusform>
            <numerusform>Notatene dine lagres i et kryptert hvelv på denne datamaskinen. Ingen sikker nøkkelring er tilgjengelig, så velg en passordfrase (minst %n tegn). Glemmer du den, kan hvelvet ikke åpnes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="169"/>
        <source>Enter your passphrase to open the vault.</source>
        <translation>Skriv inn passordfrasen for å åpne hvelvet.</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="171"/>
        <source>Your vault's key is in the system keyring.</source>
        <translation>Nøkkelen til hvelvet ligger i systemets nøkkelring.</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="177"/>
        <source>Create vault</source>
        <translation>Opprett hvelv</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="177"/>
        <source>Unlock</source>
        <translation>Lås opp</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="187"/>
        <source>Too short</source>
        <translation>For kort</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="188"/>
        <source>Weak: longer is better</source>
        <translation>Svak: lengre er bedre</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="189"/>
        <source>Fair</source>
        <translation>Middels</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="190"/>
        <source>Strong</source>
        <translation>Sterk</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/unlock.py" line="205"/>
        <source>The passphrase must be at least %n characters.</source>
        <translation>
            <numerusform>Passordfrasen må ha minst %n tegn.</numerusform>
            <numerusform>Passordfrasen må ha minst %n tegn.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="208"/>
        <source>The two passphrases differ.</source>
        <translation>De to passordfrasene er ulike.</translation>
    </message>
    <message>
        <location filename="../../app/gui/unlock.py" line="213"/>
        <source>Opening the vault…</source>
        <translation>Åpner hvelvet …</translation>
    </message>
</context>
<context>
    <name>entry</name>
    <message>
        <location filename="../../app/gui/entry.py" line="47"/>
        <source>Confidant is already open in another window; this one will close.</source>
        <translation>Confidant er allerede åpent i et annet vindu; dette lukkes.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../app/gui/errors.py" line="32"/>
        <source>Something unexpected went wrong. Nothing you saved was lost; the log has details (without your data).</source>
        <translation>Noe uventet gikk galt. Ingenting du har lagret, gikk tapt; loggen har detaljer (uten dataene dine).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="45"/>
        <source>Error message</source>
        <translation>Feilmelding</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>Wrong passphrase. The vault was not touched.</source>
        <translation>Feil passordfrase. Hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>The vault is locked.</source>
        <translation>Hvelvet er låst.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>'%1' is managed by your organisation's IT policy (%2) and cannot be changed here.</source>
        <translation>«%1» er styrt av organisasjonens IT-policy (%2) og kan ikke endres her.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 changed since it was first trusted on %2, so it is not used. If it was replaced on purpose, choose it again in Settings.</source>
        <translation>%1 er endret siden den først ble godkjent %2, så den brukes ikke. Hvis den ble byttet med vilje, velg den på nytt i Innstillinger.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 is not one of the models your organisation allows (policy %3).</source>
        <translation>%1 er ikke blant modellene organisasjonen din tillater (policy %3).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>No usable model file was found. Choose one in Settings (Ctrl+,).</source>
        <translation>Fant ingen brukbar modellfil. Velg en i Innstillinger (Ctrl+,).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1: the file is empty.</source>
        <translation>%1: filen er tom.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>The model file %1 does not exist.</source>
        <translation>Modellfilen %1 finnes ikke.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 is not a model file (GGUF).</source>
        <translation>%1 er ikke en modellfil (GGUF).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 is damaged or incomplete (its header cannot be read).</source>
        <translation>%1 er skadet eller ufullstendig (hodet kan ikke leses).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 is incomplete (shorter than its header says): download or copy it again.</source>
        <translation>%1 er ufullstendig (kortere enn hodet sier): last ned eller kopier den på nytt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 is in a model format this version of Confidant cannot read.</source>
        <translation>%1 er i et modellformat denne versjonen av Confidant ikke kan lese.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>The model %1 could not be loaded; the file may be damaged.</source>
        <translation>Modellen %1 kunne ikke lastes; filen kan være skadet.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1: the file has no header row.</source>
        <translation>%1: filen har ingen overskriftsrad.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1: this is not a CRM export (it holds binary data).</source>
        <translation>%1: dette er ikke en CRM-eksport (den inneholder binærdata).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1: no such file.</source>
        <translation>%1: filen finnes ikke.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>%1 already exists; choose another file name.</source>
        <translation>%1 finnes allerede; velg et annet filnavn.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>That contact no longer exists (it may have been forgotten).</source>
        <translation>Den kontakten finnes ikke lenger (den kan ha blitt glemt).</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>That contact no longer exists. Nothing was deleted.</source>
        <translation>Den kontakten finnes ikke lenger. Ingenting ble slettet.</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>That conversation no longer exists.</source>
        <translation>Den samtalen finnes ikke lenger.</translation>
    </message>
</context>
<context>
    <name>card</name>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Forget %1 &lt;%2&gt;? This deletes the contact, %3 notes, %4 conversations and %5 drafts, for good.</source>
        <translation>Glemme %1 &lt;%2&gt;? Dette sletter kontakten, %3 notater, %4 samtaler og %5 utkast for godt.</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Forget this contact</source>
        <translation>Glem denne kontakten</translation>
    </message>
</context>
<context>
    <name>SubjectCard</name>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Forget this contact…</source>
        <translation>Glem denne kontakten …</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Forget this contact</source>
        <translation>Glem denne kontakten</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Nothing selected</source>
        <translation>Ingenting valgt</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Choose a person or an account on the left, or search for one (Ctrl+F). No data yet? Import a CRM export (Ctrl+I).</source>
        <translation>Velg en person eller en kunde til venstre, eller søk etter en (Ctrl+F). Ingen data ennå? Importer en CRM-eksport (Ctrl+I).</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>No e-mail address</source>
        <translation>Ingen e-postadresse</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>No phone number</source>
        <translation>Ikke noe telefonnummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Account</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>%1 people · %2 notes</source>
        <translation>%1 personer · %2 notater</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>e.g. Ola Nordmann</source>
        <translation>f.eks. Ola Nordmann</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>e.g. ola@example.com</source>
        <translation>f.eks. ola@example.com</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Lines under your name, e.g. your title and phone number</source>
        <translation>Linjer under navnet ditt, f.eks. tittel og telefonnummer</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>You</source>
        <translation>Deg</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>&amp;E-mail address</source>
        <translation>&amp;E-postadresse</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Si&amp;gnature</source>
        <translation>Si&amp;gnatur</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Drafts are signed with your name and signature; saved drafts use your address as From.</source>
        <translation>Utkast signeres med navnet og signaturen din; lagrede utkast bruker adressen din som avsender.</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Automatic (one per CPU core)</source>
        <translation>Automatisk (én per prosessorkjerne)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Automatic (fits memory)</source>
        <translation>Automatisk (etter minnet)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>%1 tokens</source>
        <translation>%1 symboler</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Automatic (use a GPU when there is one)</source>
        <translation>Automatisk (bruk GPU når det finnes en)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>All layers on the GPU</source>
        <translation>Alle lag på GPU-en</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>None: CPU only</source>
        <translation>Ingen: bare CPU</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>%1 layers on the GPU</source>
        <translation>%1 lag på GPU-en</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Model and performance</source>
        <translation>Modell og ytelse</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>CPU &amp;threads</source>
        <translation>CPU-&amp;tråder</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>&amp;Context size</source>
        <translation>&amp;Kontekststørrelse</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>G&amp;PU use</source>
        <translation>G&amp;PU-bruk</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Changes here reload the model in the background.</source>
        <translation>Endringer her laster modellen på nytt i bakgrunnen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Managed by your organisation (%1)</source>
        <translation>Styrt av organisasjonen din (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>That e-mail address does not look right.</source>
        <translation>Den e-postadressen ser ikke riktig ut.</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_view.py" line="0"/>
        <source>Nothing changed.</source>
        <translation>Ingenting ble endret.</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Move between fields</source>
        <translation>Flytt mellom felt</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Open the selected item</source>
        <translation>Åpne det valgte</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>About Confidant</source>
        <translation>Om Confidant</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>An offline assistant for salespeople. Your notes and the model stay on this computer; nothing is sent anywhere.</source>
        <translation>En frakoblet assistent for selgere. Notatene og modellen blir på denne datamaskinen; ingenting sendes noe sted.</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Vault (encrypted)</source>
        <translation>Hvelv (kryptert)</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Settings and key file</source>
        <translation>Innstillinger og nøkkelfil</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Models folder</source>
        <translation>Modellmappe</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Logs (no note text)</source>
        <translation>Logger (uten notattekst)</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Managed by your organisation: the IT policy in %1 sets %2.</source>
        <translation>Styrt av organisasjonen din: IT-policyen i %1 bestemmer %2.</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Not managed by an organisation: every setting is yours to change.</source>
        <translation>Ikke styrt av en organisasjon: alle innstillinger kan du endre selv.</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Component</source>
        <translation>Komponent</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Licence</source>
        <translation>Lisens</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Licences</source>
        <translation>Lisenser</translation>
    </message>
    <message>
        <location filename="../../app/gui/help.py" line="0"/>
        <source>Third-party notices</source>
        <translation>Tredjepartsmerknader</translation>
    </message>
</context>
<context>
    <name>ImportMapping</name>
    <message>
        <location filename="../../app/gui/import_report.py" line="0"/>
        <source>%1: %2 of %3 notes could not be matched to a person or company; they are kept under “Unlinked notes”. Import the contacts file of the same export, now or later, and they move to their people.</source>
        <translation>%1: %2 av %3 notater kunne ikke knyttes til en person eller et firma; de ligger under «Unlinked notes». Importer kontaktfilen fra samme eksport, nå eller senere, så flyttes de til personene sine.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%1: no column is mapped to a name or an e-mail address; choose one below.</source>
        <translation>%1: ingen kolonne er koblet til et navn eller en e-postadresse; velg én nedenfor.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%1: no column is mapped to a name, an e-mail address or the note text; choose one below.</source>
        <translation>%1: ingen kolonne er koblet til et navn, en e-postadresse eller notatteksten; velg én nedenfor.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%1: no column is mapped to the company name; choose one below.</source>
        <translation>%1: ingen kolonne er koblet til firmanavnet; velg én nedenfor.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%1: no column is mapped to the note text; choose one below.</source>
        <translation>%1: ingen kolonne er koblet til notatteksten; velg én nedenfor.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%1: the mapping is incomplete.</source>
        <translation>%1: koblingen av kolonner er ufullstendig.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n file could not be imported — see Details.</source>
        <translation>%n fil kunne ikke importeres – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n files could not be imported — see Details.</source>
        <translation>%n filer kunne ikke importeres – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n warning in all — see Details.</source>
        <translation>%n advarsel i alt – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n warnings in all — see Details.</source>
        <translation>%n advarsler i alt – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n note could not be matched to a person or company — see Details.</source>
        <translation>%n notat kunne ikke knyttes til en person eller et firma – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>%n notes could not be matched to a person or company — see Details.</source>
        <translation>%n notater kunne ikke knyttes til en person eller et firma – se Detaljer.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>&amp;Columns</source>
        <translation>&amp;Kolonner</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>&amp;Details</source>
        <translation>&amp;Detaljer</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>&amp;Preview</source>
        <translation>&amp;Forhåndsvisning</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>(not imported)</source>
        <translation>(importeres ikke)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>A table without a known CRM format: choose which field each column holds.</source>
        <translation>En tabell uten kjent CRM-format: velg hvilket felt hver kolonne inneholder.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Column in the file</source>
        <translation>Kolonne i filen</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Describes an attached file</source>
        <translation>Beskriver et vedlegg</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Detected: %1. Check how the columns are imported; change any that are wrong.</source>
        <translation>Gjenkjent: %1. Sjekk hvordan kolonnene importeres, og endre dem som er feil.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Detected: %1. This format has no columns to map.</source>
        <translation>Gjenkjent: %1. Dette formatet har ingen kolonner å koble.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>E-mail address</source>
        <translation>E-postadresse</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Example</source>
        <translation>Eksempel</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Field for column %1</source>
        <translation>Felt for kolonnen %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>First name</source>
        <translation>Fornavn</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Full name</source>
        <translation>Fullt navn</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>How the file's columns are imported</source>
        <translation>Hvordan filens kolonner importeres</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Imported as</source>
        <translation>Importeres som</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Job title</source>
        <translation>Stilling</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Last name</source>
        <translation>Etternavn</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Links to its person or company</source>
        <translation>Kobler til person eller firma</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Note text</source>
        <translation>Notattekst</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Note title</source>
        <translation>Notattittel</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Record id</source>
        <translation>Post-ID</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>The format uses this column to link or identify records; it cannot be changed here.</source>
        <translation>Formatet bruker denne kolonnen til å koble eller identifisere poster; den kan ikke endres her.</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping.py" line="0"/>
        <source>Website</source>
        <translation>Nettsted</translation>
    </message>
</context>
</TS>
