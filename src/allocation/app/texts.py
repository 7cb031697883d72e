"""Every text of the planner app, in Dutch (the default) and English, in one place."""

from __future__ import annotations

import string

from allocation.policy import OBJECTIVE_TERMS
from allocation.status_texts import TERM_NAMES

LANGUAGES: dict[str, str] = {"nl": "Nederlands", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    # sign-in, roles, store faults, confirmations, audit (safety)
    "auth_title": {"nl": "Aanmelden", "en": "Sign in"},
    "auth_intro": {
        "nl": "Deze app bevat persoonsgegevens van nareizigers. Meld u aan met uw organisatie-account.",
        "en": "This app holds personal data of arriving family members. "
        "Sign in with your organisation account.",
    },
    "auth_login": {"nl": "Aanmelden", "en": "Sign in"},
    "auth_logout": {"nl": "Afmelden", "en": "Sign out"},
    "auth_no_role": {
        "nl": "U bent aangemeld als {user}, maar u hebt geen rol in deze app. Vraag de coördinator om "
        "u als planner van uw regio of gemeente toe te voegen.",
        "en": "You are signed in as {user} but have no role in this app. Ask the coordinator to add "
        "you as planner of your region or municipality.",
    },
    "auth_as_coordinator": {
        "nl": "Aangemeld als {user} (coördinator: alle regio's)",
        "en": "Signed in as {user} (coordinator: all regions)",
    },
    "auth_as_planner": {
        "nl": "Aangemeld als {user} (planner: {scope})",
        "en": "Signed in as {user} (planner: {scope})",
    },
    "auth_single_user": {
        "nl": "Eén gebruiker, zonder aanmelding: alleen bereikbaar vanaf deze computer (127.0.0.1).",
        "en": "Single user, no sign-in: reachable from this computer only (127.0.0.1).",
    },
    "auth_open_network": {
        "nl": "Let op: deze app is bereikbaar via het netwerk ({address}) en er is geen aanmelding "
        "ingesteld. Iedereen die de app bereikt, ziet alle gegevens.",
        "en": "Warning: this app is reachable over the network ({address}) and no sign-in is "
        "configured. Anyone who reaches it sees all data.",
    },
    "scope_outside": {
        "nl": "Dit scenario bevat gemeenten buiten uw regio ({names}). U kunt het niet oplossen of bewaren.",
        "en": "This scenario holds municipalities outside your region ({names}). "
        "You cannot solve or save it.",
    },
    "scope_start_hidden": {
        "nl": "Het startscenario bevat gemeenten buiten uw regio en is daarom niet geopend. Open een "
        "bewaard scenario van uw regio of upload uw eigen bestanden.",
        "en": "The start scenario holds municipalities outside your region and was not opened. Open a "
        "saved scenario of your region or upload your own files.",
    },
    "edits_kept": {
        "nl": "U hebt de gegevens aangepast; de aanpassingen worden gebruikt bij oplossen en bewaren.",
        "en": "You have edited the data; the edits are used when solving and saving.",
    },
    "edits_discard": {"nl": "Aanpassingen ongedaan maken", "en": "Discard edits"},
    "edits_open_confirm": {
        "nl": "U hebt de gegevens aangepast en nog niet bewaard. Als u nu een ander scenario opent, "
        "gaan die aanpassingen verloren.",
        "en": "You have edited the data and not saved it. Opening another scenario now discards those edits.",
    },
    "edits_open_yes": {"nl": "Toch openen", "en": "Open anyway"},
    "store_unreachable": {
        "nl": "De database {database} is niet bereikbaar. Controleer of de databaseserver draait en "
        "ALLOCATION_DB_URL klopt, en probeer het opnieuw. ({detail})",
        "en": "The database {database} cannot be reached. Check that the database server runs and "
        "ALLOCATION_DB_URL is right, then try again. ({detail})",
    },
    "store_driver": {
        "nl": "Voor de database {database} ontbreekt het stuurprogramma. Laat het installeren "
        "(voor PostgreSQL: psycopg) of kies een andere ALLOCATION_DB_URL. ({detail})",
        "en": "The driver for the database {database} is missing. Have it installed (for PostgreSQL: "
        "psycopg) or choose another ALLOCATION_DB_URL. ({detail})",
    },
    "store_url": {
        "nl": "ALLOCATION_DB_URL is geen geldige database-URL: {database}. ({detail})",
        "en": "ALLOCATION_DB_URL is not a valid database URL: {database}. ({detail})",
    },
    "store_read_only": {
        "nl": "De database {database} is alleen-lezen: bewaren en verwijderen kan niet. Laat de "
        "schrijfrechten herstellen of kies een andere ALLOCATION_DB_URL.",
        "en": "The database {database} is read-only: saving and deleting are not possible. Have write "
        "access restored or choose another ALLOCATION_DB_URL.",
    },
    "store_folder": {
        "nl": "De gegevensmap van de database {database} kan niet worden aangemaakt of beschreven. "
        "Kies met ALLOCATION_DB_URL een map waarin u mag schrijven. ({detail})",
        "en": "The data folder of the database {database} cannot be created or written. Choose a folder "
        "you may write to with ALLOCATION_DB_URL. ({detail})",
    },
    "store_failed": {
        "nl": "De database {database} weigerde de opdracht. Probeer het opnieuw of meld het aan "
        "uw beheerder. ({detail})",
        "en": "The database {database} refused the request. Try again or tell your administrator. ({detail})",
    },
    "store_name_empty": {"nl": "Geef het scenario een naam.", "en": "Give the scenario a name."},
    "store_name_long": {
        "nl": "Een scenarionaam heeft hoogstens {max} tekens; deze heeft er {n}.",
        "en": "A scenario name has at most {max} characters; this one has {n}.",
    },
    "store_name_taken": {
        "nl": "De naam '{name}' is al in gebruik. Kies een andere naam.",
        "en": "The name '{name}' is taken. Choose another name.",
    },
    "store_not_found": {
        "nl": "Er is geen scenario '{name}' dat u mag openen.",
        "en": "There is no scenario '{name}' that you may open.",
    },
    "store_unreadable": {
        "nl": "Scenario '{name}' is bewaard in een oudere vorm en kan niet worden geopend. Verwijder het "
        "en bewaar het opnieuw vanuit de bestanden. ({detail})",
        "en": "Scenario '{name}' was saved in an older format and cannot be opened. Delete it and save it "
        "again from its files. ({detail})",
    },
    "store_forbidden": {
        "nl": "Dit scenario bevat gemeenten buiten uw regio en kan niet worden bewaard. ({detail})",
        "en": "This scenario holds municipalities outside your region and cannot be saved. ({detail})",
    },
    "store_changed": {
        "nl": "Scenario '{name}' is intussen door iemand anders gewijzigd en bewaard. Uw versie is niet "
        "bewaard: bewaar onder een andere naam, of open eerst de nieuwe versie.",
        "en": "Scenario '{name}' was changed and saved by someone else meanwhile. Your version was not "
        "saved: save under another name, or open the new version first.",
    },
    "store_role": {"nl": "Onbekende rol. ({detail})", "en": "Unknown role. ({detail})"},
    "scen_exists": {
        "nl": "Er is al een scenario '{name}'. Wilt u het overschrijven?",
        "en": "There is a scenario '{name}' already. Do you want to overwrite it?",
    },
    "scen_overwrite": {"nl": "Ja, overschrijven", "en": "Yes, overwrite"},
    "scen_cancel": {"nl": "Annuleren", "en": "Cancel"},
    "scen_delete_confirm": {
        "nl": "Scenario '{name}' definitief verwijderen?",
        "en": "Delete scenario '{name}' for good?",
    },
    "scen_delete_yes": {"nl": "Ja, verwijderen", "en": "Yes, delete"},
    "scen_deleted": {"nl": "'{name}' is verwijderd.", "en": "'{name}' was deleted."},
    "audit_title": {"nl": "Logboek", "en": "Audit log"},
    "audit_intro": {
        "nl": "Wie wanneer welk scenario bewaarde, opende, verwijderde of oploste "
        "(alleen voor coördinatoren).",
        "en": "Who saved, opened, deleted or solved which scenario, and when (coordinators only).",
    },
    "audit_empty": {"nl": "Nog geen regels in het logboek.", "en": "No audit entries yet."},
    "col_at": {"nl": "tijdstip", "en": "time"},
    "col_user": {"nl": "gebruiker", "en": "user"},
    "col_action": {"nl": "handeling", "en": "action"},
    "col_scenario": {"nl": "scenario", "en": "scenario"},
    "col_detail": {"nl": "details", "en": "details"},
    # navigation and sidebar
    "nav_data": {"nl": "Gegevens", "en": "Data"},
    "nav_rules": {"nl": "Regels", "en": "Rules"},
    "nav_solve": {"nl": "Oplossen", "en": "Solve"},
    "nav_result": {"nl": "Resultaat", "en": "Result"},
    "nav_scenarios": {"nl": "Scenario's", "en": "Scenarios"},
    "nav_family": {"nl": "Gezin", "en": "Family"},
    "nav_home": {"nl": "Woning", "en": "Home"},
    "family_title": {"nl": "Gezin", "en": "Family"},
    "family_intro": {
        "nl": "Kies een huishouden: wie erbij horen, waar het nu is, welke woning het plan geeft (of "
        "waarom geen) en welke woningen ook zouden passen, met waarom die niet gekozen zijn.",
        "en": "Choose a household: its members, where it is now, the home the plan gives it (or why none) "
        "and which other homes would fit, with why each was not chosen.",
    },
    "family_no_plan": {
        "nl": "Er is (nog) geen plan bij deze gegevens; reken eerst op de pagina Oplossen om te zien "
        "wie welke woning krijgt.",
        "en": "There is no plan for this data (yet); solve first to see who gets which home.",
    },
    "family_persons": {"nl": "Personen", "en": "Persons"},
    "family_step": {"nl": "TVS-stap", "en": "TVS step"},
    "family_arrival": {"nl": "Verwachte aankomst", "en": "Expected arrival"},
    "family_now": {"nl": "**Nu:** {now}", "en": "**Now:** {now}"},
    "family_step_line": {"nl": "**TVS-stap:** {step}", "en": "**TVS step:** {step}"},
    "family_step_date": {
        "nl": "**TVS-stap:** {step}, bereikt op {date}",
        "en": "**TVS step:** {step}, reached on {date}",
    },
    "family_members": {"nl": "Gezinsleden", "en": "Members"},
    "member_id": {"nl": "persoon", "en": "person"},
    "member_role": {"nl": "rol", "en": "role"},
    "member_age": {"nl": "leeftijd", "en": "age"},
    "member_sex": {"nl": "geslacht", "en": "sex"},
    "member_arriving": {"nl": "reist na", "en": "arriving"},
    "member_accessible": {"nl": "toegankelijk nodig", "en": "needs step-free"},
    "family_home": {"nl": "Woning in het plan", "en": "Home in the plan"},
    "family_home_line": {
        "nl": "Woning {dwelling} in {municipality}: {persons} personen ({kind}).",
        "en": "Dwelling {dwelling} in {municipality}: {persons} persons ({kind}).",
    },
    "family_no_home": {
        "nl": "Geen woning in dit plan. Reden: {reason}",
        "en": "No home in this plan. Reason: {reason}",
    },
    "family_candidates": {
        "nl": "Woningen die het hele gezin zouden passen ({n})",
        "en": "Homes that would fit the whole family ({n})",
    },
    "family_no_candidates": {
        "nl": "Geen bereikbare woning past het hele gezin.",
        "en": "No reachable home fits the whole family.",
    },
    "family_why": {"nl": "waarom (niet) gekozen", "en": "why (not) chosen"},
    "home_title": {"nl": "Woning", "en": "Home"},
    "home_intro": {
        "nl": "Kies een woning: wie haar krijgt in het plan en welke andere gezinnen erin zouden passen, "
        "gerangschikt zoals de doelen ze wegen (meer personen, eigen gemeente, meer voor de taakstelling, "
        "minder lege plaatsen).",
        "en": "Choose a home: who gets it in the plan and which other families would fit, ranked as the "
        "objectives weigh them (more persons, own municipality, more for the quota, fewer empty places).",
    },
    "home_rooms": {
        "nl": "{bedrooms} slaapkamers, max. {most} bewoners",
        "en": "{bedrooms} bedrooms, at most {most}",
    },
    "home_bedrooms": {"nl": "Slaapkamers", "en": "Bedrooms"},
    "col_bedrooms": {"nl": "slaapkamers", "en": "bedrooms"},
    "col_max": {"nl": "max. bewoners", "en": "max. occupants"},
    "col_rent": {"nl": "huur", "en": "rent"},
    "home_max": {"nl": "Max. bewoners", "en": "Max. occupants"},
    "home_rent": {"nl": "Huur", "en": "Rent"},
    "home_facts": {
        "nl": "**Soort:** {kind} · **toegankelijk:** {accessible} · **vrij vanaf:** {free}",
        "en": "**Kind:** {kind} · **step-free:** {accessible} · **free from:** {free}",
    },
    "home_free_now": {"nl": "nu", "en": "now"},
    "home_occupants": {"nl": "Bewoners in het plan", "en": "Occupants in the plan"},
    "home_occupant_line": {
        "nl": "Huishouden {household}: {persons} personen ({kind}).",
        "en": "Household {household}: {persons} persons ({kind}).",
    },
    "home_empty": {"nl": "Deze woning blijft leeg in dit plan.", "en": "This home stays empty in this plan."},
    "home_contenders": {"nl": "Gezinnen die erin zouden passen ({n})", "en": "Families that would fit ({n})"},
    "home_contenders_intro": {
        "nl": "Rang 1 weegt het zwaarst volgens de volgorde van de doelen op de pagina Regels.",
        "en": "Rank 1 weighs most by the order of the objectives on the Rules page.",
    },
    "home_no_contenders": {"nl": "Geen gezin past in deze woning.", "en": "No family fits this home."},
    "home_unfit_intro": {
        "nl": "Waarom niet: de huishoudens die hier mogen wonen, naar de regels voor een passende woning "
        "waar ze niet aan voldoen; de reden staat er zoals voor het kleinste huishouden van die groep.",
        "en": "Why not: the households that may live here, by the rules for a fitting home they fail; "
        "the reason is worded as for the smallest household of that group.",
    },
    "home_rank": {"nl": "rang", "en": "rank"},
    "home_in_plan": {"nl": "in het plan", "en": "in the plan"},
    "sidebar_source": {"nl": "Scenario: {source}", "en": "Scenario: {source}"},
    "sidebar_counts": {
        "nl": "{municipalities} gemeenten · {dwellings} woningen · {households} huishoudens · "
        "{persons} personen",
        "en": "{municipalities} municipalities · {dwellings} dwellings · {households} households · "
        "{persons} persons",
    },
    "sidebar_problems": {
        "nl": "De gegevens bevatten {n} {n:probleem|problemen}.",
        "en": "The data has {n} {n:problem|problems}.",
    },
    "sidebar_solving": {"nl": "Er loopt een berekening…", "en": "A solve is running…"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    # Gegevens
    "data_title": {"nl": "Gegevens", "en": "Data"},
    "data_intro": {
        "nl": "Gemeenten met hun taakstelling, het woningaanbod, de huishoudens van nareizigers en de "
        "personen. Open een werkmap of CSV-bestanden, of begin met het voorbeeld; pas de tabellen hier aan.",
        "en": "Municipalities with their quota (taakstelling), the dwellings on offer, the households of "
        "arriving family members (nareizigers) and the persons. Open a workbook or CSV files, or start from "
        "the example; edit the tables here.",
    },
    "upload_label": {
        "nl": "Werkmap (.xlsx) of de vier CSV-bestanden (en eventueel policy.toml)",
        "en": "Workbook (.xlsx) or the four CSV files (and optionally policy.toml)",
    },
    "upload_help": {
        "nl": "Tabbladen of bestanden: municipalities, dwellings, households, persons.",
        "en": "Sheets or files: municipalities, dwellings, households, persons.",
    },
    "upload_browse": {"nl": "Bestanden kiezen", "en": "Browse files"},
    "upload_limit": {"nl": "Tot {mb} MB per bestand • {types}", "en": "Up to {mb} MB per file • {types}"},
    "upload_button": {"nl": "Bestanden openen", "en": "Open files"},
    "upload_one_workbook": {
        "nl": "kies één werkmap, of alleen CSV-bestanden",
        "en": "choose one workbook, or CSV files only",
    },
    "upload_failed": {
        "nl": "De bestanden konden niet worden geopend ({n} {n:probleem|problemen}). "
        "De vorige gegevens blijven staan.",
        "en": "The scenario could not be opened ({n} {n:problem|problems}). "
        "The previous data stays in place.",
    },
    "example_button": {"nl": "Voorbeeld openen", "en": "Open the example"},
    "example_source": {"nl": "voorbeeld", "en": "example"},
    "table_municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "table_dwellings": {"nl": "Woningen", "en": "Dwellings"},
    "table_households": {"nl": "Huishoudens", "en": "Households"},
    "table_persons": {"nl": "Personen", "en": "Persons"},
    "table_problems": {
        "nl": "{n} {n:probleem|problemen} in deze tabel: gemarkeerd met ⚠ in de tabel, en hieronder per rij "
        "en kolom. Pas de cellen aan; daarna kan er gerekend worden.",
        "en": "{n} {n:problem|problems} in this table (row and column below):",
    },
    "table_changes": {
        "nl": "Gewijzigd in deze sessie: {cells} {cells:cel|cellen}, {added} {added:rij|rijen} toegevoegd, "
        "{deleted} verwijderd.",
        "en": "Changed in this session: {cells} {cells:cell|cells}, {added} {added:row|rows} added, "
        "{deleted} deleted.",
    },
    "data_invalid": {
        "nl": "{n} {n:probleem|problemen} in de gegevens ({tables}). "
        "Los {n:het|ze} op voordat u gaat rekenen.",
        "en": "{n} {n:problem|problems} in the data ({tables}). Fix {n:it|them} before solving.",
    },
    "load_notes": {
        "nl": "{n} {n:melding|meldingen} bij het openen (de tabellen zijn wel geopend):",
        "en": "{n} {n:note|notes} from opening the files (the tables were opened):",
    },
    "data_warnings": {
        "nl": "{n} {n:waarschuwing|waarschuwingen} bij de gegevens (rekenen kan wel)",
        "en": "{n} {n:warning|warnings} about the data (solving is possible)",
    },
    "data_warnings_intro": {
        "nl": "Controleer deze punten; ze houden het rekenen niet tegen.",
        "en": "Check these points; they do not block solving.",
    },
    "data_valid": {"nl": "De gegevens zijn in orde.", "en": "The data is valid."},
    "download_scenario": {"nl": "Scenario downloaden (.xlsx)", "en": "Download scenario (.xlsx)"},
    "col_file": {"nl": "bestand", "en": "file"},
    "col_row": {"nl": "rij", "en": "row"},
    "col_column": {"nl": "kolom", "en": "column"},
    "col_message": {"nl": "melding", "en": "message"},
    # Regels
    "rules_title": {"nl": "Regels", "en": "Rules"},
    "rules_intro": {
        "nl": "De regels staan als gegevens in het scenario; wijzig ze hier. Elke regel noemt zijn bron "
        "(Q en casus uit de vraag-en-antwoordlijst gezinshereniging).",
        "en": "The rules are data in the scenario; change them here. Each rule names its source "
        "(Q and casus of the family reunification Q&A).",
    },
    "rules_group_fit": {"nl": "Passende woning", "en": "Suitable dwelling"},
    "rules_group_where": {"nl": "Waar een gezin mag wonen", "en": "Where a family may live"},
    "rules_group_split": {"nl": "Splitsen over twee adressen", "en": "Splitting over two addresses"},
    "rules_group_objective": {"nl": "Doelen en rekentijd", "en": "Objectives and time"},
    "rules_group_procedure": {
        "nl": "Procedure en termijnen",
        "en": "Procedure and terms",
    },
    "rules_group_other": {"nl": "Overige regels", "en": "Other rules"},
    "rules_none": {"nl": "geen (geen grens)", "en": "none (no limit)"},
    "rules_default": {"nl": "standaard: {value}", "en": "default: {value}"},
    "rules_invalid": {"nl": "Deze regels zijn niet geldig:", "en": "These rules are not valid:"},
    "rules_reset": {"nl": "Standaardregels herstellen", "en": "Restore default rules"},
    "policy_label_rent_limit_small": {
        "nl": "Huurgrens 1-2 personen (€)",
        "en": "Rent limit 1-2 persons (€)",
    },
    "policy_label_rent_limit_large": {"nl": "Huurgrens 3+ personen (€)", "en": "Rent limit 3+ persons (€)"},
    "policy_label_rent_large_from_persons": {
        "nl": "Hogere huurgrens vanaf (personen)",
        "en": "Higher rent limit from (persons)",
    },
    "policy_label_bedroom_norm": {"nl": "Slaapkamernorm", "en": "Bedroom norm"},
    "policy_label_adult_age": {"nl": "Volwassen vanaf (jaar)", "en": "Adult from (years)"},
    "policy_label_child_shared_room_age": {
        "nl": "Kinderen delen een kamer onder (jaar)",
        "en": "Children share a room under (years)",
    },
    "policy_label_woningcheck": {"nl": "Woningcheck", "en": "Woningcheck (home check)"},
    "policy_label_regional_cooperation": {"nl": "Regionale samenwerking", "en": "Regional cooperation"},
    "policy_label_amv_municipality_allowed": {
        "nl": "AMV-gezin in de gemeente van de minderjarige",
        "en": "AMV family in the minor's municipality",
    },
    "policy_label_split_allowed": {"nl": "Splitsen toegestaan", "en": "Splitting allowed"},
    "policy_label_split_roles": {"nl": "Rollen op het tweede adres", "en": "Roles at the second address"},
    "policy_label_split_min_age": {
        "nl": "Minimumleeftijd op het tweede adres",
        "en": "Minimum age at the second address",
    },
    "policy_label_objective_order": {
        "nl": "Volgorde van de doelen (belangrijkste eerst)",
        "en": "Order of the objectives (most important first)",
    },
    "policy_label_objective_mode": {"nl": "Manier van optimaliseren", "en": "Optimisation mode"},
    "policy_label_time_limit": {"nl": "Rekentijd (seconden)", "en": "Time limit (seconds)"},
    "policy_help_rent_limit_small": {
        "nl": "Passend toewijzen: aftoppingsgrens 2026 voor een huishouden van 1-2 personen.",
        "en": "Passend toewijzen: the 2026 rent cap for a household of 1-2 persons.",
    },
    "policy_help_rent_limit_large": {
        "nl": "Passend toewijzen: aftoppingsgrens 2026 voor 3 of meer personen.",
        "en": "Passend toewijzen: the 2026 rent cap for 3 or more persons.",
    },
    "policy_help_rent_large_from_persons": {
        "nl": "Vanaf dit aantal personen geldt de hogere huurgrens.",
        "en": "From this group size the higher rent cap applies.",
    },
    "policy_help_bedroom_norm": {
        "nl": "Eurostat-norm (door de minister aangehaald in 2024): stel één kamer, volwassene één kamer, "
        "twee kinderen per kamer. Twee per kamer: personen gedeeld door twee, naar boven afgerond (de "
        "bezettingsnorm van veel corporaties voor grote gezinnen, casus 4).",
        "en": "Eurostat norm (cited by the minister in 2024): a couple one room, an adult one room, "
        "two children per room. Two per room: persons divided by two, rounded up (the occupancy norm "
        "many housing corporations use for large families, casus 4).",
    },
    "policy_help_adult_age": {
        "nl": "Vanaf deze leeftijd telt iemand als volwassene (eigen slaapkamer, splitsen).",
        "en": "From this age a person counts as an adult (own bedroom, splitting).",
    },
    "policy_help_child_shared_room_age": {
        "nl": "Kinderen jonger dan dit delen met z'n tweeën een kamer; ouder alleen bij hetzelfde geslacht.",
        "en": "Children under this age share a room two to one; older only when of the same sex.",
    },
    "policy_help_woningcheck": {
        "nl": "Q5: past de woning van de referent het hele gezin, dan trekken de nareizigers daar in.",
        "en": "Q5: when the referent's home fits the whole family, the family members move in there.",
    },
    "policy_help_regional_cooperation": {
        "nl": "Q6: gemeenten in dezelfde regio huisvesten elkaars gezinnen; nareizigers tellen voor de "
        "gemeente die hen huisvest.",
        "en": "Q6: municipalities of one region house each other's families; arriving members count for "
        "the municipality that houses them.",
    },
    "policy_help_amv_municipality_allowed": {
        "nl": "Q7: het gezin van een alleenstaande minderjarige (AMV) bij voorkeur waar de "
        "minderjarige woont.",
        "en": "Q7: the family of an unaccompanied minor (AMV) preferably where the minor lives.",
    },
    "policy_help_split_allowed": {
        "nl": "Casus 4: twee adressen in één gemeente als het gezin anders geen woning krijgt "
        "(wanneer precies: zie 'Wanneer splitsen').",
        "en": "Casus 4: two addresses in one municipality when the family would otherwise get no home "
        "(when exactly: see 'When to split').",
    },
    "policy_help_split_roles": {
        "nl": "Casus 4: wie op het tweede adres mag wonen (meerderjarige kinderen, broers en zussen).",
        "en": "Casus 4: who may live at the second address (adult children, siblings).",
    },
    "policy_help_split_min_age": {
        "nl": "Casus 4: minderjarigen blijven altijd bij een ouder of de referent.",
        "en": "Casus 4: minors always stay with a parent or the referent.",
    },
    "policy_help_objective_order": {
        "nl": "Standaard (v2): meeste personen gehuisvest; minste splitsingen (casus 4: alleen als het "
        "moet); minst buiten de eigen gemeente (Q6, Q7); minste tekort op de taakstelling (Q10); minste "
        "ongebruikte ruimte.",
        "en": "Default (v2): most persons housed; fewest splits (casus 4: only when forced); fewest housed "
        "away from home (Q6, Q7); least quota shortfall (Q10); least unused capacity.",
    },
    "policy_help_objective_mode": {
        "nl": "Lexicografisch: doel voor doel, een hoger doel gaat altijd voor; gewogen: één berekening met "
        "gescheiden gewichten.",
        "en": "Lexicographic: objective by objective, a higher one always wins; weighted: one solve with "
        "separated weights.",
    },
    "policy_help_time_limit": {
        "nl": "Maximale rekentijd voor de hele berekening; daarna het beste plan tot dan toe.",
        "en": "Maximum time for the whole solve; after that the best plan so far.",
    },
    "policy_label_ind_decision_months": {
        "nl": "Beslistermijn IND (maanden)",
        "en": "IND decision term (months)",
    },
    "policy_label_mvv_collect_months": {"nl": "Afhalen mvv (maanden)", "en": "Collecting the mvv (months)"},
    "policy_label_travel_months": {"nl": "Inreis na mvv (maanden)", "en": "Travel after the mvv (months)"},
    "policy_label_max_vacancy_days": {
        "nl": "Maximale leegstand (dagen)",
        "en": "Longest vacancy (days)",
    },
    "policy_label_max_reception_wait_days": {
        "nl": "Maximale wachttijd in opvang (dagen)",
        "en": "Longest wait in reception (days)",
    },
    "policy_label_time_bucket_days": {"nl": "Tijdvak (dagen)", "en": "Time bucket (days)"},
    "policy_label_plan_with_time": {"nl": "Plannen met datums", "en": "Plan with dates"},
    "policy_label_horizon_days": {"nl": "Planningshorizon (dagen)", "en": "Planning horizon (days)"},
    "policy_help_plan_with_time": {
        "nl": "Automatisch: met datums plannen zodra het scenario een aankomst-, beschikbaarheids- of "
        "stapdatum heeft; dan geldt een leegstand van hoogstens 28 dagen, tenzij hieronder anders.",
        "en": "Automatic: plan with dates as soon as the scenario has an arrival, availability or "
        "step date; a vacancy of at most 28 days then applies unless set below.",
    },
    "policy_help_horizon_days": {
        "nl": "COA: tien weken om te huisvesten plus twee om te verhuizen. Gezinnen die later "
        "aankomen en woningen die later vrijkomen worden later gepland (LATER); leeg is geen grens.",
        "en": "COA: ten weeks to house plus two to move. Families arriving and homes free later are "
        "planned later (LATER); empty means no horizon.",
    },
    "rules_automatic": {"nl": "automatisch", "en": "automatic"},
    "rules_yes": {"nl": "ja", "en": "yes"},
    "rules_no": {"nl": "nee", "en": "no"},
    "policy_label_likely_term_share": {
        "nl": "Waarschijnlijke aankomst (deel van de termijn)",
        "en": "Likely arrival (share of the term)",
    },
    "policy_help_ind_decision_months": {
        "nl": "Q3: de IND beslist binnen zes maanden op een nareisaanvraag.",
        "en": "Q3: the IND decides on a family reunification application within six months.",
    },
    "policy_help_mvv_collect_months": {
        "nl": "Q3: de mvv wordt tot drie maanden na het besluit afgehaald op de ambassade.",
        "en": "Q3: the mvv is collected at the embassy up to three months after the decision.",
    },
    "policy_help_travel_months": {
        "nl": "Q3: na afgifte van de mvv reist het gezin binnen drie maanden naar Nederland.",
        "en": "Q3: after the mvv is issued the family travels to the Netherlands within three months.",
    },
    "policy_help_max_vacancy_days": {
        "nl": "Q3: zoveel dagen mag een woning hoogstens leegstaan in afwachting van het gezin; "
        "leeg is geen grens.",
        "en": "Q3: a home may stand empty at most this many days waiting for its family; "
        "empty means no limit.",
    },
    "policy_help_max_reception_wait_days": {
        "nl": "Q5: zoveel dagen mag een gezin hoogstens in de opvang wachten op zijn woning; "
        "leeg is geen grens.",
        "en": "Q5: a family may wait in reception at most this many days for its home; empty means no limit.",
    },
    "policy_help_time_bucket_days": {
        "nl": "Q3: data worden per tijdvak van zoveel dagen vergeleken, zodat het rekenen snel blijft.",
        "en": "Q3: dates are compared in buckets of this many days, which keeps the solve fast.",
    },
    "policy_help_likely_term_share": {
        "nl": "Q3: de waarschijnlijke aankomst ligt dit deel van de weg van vroegste naar laatste datum.",
        "en": "Q3: the likely arrival lies this share of the way from the earliest to the latest date.",
    },
    "option_eurostat": {"nl": "Eurostat", "en": "Eurostat"},
    "option_one_per_person": {"nl": "één kamer per persoon", "en": "one room per person"},
    "option_lexicographic": {"nl": "lexicografisch", "en": "lexicographic"},
    "option_weighted": {"nl": "gewogen", "en": "weighted"},
    "option_referent": {"nl": "referent", "en": "referent"},
    "option_partner": {"nl": "partner", "en": "partner"},
    "option_child": {"nl": "kind", "en": "child"},
    "option_parent": {"nl": "ouder", "en": "parent"},
    "option_sibling": {"nl": "broer/zus", "en": "sibling"},
    "option_other": {"nl": "overig", "en": "other"},
    **{f"option_{term}": dict(TERM_NAMES[term]) for term in OBJECTIVE_TERMS},  # the names messages use too
    # Oplossen
    "solve_title": {"nl": "Oplossen", "en": "Solve"},
    "solve_blocked": {
        "nl": "Er kan nog niet gerekend worden: de gegevens bevatten {n} {n:probleem|problemen}.",
        "en": "Cannot solve yet: the data has {n} {n:problem|problems}.",
    },
    "solve_to_data": {"nl": "Naar de gegevens", "en": "Go to the data"},
    "solve_scenario": {
        "nl": "{households} huishoudens ({persons} personen) en {dwellings} woningen.",
        "en": "{households} households ({persons} persons) and {dwellings} dwellings.",
    },
    "solve_solver": {"nl": "Rekenmethode (solver)", "en": "Solver"},
    "solve_solver_help": {
        "nl": "De drie optimale methoden zoeken hetzelfde beste plan, elk met een eigen rekenkern; "
        "de vuistregel deelt uit in volgorde van wachten, zoals met de hand.",
        "en": "The three optimal methods search the same best plan, each with its own engine; "
        "the rule of thumb hands out homes in order of waiting, as done by hand.",
    },
    "solver_highs": {"nl": "Optimaal, HiGHS (standaard)", "en": "Optimal, HiGHS (default)"},
    "solver_scip": {"nl": "Optimaal, SCIP", "en": "Optimal, SCIP"},
    "solver_cpsat": {"nl": "Optimaal, CP-SAT", "en": "Optimal, CP-SAT"},
    "solver_greedy": {
        "nl": "Vuistregel: op volgorde van wachten (greedy)",
        "en": "Rule of thumb: in order of waiting (greedy)",
    },
    "solve_time_limit": {"nl": "Rekentijd (seconden)", "en": "Time limit (seconds)"},
    "solve_time_limit_help": {
        "nl": "Na deze tijd stopt de berekening met het beste plan tot dan toe.",
        "en": "After this time the solve ends with the best plan so far.",
    },
    "solve_start": {"nl": "Start berekening", "en": "Start solve"},
    "solve_stop": {"nl": "Stop (beste plan tot nu toe)", "en": "Stop (best plan so far)"},
    "solve_progress": {"nl": "Voortgang", "en": "Progress"},
    "solve_regions": {
        "nl": "{done} van {total} {total:regio|regio's} klaar",
        "en": "{done} of {total} {total:region|regions} done",
    },
    "solve_running": {
        "nl": "De berekening loopt op de achtergrond ({solver}); u kunt intussen andere pagina's bekijken.",
        "en": "The solve runs in the background ({solver}); you can use other pages meanwhile.",
    },
    "solve_done": {
        "nl": "Klaar: {persons} personen gehuisvest ({status}); totaal {seconds} s, inclusief opstarten.",
        "en": "Done: {persons} persons housed ({status}); {seconds} s in all, starting up included.",
    },
    "solve_details": {
        "nl": "Rekenmethode {solver} · doelwaarde {objective} · grens {bound} · verschil {gap}",
        "en": "Solver {solver} · objective {objective} · bound {bound} · gap {gap}",
    },
    "solve_error": {"nl": "De berekening is mislukt: {error}", "en": "The solve failed: {error}"},
    "solve_to_result": {"nl": "Naar het resultaat", "en": "Go to the result"},
    "metric_persons_housed": {"nl": "Personen gehuisvest", "en": "Persons housed"},
    "metric_objective": {"nl": "Doelwaarde", "en": "Objective"},
    "metric_bound": {"nl": "Grens (bound)", "en": "Bound"},
    "metric_gap": {"nl": "Gap", "en": "Gap"},
    "metric_elapsed": {"nl": "Verstreken tijd", "en": "Elapsed"},
    "metric_households_housed": {"nl": "Huishoudens gehuisvest", "en": "Households housed"},
    "metric_households_left": {"nl": "Niet gehuisvest", "en": "Left out"},
    "metric_households_later": {"nl": "Later in te delen", "en": "Planned later"},
    "metric_households_later_help": {
        "nl": "Huishoudens die naar verwachting na de horizon aankomen: die komen in een later plan aan de "
        "beurt en tellen niet mee bij de huishoudens die niet gehuisvest zijn.",
        "en": "Households expected after the horizon: a later plan takes them up, and they do not count "
        "among the households left out.",
    },
    "metric_splits": {"nl": "Gesplitste gezinnen", "en": "Split families"},
    "metric_status": {"nl": "Status", "en": "Status"},
    "metric_shortfall": {"nl": "Tekort taakstelling", "en": "Quota shortfall"},
    "metric_shortfall_help": {
        "nl": "Personen, opgeteld over de gemeenten: hoeveel er nog nodig zijn om de taakstelling te halen.",
        "en": "Summed over the municipalities: how many persons are still needed to meet the quota.",
    },
    "result_planned_on": {
        "nl": "Gepland op {date} (planningsdatum): {later} {later:huishouden komt|huishoudens komen} naar "
        "verwachting na de horizon en {later:wordt|worden} in een later plan ingedeeld.",
        "en": "Planned on {date} (planning date): {later} {later:household is|households are} expected after "
        "the horizon and {later:is|are} planned later.",
    },
    "result_split_rows": {
        "nl": "{splits} {splits:gezin|gezinnen} gesplitst over twee adressen in één gemeente (casus 4); "
        "zo'n gezin staat twee keer in de toewijzingen, één regel per adres.",
        "en": "{splits} {splits:family|families} split over two addresses in one municipality (casus 4); "
        "such a family has two rows in the assignments, one per address.",
    },
    "result_details": {"nl": "Rekendetails", "en": "Solver details"},
    "result_details_text": {
        "nl": "Uitkomst: **{status}** · rekenmethode {solver} · doelwaarde {objective}, grens {bound}, "
        "verschil {gap} · rekentijd {solve} s (plus {build} s model opbouwen).",
        "en": "Outcome: **{status}** · solver {solver} · objective {objective}, bound {bound}, "
        "gap {gap} · solve time {solve} s (plus {build} s building the model).",
    },
    "result_shortfall_list": {
        "nl": "**Gemeenten met een tekort op de taakstelling**",
        "en": "**Municipalities short of their quota**",
    },
    "result_assignments_rows": {
        "nl": "{rows} regels voor {households} huishoudens: een gesplitst gezin heeft twee regels.",
        "en": "{rows} rows for {households} households: a split family has two rows.",
    },
    "result_pin_plan": {
        "nl": "**De woning uit dit plan vastzetten**",
        "en": "**Keep the home of this plan**",
    },
    "result_pin_hand": {
        "nl": "**Een huishouden zelf aan een woning koppelen**",
        "en": "**Pin a household to a home by hand**",
    },
    "pick_household": {"nl": "Huishouden", "en": "Household"},
    "pick_household_placeholder": {"nl": "kies een huishouden", "en": "choose a household"},
    "pick_household_label": {
        "nl": "{id} ({persons} personen) {where}",
        "en": "{id} ({persons} persons) {where}",
    },
    "pick_dwelling": {"nl": "Woning", "en": "Home"},
    "pick_dwelling_placeholder": {"nl": "kies een woning", "en": "choose a home"},
    "pick_dwelling_label": {
        "nl": "{id} · {municipality} · {bedrooms} slaapkamers · nu: {taken}",
        "en": "{id} · {municipality} · {bedrooms} bedrooms · now: {taken}",
    },
    "pick_household_now": {
        "nl": "Huishouden {household} heeft in dit plan: {homes}.",
        "en": "Household {household} has in this plan: {homes}.",
    },
    "pick_dwelling_now": {
        "nl": "Woning {dwelling} gaat in dit plan naar: {household}.",
        "en": "Home {dwelling} goes in this plan to: {household}.",
    },
    "pick_no_home": {"nl": "geen woning", "en": "no home"},
    "pick_nobody": {"nl": "niemand (vrij)", "en": "nobody (free)"},
    "pick_pin_button": {"nl": "Vastzetten en opnieuw berekenen", "en": "Pin and solve again"},
    "pick_unpin_button": {"nl": "Vastzetting opheffen", "en": "Remove the pin"},
    "changes_title": {"nl": "Wat is er veranderd", "en": "What changed"},
    "changes_before": {"nl": "vorige", "en": "before"},
    "changes_after": {"nl": "nu", "en": "now"},
    "changes_why": {"nl": "waarom", "en": "why"},
    "changes_none": {
        "nl": "Geen huishouden kreeg een andere woning dan in het vorige plan.",
        "en": "No household got another home than in the previous plan.",
    },
    "changes_count": {
        "nl": "{n} {n:huishouden kreeg|huishoudens kregen} een andere woning dan in het vorige plan:",
        "en": "{n} {n:household|households} got another home than in the previous plan:",
    },
    "figure_persons_housed": {"nl": "personen gehuisvest", "en": "persons housed"},
    "figure_households_housed": {"nl": "huishoudens gehuisvest", "en": "households housed"},
    "figure_households_unassigned": {"nl": "huishoudens niet gehuisvest", "en": "households left out"},
    "figure_splits": {"nl": "gesplitste gezinnen", "en": "split families"},
    "figure_shortfall": {"nl": "tekort taakstelling (personen)", "en": "quota shortfall (persons)"},
    "figure_status": {"nl": "status", "en": "status"},
    "status_optimal": {"nl": "optimaal", "en": "optimal"},
    "status_feasible": {"nl": "toegestaan (niet bewezen optimaal)", "en": "feasible (not proven optimal)"},
    "status_infeasible": {"nl": "onmogelijk", "en": "infeasible"},
    "status_unknown": {"nl": "onbekend", "en": "unknown"},
    # Resultaat
    "result_title": {"nl": "Resultaat", "en": "Result"},
    "result_no_plan": {
        "nl": "Er is nog geen plan. Start een berekening op de pagina Oplossen.",
        "en": "There is no plan yet. Start a solve on the Solve page.",
    },
    "result_to_solve": {"nl": "Naar Oplossen", "en": "Go to Solve"},
    "result_stale": {
        "nl": "De gegevens of regels zijn gewijzigd sinds dit plan is berekend; reken opnieuw voor een "
        "actueel plan.",
        "en": "The data or rules changed since this plan was made; solve again for a current plan.",
    },
    "result_solver": {
        "nl": "Solver {solver}, {seconds} s; totaal tekort op de taakstelling: {shortfall} personen. "
        "{message}",
        "en": "Solver {solver}, {seconds} s; total quota shortfall: {shortfall} persons. {message}",
    },
    "result_filter": {"nl": "Filter op gemeente", "en": "Filter by municipality"},
    "result_all": {"nl": "alle gemeenten", "en": "all municipalities"},
    "result_quota": {"nl": "Taakstelling per gemeente", "en": "Quota (taakstelling) per municipality"},
    "result_no_municipalities": {"nl": "Geen gemeenten om te tonen.", "en": "No municipalities to show."},
    "chart_housed_before": {"nl": "al gehuisvest", "en": "already housed"},
    "chart_newly_counted": {"nl": "nieuw geteld", "en": "newly counted"},
    "chart_shortfall": {"nl": "tekort", "en": "shortfall"},
    "chart_quota": {"nl": "taakstelling", "en": "quota"},
    "chart_persons": {"nl": "personen", "en": "persons"},
    "chart_caption": {
        "nl": "Balken: al gehuisvest, nieuw geteld door dit plan en het tekort; streepje: de taakstelling.",
        "en": "Bars: already housed, newly counted by this plan and the shortfall; tick: the quota.",
    },
    "result_assignments": {"nl": "Toewijzingen: {n} huishoudens", "en": "Assignments: {n} households"},
    "result_none": {"nl": "Geen toewijzingen om te tonen.", "en": "No assignments to show."},
    "result_unassigned": {"nl": "Niet gehuisvest ({n})", "en": "Not housed ({n})"},
    "result_all_housed": {"nl": "Alle huishoudens zijn gehuisvest.", "en": "Every household is housed."},
    "result_all_housed_now": {
        "nl": "Alle huishoudens die nu aan de beurt zijn, zijn gehuisvest.",
        "en": "Every household due now is housed.",
    },
    "result_later": {"nl": "Later in te delen ({n})", "en": "Planned later ({n})"},
    "result_later_caption": {
        "nl": "Deze huishoudens komen naar verwachting na de horizon aan; een later plan deelt ze in. Ze "
        "staan ook in het bestand met niet gehuisveste huishoudens, met reden LATER.",
        "en": "These households are expected after the horizon; a later plan takes them up. The file of "
        "households not housed lists them too, with reason LATER.",
    },
    "solve_previous": {"nl": "Opnieuw plannen ten opzichte van", "en": "Re-plan against"},
    "solve_previous_help": {
        "nl": "Elk gezin blijft waar dit plan het had, tenzij verhuizen meer personen huisvest of een "
        "splitsing voorkomt; aangekondigde en verhuisde gezinnen blijven altijd. Kies het plan van "
        "vorige week (bewaard op Scenario's) na het openen van een nieuwe export.",
        "en": "Every family stays where this plan has it unless moving it houses more persons or "
        "avoids a split; announced and moved-in families always stay. Choose last week's plan (saved "
        "on Scenarios) after opening a new export.",
    },
    "previous_screen": {"nl": "het plan op het scherm", "en": "the plan on screen"},
    "previous_stored": {"nl": "het plan van '{name}' (bewaard)", "en": "the plan of '{name}' (saved)"},
    "previous_none": {"nl": "geen: een nieuw plan", "en": "none: a new plan"},
    "result_status_title": {"nl": "Aangekondigd en verhuisd", "en": "Announced and moved in"},
    "result_status_text": {
        "nl": "Markeer de gezinnen die hun woning al te horen kregen en die er al wonen. Opnieuw "
        "berekenen laat ze in hun woning; van een verhuisd gezin gaat de woning uit de voorraad en "
        "komt de woning die de referent verlaat vrij. De markering gaat mee in de download (kolom "
        "status), zodat `allocation solve --previous` haar leest.",
        "en": "Mark the families who were told their home, and those who live there. Solving again "
        "keeps them in their homes; a moved-in family's home leaves the stock and the home its "
        "referent leaves comes free. The marks go with the download (column status), so "
        "`allocation solve --previous` reads them.",
    },
    "result_announced_label": {
        "nl": "Aangekondigd: het gezin weet welke woning het krijgt",
        "en": "Announced: the family was told its home",
    },
    "result_moved_in_label": {
        "nl": "Verhuisd: het gezin woont er",
        "en": "Moved in: the family lives there",
    },
    "result_status_count": {
        "nl": "{announced} aangekondigd, {moved_in} verhuisd; opnieuw berekenen houdt ze waar ze zijn.",
        "en": "{announced} announced, {moved_in} moved in; solving again keeps them where they are.",
    },
    "family_mark": {"nl": "Status van deze toewijzing", "en": "Status of this assignment"},
    "result_status_button": {"nl": "Opnieuw berekenen", "en": "Solve again"},
    "col_status": {"nl": "status", "en": "status"},
    "mark_planned": {"nl": "gepland", "en": "planned"},
    "mark_announced": {"nl": "aangekondigd", "en": "announced"},
    "mark_moved_in": {"nl": "verhuisd", "en": "moved in"},
    "col_status_help": {
        "nl": "gepland (mag nog wijzigen), aangekondigd of verhuisd",
        "en": "planned (may still change), announced or moved in",
    },
    "result_pin_title": {"nl": "Toewijzingen vastzetten", "en": "Fix assignments"},
    "result_pin_label": {
        "nl": "Huishoudens waarvan de woning vast staat bij de volgende berekening",
        "en": "Households whose dwelling stays fixed in the next solve",
    },
    "result_pin_placeholder": {"nl": "kies huishoudens", "en": "choose households"},
    "result_pin_button": {"nl": "Vastzetten en opnieuw berekenen", "en": "Fix and solve again"},
    "result_pin_invalid": {
        "nl": "Vastzetten geeft ongeldige gegevens; zie de pagina Gegevens.",
        "en": "Fixing gives invalid data; see the Data page.",
    },
    "download_plan_xlsx": {"nl": "Plan downloaden (.xlsx)", "en": "Download plan (.xlsx)"},
    "download_plan_csv": {"nl": "Plan downloaden (CSV, zip)", "en": "Download plan (CSV, zip)"},
    "col_pin": {"nl": "vast", "en": "fixed"},
    "col_pin_help": {
        "nl": "Deze toewijzing vastzetten bij de volgende berekening",
        "en": "Keep this assignment in the next solve",
    },
    "col_household": {"nl": "huishouden", "en": "household"},
    "col_dwelling": {"nl": "woning", "en": "dwelling"},
    "col_municipality": {"nl": "gemeente", "en": "municipality"},
    "col_linked_municipality": {"nl": "gekoppelde gemeente", "en": "linked municipality"},
    "col_kind": {"nl": "soort", "en": "kind"},
    "col_persons": {"nl": "personen", "en": "persons"},
    "col_person_ids": {"nl": "personen (id)", "en": "persons (id)"},
    "col_quota_effect": {"nl": "telt voor taakstelling", "en": "counts for quota"},
    "col_away": {"nl": "buiten eigen gemeente", "en": "away from home"},
    "col_unused": {"nl": "ongebruikte plaatsen", "en": "unused places"},
    "col_reason_code": {"nl": "redencode", "en": "reason code"},
    "col_reason": {"nl": "reden", "en": "reason"},
    "kind_join": {"nl": "bij referent", "en": "joins referent"},
    "kind_move": {"nl": "verhuist", "en": "moves"},
    "kind_split": {"nl": "gesplitst", "en": "split"},
    # Scenario's
    "scen_title": {"nl": "Scenario's", "en": "Scenarios"},
    "scen_intro": {
        "nl": "Bewaar het scenario met zijn plan onder een naam, open het later weer of vergelijk twee "
        "scenario's.",
        "en": "Save the scenario with its plan under a name, open it again later or compare two scenarios.",
    },
    "scen_save": {"nl": "Bewaren", "en": "Save"},
    "scen_save_invalid": {
        "nl": "Alleen geldige gegevens kunnen worden bewaard.",
        "en": "Only valid data can be saved.",
    },
    "scen_name": {"nl": "Naam", "en": "Name"},
    "scen_name_placeholder": {"nl": "bijv. voorjaar 2026, variant A", "en": "e.g. spring 2026, variant A"},
    "scen_save_button": {"nl": "Scenario bewaren", "en": "Save scenario"},
    "scen_save_with_plan": {
        "nl": "Het plan van dit scenario wordt meebewaard.",
        "en": "The plan of this scenario is saved with it.",
    },
    "scen_save_without_plan": {
        "nl": "Er is (nog) geen plan bij deze gegevens; alleen het scenario wordt bewaard.",
        "en": "There is no plan for this data (yet); only the scenario is saved.",
    },
    "scen_name_missing": {"nl": "Geef het scenario een naam.", "en": "Give the scenario a name."},
    "scen_saved": {"nl": "Bewaard als '{name}'.", "en": "Saved as '{name}'."},
    "scen_list": {"nl": "Bewaarde scenario's", "en": "Saved scenarios"},
    "scen_empty": {"nl": "Nog geen bewaarde scenario's.", "en": "No saved scenarios yet."},
    "scen_choose": {"nl": "Scenario", "en": "Scenario"},
    "scen_load": {"nl": "Openen", "en": "Open"},
    "scen_loaded": {"nl": "'{name}' is geopend.", "en": "'{name}' is open."},
    "scen_delete": {"nl": "Verwijderen", "en": "Delete"},
    "scen_compare": {"nl": "Vergelijken", "en": "Compare"},
    "scen_compare_need_two": {
        "nl": "Bewaar minstens twee scenario's om te vergelijken.",
        "en": "Save at least two scenarios to compare.",
    },
    "scen_source_deleted": {"nl": "{name} (verwijderd, niet bewaard)", "en": "{name} (deleted, not saved)"},
    "family_municipality": {"nl": "Gemeente", "en": "Municipality"},
    "scen_compare_same": {
        "nl": "Kies twee verschillende scenario's om te vergelijken.",
        "en": "Choose two different scenarios to compare.",
    },
    "scen_compare_changes": {
        "nl": "**Andere woning** in {b} dan in {a}: {n} {n:huishouden|huishoudens}",
        "en": "**Another home** in {b} than in {a}: {n} {n:household|households}",
    },
    "scen_compare_a": {"nl": "Scenario A", "en": "Scenario A"},
    "scen_compare_b": {"nl": "Scenario B", "en": "Scenario B"},
    "scen_compare_no_plan": {
        "nl": "Een van beide is zonder plan bewaard; per gemeente valt niets te vergelijken.",
        "en": "One of them was saved without a plan; there is nothing to compare per municipality.",
    },
    "scen_compare_municipalities": {
        "nl": "**Per gemeente** (verschil = nieuw geteld in {b} min {a})",
        "en": "**Per municipality** (difference = newly counted in {b} minus {a})",
    },
    "col_name": {"nl": "naam", "en": "name"},
    "col_households": {"nl": "huishoudens", "en": "households"},
    "col_has_plan": {"nl": "met plan", "en": "with plan"},
    "col_saved_at": {"nl": "bewaard op", "en": "saved at"},
    "col_figure": {"nl": "kengetal", "en": "figure"},
    "col_difference": {"nl": "verschil", "en": "difference"},
    "nav_forecast": {"nl": "Prognose", "en": "Forecast"},
    "forecast_title": {"nl": "Prognose", "en": "Forecast"},
    "forecast_intro": {
        "nl": "Wanneer komen de gezinnen? Per huishouden de aankomst uit de ingevulde datum, anders uit de "
        "TVS-stap en de termijnen van de procedure (Q3); afgewezen aanvragen tellen niet mee.",
        "en": "When do the families arrive? Per household the arrival from the given date, else from the "
        "TVS step and the terms of the procedure (Q3); refused applications do not count.",
    },
    "forecast_invalid": {
        "nl": "De gegevens bevatten problemen; los ze op de pagina Gegevens op om de prognose te zien.",
        "en": "The data has problems; fix them on the Data page to see the forecast.",
    },
    "forecast_households": {"nl": "Huishoudens verwacht", "en": "Households expected"},
    "forecast_persons": {"nl": "Nareizigers verwacht", "en": "Family members expected"},
    "forecast_refused": {"nl": "Afgewezen", "en": "Refused"},
    "forecast_overdue": {"nl": "Over tijd", "en": "Overdue"},
    "forecast_overdue_help": {
        "nl": "Het aankomstvenster is voorbij en het gezin staat nog niet als aangekomen: controleer de TVS.",
        "en": "The arrival window has ended and the family is not recorded as arrived: check the TVS.",
    },
    "forecast_overdue_title": {
        "nl": "{n} {n:huishouden|huishoudens} over tijd: het aankomstvenster is voorbij. Controleer de TVS "
        "(aangekomen, vertraagd of afgezien?) en werk de stap en datum bij.",
        "en": "{n} {n:household|households} overdue: the arrival window has ended. Check the TVS (arrived, "
        "delayed or withdrawn?) and update the step and date.",
    },
    "forecast_col_step_date": {"nl": "datum stap", "en": "step date"},
    "forecast_col_latest": {"nl": "uiterlijk verwacht", "en": "latest expected"},
    "forecast_unknown": {"nl": "Zonder datum of stap", "en": "Without date or step"},
    "forecast_arrivals": {"nl": "Aankomsten per maand", "en": "Arrivals per month"},
    "forecast_arrivals_caption": {
        "nl": "Nareizigers per maand van de waarschijnlijke aankomst, per gekoppelde gemeente.",
        "en": "Arriving family members per month of the likely arrival, per linked municipality.",
    },
    "forecast_none": {"nl": "Er worden geen aankomsten verwacht.", "en": "No arrivals are expected."},
    "forecast_schools": {"nl": "Schoolplaatsen", "en": "School places"},
    "forecast_schools_caption": {
        "nl": "Q12: kinderen van 4 tot en met 11 jaar (basisschool) en van 12 tot en met 17 jaar "
        "(Internationale Schakelklas, vaak regionaal) per gemeente en maand van aankomst.",
        "en": "Q12: children aged 4 to 11 (primary school) and 12 to 17 (international transition class, "
        "ISK, often regional) per municipality and month of arrival.",
    },
    "forecast_no_children": {
        "nl": "Er komen geen kinderen van schoolgaande leeftijd.",
        "en": "No children of school age are arriving.",
    },
    "forecast_col_month": {"nl": "maand", "en": "month"},
    "forecast_col_region": {"nl": "regio", "en": "region"},
    "forecast_col_primary": {"nl": "basisschool (4-11)", "en": "primary school (4-11)"},
    "forecast_col_isk": {"nl": "ISK (12-17)", "en": "ISK (12-17)"},
    "forecast_deadlines": {"nl": "Termijnen per huishouden", "en": "Deadlines per household"},
    "forecast_col_due": {"nl": "datum", "en": "due"},
    "forecast_col_household": {"nl": "huishouden", "en": "household"},
    "forecast_col_deadline": {"nl": "termijn", "en": "deadline"},
    "forecast_deadline_arrival": {"nl": "verwachte aankomst", "en": "expected arrival"},
    "forecast_deadline_ind_appointment": {
        "nl": "Q9: afspraak bij de IND (binnen 3 dagen)",
        "en": "Q9: IND appointment (within 3 days)",
    },
    "forecast_deadline_gp_intake": {
        "nl": "Q11: intake huisarts (binnen 2 weken, tolk vergoed)",
        "en": "Q11: GP intake (within 2 weeks, interpreter reimbursed)",
    },
    "forecast_deadline_quota_count": {
        "nl": "Q10: telt mee voor de taakstelling zodra gehuisvest",
        "en": "Q10: counts toward the taakstelling once housed",
    },
    "forecast_download_ics": {"nl": "Agenda downloaden (.ics)", "en": "Download calendar (.ics)"},
    "forecast_quota_from_arrival": {
        "nl": "Q10 telt vanaf de verwachte aankomst; met een plan vanaf de dag dat het plan "
        "het gezin huisvest.",
        "en": "Q10 counts from the expected arrival; with a plan from the day the plan houses the family.",
    },
    "forecast_quota_from_plan": {
        "nl": "Q10 telt vanaf de dag dat het plan het gezin huisvest (aankomst of, later, de dag "
        "dat de woning vrij is).",
        "en": "Q10 counts from the day the plan houses the family (arrival or, later, the day "
        "the home is free).",
    },
    # Regels: the v2 settings
    "option_two_per_room": {"nl": "twee per kamer", "en": "two per room"},
    "option_no_home_in_plan": {"nl": "geen woning in het plan", "en": "no home in the plan"},
    "option_no_fitting_home": {"nl": "geen passende woning", "en": "no fitting home"},
    "rules_group_quota": {"nl": "Taakstelling", "en": "Quota (taakstelling)"},
    "policy_label_rent_limit_young": {
        "nl": "Huurgrens 18-20-jarigen (€)",
        "en": "Rent limit 18-20-year-olds (€)",
    },
    "policy_label_rent_limit_young_applies": {
        "nl": "Huurgrens jongeren toepassen",
        "en": "Apply the youth rent limit",
    },
    "policy_label_young_max_age": {
        "nl": "Huurgrens jongeren tot en met (jaar)",
        "en": "Youth rent limit up to and including (years)",
    },
    "policy_label_split_when": {"nl": "Wanneer splitsen", "en": "When to split"},
    "policy_label_quota_period_end": {
        "nl": "Einde van de taakstellingsperiode",
        "en": "End of the quota period",
    },
    "policy_label_planning_date": {"nl": "Planningsdatum", "en": "Planning date"},
    "policy_help_rent_limit_young": {
        "nl": "Huurtoeslag 2026: voor 18- tot en met 20-jarigen telt de huur maar tot deze grens mee; "
        "een hogere huur is voor een afgesplitst jongvolwassen kind zonder inkomen niet op te brengen "
        "(casus 4).",
        "en": "Huurtoeslag 2026: for 18-20-year-olds rent counts only up to this limit; a higher rent is "
        "unaffordable for a split-off young adult without income (casus 4).",
    },
    "policy_help_rent_limit_young_applies": {
        "nl": "Geldt voor een groep waarin iedereen 18 tot en met de leeftijdsgrens is, zoals het tweede "
        "adres bij splitsen (casus 4); uitzetten laat de gewone huurgrenzen gelden.",
        "en": "Applies to a group in which everyone is 18 up to the age limit, such as the second address "
        "of a split (casus 4); switched off, the usual rent limits apply.",
    },
    "policy_help_young_max_age": {
        "nl": "Oudste leeftijd waarvoor de huurgrens voor jongeren geldt (huurtoeslag: 18-20 jaar).",
        "en": "Oldest age the youth rent limit covers (huurtoeslag: 18-20 years).",
    },
    "policy_help_split_when": {
        "nl": "Casus 4: 'geen woning in het plan' (standaard, v2): splitsen mag zodra het plan het gezin "
        "geen enkele woning geeft, ook als de ene woning voor het hele gezin naar een gezin gaat dat "
        "nergens anders past (noodgedwongen). 'Geen passende woning' (v1): alleen als geen bereikbare "
        "woning het hele gezin past.",
        "en": "Casus 4: 'no home in the plan' (default, v2): a split is allowed whenever the plan gives the "
        "family no single home, also when the one home for the whole family goes to a family that fits "
        "nowhere else. 'No fitting home' (v1): only when no reachable home fits the whole family.",
    },
    "policy_help_quota_period_end": {
        "nl": "Q10: laatste dag van de taakstellingsperiode; wie een woning krijgt die pas daarna vrij is, "
        "telt voor de volgende periode (kolom counted_next_period), niet voor het tekort van nu.",
        "en": "Q10: last day of the quota period; a person housed in a home free only after it counts for "
        "the next period (column counted_next_period), not for this shortfall.",
    },
    "policy_help_planning_date": {
        "nl": "Q3: de dag waarop het plan gemaakt wordt; woningen zonder datum zijn dan vrij, gezinnen "
        "zonder datum dan hier. Leeg: vandaag (voor de waarschuwingen).",
        "en": "Q3: the day the plan is made; homes without a date are free then, families without one "
        "here. Empty: today (for the warnings).",
    },
    "rules_order_title": {"nl": "Volgorde van de doelen", "en": "Order of the objectives"},
    "rules_order_intro": {
        "nl": "Een hoger doel gaat altijd voor een lager. Nu ingesteld:",
        "en": "A higher objective always wins over a lower one. Now set:",
    },
    "rules_order_v1": {
        "nl": "De volgorde van v1 (personen, tekort, buiten, splitsingen, ruimte) blijft te kiezen; "
        "met 'Wanneer splitsen' op 'geen passende woning' komt het gedrag van v1 terug.",
        "en": "The v1 order (persons, shortfall, away, splits, unused) stays selectable; with 'When to "
        "split' set to 'no fitting home' the v1 behaviour comes back.",
    },
    "rules_term_persons": {
        "nl": "meeste personen gehuisvest",
        "en": "most persons housed",
    },
    "rules_term_splits": {
        "nl": "minste splitsingen (casus 4: alleen als het moet)",
        "en": "fewest splits (casus 4: only when forced)",
    },
    "rules_term_away": {
        "nl": "minst buiten de eigen gemeente (Q6: samenwerking als de eigen gemeente geen woning heeft; "
        "Q7: het netwerk van de minderjarige)",
        "en": "fewest housed away from home (Q6: cooperation when the own municipality has no home; "
        "Q7: the minor's network)",
    },
    "rules_term_shortfall": {
        "nl": "minste tekort op de taakstelling (Q10)",
        "en": "least quota shortfall (Q10)",
    },
    "rules_term_unused": {
        "nl": "minste ongebruikte ruimte",
        "en": "least unused capacity",
    },
    "rules_term_wait": {
        "nl": "minste wachtdagen in de opvang (Q5)",
        "en": "fewest days waiting in reception (Q5)",
    },
    "rules_term_vacancy": {
        "nl": "minste dagen leegstand (Q3)",
        "en": "fewest days a home stands empty (Q3)",
    },
    # the data editors' column tooltips, column_help_TABLE_COLUMN: what a planner fills in
    "column_help_municipalities_code": {
        "nl": "CBS-code van de gemeente, bijv. GM0153.",
        "en": "CBS code, e.g. GM0153.",
    },
    "column_help_municipalities_name": {"nl": "Naam van de gemeente.", "en": "Name of the municipality."},
    "column_help_municipalities_region": {
        "nl": "Samenwerkingsregio: gemeenten met dezelfde regio mogen elkaars gezinnen huisvesten (Q6). "
        "Leeg: de gemeente huisvest alleen de eigen gezinnen.",
        "en": "Cooperation region: municipalities of one region may house each other's families (Q6). "
        "Empty: only its own families.",
    },
    "column_help_municipalities_quota": {
        "nl": "Taakstelling voor deze periode, in personen.",
        "en": "Task quota (taakstelling) for the period, in persons.",
    },
    "column_help_municipalities_housed": {
        "nl": "Personen die deze periode al gehuisvest en geteld zijn. Leeg: 0.",
        "en": "Persons already housed and counted this period. Empty: 0.",
    },
    "column_help_dwellings_id": {
        "nl": "Uw eigen kenmerk van de woning, uniek.",
        "en": "Your own id of the home, unique.",
    },
    "column_help_dwellings_municipality": {
        "nl": "Gemeente waar de woning staat.",
        "en": "Municipality of the home.",
    },
    "column_help_dwellings_bedrooms": {"nl": "Aantal slaapkamers.", "en": "Number of bedrooms."},
    "column_help_dwellings_max_occupants": {
        "nl": "Hoeveel personen er volgens de verhuurder mogen wonen.",
        "en": "How many persons may live there, as the landlord says.",
    },
    "column_help_dwellings_rent": {
        "nl": "Huur per maand in euro's, getoetst aan de aftoppingsgrens. Leeg: huur niet getoetst.",
        "en": "Monthly rent in euros, checked against the rent limit. Empty: not checked.",
    },
    "column_help_dwellings_accessible": {
        "nl": "Gelijkvloers: zonder trap te bereiken en te bewonen.",
        "en": "Step-free: reached and lived in without stairs.",
    },
    "column_help_dwellings_kind": {
        "nl": "Zelfstandige woning, of een kamer (kamerbewoning: alleen voor één persoon).",
        "en": "Independent home, or a room (for one person only).",
    },
    "column_help_dwellings_available_from": {
        "nl": "Datum waarop de woning vrijkomt. Leeg: nu vrij.",
        "en": "The day the home comes free. Empty: free now.",
    },
    "column_help_households_id": {
        "nl": "Kenmerk van het huishouden, uniek.",
        "en": "Id of the household, unique.",
    },
    "column_help_households_municipality": {
        "nl": "Gekoppelde gemeente van de referent.",
        "en": "The municipality the referent is linked to.",
    },
    "column_help_households_current_dwelling": {
        "nl": "Woning waar de referent nu woont. Leeg: de referent verblijft nog in de opvang (azc).",
        "en": "The referent's home now. Empty: the referent is still in reception.",
    },
    "column_help_households_arrival": {
        "nl": "Aankomstdatum van de nareizigers: de werkelijke, of de reisdatum zodra die bekend is "
        "(geboekt na het ophalen van de mvv). Dan houdt het plan een woning vast voor die dag. Leeg: "
        "de prognose uit de TVS-stap.",
        "en": "Arrival day of the family members: the real one, or the travel day as soon as it is known "
        "(booked after collecting the mvv); the plan then holds a home for that day. Empty: the "
        "forecast from the TVS step.",
    },
    "column_help_households_needs_accessible": {
        "nl": "Het hoofdadres (de groep van de referent) moet gelijkvloers zijn.",
        "en": "The main address (the referent's group) must be step-free.",
    },
    "column_help_households_amv_municipality": {
        "nl": "Bij het gezin van een alleenstaande minderjarige (AMV): de gemeente waar de minderjarige "
        "woont (Q7).",
        "en": "For the family of an unaccompanied minor: where the minor lives (Q7).",
    },
    "column_help_households_pinned_dwelling": {
        "nl": "Uw besluit: dit huishouden krijgt deze woning.",
        "en": "Your decision: this household gets this home.",
    },
    "column_help_households_pinned_municipality": {
        "nl": "Uw besluit: dit huishouden wordt in deze gemeente gehuisvest.",
        "en": "Your decision: this household is housed in this municipality.",
    },
    "column_help_households_tvs_step": {
        "nl": "Waar de procedure staat in TVS (Q1); met de datum volgt daaruit de prognose van de "
        "aankomst (Q3).",
        "en": "Where the procedure stands in TVS (Q1); with its date it gives the arrival forecast (Q3).",
    },
    "column_help_households_step_date": {
        "nl": "Datum waarop de TVS-stap bereikt is; een stap hoort bij een datum en omgekeerd.",
        "en": "The day the TVS step was reached; a step needs its date and a date its step.",
    },
    "column_help_persons_id": {
        "nl": "Pseudoniem kenmerk van de persoon; geen namen.",
        "en": "Pseudonymous id of the person; no names.",
    },
    "column_help_persons_household": {
        "nl": "Het huishouden van de persoon.",
        "en": "The person's household.",
    },
    "column_help_persons_role": {
        "nl": "Rol in het gezin; precies één referent per huishouden.",
        "en": "Role in the family; exactly one referent per household.",
    },
    "column_help_persons_age": {"nl": "Leeftijd in jaren.", "en": "Age in years."},
    "column_help_persons_sex": {
        "nl": "Geslacht; telt mee voor de slaapkamers van kinderen.",
        "en": "Sex; counts for the children's bedrooms.",
    },
    "column_help_persons_arriving": {
        "nl": "Nareiziger die nog komt. Leeg: ja, behalve voor de referent.",
        "en": "A family member still to arrive. Empty: yes, except for the referent.",
    },
    "column_help_persons_counted_before": {
        "nl": "Eerder gehuisvest en geteld voor een taakstelling. Leeg: afgeleid (Q6, Q10).",
        "en": "Housed and counted for a task quota before. Empty: derived (Q6, Q10).",
    },
    "column_help_persons_needs_accessible": {
        "nl": "Deze persoon heeft een gelijkvloerse woning nodig, dus de groep waarin hij woont ook.",
        "en": "This person needs a step-free home, so the group they live in does too.",
    },
}


def has_text(key: str, lang: str) -> bool:
    """Whether a text exists (optional labels fall back to names)."""
    return lang in TEXTS.get(key, {})


class _Plurals(string.Formatter):
    """str.format, and `{n:one|many}` says `one` when n is 1, else `many` ("1 probleem", "3 problemen")."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


def text(key: str, lang: str = "nl", **values: object) -> str:
    """The text KEY in LANG (Dutch when missing), with {placeholders} filled in."""
    entry = TEXTS[key]
    template = entry.get(lang) or entry["nl"]
    return _PLURALS.format(template, **values) if values else template
