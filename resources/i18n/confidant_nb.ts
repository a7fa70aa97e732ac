<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>StoppedBar</name>
    <message>
        <source>The company server is busy — waiting (%1 s)…</source>
        <translation>Firmaserveren er opptatt — venter (%1 s)…</translation>
    </message>
    <message>
        <source>Kee&amp;p</source>
        <translation>&amp;Behold</translation>
    </message>
    <message>
        <source>Keep the incomplete answer as it is (it stays in History).</source>
        <translation>Behold det ufullstendige svaret som det er (det blir værende i Historikk).</translation>
    </message>
    <message>
        <source>D&amp;iscard</source>
        <translation>&amp;Forkast</translation>
    </message>
    <message>
        <source>Delete the incomplete answer from the vault.</source>
        <translation>Slett det ufullstendige svaret fra hvelvet.</translation>
    </message>
    <message>
        <source>The company server stopped answering in the middle of this answer. What came is shown and saved as a stopped draft: keep it, or discard it.</source>
        <translation>Firmaserveren sluttet å svare midt i dette svaret. Det som kom, vises og er lagret som et stoppet utkast: behold det eller forkast det.</translation>
    </message>
    <message>
        <source>Kept as it is.</source>
        <translation>Beholdt som det er.</translation>
    </message>
    <message>
        <source>Discarded.</source>
        <translation>Forkastet.</translation>
    </message>
</context>
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
        <location filename="../../app/gui/assistant_pane.py" line="419"/>
        <source>Stopped; nothing was saved.</source>
        <translation>Stoppet; ingenting ble lagret.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Subject line</source>
        <translation>Emnelinje</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Stopped; the partial answer was not saved in the vault, but you can copy or save it.</source>
        <translation>Stoppet; det ufullstendige svaret ble ikke lagret i hvelvet, men du kan kopiere eller lagre det.</translation>
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
        <source>Not written: this person opted out of e-mail.</source>
        <translation>Ikke skrevet: denne personen har reservert seg mot e-post.</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Opted out of e-mail</source>
        <translation>Reservert mot e-post</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>%1 opted out of e-mail (%2). Write to them anyway only for a good reason. Your reason is kept in the audit log; nothing else about the draft is.

Your reason:</source>
        <translation>%1 har reservert seg mot e-post (%2). Skriv likevel bare hvis du har en god grunn. Begrunnelsen din lagres i revisjonsloggen; ingenting annet om utkastet gjør det.

Begrunnelsen din:</translation>
    </message>
    <message>
        <location filename="../../app/gui/assistant_pane.py" line="0"/>
        <source>Write anyway</source>
        <translation>Skriv likevel</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>R&amp;ediger</translation>
    </message>
    <message>
        <source>Follow-up: “make it shorter”, “skriv den på norsk”…</source>
        <translation>Oppfølging: «gjør den kortere», «write it in English» …</translation>
    </message>
    <message>
        <source>Summarise: %1</source>
        <translation>Oppsummer: %1</translation>
    </message>
    <message>
        <source>Which notes to summarise</source>
        <translation>Hvilke notater som skal oppsummeres</translation>
    </message>
    <message>
        <source>Your edit of the answer</source>
        <translation>Din redigering av svaret</translation>
    </message>
    <message>
        <source>latest 15 notes</source>
        <translation>de siste 15 notatene</translation>
    </message>
    <message>
        <source>the whole history</source>
        <translation>hele historikken</translation>
    </message>
    <message>
        <source>“Unlinked notes” mixes notes about different customers: summarise a person or an account instead.</source>
        <translation>«Notater uten kobling» blander notater om ulike kunder: oppsummer en person eller en konto i stedet.</translation>
    </message>
</context>
<context>
    <name>BriefView</name>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Brief: facts and risks</source>
        <translation>Forberedelse: fakta og risikoer</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Summary of what changed</source>
        <translation>Sammendrag av hva som er endret</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Next steps</source>
        <translation>Neste steg</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Add as task</source>
        <translation>Legg til som oppgave</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Save the checked next steps as open tasks</source>
        <translation>Lagre de avkryssede stegene som åpne oppgaver</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Export tasks…</source>
        <translation>Eksporter oppgaver …</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Write this subject's open tasks to a calendar file or a CRM import file</source>
        <translation>Skriv de åpne oppgavene til en kalenderfil eller en importfil for CRM-systemet</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>What changed, in short</source>
        <translation>Hva som er endret, kort fortalt</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Loading the brief…</source>
        <translation>Henter forberedelsen …</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>The summary and next steps come when the model is ready.</source>
        <translation>Sammendraget og neste steg kommer når modellen er klar.</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Writing the summary…</source>
        <translation>Skriver sammendraget …</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Click to open it in the timeline</source>
        <translation>Klikk for å åpne den i tidslinjen</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Brief for %1 — %2</source>
        <translation>Forberedelse: %1 – %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>(new data since this was written)</source>
        <translation>(nye data siden dette ble skrevet)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Last contact</source>
        <translation>Siste kontakt</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>None on record</source>
        <translation>Ingen registrert</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Deals</source>
        <translation>Avtaler</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>No deals</source>
        <translation>Ingen avtaler</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>no stage</source>
        <translation>ingen fase</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>closes %1</source>
        <translation>lukkes %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>won</source>
        <translation>vunnet</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>lost</source>
        <translation>tapt</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>next: %1</source>
        <translation>neste: %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Open tasks (%1)</source>
        <translation>Åpne oppgaver (%1)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>overdue</source>
        <translation>forfalt</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>No people on record</source>
        <translation>Ingen personer registrert</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>What changed since you last looked</source>
        <translation>Endret siden du så sist</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>What happened in the last two weeks</source>
        <translation>Hva som har skjedd de siste to ukene</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Nothing new</source>
        <translation>Ikke noe nytt</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Risks</source>
        <translation>Risikoer</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>No risks found</source>
        <translation>Ingen risikoer funnet</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>%1 tasks added</source>
        <translation>%1 oppgaver lagt til</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Calendar (*.ics)</source>
        <translation>Kalender (*.ics)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Salesforce tasks (*.csv)</source>
        <translation>Salesforce-oppgaver (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>HubSpot tasks (*.csv)</source>
        <translation>HubSpot-oppgaver (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Pipedrive activities (*.csv)</source>
        <translation>Pipedrive-aktiviteter (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Export tasks</source>
        <translation>Eksporter oppgaver</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>%1 tasks exported</source>
        <translation>%1 oppgaver eksportert</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Choose a person or an account to see their brief.</source>
        <translation>Velg en person eller en kunde for å se forberedelsen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>{deal}: no call, meeting, e-mail or note in {days} days (last {date}).</source>
        <translation>{deal}: ingen samtale, møte, e-post eller notat på {days} dager (sist {date}).</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>{deal}: the close date {date} has passed.</source>
        <translation>{deal}: lukkedatoen {date} er passert.</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>{deal}: single-threaded, only {name} is involved.</source>
        <translation>{deal}: bare én person er involvert ({name}).</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>{deal}: no contact is linked to the deal.</source>
        <translation>{deal}: ingen kontakt er knyttet til avtalen.</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>Task overdue since {date}: {title}</source>
        <translation>Oppgave forfalt siden {date}: {title}</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>{deal}: no next step and no task ahead.</source>
        <translation>{deal}: ikke noe neste steg og ingen oppgave framover.</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>note</source>
        <translation>notat</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>call</source>
        <translation>samtale</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>meeting</source>
        <translation>møte</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>e-mail</source>
        <translation>e-post</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>task</source>
        <translation>oppgave</translation>
    </message>
    <message>
        <location filename="../../app/gui/brief_view.py" line="1"/>
        <source>deal</source>
        <translation>avtale</translation>
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
        <location filename="../../app/gui/history.py" line="109"/>
        <source>Delete conversation</source>
        <translation>Slett samtale</translation>
    </message>
    <message>
        <location filename="../../app/gui/history.py" line="109"/>
        <source>Delete this conversation for good?</source>
        <translation>Slette denne samtalen for godt?</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
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
    <message>
        <location filename="../../app/gui/import_report.py" line="0"/>
        <source>%1 people asked (in their CRM) to be forgotten: erase them under Privacy → Forget those who asked.</source>
        <translation>%1 personer har (i CRM-systemet) bedt om å bli glemt: slett dem under Personvern → Glem dem som har bedt om det.</translation>
    </message>
    <message>
        <source>Deals added: %1, updated: %2. Activities added: %3 (calls: %4, meetings: %5, e-mails: %6, tasks: %7).</source>
        <translation>Salgsmuligheter lagt til: %1, oppdatert: %2. Aktiviteter lagt til: %3 (samtaler: %4, møter: %5, e-poster: %6, oppgaver: %7).</translation>
    </message>
    <message>
        <source>Already there, not added twice: %1 people, %2 notes, %3 deals, %4 activities.</source>
        <translation>Fantes fra før, ikke lagt til på nytt: %1 personer, %2 notater, %3 salgsmuligheter, %4 aktiviteter.</translation>
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
    <message>
        <source>The passphrase was read from an environment variable set for scripts; anyone who can read this program's environment can read it too.</source>
        <translation>Passordfrasen ble lest fra en miljøvariabel satt for skript; alle som kan lese programmets miljø, kan også lese den.</translation>
    </message>
    <message>
        <source>⚠ Unlocked with a passphrase from the environment</source>
        <translation>⚠ Låst opp med en passordfrase fra miljøet</translation>
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
        <location filename="../../app/gui/browse.py" line="0"/>
        <source>Unlinked notes</source>
        <translation>Notater uten kobling</translation>
    </message>
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
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Forget those who asked…</source>
        <translation>Glem dem som har bedt om det …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Consent (from the CRM)</source>
        <translation>Samtykke (fra CRM-systemet)</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>%1 opted out of e-mail · %2 of phone calls · %3 objected to processing (their notes never go to the assistant) · %4 asked to be forgotten</source>
        <translation>%1 har reservert seg mot e-post · %2 mot telefonsamtaler · %3 har protestert mot behandling (notatene deres går aldri til assistenten) · %4 har bedt om å bli glemt</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Forget those who asked (%1)…</source>
        <translation>Glem dem som har bedt om det (%1) …</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Forget those who asked</source>
        <translation>Glem dem som har bedt om det</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>These %1 people asked (in your CRM) to be forgotten:

%2

Forget them and everything about them, for good?</source>
        <translation>Disse %1 personene har (i CRM-systemet) bedt om å bli glemt:

%2

Vil du glemme dem og alt om dem, for godt?</translation>
    </message>
    <message>
        <location filename="../../app/gui/privacy_view.py" line="0"/>
        <source>Forgotten: %1 people who asked.</source>
        <translation>Glemt: %1 personer som hadde bedt om det.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../app/gui/timeline.py" line="1"/>
        <source>Brief</source>
        <translation>Forberedelse</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline.py" line="1"/>
        <source>Timeline</source>
        <translation>Tidslinje</translation>
    </message>
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
    <message>
        <source>Show only this kind</source>
        <translation>Vis bare denne typen</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Vis:</translation>
    </message>
    <message>
        <source>Nothing of this kind here. Choose “All kinds” to see everything.</source>
        <translation>Ingenting av denne typen her. Velg «Alle typer» for å se alt.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Samtale</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Møte</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Oppgave</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle typer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Møter</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-poster</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Oppgaver</translation>
    </message>
    <message>
        <source>done</source>
        <translation>utført</translation>
    </message>
    <message>
        <source>open</source>
        <translation>åpen</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>frist %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>forfalt</translation>
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
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>no such file or folder</source>
        <translation>filen eller mappen finnes ikke</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>permission denied</source>
        <translation>ingen tilgang</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>operation not permitted</source>
        <translation>operasjonen er ikke tillatt</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the disk is full</source>
        <translation>disken er full</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the disk quota is used up</source>
        <translation>diskkvoten er brukt opp</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the disk is read-only</source>
        <translation>disken er skrivebeskyttet</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>it already exists</source>
        <translation>den finnes allerede</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>it is a folder</source>
        <translation>det er en mappe</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>a part of the path is not a folder</source>
        <translation>en del av stien er ikke en mappe</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>too many levels of symbolic links</source>
        <translation>for mange nivåer med symbolske lenker</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the disk could not be read (input/output error)</source>
        <translation>disken kunne ikke leses (inn/ut-feil)</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the name is not known</source>
        <translation>navnet er ukjent</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the name could not be looked up</source>
        <translation>navnet kunne ikke slås opp</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>the connection was refused</source>
        <translation>tilkoblingen ble avvist</translation>
    </message>
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
        <source>Your name</source>
        <translation>Navnet ditt</translation>
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation>E-postadressen din</translation>
    </message>
    <message>
        <source>Your signature</source>
        <translation>Signaturen din</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Oppbevaring</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>Lås etter</translation>
    </message>
    <message>
        <source>Keep the model's reasoning</source>
        <translation>Ta vare på modellens resonnering</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Eksport</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-tråder</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-lag</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Kontekststørrelse</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Reasoning budget</source>
        <translation>Resonneringsbudsjett</translation>
    </message>
    <message>
        <location filename="../../app/gui/errors.py" line="0"/>
        <source>Writing to people who opted out</source>
        <translation>Skrive til personer som har reservert seg</translation>
    </message>
    <message>
        <source>'{key}' is managed by your organisation's IT policy ({source}) and cannot be changed here.</source>
        <translation>«{key}» er styrt av organisasjonens IT-policy ({source}) og kan ikke endres her.</translation>
    </message>
    <message>
        <source>{path} changed since it was first trusted on {date}, so it is not used. If it was replaced on purpose, choose it again in Settings.</source>
        <translation>{path} er endret siden den først ble godkjent {date}, så den brukes ikke. Hvis den ble byttet med vilje, velg den på nytt i Innstillinger.</translation>
    </message>
    <message>
        <source>{path} is not one of the models your organisation allows (policy {source}).</source>
        <translation>{path} er ikke blant modellene organisasjonen din tillater (policy {source}).</translation>
    </message>
    <message>
        <source>The model file {path} does not exist.</source>
        <translation>Modellfilen {path} finnes ikke.</translation>
    </message>
    <message>
        <source>{path} is not a model file (GGUF).</source>
        <translation>{path} er ikke en modellfil (GGUF).</translation>
    </message>
    <message>
        <source>{path} is damaged or incomplete (its header cannot be read).</source>
        <translation>{path} er skadet eller ufullstendig (hodet kan ikke leses).</translation>
    </message>
    <message>
        <source>{path} is incomplete (shorter than its header says): download or copy it again.</source>
        <translation>{path} er ufullstendig (kortere enn hodet sier): last ned eller kopier den på nytt.</translation>
    </message>
    <message>
        <source>{path} is in a model format this version of Confidant cannot read.</source>
        <translation>{path} er i et modellformat denne versjonen av Confidant ikke kan lese.</translation>
    </message>
    <message>
        <source>The model {path} could not be loaded; the file may be damaged.</source>
        <translation>Modellen {path} kunne ikke lastes; filen kan være skadet.</translation>
    </message>
    <message>
        <source>{path}: this is not a CRM export (it holds binary data).</source>
        <translation>{path}: dette er ikke en CRM-eksport (den inneholder binærdata).</translation>
    </message>
    <message>
        <source>No usable model file was found. Choose one in Settings (Ctrl+,).</source>
        <translation>Fant ingen brukbar modellfil. Velg en i Innstillinger (Ctrl+,).</translation>
    </message>
    <message>
        <source>That contact no longer exists (it may have been forgotten).</source>
        <translation>Den kontakten finnes ikke lenger (den kan ha blitt glemt).</translation>
    </message>
    <message>
        <source>That contact no longer exists. Nothing was deleted.</source>
        <translation>Den kontakten finnes ikke lenger. Ingenting ble slettet.</translation>
    </message>
    <message>
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
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Opted out of e-mail</source>
        <translation>Har reservert seg mot e-post</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>No phone calls</source>
        <translation>Ingen telefonsamtaler</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>%1 notes left out: this person objected to processing</source>
        <translation>%1 notater holdt utenfor: denne personen har protestert mot behandling</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>Asked to be forgotten: Privacy → Forget those who asked</source>
        <translation>Har bedt om å bli glemt: Personvern → Glem dem som har bedt om det</translation>
    </message>
    <message>
        <location filename="../../app/gui/card.py" line="0"/>
        <source>From the CRM: %1</source>
        <translation>Fra CRM-systemet: %1</translation>
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
    <message>
        <source>&amp;Language (after restart)</source>
        <translation>&amp;Språk (etter omstart)</translation>
    </message>
    <message>
        <source>Answers come from the company server; this computer's GPU is not used.</source>
        <translation>Svarene kommer fra firmaets server; GPU-en på denne datamaskinen brukes ikke.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Følg systemet</translation>
    </message>
    <message>
        <source>GPU found (%1) but not used: the model runs on the CPU (%2 threads).</source>
        <translation>GPU funnet (%1), men ikke i bruk: modellen kjører på prosessoren (%2 tråder).</translation>
    </message>
    <message>
        <source>GPU: %1, with %2 layers of the model on it.</source>
        <translation>GPU: %1, med %2 av modellens lag på den.</translation>
    </message>
    <message>
        <source>GPU: %1, with every layer of the model on it.</source>
        <translation>GPU: %1, med alle lagene i modellen på den.</translation>
    </message>
    <message>
        <source>In use now</source>
        <translation>I bruk nå</translation>
    </message>
    <message>
        <source>No GPU found: the model runs on the CPU (%1 threads).</source>
        <translation>Ingen GPU funnet: modellen kjører på prosessoren (%1 tråder).</translation>
    </message>
    <message>
        <source>The model is not loaded yet.</source>
        <translation>Modellen er ikke lastet ennå.</translation>
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
    <name>core</name>
    <message>
        <source> ({count} file(s) found but unusable: {problem})</source>
        <translation> ({count} fil(er) funnet, men ubrukelige: {problem})</translation>
    </message>
    <message>
        <source> It reads better as {encoding}: choose it in the import preview.</source>
        <translation> Filen leses bedre som {encoding}: velg den i forhåndsvisningen av importen.</translation>
    </message>
    <message>
        <source>'gpu' must be auto, all, off or a number of layers (0 or more).</source>
        <translation>«gpu» må være auto, all, off eller et antall lag (0 eller flere).</translation>
    </message>
    <message>
        <source>'gpu' must be auto, all, off or a number of layers, not '{value}'.</source>
        <translation>«gpu» må være auto, all, off eller et antall lag, ikke «{value}».</translation>
    </message>
    <message>
        <source>'gpu' must be auto, all, off or a number of layers.</source>
        <translation>«gpu» må være auto, all, off eller et antall lag.</translation>
    </message>
    <message>
        <source>'{name}' from {source} has the same name as a company from {other} but another web site ({domain}, {other_domain}); kept apart (the source is shown next to each)</source>
        <translation>«{name}» fra {source} har samme navn som et firma fra {other}, men et annet nettsted ({domain}, {other_domain}); holdt adskilt (kilden vises ved hvert av dem)</translation>
    </message>
    <message>
        <source>'{name}' from {source} is the same company as the one from {other} (same name): merged</source>
        <translation>«{name}» fra {source} er det samme firmaet som det fra {other} (samme navn): slått sammen</translation>
    </message>
    <message>
        <source>'{name}' from {source} is the same company as the one from {other} (same name, same web site): merged</source>
        <translation>«{name}» fra {source} er det samme firmaet som det fra {other} (samme navn, samme nettsted): slått sammen</translation>
    </message>
    <message>
        <source>'{name}' holds imported notes whose person or company was not found; it is not a customer and cannot be summarised or asked about. Import the contacts or companies those notes belong to (they then move there), or pick a contact or account.</source>
        <translation>«{name}» inneholder importerte notater der personen eller firmaet ikke ble funnet; det er ikke en kunde og kan ikke oppsummeres eller spørres om. Importer kontaktene eller firmaene notatene hører til (da flyttes de dit), eller velg en kontakt eller konto.</translation>
    </message>
    <message>
        <source>'{part}' is not COLUMN=FIELD (fields: {fields}).</source>
        <translation>«{part}» er ikke på formen KOLONNE=FELT (felt: {fields}).</translation>
    </message>
    <message>
        <source>'{text}' is both a contact and an account; use {id} or a{account_id}.</source>
        <translation>«{text}» er både en kontakt og en konto; velg den ene.</translation>
    </message>
    <message>
        <source>'{text}' matches {n_accounts} accounts; use an id like a{account_id}.</source>
        <translation>«{text}» passer med {n_accounts} kontoer; velg én.</translation>
    </message>
    <message>
        <source>'{text}' matches {n_rows} contacts; use an id or an e-mail.</source>
        <translation>«{text}» passer med {n_rows} kontakter; velg én med e-postadressen.</translation>
    </message>
    <message>
        <source>(no parent column)</source>
        <translation>(ingen overordnet kolonne)</translation>
    </message>
    <message>
        <source>--as-of must be a date like 2026-05-24, not '{value}'.</source>
        <translation>Datoen må skrives som 2026-05-24, ikke «{value}».</translation>
    </message>
    <message>
        <source>A CRM format is for CSV files; an .ics file is iCalendar.</source>
        <translation>Et CRM-format gjelder CSV-filer; en .ics-fil er iCalendar.</translation>
    </message>
    <message>
        <source>A key rotation was interrupted and none of the stored keys opens the vault. Nothing was changed; restore the vault and its key file from a backup.</source>
        <translation>Et nøkkelbytte ble avbrutt, og ingen av de lagrede nøklene åpner hvelvet. Ingenting ble endret; gjenopprett hvelvet og nøkkelfilen fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>A vault already exists in {data}; a plaintext database can only become a new vault. Nothing was changed.</source>
        <translation>Det finnes allerede et hvelv i {data}; en ukryptert database kan bare bli et nytt hvelv. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>Answers from {host} (company server)</source>
        <translation>Svar fra {host} (firmaets server)</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>Avbrutt; ingenting ble lagret.</translation>
    </message>
    <message>
        <source>Cannot create the data folder {path}: {reason}.</source>
        <translation>Kan ikke opprette datamappen {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot create the export file {path}: {reason}.</source>
        <translation>Kan ikke opprette eksportfilen {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot open the vault file {path}: {error}.</source>
        <translation>Kan ikke åpne hvelvfilen {path}: {error}.</translation>
    </message>
    <message>
        <source>Cannot read the evaluation set {path}: {error}</source>
        <translation>Kan ikke lese evalueringssettet {path}: {error}</translation>
    </message>
    <message>
        <source>Cannot read the template file {path}: {reason}.</source>
        <translation>Malfilen {path} kan ikke leses: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to the data folder {folder}: permission denied.</source>
        <translation>Kan ikke skrive til datamappen {folder}: ingen tilgang.</translation>
    </message>
    <message>
        <source>Cannot write to the data folder {path}: {reason}.</source>
        <translation>Kan ikke skrive til datamappen {path}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write {path}: the folder {parent} does not exist.</source>
        <translation>Kan ikke skrive {path}: mappen {parent} finnes ikke.</translation>
    </message>
    <message>
        <source>Choose a task: draft, summarise or ask.</source>
        <translation>Velg en oppgave: utkast, sammendrag eller spørsmål.</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>Kunne ikke skrive {path}: {reason}.</translation>
    </message>
    <message>
        <source>Evaluation case {case}: unknown task {task!r}.</source>
        <translation>Evalueringstilfelle {case}: ukjent oppgave {task!r}.</translation>
    </message>
    <message>
        <source>Exports are turned off by your IT policy (allow_export = false). Nothing was written.</source>
        <translation>Eksport er slått av i IT-policyen din. Ingenting ble skrevet.</translation>
    </message>
    <message>
        <source>Key file {keyfile} names an unknown key mode '{mode}'.</source>
        <translation>Nøkkelfilen {keyfile} oppgir en ukjent nøkkelmodus «{mode}».</translation>
    </message>
    <message>
        <source>Key file {path} has an unknown format; this version of Confidant cannot use it.</source>
        <translation>Nøkkelfilen {path} har et ukjent format; denne versjonen av Confidant kan ikke bruke den.</translation>
    </message>
    <message>
        <source>Key file {path} is damaged; restore it from a backup. The vault was not touched.</source>
        <translation>Nøkkelfilen {path} er skadet; gjenopprett den fra en sikkerhetskopi. Hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <source>Managed preferences cannot be read: CoreFoundation was not found. Confidant will not start without reading IT's policy; IT must repair this Mac's system frameworks.</source>
        <translation>Administrerte innstillinger kan ikke leses: CoreFoundation ble ikke funnet. Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må reparere systemrammeverkene på denne Macen.</translation>
    </message>
    <message>
        <source>Model file {path} cannot be read: {reason}.</source>
        <translation>Modellfilen {path} kan ikke leses: {reason}.</translation>
    </message>
    <message>
        <source>Model path {path} is a folder, not a GGUF file.</source>
        <translation>Modellstien {path} er en mappe, ikke en GGUF-fil.</translation>
    </message>
    <message>
        <source>No account with id {id}.</source>
        <translation>Kontoen finnes ikke.</translation>
    </message>
    <message>
        <source>No account with id {ref}.</source>
        <translation>Kontoen finnes ikke.</translation>
    </message>
    <message>
        <source>No account with id {text}.</source>
        <translation>Kontoen finnes ikke.</translation>
    </message>
    <message>
        <source>No company inference server is set by the system policy.</source>
        <translation>Ingen KI-server for firmaet er satt i systemets policy.</translation>
    </message>
    <message>
        <source>No contact matches '{ref}'. Nothing was deleted.</source>
        <translation>Ingen kontakt passer med «{ref}». Ingenting ble slettet.</translation>
    </message>
    <message>
        <source>No contact matches '{text}'.</source>
        <translation>Ingen kontakt passer med «{text}».</translation>
    </message>
    <message>
        <source>No contact or account matches '{text}'.</source>
        <translation>Ingen kontakt eller konto passer med «{text}».</translation>
    </message>
    <message>
        <source>No contact with id {id}.</source>
        <translation>Kontakten finnes ikke.</translation>
    </message>
    <message>
        <source>No contact with id {ref}.</source>
        <translation>Kontakten finnes ikke.</translation>
    </message>
    <message>
        <source>No passphrase was given; the vault was not created.</source>
        <translation>Ingen passordfrase ble oppgitt; hvelvet ble ikke opprettet.</translation>
    </message>
    <message>
        <source>No secure OS keyring is available (backend {name}); the passphrase stays in use.</source>
        <translation>Ingen sikker nøkkelring er tilgjengelig ({name}); passordfrasen brukes fortsatt.</translation>
    </message>
    <message>
        <source>Policy 'inference_ca_bundle' {ca_bundle} cannot be read ({error}).</source>
        <translation>Policyens CA-fil {ca_bundle} kan ikke leses ({error}).</translation>
    </message>
    <message>
        <source>Policy file {path}</source>
        <translation>Policyfilen {path}</translation>
    </message>
    <message>
        <source>Policy file {path} does not exist.</source>
        <translation>Policyfilen {path} finnes ikke.</translation>
    </message>
    <message>
        <source>Policy {origin}: '{name}' must be {expected}, got {got}.</source>
        <translation>Policyen {origin}: «{name}» må være {expected}, men er {got}.</translation>
    </message>
    <message>
        <source>Policy {origin}: '{name}' {problem}.</source>
        <translation>Policyen {origin}: «{name}» {problem}.</translation>
    </message>
    <message>
        <source>Policy {origin}: unknown key '{name}' (known keys: {known}).</source>
        <translation>Policyen {origin}: ukjent nøkkel «{name}» (kjente nøkler: {known}).</translation>
    </message>
    <message>
        <source>Policy {source} cannot be read ({kind}). Confidant will not start without reading IT's policy; IT must reinstall the configuration profile.</source>
        <translation>Policyen i {source} kan ikke leses ({kind}). Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må installere konfigurasjonsprofilen på nytt.</translation>
    </message>
    <message>
        <source>Policy {source} cannot be read: access denied to a value or subkey. Confidant will not start without reading IT's policy; IT must give users read access to that key and its subkeys.</source>
        <translation>Policyen {source} kan ikke leses: ingen tilgang til en verdi eller undernøkkel. Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må gi brukerne lesetilgang til den nøkkelen og undernøklene.</translation>
    </message>
    <message>
        <source>Policy {source} cannot be read: access denied. Confidant will not start without reading IT's policy; IT must give users read access to that key.</source>
        <translation>Policyen {source} kan ikke leses: ingen tilgang. Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må gi brukerne lesetilgang til den nøkkelen.</translation>
    </message>
    <message>
        <source>Policy {source} cannot be read: {reason}. Confidant will not start without reading IT's policy; IT must repair that key.</source>
        <translation>Policyen {source} kan ikke leses: {reason}. Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må reparere den nøkkelen.</translation>
    </message>
    <message>
        <source>Policy {source}: '{key}' has a type Confidant cannot use (use string, integer, boolean or array).</source>
        <translation>Policyen i {source}: «{key}» har en type Confidant ikke kan bruke (bruk tekst, heltall, sann/usann eller liste).</translation>
    </message>
    <message>
        <source>Policy {source}: '{key}' is not a readable string.</source>
        <translation>Policyen i {source}: «{key}» er ikke en lesbar tekst.</translation>
    </message>
    <message>
        <source>Policy {source}: '{name}' can be set only by the system policy (the system file, the registry or a managed profile).</source>
        <translation>Policyen {source}: «{name}» kan bare settes av systemets policy (systemfilen, registeret eller en administrert profil), ikke av en policyfil brukeren har valgt.</translation>
    </message>
    <message>
        <source>Policy {source}: unexpected subkey '{sub}'.</source>
        <translation>Policyen {source}: uventet undernøkkel «{sub}».</translation>
    </message>
    <message>
        <source>Policy {source}: value '{name}'</source>
        <translation>Policyen i {source}: verdien «{name}»</translation>
    </message>
    <message>
        <source>Policy {source}: value '{name}' uses %{missing}%, which is not a system environment variable (a user's own variables are never used for policy).</source>
        <translation>Policyen {source}: verdien «{name}» bruker en variabel som ikke er en systemvariabel (brukerens egne variabler brukes aldri i policyen).</translation>
    </message>
    <message>
        <source>Policy {source}\{sub}: value '{bad}' must be a REG_SZ string.</source>
        <translation>Policyen {source}\{sub}: verdien «{bad}» må være en REG_SZ-streng.</translation>
    </message>
    <message>
        <source>Policy {where}: 'inference_url' needs 'inference_model' (the model the server must serve).</source>
        <translation>Policyen {where}: en adresse til KI-serveren krever også et modellnavn (modellen serveren skal tilby).</translation>
    </message>
    <message>
        <source>Policy {where}: 'inference_url' needs 'inference_tls_sha256' or 'inference_ca_bundle'.</source>
        <translation>Policyen {where}: en adresse til KI-serveren krever også et sertifikat-fingeravtrykk eller en CA-fil.</translation>
    </message>
    <message>
        <source>Setting '{key}' must be a whole number, not '{text}'.</source>
        <translation>Innstillingen «{key}» må være et heltall, ikke «{text}».</translation>
    </message>
    <message>
        <source>Setting '{key}' must be at least {minimum}.</source>
        <translation>Innstillingen «{key}» må være minst {minimum}.</translation>
    </message>
    <message>
        <source>Setting 'prompt_lookup' must be auto, on or off, not '{value}'.</source>
        <translation>Innstillingen «prompt_lookup» må være auto, on eller off, ikke «{value}».</translation>
    </message>
    <message>
        <source>Setting '{key}' must be true or false, not '{text}'.</source>
        <translation>Innstillingen «{key}» må være sann eller usann, ikke «{text}».</translation>
    </message>
    <message>
        <source>Setting '{key}' must be {expected}.</source>
        <translation>Innstillingen «{key}» må være {expected}.</translation>
    </message>
    <message>
        <source>TLS with the company inference server {host}:{port} failed ({reason}).</source>
        <translation>TLS-forbindelsen med firmaets KI-server {host}:{port} mislyktes ({reason}).</translation>
    </message>
    <message>
        <source>Task overdue since {date}: {title}</source>
        <translation>Oppgave forfalt siden {date}: {title}</translation>
    </message>
    <message>
        <source>The OS keyring ({name}) could not be read. Nothing was changed.</source>
        <translation>Nøkkelringen ({name}) kunne ikke leses. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>The OS keyring could not be read.</source>
        <translation>Systemets nøkkelring kunne ikke leses.</translation>
    </message>
    <message>
        <source>The OS keyring could not be written.</source>
        <translation>Det kunne ikke skrives til systemets nøkkelring.</translation>
    </message>
    <message>
        <source>The OS keyring is locked.</source>
        <translation>Systemets nøkkelring er låst.</translation>
    </message>
    <message>
        <source>The OS keyring is locked. Unlock it and try again. Nothing was changed.</source>
        <translation>Nøkkelringen er låst. Lås den opp og prøv igjen. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>The chat template in {source} cannot be compiled ({kind}).</source>
        <translation>Chatmalen i {source} kan ikke kompileres ({kind}).</translation>
    </message>
    <message>
        <source>The chat template in {source} failed to render ({kind}).</source>
        <translation>Chatmalen i {source} kunne ikke fylles ut ({kind}).</translation>
    </message>
    <message>
        <source>The chat template in {source} is not valid Jinja ({kind}).</source>
        <translation>Chatmalen i {source} er ikke gyldig Jinja ({kind}).</translation>
    </message>
    <message>
        <source>The chat template in {source} is {n_template:,} characters, more than a chat template can be ({max_template_chars:,}); this model file is not used.</source>
        <translation>Chatmalen i {source} er på {n_template:,} tegn, mer enn en chatmal kan være ({max_template_chars:,}); denne modellfilen brukes ikke.</translation>
    </message>
    <message>
        <source>The chat template in {source} recurses without end; this model file is not used.</source>
        <translation>Chatmalen i {source} kaller seg selv uten ende; denne modellfilen brukes ikke.</translation>
    </message>
    <message>
        <source>The chat template in {source} rewrites message text so that it cannot be kept apart from the template's own markers; this model file is not used.</source>
        <translation>Chatmalen i {source} skriver om meldingsteksten slik at den ikke kan holdes adskilt fra malens egne markører; denne modellfilen brukes ikke.</translation>
    </message>
    <message>
        <source>The chat template in {source} tries to reach Python internals; the sandbox blocked it and this model file is not used.</source>
        <translation>Chatmalen i {source} prøver å nå Pythons interne deler; sandkassen stoppet det, og denne modellfilen brukes ikke.</translation>
    </message>
    <message>
        <source>The chat template in {source} {problem}; this model file is not used.</source>
        <translation>Chatmalen i {source} {problem}; denne modellfilen brukes ikke.</translation>
    </message>
    <message>
        <source>The company inference server answered {path} with a redirect (HTTP {status}); redirects are never followed.</source>
        <translation>Firmaets KI-server svarte på {path} med en videresending (HTTP {status}); videresendinger følges aldri.</translation>
    </message>
    <message>
        <source>The company inference server does not serve '{model}' (policy inference_model); it serves: {names}.</source>
        <translation>Firmaets KI-server tilbyr ikke modellen «{model}» som policyen krever; den tilbyr: {names}.</translation>
    </message>
    <message>
        <source>The company inference server failed: {reason}</source>
        <translation>Firmaets KI-server mislyktes: {reason}</translation>
    </message>
    <message>
        <source>The company inference server refused {path} (HTTP {status}): {reason}</source>
        <translation>Firmaets KI-server avviste {path} (HTTP {status}): {reason}</translation>
    </message>
    <message>
        <source>The company inference server sent a malformed answer to {path}.</source>
        <translation>Firmaets KI-server sendte et ugyldig svar til {path}.</translation>
    </message>
    <message>
        <source>The company inference server sent a malformed stream event.</source>
        <translation>Firmaets KI-server sendte en ugyldig strømmemelding.</translation>
    </message>
    <message>
        <source>The company inference server {host} cannot be found ({reason}).</source>
        <translation>Firmaets KI-server {host} finnes ikke ({reason}).</translation>
    </message>
    <message>
        <source>The company inference server {host}:{port} cannot be reached ({reason}).</source>
        <translation>Firmaets KI-server {host}:{port} kan ikke nås ({reason}).</translation>
    </message>
    <message>
        <source>The company inference server {where} cannot be reached ({reason}).</source>
        <translation>Firmaets KI-server {where} kan ikke nås ({reason}).</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>tidsavbrudd</translation>
    </message>
    <message>
        <source>The company inference server {where} is busy (HTTP 503): {reason}</source>
        <translation>Firmaets KI-server {where} er opptatt (HTTP 503): {reason}</translation>
    </message>
    <message>
        <source>The latest answer in conversation {conversation_id} was not stopped by the server; nothing was discarded.</source>
        <translation>Det siste svaret i samtale {conversation_id} ble ikke stoppet av serveren; ingenting ble forkastet.</translation>
    </message>
    <message>
        <source>The company inference server {where} did not answer in time.</source>
        <translation>Firmaets KI-server {where} svarte ikke i tide.</translation>
    </message>
    <message>
        <source>The company inference server {where} ended the reply without finishing it; its log says why.</source>
        <translation>Firmaets KI-server {where} avsluttet svaret uten å fullføre det; serverens logg sier hvorfor.</translation>
    </message>
    <message>
        <source>The company inference server {where} stopped answering in the middle of a reply.</source>
        <translation>Firmaets KI-server {where} sluttet å svare midt i et svar.</translation>
    </message>
    <message>
        <source>The data folder {folder} belongs to another user (uid {st_uid}); Confidant will not use it. Remove it.</source>
        <translation>Datamappen {folder} tilhører en annen bruker; Confidant bruker den ikke. Fjern den eller velg en annen datamappe.</translation>
    </message>
    <message>
        <source>The data folder {folder} can be written by other users (mode {mode:o}); Confidant will not use it.</source>
        <translation>Datamappen {folder} kan skrives av andre brukere; Confidant bruker den ikke.</translation>
    </message>
    <message>
        <source>The data key found does not belong to this vault. The vault was not touched.</source>
        <translation>Datanøkkelen som ble funnet, hører ikke til dette hvelvet. Hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <source>The data key has the wrong length.</source>
        <translation>Datanøkkelen har feil lengde.</translation>
    </message>
    <message>
        <source>The disk holding {data} is full; no vault was created.</source>
        <translation>Disken med {data} er full; ikke noe hvelv ble opprettet.</translation>
    </message>
    <message>
        <source>The disk holding {parent} is full: nothing from this change was saved, and everything saved before is intact. Free some space and try again.</source>
        <translation>Disken med {parent} er full: ingenting fra denne endringen ble lagret, og alt som var lagret fra før, er intakt. Frigjør litt plass og prøv igjen.</translation>
    </message>
    <message>
        <source>The disk is full: cannot create {path}.</source>
        <translation>Disken er full: kan ikke opprette {path}.</translation>
    </message>
    <message>
        <source>The e-mail address in {field} {why}; correct the contact's e-mail and write the .eml again.</source>
        <translation>E-postadressen i {field} {why}; rett e-postadressen og lagre .eml-filen på nytt.</translation>
    </message>
    <message>
        <source>The edited text is empty; nothing was saved.</source>
        <translation>Den redigerte teksten er tom; ingenting ble lagret.</translation>
    </message>
    <message>
        <source>The export file {path} already exists; choose another name.</source>
        <translation>Eksportfilen {path} finnes allerede; velg et annet navn.</translation>
    </message>
    <message>
        <source>The export path {path} is a folder; name a file.</source>
        <translation>Eksportstien {path} er en mappe; oppgi en fil.</translation>
    </message>
    <message>
        <source>The key file uses an unknown key-wrapping scheme.</source>
        <translation>Nøkkelfilen bruker en ukjent måte å beskytte nøkkelen på.</translation>
    </message>
    <message>
        <source>The key stored in the OS keyring is damaged. Nothing was changed.</source>
        <translation>Nøkkelen som er lagret i nøkkelringen, er skadet. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>The keyring did not keep the key.</source>
        <translation>Nøkkelringen beholdt ikke nøkkelen.</translation>
    </message>
    <message>
        <source>The keyring did not keep the key; the passphrase stays in use.</source>
        <translation>Nøkkelringen beholdt ikke nøkkelen; passordfrasen brukes fortsatt.</translation>
    </message>
    <message>
        <source>The keyring did not keep the new key; the old key stays in use.</source>
        <translation>Nøkkelringen beholdt ikke den nye nøkkelen; den gamle nøkkelen brukes fortsatt.</translation>
    </message>
    <message>
        <source>The keyring has no entry '{name}' (policy inference_api_key_ref).</source>
        <translation>Nøkkelringen har ingen oppføring «{name}» (policy inference_api_key_ref).</translation>
    </message>
    <message>
        <source>The log file {path} is a symbolic link; Confidant will not write through it. Remove it.</source>
        <translation>Loggfilen {path} er en symbolsk lenke; Confidant skriver ikke gjennom den. Fjern den.</translation>
    </message>
    <message>
        <source>The model is busy with another request; wait for it to finish or stop it.</source>
        <translation>Modellen er opptatt med en annen forespørsel; vent til den er ferdig, eller stopp den.</translation>
    </message>
    <message>
        <source>The model is not loaded yet.</source>
        <translation>Modellen er ikke lastet ennå.</translation>
    </message>
    <message>
        <source>The model's context ({n_ctx} tokens) is too small for an answer of {max_tokens} tokens; use a larger context.</source>
        <translation>Modellens kontekst ({n_ctx} tokens) er for liten for et svar på {max_tokens} tokens; bruk en større kontekst eller et kortere svar.</translation>
    </message>
    <message>
        <source>The model's context ({n_ctx} tokens) is too small for this task; use a larger context.</source>
        <translation>Modellens kontekst ({n_ctx} tokens) er for liten for denne oppgaven; bruk en større kontekst.</translation>
    </message>
    <message>
        <source>The notes could not be fitted into the model's context.</source>
        <translation>Notatene fikk ikke plass i modellens kontekst.</translation>
    </message>
    <message>
        <source>The notes take {n_tokens} tokens; the model's context holds {n_ctx}.</source>
        <translation>Notatene tar {n_tokens} tokens; modellens kontekst rommer {n_ctx}.</translation>
    </message>
    <message>
        <source>The passphrase is needed to rotate the key.</source>
        <translation>Passordfrasen trengs for å bytte nøkkelen.</translation>
    </message>
    <message>
        <source>The passphrase is needed to store the new key.</source>
        <translation>Passordfrasen trengs for å lagre den nye nøkkelen.</translation>
    </message>
    <message>
        <source>The passphrase must be at least {min_passphrase} characters.</source>
        <translation>Passordfrasen må ha minst {min_passphrase} tegn.</translation>
    </message>
    <message>
        <source>The prompt takes about {tokens} tokens but the server's context holds {n_ctx}; use fewer notes.</source>
        <translation>Ledeteksten tar omtrent {tokens} tokener, men serverens kontekst rommer {n_ctx}; bruk færre notater.</translation>
    </message>
    <message>
        <source>The prompt takes {tokens} tokens but the model's context holds {n_ctx}; use fewer notes.</source>
        <translation>Ledeteksten tar {tokens} tokener, men modellens kontekst rommer {n_ctx}; bruk færre notater.</translation>
    </message>
    <message>
        <source>The reason for writing to {name} despite the e-mail opt-out is empty; say why in a few words.</source>
        <translation>Begrunnelsen for å skrive til {name} selv om vedkommende har reservert seg mot e-post, er tom; forklar kort hvorfor.</translation>
    </message>
    <message>
        <source>The server at {host}:{port} is not the one IT pinned: its certificate's SHA-256 is {got}…, the policy's inference_tls_sha256 is {tls_sha256}…; nothing was sent.</source>
        <translation>Serveren på {host}:{port} er ikke den IT-avdelingen har godkjent: sertifikatet stemmer ikke med policyen. Ingenting ble sendt.</translation>
    </message>
    <message>
        <source>The template file {path} is not valid TOML: {reason}.</source>
        <translation>Malfilen {path} er ikke gyldig TOML: {reason}.</translation>
    </message>
    <message>
        <source>The template name '{name}' is taken by a template you cannot change; choose another.</source>
        <translation>Malnavnet «{name}» er allerede brukt av en mal du ikke kan endre; velg et annet.</translation>
    </message>
    <message>
        <source>The vault could not switch to WAL journaling (got {mode}).</source>
        <translation>Hvelvet kunne ikke bytte til WAL-journal (fikk {mode}).</translation>
    </message>
    <message>
        <source>The vault did not open with the new key; the old key stays stored.</source>
        <translation>Hvelvet åpnet seg ikke med den nye nøkkelen; den gamle nøkkelen er fortsatt lagret.</translation>
    </message>
    <message>
        <source>The vault is locked.</source>
        <translation>Hvelvet er låst.</translation>
    </message>
    <message>
        <source>The vault is locked: a passphrase is needed.</source>
        <translation>Hvelvet er låst: en passordfrase trengs.</translation>
    </message>
    <message>
        <source>The vault is open read-only (found damaged); its key cannot be rotated now.</source>
        <translation>Hvelvet er åpnet skrivebeskyttet (funnet skadet); nøkkelen kan ikke byttes nå.</translation>
    </message>
    <message>
        <source>The vault needs a passphrase: run in a terminal.</source>
        <translation>Hvelvet trenger en passordfrase.</translation>
    </message>
    <message>
        <source>The vault refused temp_store=MEMORY; temporary data could reach the disk.</source>
        <translation>Hvelvet nektet å holde midlertidige data i minnet; midlertidige data kunne havnet på disken.</translation>
    </message>
    <message>
        <source>The vault {path} could not be decrypted: the key does not match or the file is damaged. Nothing was changed.</source>
        <translation>Hvelvet {path} kunne ikke dekrypteres: nøkkelen passer ikke, eller filen er skadet. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>The vault {path} is open read-only because it was found damaged; nothing will be written.</source>
        <translation>Hvelvet {path} er åpnet skrivebeskyttet fordi det ble funnet skadet; ingenting blir skrevet.</translation>
    </message>
    <message>
        <source>The vault {vault} exists but its key file {file} is missing. Restore the key file from a backup; no new key was made and the vault was not touched.</source>
        <translation>Hvelvet {vault} finnes, men nøkkelfilen {file} mangler. Gjenopprett nøkkelfilen fra en sikkerhetskopi; ingen ny nøkkel ble laget, og hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <source>The vault {vault} is damaged: its first page cannot be decrypted with the right key. Nothing was changed; restore it from a backup.</source>
        <translation>Hvelvet {vault} er skadet: den første siden kan ikke dekrypteres med riktig nøkkel. Ingenting ble endret; gjenopprett det fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>The vault's data key is missing from the OS keyring. Restore the keyring or the key, or the vault cannot be opened. No new key was made and the vault was not touched.</source>
        <translation>Hvelvets datanøkkel mangler i systemets nøkkelring. Gjenopprett nøkkelringen eller nøkkelen, ellers kan hvelvet ikke åpnes. Ingen ny nøkkel ble laget, og hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <source>The vault's key is kept in the keyring backend {backend}, but the backend now is {name}. Start Confidant in the desktop session that holds that keyring. Nothing was changed.</source>
        <translation>Hvelvets nøkkel ligger i nøkkelringen {backend}, men nøkkelringen nå er {name}. Start Confidant i skrivebordsøkten som har den nøkkelringen. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>There is no template '{name}'. Known: {known}.</source>
        <translation>Det finnes ingen mal «{name}». Kjente: {known}.</translation>
    </message>
    <message>
        <source>There is no vault in {data} yet.</source>
        <translation>Det finnes ikke noe hvelv i {data} ennå.</translation>
    </message>
    <message>
        <source>This contact</source>
        <translation>Denne kontakten</translation>
    </message>
    <message>
        <source>This conversation no longer fits in the model's context; start a new task instead.</source>
        <translation>Denne samtalen får ikke lenger plass i modellens kontekst; start en ny oppgave i stedet.</translation>
    </message>
    <message>
        <source>This conversation used notes of a person who has since objected to processing or asked to be forgotten; it cannot be continued. Start a new task.</source>
        <translation>Denne samtalen brukte notater om en person som siden har protestert mot behandling eller bedt om å bli glemt; den kan ikke fortsettes. Start en ny oppgave.</translation>
    </message>
    <message>
        <source>Unknown evaluation case(s): {names}.</source>
        <translation>Ukjente evalueringstilfeller: {names}.</translation>
    </message>
    <message>
        <source>Unknown export format '{fmt}'; use json or csv.</source>
        <translation>Ukjent eksportformat «{fmt}»; bruk json eller csv.</translation>
    </message>
    <message>
        <source>Unknown format '{format}'; known: {names}.</source>
        <translation>Ukjent format «{format}»; kjente: {names}.</translation>
    </message>
    <message>
        <source>Unknown language '{code}'. Known: {names}.</source>
        <translation>Ukjent språk «{code}». Kjente: {names}.</translation>
    </message>
    <message>
        <source>Unknown length '{length}'. Known: {known}.</source>
        <translation>Ukjent lengde «{length}». Kjente: {known}.</translation>
    </message>
    <message>
        <source>Unknown scope '{scope}'. Known: {known}.</source>
        <translation>Ukjent omfang «{scope}». Kjente: {known}.</translation>
    </message>
    <message>
        <source>Unknown setting '{key}'. Known: {options}.</source>
        <translation>Ukjent innstilling «{key}». Kjente: {options}.</translation>
    </message>
    <message>
        <source>Unknown task format '{format}'; use salesforce, hubspot or pipedrive.</source>
        <translation>Ukjent oppgaveformat «{format}»; bruk salesforce, hubspot eller pipedrive.</translation>
    </message>
    <message>
        <source>Unknown tone '{tone}'. Known: {known}.</source>
        <translation>Ukjent tone «{tone}». Kjente: {known}.</translation>
    </message>
    <message>
        <source>Write tasks to a .ics or a .csv file, not '{name}'.</source>
        <translation>Skriv oppgaver til en .ics- eller .csv-fil, ikke «{name}».</translation>
    </message>
    <message>
        <source>Writing the export file {out} failed: {reason}. The partial file was removed.</source>
        <translation>Skriving av eksportfilen {out} mislyktes: {reason}. Den halvferdige filen ble fjernet.</translation>
    </message>
    <message>
        <source>Wrong passphrase. The vault was not touched.</source>
        <translation>Feil passordfrase. Hvelvet ble ikke rørt.</translation>
    </message>
    <message>
        <source>You have {count} templates, the most there can be; delete one first.</source>
        <translation>Du har {count} maler, det meste som er mulig; slett én først.</translation>
    </message>
    <message>
        <source>Your IT policy requires a passphrase (require_passphrase = true); the key stays wrapped by it.</source>
        <translation>IT-policyen din krever en passordfrase; nøkkelen forblir beskyttet av den.</translation>
    </message>
    <message>
        <source>Your IT policy turns exports off (allow_export = false); tasks were not written.</source>
        <translation>IT-policyen din har slått av eksport; oppgavene ble ikke skrevet.</translation>
    </message>
    <message>
        <source>builds a huge string</source>
        <translation>bygger en enorm tekst</translation>
    </message>
    <message>
        <source>cancelled before this file was imported; nothing from it was stored.</source>
        <translation>avbrutt før denne filen ble importert; ingenting fra den ble lagret.</translation>
    </message>
    <message>
        <source>cancelled; nothing from this file was stored.</source>
        <translation>avbrutt; ingenting fra denne filen ble lagret.</translation>
    </message>
    <message>
        <source>cannot be read: it is a folder, not a file</source>
        <translation>kan ikke leses: den er en mappe, ikke en fil</translation>
    </message>
    <message>
        <source>cannot be read: it is not a regular file</source>
        <translation>kan ikke leses: den er ikke en vanlig fil</translation>
    </message>
    <message>
        <source>cannot be read: permission denied</source>
        <translation>kan ikke leses: ingen tilgang</translation>
    </message>
    <message>
        <source>cannot be read: permission denied on its folder</source>
        <translation>kan ikke leses: ingen tilgang til mappen</translation>
    </message>
    <message>
        <source>cannot be read: {folder} is not a folder</source>
        <translation>kan ikke leses: {folder} er ikke en mappe</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>kan ikke leses: {reason}</translation>
    </message>
    <message>
        <source>contact {id}</source>
        <translation>kontakten {id}</translation>
    </message>
    <message>
        <source>correct it (see /usr/share/doc/confidant/policy.toml.example)</source>
        <translation>rette den (se /usr/share/doc/confidant/policy.toml.example)</translation>
    </message>
    <message>
        <source>deal {id}</source>
        <translation>avtalen {id}</translation>
    </message>
    <message>
        <source>give users read access to {path}</source>
        <translation>gi brukerne lesetilgang til {path}</translation>
    </message>
    <message>
        <source>has a port out of range</source>
        <translation>har et portnummer utenfor gyldig område</translation>
    </message>
    <message>
        <source>holds more than one address</source>
        <translation>inneholder mer enn én adresse</translation>
    </message>
    <message>
        <source>is malformed: {error}</source>
        <translation>er feilformatert: {error}</translation>
    </message>
    <message>
        <source>is not UTF-8 text (line {line})</source>
        <translation>er ikke UTF-8-tekst (linje {line})</translation>
    </message>
    <message>
        <source>is not a valid address</source>
        <translation>er ikke en gyldig adresse</translation>
    </message>
    <message>
        <source>is {size} bytes, larger than a policy can be</source>
        <translation>er på {size} byte, større enn en policy kan være</translation>
    </message>
    <message>
        <source>it is on the company only</source>
        <translation>notatet ligger bare på firmaet</translation>
    </message>
    <message>
        <source>kept under 'Unlinked notes'</source>
        <translation>lagt under «Notater uten kobling»</translation>
    </message>
    <message>
        <source>left as it was (an erasure request is never guessed)</source>
        <translation>latt stå som før (en sletteforespørsel blir aldri gjettet)</translation>
    </message>
    <message>
        <source>llama-cpp-python {version} lacks {missing}; this build of Confidant was tested with {tested}.</source>
        <translation>llama-cpp-python {version} mangler {missing}; denne utgaven av Confidant ble testet med {tested}.</translation>
    </message>
    <message>
        <source>make it readable: chmod 644 {path}</source>
        <translation>gjøre {path} lesbar for alle brukere</translation>
    </message>
    <message>
        <source>make it readable: chmod 755 {folder}, chmod 644 {path}</source>
        <translation>gjøre mappen {folder} og filen {path} lesbare for alle brukere</translation>
    </message>
    <message>
        <source>make {folder} a folder holding policy.toml (or remove it)</source>
        <translation>gjøre {folder} til en mappe med policy.toml (eller fjerne den)</translation>
    </message>
    <message>
        <source>managed preferences {domain}</source>
        <translation>de administrerte innstillingene ({domain})</translation>
    </message>
    <message>
        <source>must be a SHA-256 fingerprint (64 hex characters, colons allowed)</source>
        <translation>må være et SHA-256-fingeravtrykk (64 heksadesimale tegn, kolon tillatt)</translation>
    </message>
    <message>
        <source>must be a list of 64-character hex SHA-256 strings</source>
        <translation>må være en liste med SHA-256-verdier (64 heksadesimale tegn)</translation>
    </message>
    <message>
        <source>must be a positive whole number</source>
        <translation>må være et positivt heltall</translation>
    </message>
    <message>
        <source>must be a short printable name</source>
        <translation>må være et kort, lesbart navn</translation>
    </message>
    <message>
        <source>must be auto, off or a number of layers</source>
        <translation>må være auto, off eller et antall lag</translation>
    </message>
    <message>
        <source>must be https://host:port</source>
        <translation>må være https://vert:port</translation>
    </message>
    <message>
        <source>must be https://host:port (TLS only; no user, query or fragment)</source>
        <translation>må være https://vert:port (bare TLS; uten bruker, spørring eller fragment)</translation>
    </message>
    <message>
        <source>must be the path of a file or folder</source>
        <translation>må være stien til en fil eller mappe</translation>
    </message>
    <message>
        <source>must be zero or more</source>
        <translation>må være null eller mer</translation>
    </message>
    <message>
        <source>no contact named '{person}'</source>
        <translation>ingen kontakt heter «{person}»</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>ingen oppgitt</translation>
    </message>
    <message>
        <source>note {i} names no contact or account in the export; skipped</source>
        <translation>notat {i} nevner ingen kontakt eller firma i eksporten; hoppet over</translation>
    </message>
    <message>
        <source>nothing named '{person}'</source>
        <translation>ingenting heter «{person}»</translation>
    </message>
    <message>
        <source>on the company only</source>
        <translation>bare på firmaet</translation>
    </message>
    <message>
        <source>raises a number to a huge power</source>
        <translation>opphøyer et tall i en enorm potens</translation>
    </message>
    <message>
        <source>read as opted out / objected, the stricter reading</source>
        <translation>lest som reservert / protestert, den strengeste tolkningen</translation>
    </message>
    <message>
        <source>read-only vault</source>
        <translation>skrivebeskyttet hvelv</translation>
    </message>
    <message>
        <source>registry HKLM\{key}</source>
        <translation>registernøkkelen HKLM\{key}</translation>
    </message>
    <message>
        <source>replace the folder {path} with the policy file (or remove it)</source>
        <translation>erstatte mappen {path} med policyfilen (eller fjerne den)</translation>
    </message>
    <message>
        <source>replace {path} with the policy file</source>
        <translation>erstatte {path} med policyfilen</translation>
    </message>
    <message>
        <source>replace {path} with the policy file (or remove it)</source>
        <translation>erstatte {path} med policyfilen (eller fjerne den)</translation>
    </message>
    <message>
        <source>save it as UTF-8</source>
        <translation>lagre den som UTF-8</translation>
    </message>
    <message>
        <source>text in the guessed encoding</source>
        <translation>tekst i den gjettede tegnkodingen</translation>
    </message>
    <message>
        <source>the CRM</source>
        <translation>CRM-systemet</translation>
    </message>
    <message>
        <source>the amount '{raw}' is not a number; the deal is kept without it</source>
        <translation>beløpet «{raw}» er ikke et tall; avtalen beholdes uten det</translation>
    </message>
    <message>
        <source>the contact's e-mail (to)</source>
        <translation>kontaktens e-postfelt (mottaker)</translation>
    </message>
    <message>
        <source>the system policy</source>
        <translation>systemets policy</translation>
    </message>
    <message>
        <source>took longer than {seconds:g} s</source>
        <translation>brukte mer enn {seconds:g} s</translation>
    </message>
    <message>
        <source>unknown encoding '{name}' (e.g. {common_encodings}).</source>
        <translation>ukjent tegnkoding «{name}» (for eksempel {common_encodings}).</translation>
    </message>
    <message>
        <source>unknown field '{field}' (fields: {fields}).</source>
        <translation>ukjent felt «{field}» (felt: {fields}).</translation>
    </message>
    <message>
        <source>writes too much text</source>
        <translation>skriver for mye tekst</translation>
    </message>
    <message>
        <source>your e-mail setting (from)</source>
        <translation>e-postinnstillingen din (avsender)</translation>
    </message>
    <message>
        <source>{count} contacts are named '{person}'</source>
        <translation>{count} kontakter heter «{person}»</translation>
    </message>
    <message>
        <source>{count} contacts are named '{person}' and the organization '{org}' does not tell them apart</source>
        <translation>{count} kontakter heter «{person}», og organisasjonen «{org}» skiller dem ikke fra hverandre</translation>
    </message>
    <message>
        <source>{deal}: no call, meeting, e-mail or note in {days} days (last {date}).</source>
        <translation>{deal}: ingen samtale, møte, e-post eller notat på {days} dager (sist {date}).</translation>
    </message>
    <message>
        <source>{deal}: no contact is linked to the deal.</source>
        <translation>{deal}: ingen kontakt er knyttet til avtalen.</translation>
    </message>
    <message>
        <source>{deal}: no next step and no task ahead.</source>
        <translation>{deal}: ikke noe neste steg og ingen oppgave framover.</translation>
    </message>
    <message>
        <source>{deal}: single-threaded, only {name} is involved.</source>
        <translation>{deal}: bare én person er involvert ({name}).</translation>
    </message>
    <message>
        <source>{deal}: the close date {date} has passed.</source>
        <translation>{deal}: lukkedatoen {date} er passert.</translation>
    </message>
    <message>
        <source>{file} needs about {need:.1f} GB of memory but only {available:.1f} GB is available; close other programs or choose a smaller model (see models/README.md).</source>
        <translation>{file} trenger omtrent {need:.1f} GB minne, men bare {available:.1f} GB er ledig; lukk andre programmer eller velg en mindre modell.</translation>
    </message>
    <message>
        <source>{file}: line {line}, column {column}: '{value}' is not a value this column holds; {what}.</source>
        <translation>{file}: linje {line}, kolonne {column}: «{value}» er ikke en verdi denne kolonnen kan ha; {what}.</translation>
    </message>
    <message>
        <source>{file}: line {line}: no deal named '{deal}'; the activity is kept without its deal.</source>
        <translation>{file}: linje {line}: ingen avtale heter «{deal}»; aktiviteten beholdes uten avtalen sin.</translation>
    </message>
    <message>
        <source>{file}: line {line}: skipped a card with no name and no e-mail.</source>
        <translation>{file}: linje {line}: hoppet over et kort uten navn og uten e-post.</translation>
    </message>
    <message>
        <source>{file}: line {line}: skipped a deal with no name.</source>
        <translation>{file}: linje {line}: hoppet over en avtale uten navn.</translation>
    </message>
    <message>
        <source>{file}: line {line}: skipped, it has {count} fields where the header has {width}.</source>
        <translation>{file}: linje {line}: hoppet over, den har {count} felt der overskriftsraden har {width}.</translation>
    </message>
    <message>
        <source>{file}: line {line}: skipped, no name, e-mail or note.</source>
        <translation>{file}: linje {line}: hoppet over, verken navn, e-post eller notat.</translation>
    </message>
    <message>
        <source>{file}: line {line}: skipped, the row cannot be parsed ({error}).</source>
        <translation>{file}: linje {line}: hoppet over, raden kan ikke tolkes ({error}).</translation>
    </message>
    <message>
        <source>{file}: line {line}: the contact's account {ref_id} is not in this import.</source>
        <translation>{file}: linje {line}: kontaktens firma {ref_id} er ikke med i denne importen.</translation>
    </message>
    <message>
        <source>{file}: line {line}: the deal's account {account_id} is not in this import.</source>
        <translation>{file}: linje {line}: avtalens firma {account_id} er ikke med i denne importen.</translation>
    </message>
    <message>
        <source>{file}: line {line}: the deal's contact '{who}' is not in the vault or this import.</source>
        <translation>{file}: linje {line}: avtalens kontakt «{who}» finnes ikke i hvelvet eller i denne importen.</translation>
    </message>
    <message>
        <source>{file}: line {line}: the {what} of this contact role is not in this import.</source>
        <translation>{file}: linje {line}: {what} for denne kontaktrollen er ikke med i denne importen.</translation>
    </message>
    <message>
        <source>{file}: line {line}: {count} deals are named '{deal}'; the activity is kept without its deal.</source>
        <translation>{file}: linje {line}: {count} avtaler heter «{deal}»; aktiviteten beholdes uten avtalen sin.</translation>
    </message>
    <message>
        <source>{file}: the encoding was guessed as Windows-1252, but {count} words look garbled (e.g. "{sample}").{suggestion}</source>
        <translation>{file}: tegnkodingen ble gjettet til Windows-1252, men {count} ord ser forvrengte ut (f.eks. «{sample}»).{suggestion}</translation>
    </message>
    <message>
        <source>{file}: {unlinked} of {total} notes ({share:.0f} %) could not be linked to a contact or company by the column {column}; they are under 'Unlinked notes'. Import the contacts file of the same export (now or later: the notes move to their contacts), or check the column.</source>
        <translation>{file}: {unlinked} av {total} notater ({share:.0f} %) kunne ikke kobles til en kontakt eller et firma via kolonnen {column}; de ligger under «Notater uten kobling». Importer kontaktfilen fra den samme eksporten (nå eller senere: notatene flyttes da til kontaktene sine), eller kontroller kolonnen.</translation>
    </message>
    <message>
        <source>{n_rows} contacts match '{ref}'; name one by id. Nothing was deleted.</source>
        <translation>{n_rows} kontakter passer med «{ref}»; velg én. Ingenting ble slettet.</translation>
    </message>
    <message>
        <source>{name} opted out of e-mail ({source}) and your IT policy allows no exception; no draft was written.</source>
        <translation>{name} har reservert seg mot e-post ({source}), og IT-policyen din tillater ingen unntak; ingen utkast ble skrevet.</translation>
    </message>
    <message>
        <source>{name} opted out of e-mail ({source}); no draft was written. To write one anyway, give your reason; it is kept in the audit log.</source>
        <translation>{name} har reservert seg mot e-post ({source}); ingen utkast ble skrevet. Vil du likevel skrive ett, oppgi en begrunnelse; den lagres i revisjonsloggen.</translation>
    </message>
    <message>
        <source>{name}: line {line}: no contact named '{person}' (column {col}); {where}.</source>
        <translation>{name}: linje {line}: ingen kontakt heter «{person}» (kolonne {col}); {where}.</translation>
    </message>
    <message>
        <source>{name}: line {line}: skipped a contact with no name and no e-mail.</source>
        <translation>{name}: linje {line}: hoppet over en kontakt uten navn og uten e-post.</translation>
    </message>
    <message>
        <source>{name}: line {line}: skipped an account with no name.</source>
        <translation>{name}: linje {line}: hoppet over et firma uten navn.</translation>
    </message>
    <message>
        <source>{name}: line {line}: the note has {n_body:,} characters; imported the first {max_note_chars:,}.</source>
        <translation>{name}: linje {line}: notatet har {n_body:,} tegn; de første {max_note_chars:,} ble importert.</translation>
    </message>
    <message>
        <source>{name}: line {line}: the note's parent ({missing}) is not in this import; {where}.</source>
        <translation>{name}: linje {line}: det notatet hører til ({missing}), er ikke med i denne importen; {where}.</translation>
    </message>
    <message>
        <source>{name}: line {line}: {pop}.</source>
        <translation>{name}: linje {line}: {pop}.</translation>
    </message>
    <message>
        <source>{name}: line {line}: {problem} (column {link_column}); {where}.</source>
        <translation>{name}: linje {line}: {problem} (kolonne {link_column}); {where}.</translation>
    </message>
    <message>
        <source>{name}: line {line}: {problem}.</source>
        <translation>{name}: linje {line}: {problem}.</translation>
    </message>
    <message>
        <source>{path} already exists; choose another file name.</source>
        <translation>{path} finnes allerede; velg et annet filnavn.</translation>
    </message>
    <message>
        <source>{path} changed after it was checked; it is not loaded. Choose it again to check it anew.</source>
        <translation>{path} ble endret etter at den ble kontrollert, og lastes ikke. Velg den på nytt for å kontrollere den igjen.</translation>
    </message>
    <message>
        <source>{path} changed while it was being checked; it is not used. Choose it again.</source>
        <translation>{path} ble endret mens den ble kontrollert, og brukes ikke. Velg den på nytt.</translation>
    </message>
    <message>
        <source>{path} has no chat template and is not a DeepSeek-R1 distill; Confidant cannot prompt it.</source>
        <translation>{path} har ingen chatmal og er ikke en DeepSeek-R1-distill; Confidant kan ikke gi den instruksjoner.</translation>
    </message>
    <message>
        <source>{path} has no general.architecture in its header.</source>
        <translation>{path} har ingen arkitektur oppgitt i hodet.</translation>
    </message>
    <message>
        <source>{path} has no usable context length or layer count in its header; it is not used.</source>
        <translation>{path} har ingen brukbar kontekstlengde eller lagantall i hodet; den brukes ikke.</translation>
    </message>
    <message>
        <source>{path} has not been verified; it is not loaded.</source>
        <translation>{path} er ikke kontrollert; den lastes ikke.</translation>
    </message>
    <message>
        <source>{path} is a '{architecture}' model, which Confidant does not support (supported: {names}).</source>
        <translation>{path} er en «{architecture}»-modell, som Confidant ikke støtter (støttet: {names}).</translation>
    </message>
    <message>
        <source>{path} is a symbolic link in a models folder; it is not used (copy the file there).</source>
        <translation>{path} er en symbolsk lenke i en modellmappe og brukes ikke (kopier filen dit).</translation>
    </message>
    <message>
        <source>{path} is not the model your IT policy sets (model_path = {managed} in {source}); only that file may be used.</source>
        <translation>{path} er ikke modellen IT-policyen din angir ({managed} i {source}); bare den filen kan brukes.</translation>
    </message>
    <message>
        <source>{path}: --map names column '{col}', which the file does not have.</source>
        <translation>{path}: kolonnen «{col}» finnes ikke i filen.</translation>
    </message>
    <message>
        <source>{path}: cancelled.</source>
        <translation>{path}: avbrutt.</translation>
    </message>
    <message>
        <source>{path}: column '{column}' links or identifies records in {label}; it cannot be changed.</source>
        <translation>{path}: kolonnen «{column}» kobler eller identifiserer poster i {label}; den kan ikke endres.</translation>
    </message>
    <message>
        <source>{path}: is a folder, not an export file.</source>
        <translation>{path}: er en mappe, ikke en eksportfil.</translation>
    </message>
    <message>
        <source>{path}: line 1: the header cannot be read ({error}).</source>
        <translation>{path}: linje 1: overskriftsraden kan ikke leses ({error}).</translation>
    </message>
    <message>
        <source>{path}: line {start}: a quoted field is never closed, so the rest of the file cannot be read reliably; nothing from this file was imported.</source>
        <translation>{path}: linje {start}: et felt i anførselstegn lukkes aldri, så resten av filen kan ikke leses pålitelig; ingenting fra denne filen ble importert.</translation>
    </message>
    <message>
        <source>{path}: line {start}: one property runs over {max_logical_line:,} characters, the most Confidant reads from one vCard line; nothing from this file was imported.</source>
        <translation>{path}: linje {start}: én egenskap er lengre enn {max_logical_line:,} tegn, det meste Confidant leser fra én vCard-linje; ingenting fra denne filen ble importert.</translation>
    </message>
    <message>
        <source>{path}: no BEGIN:VCARD found; this is not a vCard file.</source>
        <translation>{path}: fant ingen BEGIN:VCARD; dette er ikke en vCard-fil.</translation>
    </message>
    <message>
        <source>{path}: no recognisable columns (found: {cols}).</source>
        <translation>{path}: ingen gjenkjennelige kolonner (fant: {cols}); velg format eller kolonner i importveiviseren.</translation>
    </message>
    <message>
        <source>{path}: no recognisable columns (need at least an e-mail, a name or a note column).</source>
        <translation>{path}: ingen gjenkjennelige kolonner (det trengs minst en kolonne for e-post, navn eller notat); velg kolonnene selv i importveiviseren.</translation>
    </message>
    <message>
        <source>{path}: no such file.</source>
        <translation>{path}: filen finnes ikke.</translation>
    </message>
    <message>
        <source>{path}: not a Confidant export of version 1 (field 'format'/'version').</source>
        <translation>{path}: ikke en Confidant-eksport av versjon 1.</translation>
    </message>
    <message>
        <source>{path}: not a readable Confidant export ({kind}).</source>
        <translation>{path}: ikke en lesbar Confidant-eksport ({kind}).</translation>
    </message>
    <message>
        <source>{path}: the columns fit both {label} and {label2} equally well.</source>
        <translation>{path}: kolonnene passer like godt til {label} og {label2}; velg formatet i importveiviseren.</translation>
    </message>
    <message>
        <source>{path}: the field '{field}' does not apply to this file's rows.</source>
        <translation>{path}: feltet «{field}» gjelder ikke for radene i denne filen.</translation>
    </message>
    <message>
        <source>{path}: the file does not read as {label} (columns found: {cols}); choose another format.</source>
        <translation>{path}: filen leses ikke som {label} (fant kolonnene: {cols}); velg et annet format.</translation>
    </message>
    <message>
        <source>{path}: the file has no header row.</source>
        <translation>{path}: filen har ingen overskriftsrad.</translation>
    </message>
    <message>
        <source>{path}: the file is empty.</source>
        <translation>{path}: filen er tom.</translation>
    </message>
    <message>
        <source>{path}: the file is not valid {encoding} ({reason} at byte {start}); choose another encoding.</source>
        <translation>{path}: filen er ikke gyldig {encoding} ({reason} ved byte {start}); velg en annen tegnkoding.</translation>
    </message>
    <message>
        <source>{path}: the file is not valid {value} ({reason} at byte {start}); choose another encoding.</source>
        <translation>{path}: filen er ikke gyldig {value} ({reason} ved byte {start}); velg en annen tegnkoding.</translation>
    </message>
    <message>
        <source>{path}: the first worksheet is empty.</source>
        <translation>{path}: det første regnearket er tomt.</translation>
    </message>
    <message>
        <source>{path}: the part {filename} expands to {file_size:,} bytes from {compress_size:,} (limit: {max_xlsx_part_bytes:,} bytes, or {max_xlsx_ratio}:1 compression); save the sheet as CSV and import that.</source>
        <translation>{path}: delen {filename} pakkes ut til {file_size:,} byte fra {compress_size:,} (grense: {max_xlsx_part_bytes:,} byte, eller komprimering {max_xlsx_ratio}:1); lagre arket som CSV og importer den.</translation>
    </message>
    <message>
        <source>{path}: the workbook cannot be read ({kind}).</source>
        <translation>{path}: arbeidsboken kan ikke leses ({kind}).</translation>
    </message>
    <message>
        <source>{path}: the workbook's shared-string table has more than {max_shared_strings:,} entries, the most Confidant reads from one .xlsx; save the sheet as CSV and import that.</source>
        <translation>{path}: regnearkets tabell over delte tekster har mer enn {max_shared_strings:,} oppføringer, det meste Confidant leser fra én .xlsx-fil; lagre arket som CSV og importer den.</translation>
    </message>
    <message>
        <source>{path}: this is not an Excel .xlsx workbook.</source>
        <translation>{path}: dette er ikke en Excel-arbeidsbok (.xlsx).</translation>
    </message>
    <message>
        <source>{path}: unexpected error ({kind}); nothing from this file was stored.</source>
        <translation>{path}: uventet feil ({kind}); ingenting fra denne filen ble lagret.</translation>
    </message>
    <message>
        <source>{problem} The local model answers instead (your IT policy allows this fallback).</source>
        <translation>{problem} Den lokale modellen svarer i stedet (IT-policyen din tillater dette).</translation>
    </message>
    <message>
        <source>{source} cannot be read: {reason}.</source>
        <translation>{source} kan ikke leses: {reason}.</translation>
    </message>
    <message>
        <source>{source} could not be read as a database ({error}); no vault was created.</source>
        <translation>{source} kunne ikke leses som en database ({error}); ikke noe hvelv ble opprettet.</translation>
    </message>
    <message>
        <source>{source} does not exist.</source>
        <translation>{source} finnes ikke.</translation>
    </message>
    <message>
        <source>{source} is damaged ({problems}); nothing was changed.</source>
        <translation>{source} er skadet ({problems}); ingenting ble endret.</translation>
    </message>
    <message>
        <source>{source} is not a Confidant database (it has no contacts, notes and accounts tables).</source>
        <translation>{source} er ikke en Confidant-database (den har ikke tabeller for kontakter, notater og kontoer).</translation>
    </message>
    <message>
        <source>{source} is not a plaintext SQLite database (it may already be encrypted).</source>
        <translation>{source} er ikke en ukryptert SQLite-database (den kan allerede være kryptert).</translation>
    </message>
    <message>
        <source>{where} has a type the registry reader cannot map.</source>
        <translation>{where} har en type registerleseren ikke kan tolke.</translation>
    </message>
    <message>
        <source>{where} must be a REG_DWORD.</source>
        <translation>{where} må være en REG_DWORD.</translation>
    </message>
    <message>
        <source>{where} must be a REG_MULTI_SZ list (or a subkey of that name).</source>
        <translation>{where} må være en REG_MULTI_SZ-liste (eller en undernøkkel med det navnet).</translation>
    </message>
    <message>
        <source>{where} must be a REG_SZ string.</source>
        <translation>{where} må være en REG_SZ-tekst.</translation>
    </message>
    <message>
        <source>{where} {problem}. Confidant will not start without reading IT's policy; IT must {fix}.</source>
        <translation>{where} {problem}. Confidant starter ikke uten å lese IT-policyen; IT-avdelingen må {fix}.</translation>
    </message>
    <message>
        <source>{where}: each [[template]] must be a table.</source>
        <translation>{where}: hver [[template]] må være en tabell.</translation>
    </message>
    <message>
        <source>{where}: template fields must be text.</source>
        <translation>{where}: malfeltene må være tekst.</translation>
    </message>
    <message>
        <source>{where}: templates are written as [[template]] tables.</source>
        <translation>{where}: maler skrives som [[template]]-tabeller.</translation>
    </message>
    <message>
        <source>{where}: the template '{name}' has an unknown length '{length}'.</source>
        <translation>{where}: malen «{name}» har en ukjent lengde «{length}».</translation>
    </message>
    <message>
        <source>{where}: the template '{name}' has an unknown tone '{tone}'.</source>
        <translation>{where}: malen «{name}» har en ukjent tone «{tone}».</translation>
    </message>
    <message>
        <source>{where}: the template '{name}' needs a title of at most 120 characters.</source>
        <translation>{where}: malen «{name}» trenger en tittel på høyst 120 tegn.</translation>
    </message>
    <message>
        <source>{where}: the template '{name}' needs an instruction of at most 2000 characters.</source>
        <translation>{where}: malen «{name}» trenger en instruksjon på høyst 2000 tegn.</translation>
    </message>
    <message>
        <source>{where}: the template name '{name}' must be 1–40 lower-case letters, digits, - or _.</source>
        <translation>{where}: malnavnet «{name}» må være 1–40 små bokstaver, sifre, - eller _.</translation>
    </message>
    <message>
        <source>{where}: unknown template field '{field}'.</source>
        <translation>{where}: ukjent malfelt «{field}».</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Merk alt</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>Steg &amp;opp</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Steg &amp;ned</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>All Files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>Søk i:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Gå tilbake</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Fremover</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Gå fremover</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Overordnet mappe</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Gå til overordnet mappe</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Opprett ny mappe</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Opprett en ny mappe</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Listevisning</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Bytt til listevisning</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Detaljert visning</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Bytt til detaljert visning</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Sidepanel</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Liste over steder og bokmerker</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Filer av typen:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Finn mappe</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Lagre som</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Mappe:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>Fil&amp;navn:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Åpne</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Velg</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>Show </source>
        <translation>Vis </translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Gi nytt navn</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Vis &amp;skjulte filer</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>&amp;Ny mappe</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Mapper</translation>
    </message>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Fant ikke mappen.
Kontroller at mappenavnet er riktig.</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 finnes allerede.
Vil du erstatte den?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Fant ikke filen.
Kontroller at filnavnet er riktig.</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Ny mappe</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>'%1' is write protected.
Do you want to delete it anyway?</source>
        <translation>«%1» er skrivebeskyttet.
Vil du slette den likevel?</translation>
    </message>
    <message>
        <source>Are you sure you want to delete '%1'?</source>
        <translation>Er du sikker på at du vil slette «%1»?</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Kunne ikke slette mappen.</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Nylig brukte steder</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Stasjon</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Mappe</translation>
    </message>
    <message>
        <source>Alias</source>
        <comment>OS X Finder</comment>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>Snarvei</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Ukjent</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Størrelse</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>Match OS X Finder</comment>
        <translation>Type</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Type</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Endret</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Datamaskin</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>Skriv inn en verdi:</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Vis detaljer …</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Skjul detaljer …</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Om Qt</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lagre alle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ja til &amp;alle</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nei</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;ei til alle</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Tilbakestill</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Gjenopprett standardverdier</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Lukk uten å lagre</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Scroll here</source>
        <translation>Rull hit</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>Venstre kant</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Øverst</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>Høyre kant</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Nederst</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>Side til venstre</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>Side opp</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>Side til høyre</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>Side ned</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Rull til venstre</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>Rull opp</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Rull til høyre</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>Rull ned</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gjør om</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Kopier &amp;lenkeadresse</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Merk alt</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>Go Back</source>
        <translation>Gå tilbake</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Tilbake</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsett</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Neste</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Neste &gt;</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Bekreft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fullfør</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
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
<context>
    <name>ImportFormats</name>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Salesforce Data Export / Data Loader</source>
        <translation>Salesforce-dataeksport / Data Loader</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>HubSpot export</source>
        <translation>HubSpot-eksport</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Microsoft Dynamics 365</source>
        <translation>Microsoft Dynamics 365</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Pipedrive export</source>
        <translation>Pipedrive-eksport</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Zoho CRM export</source>
        <translation>Zoho CRM-eksport</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Outlook contacts CSV</source>
        <translation>Outlook-kontakter (CSV)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Google Contacts CSV</source>
        <translation>Google-kontakter (CSV)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>CSV or Excel with recognised columns</source>
        <translation>CSV eller Excel med kjente kolonner</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>vCard (.vcf) 2.1 / 3.0 / 4.0</source>
        <translation>vCard (.vcf) 2.1 / 3.0 / 4.0</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_wizard.py" line="0"/>
        <source>Confidant export (JSON)</source>
        <translation>Confidant-eksport (JSON)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/gui/session.py" line="0"/>
        <source>The model was not loaded.</source>
        <translation>Modellen ble ikke lastet.</translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <source>no amount</source>
        <translation>uten beløp</translation>
    </message>
    <message>
        <source>no stage</source>
        <translation>uten fase</translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation>lukkes %1</translation>
    </message>
    <message>
        <source>no close date</source>
        <translation>uten lukkedato</translation>
    </message>
    <message>
        <source>won</source>
        <translation>vunnet</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>tapt</translation>
    </message>
    <message>
        <source>role: %1</source>
        <translation>rolle: %1</translation>
    </message>
    <message>
        <source>Open deals (%1)</source>
        <translation>Åpne salgsmuligheter (%1)</translation>
    </message>
    <message>
        <source>No open deals.</source>
        <translation>Ingen åpne salgsmuligheter.</translation>
    </message>
    <message>
        <source>Won and lost deals (%1)</source>
        <translation>Vunne og tapte salgsmuligheter (%1)</translation>
    </message>
</context>
<context>
    <name>AnswerActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>R&amp;ediger</translation>
    </message>
    <message>
        <source>&amp;Keep edit</source>
        <translation>&amp;Behold endringen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy it anyway?</source>
        <translation>Kopiere det likevel?</translation>
    </message>
    <message>
        <source>E-mail (*.eml)</source>
        <translation>E-post (*.eml)</translation>
    </message>
    <message>
        <source>Edit the text; Copy and Save take it as it is.</source>
        <translation>Rediger teksten; Kopier og Lagre tar den slik den står.</translation>
    </message>
    <message>
        <source>Follow-up – %1.eml</source>
        <translation>Oppfølging – %1.eml</translation>
    </message>
    <message>
        <source>Personal numbers in the draft</source>
        <translation>Personnumre i utkastet</translation>
    </message>
    <message>
        <source>Save draft as</source>
        <translation>Lagre utkast som</translation>
    </message>
    <message>
        <source>Save it anyway?</source>
        <translation>Lagre det likevel?</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Lagret %1</translation>
    </message>
    <message>
        <source>The draft seems to contain:
%1

%2</source>
        <translation>Utkastet ser ut til å inneholde:
%1

%2</translation>
    </message>
    <message>
        <source>Your edit is kept as a new version.</source>
        <translation>Endringen din er lagret som en ny versjon.</translation>
    </message>
    <message>
        <source>Your edit is shown; it is not in the vault.</source>
        <translation>Endringen din vises; den er ikke lagret i hvelvet.</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>utkast</translation>
    </message>
</context>
<context>
    <name>ChooseContactDialog</name>
    <message>
        <source>&amp;Forget…</source>
        <translation>&amp;Glem …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Forget a contact</source>
        <translation>Glem en kontakt</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <source>Type a name, company or e-mail to narrow the list</source>
        <translation>Skriv et navn, et firma eller en e-postadresse for å snevre inn listen</translation>
    </message>
    <message>
        <source>Whom should Confidant forget?</source>
        <translation>Hvem skal Confidant glemme?</translation>
    </message>
</context>
<context>
    <name>CitationChips</name>
    <message numerus="yes">
        <source>%n more not shown</source>
        <translation>
            <numerusform>%n til vises ikke</numerusform>
            <numerusform>%n til vises ikke</numerusform>
        </translation>
    </message>
    <message>
        <source>A note</source>
        <translation>Et notat</translation>
    </message>
    <message>
        <source>Note of %1</source>
        <translation>Notat fra %1</translation>
    </message>
    <message>
        <source>Notes the answer rests on</source>
        <translation>Notatene svaret bygger på</translation>
    </message>
    <message>
        <source>Show this note in the timeline</source>
        <translation>Vis dette notatet i tidslinjen</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Kilder:</translation>
    </message>
</context>
<context>
    <name>DraftOptions</name>
    <message>
        <source>%1 (from your company)</source>
        <translation>%1 (fra firmaet ditt)</translation>
    </message>
    <message>
        <source>About (optional): e.g. the pilot in Bergen, prices per vehicle</source>
        <translation>Om (valgfritt): f.eks. piloten i Bergen, pris per kjøretøy</translation>
    </message>
    <message>
        <source>Add or edit your own templates</source>
        <translation>Legg til eller rediger dine egne maler</translation>
    </message>
    <message>
        <source>Address a concern</source>
        <translation>Svar på en bekymring</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Kortfattet</translation>
    </message>
    <message>
        <source>Custom: only the About line</source>
        <translation>Egendefinert: bare Om-linjen</translation>
    </message>
    <message>
        <source>Follow up after a meeting</source>
        <translation>Følg opp etter et møte</translation>
    </message>
    <message>
        <source>Formal</source>
        <translation>Formell</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Vennlig</translation>
    </message>
    <message>
        <source>Language of the e-mail</source>
        <translation>E-postens språk</translation>
    </message>
    <message>
        <source>Language: automatic</source>
        <translation>Språk: automatisk</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Lengde</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Lang</translation>
    </message>
    <message>
        <source>Make a proposal</source>
        <translation>Kom med et forslag</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Reply to an inquiry</source>
        <translation>Svar på en henvendelse</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Kort</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Maler …</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>What the e-mail is about</source>
        <translation>Hva e-posten handler om</translation>
    </message>
    <message>
        <source>What the e-mail is for</source>
        <translation>Hva e-posten skal oppnå</translation>
    </message>
    <message>
        <source>Address the customer's latest concern or objection from the notes, calmly and concretely.</source>
        <translation>Svar på kundens siste bekymring eller innvending fra notatene, rolig og konkret.</translation>
    </message>
    <message>
        <source>Follow up after the latest meeting or call: thank them, sum up what was agreed and propose the next step.</source>
        <translation>Følg opp etter det siste møtet eller samtalen: takk dem, oppsummer det dere ble enige om, og foreslå neste steg.</translation>
    </message>
    <message>
        <source>Make a concrete proposal that fits what the customer wants, as the notes describe it.</source>
        <translation>Kom med et konkret forslag som passer det kunden ønsker, slik notatene beskriver det.</translation>
    </message>
    <message>
        <source>Reply to the customer's latest question or request, answering only what the notes allow.</source>
        <translation>Svar på kundens siste spørsmål eller forespørsel, bare med det notatene gir grunnlag for.</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <source>%1 notes left out: people in this account asked to be forgotten</source>
        <translation>%1 notater holdt utenfor: personer hos denne kunden har bedt om å bli glemt</translation>
    </message>
    <message>
        <source>%1 notes left out: people in this account objected to processing</source>
        <translation>%1 notater holdt utenfor: personer hos denne kunden har protestert mot behandling</translation>
    </message>
    <message>
        <source>%1 notes left out: this person asked to be forgotten</source>
        <translation>%1 notater holdt utenfor: denne personen har bedt om å bli glemt</translation>
    </message>
    <message>
        <source>%1 notes left out: this person objected to processing</source>
        <translation>%1 notater holdt utenfor: denne personen har protestert mot behandling</translation>
    </message>
    <message>
        <source>A note looks like an instruction to the assistant; it was read as data only</source>
        <translation>Et notat ser ut som en instruks til assistenten; det ble bare lest som data</translation>
    </message>
    <message>
        <source>A reference to a note the assistant was not given was removed</source>
        <translation>En henvisning til et notat assistenten ikke fikk, ble fjernet</translation>
    </message>
    <message>
        <source>Check this answer before you use it</source>
        <translation>Kontroller dette svaret før du bruker det</translation>
    </message>
    <message>
        <source>No note matched the question's words; recent notes were used</source>
        <translation>Ingen notater passet med ordene i spørsmålet; nyere notater ble brukt</translation>
    </message>
    <message>
        <source>Read %1 of %2 notes (%3 of them match the question)</source>
        <translation>Leste %1 av %2 notater (%3 av dem passer med spørsmålet)</translation>
    </message>
    <message>
        <source>Some older notes did not fit and were left out</source>
        <translation>Noen eldre notater fikk ikke plass og ble utelatt</translation>
    </message>
    <message>
        <source>The answer repeats the assistant's own instructions; check it before use</source>
        <translation>Svaret gjentar assistentens egne instruksjoner; sjekk det før bruk</translation>
    </message>
    <message>
        <source>The answer stopped at its length limit and may be incomplete</source>
        <translation>Svaret stoppet ved lengdegrensen og kan være ufullstendig</translation>
    </message>
    <message>
        <source>The company server stopped answering mid-reply; the answer is incomplete</source>
        <translation>Firmaserveren sluttet å svare midt i svaret; svaret er ufullstendig</translation>
    </message>
    <message>
        <source>The model began to repeat itself and was stopped; the repeats were removed</source>
        <translation>Modellen begynte å gjenta seg selv og ble stoppet; gjentakelsene er fjernet</translation>
    </message>
    <message>
        <source>The model broke the reasoning format; the answer is shown as given</source>
        <translation>Modellen brøt resonneringsformatet; svaret vises slik det kom</translation>
    </message>
    <message>
        <source>The reasoning was cut at the thinking budget</source>
        <translation>Resonneringen ble kuttet ved tenkebudsjettet</translation>
    </message>
    <message>
        <source>The text may contain a personal number (ID, card or account)</source>
        <translation>Teksten kan inneholde et personnummer (ID, kort eller konto)</translation>
    </message>
    <message>
        <source>The text may contain payment data (a card or bank account number)</source>
        <translation>Teksten kan inneholde betalingsdata (et kort- eller kontonummer)</translation>
    </message>
    <message>
        <source>There are no notes about this subject; the answer has little to go on</source>
        <translation>Det finnes ingen notater om dette; svaret har lite å bygge på</translation>
    </message>
    <message>
        <source>a Danish CPR number</source>
        <translation>et dansk CPR-nummer</translation>
    </message>
    <message>
        <source>a Norwegian national identity number</source>
        <translation>et norsk fødselsnummer</translation>
    </message>
    <message>
        <source>a Swedish personal identity number</source>
        <translation>et svensk personnummer</translation>
    </message>
    <message>
        <source>a bank account number (IBAN)</source>
        <translation>et bankkontonummer (IBAN)</translation>
    </message>
    <message>
        <source>a payment card number</source>
        <translation>et betalingskortnummer</translation>
    </message>
    <message>
        <source>a personal number</source>
        <translation>et personnummer</translation>
    </message>
    <message>
        <source>looks like an instruction to the assistant</source>
        <translation>ser ut som en instruks til assistenten</translation>
    </message>
    <message>
        <source>marked for a check</source>
        <translation>merket for kontroll</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Follow-up to %1</source>
        <translation>Oppfølging til %1</translation>
    </message>
    <message>
        <source>Question: %1</source>
        <translation>Spørsmål: %1</translation>
    </message>
    <message>
        <source>Summary of %1</source>
        <translation>Oppsummering av %1</translation>
    </message>
    <message>
        <source>address a concern</source>
        <translation>svar på en bekymring</translation>
    </message>
    <message>
        <source>follow up after a meeting</source>
        <translation>følg opp etter et møte</translation>
    </message>
    <message>
        <source>make a proposal</source>
        <translation>kom med et forslag</translation>
    </message>
    <message>
        <source>reply to an inquiry</source>
        <translation>svar på en henvendelse</translation>
    </message>
    <message>
        <source>someone forgotten</source>
        <translation>en som er glemt</translation>
    </message>
    <message>
        <source>your edit</source>
        <translation>din endring</translation>
    </message>
</context>
<context>
    <name>PaneHistory</name>
    <message>
        <source>Reopened from History.</source>
        <translation>Åpnet fra historikken.</translation>
    </message>
</context>
<context>
    <name>ProgressLine</name>
    <message>
        <source>Combining the parts…</source>
        <translation>Setter sammen delene …</translation>
    </message>
    <message>
        <source>Reused %1 of %2 parts from an earlier summary…</source>
        <translation>Gjenbrukte %1 av %2 deler fra en tidligere oppsummering …</translation>
    </message>
    <message>
        <source>Reading %1 notes… %3 %</source>
        <translation>Leser %1 notater … %3 %</translation>
    </message>
    <message>
        <source>Reading part %1 of %2… %3 %</source>
        <translation>Leser del %1 av %2 … %3 %</translation>
    </message>
    <message>
        <source>Reading the notes… %3 %</source>
        <translation>Leser notatene … %3 %</translation>
    </message>
    <message>
        <source>Writing the summary…</source>
        <translation>Skriver oppsummeringen …</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>ca. %1 min igjen</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>ca. %1 s igjen</translation>
    </message>
</context>
<context>
    <name>StartHint</name>
    <message>
        <source>1. Pick a contact on the left (or search with Ctrl+F).</source>
        <translation>1. Velg en kontakt til venstre (eller søk med Ctrl+F).</translation>
    </message>
    <message>
        <source>2. Choose what the e-mail is for, then click Draft follow-up.</source>
        <translation>2. Velg hva e-posten skal oppnå, og klikk Skriv oppfølging.</translation>
    </message>
    <message>
        <source>3. Edit the draft if you like, then Copy it or Save as .eml.</source>
        <translation>3. Rediger utkastet om du vil, og kopier det eller lagre det som .eml.</translation>
    </message>
    <message>
        <source>Earlier drafts and answers</source>
        <translation>Tidligere utkast og svar</translation>
    </message>
    <message>
        <source>Earlier for %1 (click to reopen):</source>
        <translation>Tidligere for %1 (klikk for å åpne igjen):</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Ny</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>&amp;Lagre malen</translation>
    </message>
    <message>
        <source>Built in, read-only.</source>
        <translation>Innebygd, kan ikke endres.</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Slett mal</translation>
    </message>
    <message>
        <source>Delete the template “%1”?</source>
        <translation>Slette malen «%1»?</translation>
    </message>
    <message>
        <source>Draft templates</source>
        <translation>Maler for utkast</translation>
    </message>
    <message>
        <source>From your company: set by your IT department, read-only.</source>
        <translation>Fra firmaet ditt: satt av IT-avdelingen, kan ikke endres.</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>Instruks</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Lengde</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tittel</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>What the e-mail should do, e.g. “Remind them that the contract renews soon.”</source>
        <translation>Hva e-posten skal gjøre, f.eks. «Minn dem på at avtalen snart fornyes.»</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>You: “%1”</source>
        <translation>Du: «%1»</translation>
    </message>
    <message>
        <source>Your instructions and the versions they made</source>
        <translation>Instruksene dine og versjonene de ga</translation>
    </message>
    <message>
        <source>→ %2 %1</source>
        <translation>→ %2 %1</translation>
    </message>
    <message>
        <source>→ Your edit (version %1)</source>
        <translation>→ Din endring (versjon %1)</translation>
    </message>
</context>
<context>
    <name>Versions</name>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Draft a follow-up</source>
        <translation>Skriv en oppfølging</translation>
    </message>
    <message>
        <source>Summarise the notes</source>
        <translation>Oppsummer notatene</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Oppsummering</translation>
    </message>
</context>
</TS>
