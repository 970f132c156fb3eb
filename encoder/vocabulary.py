"""The words of FRUS pages the parser's rules look for, each list written once.

Every rule that needs a document kind, a label, a salutation, a courtesy title, an office,
a month, a marking word or the footnote-marker pattern takes it from here, so that a word
added for one rule serves all of them (a kind added here is also a kind that starts a
document in a copied chapter, and one a label may name). The lists are data: the patterns
built from them below are the only regexes that spell these words.

It sits beside :mod:`encoder.dates` rather than inside :mod:`encoder.parser` because the
dates module uses the months and the marker pattern too, and the parser imports dates.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------ document kinds

DOC_KINDS = (
    "Telegram",
    "Airgram",
    "Memorandum",
    "Letter",
    "Despatch",
    "Dispatch",
    "Instruction",
    "Note",
    "Editorial Note",
    "Message",
    "Backchannel Message",
    "Oral Message",
    "Paper",
    "Briefing Paper",
    "Position Paper",
    "Report",
    "Contact Report",
    "Situation Report",
    "Department of State Situation Report",
    "Minutes",
    "Notes",
    "Aide-Mémoire",
    "Aide-Memoire",
    "Circular",
    "Cable",
    "Intelligence Memorandum",
    "Research Memorandum",
    "Action Memorandum",
    "Information Memorandum",
    "Briefing Memorandum",
    "National Intelligence Estimate",
    "Special National Intelligence Estimate",
    "Summary",
    "Summary of Conversation",
    "Record",
    "Record of Meeting",
    "Summary Record",
    "Transcript",
    "Statement",
    "Draft",
    "Study",
    "Directive",
    "Telephone Conversation",
    "Conversation",
    "Diary Entry",
    "Talking Points",
    "Remarks",
)
"""What a FRUS heading calls a document (``87. Telegram From …``, ``215. Editorial Note``)."""

KIND_QUALIFIERS = (
    "Circular",
    "Personal",
    "Joint",
    "Special",
    "Intelligence",
    "Research",
    "Information",
    "Action",
    "Briefing",
    "Oral",
    "Telephone",
    "Summary of",
    "Record of",
    "Summary",
)
"""Words that may stand before a kind (``Circular Telegram``, ``Joint Message``)."""


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words``, longest first so that the longest one wins."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


KIND_PATTERN = rf"(?:(?:{_alternation(KIND_QUALIFIERS)})\s+)?(?:{_alternation(DOC_KINDS)})"
"""A document kind, with an optional qualifier, as a heading gives it."""
KIND_RE = re.compile(rf"\b({KIND_PATTERN})\b")
"""The first document kind in a heading (``Circular Telegram``)."""
KIND_START_RE = re.compile(rf"^\s*({KIND_PATTERN})\b", re.IGNORECASE)
"""A line or label that begins with a document kind (``Telegram—Extract``)."""

# ------------------------------------------------------------------ labels

LABELS = (
    "Telegram",
    "Translation",
    "Extract",
    "Extracts",
    "Paraphrase",
    "Circular",
    "Memorandum",
    "Letter",
    "Note",
    "Despatch",
    "Inclosure",
    "Enclosure",
    "Copy",
    "Excerpt",
    "Summary",
    "Substance",
    "Abstract",
    "Aide-Mémoire",
    "Aide-Memoire",
)
"""Words that open an editors' bracketed label over a document (``[Telegram—Extract]``,
``[Translation.]``)."""
LABEL_RE = re.compile(rf"^\[(?:{_alternation(LABELS)})[^\]]*\]\S*$")
"""A label line: ``[Telegram]``, ``[Telegram—Extract]1``, ``[Translation.]``."""
SOURCE_LABELS = ("Extract", "Extracts", "Translation")
"""Labels that early volumes (1861) print where a source note stands, and that their
editors encode as the document's inline source note: the whole label alone, nothing else."""
SOURCE_LABEL_RE = re.compile(rf"^\[(?:{_alternation(SOURCE_LABELS)})\.?\]$")

ATTACHMENT_WORDS = (
    "Inclosure",
    "Enclosure",
    "Subinclosure",
    "Subenclosure",
    "Translation",
    "Attachment",
    "Annex",
    "Appendix",
    "Tab",
)
"""Words that open an enclosure's label (``[Inclosure 1 in No. 88]``)."""
ATTACHMENT_START_RE = re.compile(
    rf"^\[(?:{_alternation(ATTACHMENT_WORDS)})\b|^(?:Attachment|Enclosure|Tab [A-Z])\b"
)

# ------------------------------------------------------------------ closing words

SALUTATIONS = (
    "I have the honor to be",
    "I have",
    "I am",
    "I remain",
    "I have, etc",
    "Very respectfully",
    "Respectfully",
    "Sincerely",
    "Faithfully",
    "Cordially",
    "Yours",
    "Your obedient servant",
    "With high respect",
    "With the highest respect",
    "As ever",
    "Ever yours",
    "Accept, sir",
    "Accept, Sir",
    "I take this opportunity",
    "Be pleased",
    "I avail myself",
    "I renew",
)
"""How a letter's complimentary close begins (``I have the honor to be, sir, …``)."""
SALUTE_START_RE = re.compile(
    rf"^(?:{_alternation(SALUTATIONS)}"
    r"|With (?:warm|warmest|kind|kindest|best|all good|every good)\b|(?:Warm|Warmest|Kind|Best) regards"
    r")\b"
)
SALUTE_RE = re.compile(SALUTE_START_RE.pattern + r".{0,80}[,.]$")
"""A whole complimentary close, ended by a comma or period."""

CLOSING_WORDS = (
    "sincerely",
    "sincerely yours",
    "yours sincerely",
    "faithfully",
    "yours faithfully",
    "cordially",
    "respectfully",
    "very respectfully",
    "regards",
    "best regards",
    "warm regards",
    "as ever",
    "end",
    "ends",
    "thanks",
    "confirm",
    "confirmed",
    "done",
    "approved",
    "yes",
    "no",
    "quote",
    "unquote",
    "message",
    "text",
    "note",
    "enclosure",
    "attachment",
    "secret",
    "agreed",
    "repeated",
    "sent",
    "signed",
    "stop",
    "urgent",
    "concur",
    "noted",
    "received",
    "understood",
)
"""Words alone on a line that close a telegram but are never a signature (``End.``)."""

# ------------------------------------------------------------------ names and offices

COURTESY_TITLES = ("Mr", "Mrs", "Messrs", "Miss", "Ms", "Señor", "Senor", "Monsieur", "M")
"""Titles that most volumes leave outside the ``persName`` (``Mr. <persName>Seward``)."""
COURTESY_RE = re.compile(rf"^(?:{_alternation(COURTESY_TITLES)})\.?\s+\S")

NOBLE_TITLES = (
    "Count",
    "Countess",
    "Baron",
    "Baroness",
    "Duke",
    "Duchess",
    "Earl",
    "Marquis",
    "Marquess",
    "Prince",
    "Princess",
    "Viscount",
    "Lord",
    "Lady",
    "Sir",
    "Chevalier",
)
"""Titles of nobility, kept outside the person as the 1901 volume does (``Count von Quadt``)."""

TITLES = (
    "President",
    "Vice President",
    "Secretary of State",
    "Secretary of Defense",
    "Secretary-General",
    "General Secretary",
    "Secretary General",
    "Secretary",
    "Foreign Secretary",
    "Under Secretary",
    "Director of Central Intelligence",
    "Director for Central Intelligence",
    "Deputy Director of Central Intelligence",
    "Attorney General",
    "Deputy Secretary of State",
    "Deputy Secretary of Defense",
    "Secretary of the Treasury",
    "Secretary of Commerce",
    "Secretary of the Army",
    "Secretary of the Navy",
    "Secretary of the Air Force",
    "Ambassador",
    "General",
    "Admiral",
    "Prime Minister",
    "Foreign Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Shah",
    "Senator",
    "Governor",
    "Colonel",
    "Captain",
    "Commander",
    "Premier",
    "Chairman",
    "Minister",
    "Consul",
    "Commissioner",
    "Dr.",
    "Judge",
    "Justice",
    "Representative",
)
"""Titles that stand before a name in a heading (``President Johnson``, ``Soviet Chairman
Khrushchev``): the name is the person, the title stays outside it."""
TITLES_PATTERN = _alternation(TITLES)

OFFICE_WORDS = (
    "Secretary",
    "Ambassador",
    "Minister",
    "Consul",
    "Consul General",
    "Chargé",
    "Director",
    "Chief",
    "Counselor",
    "Adviser",
    "Chairman",
    "President",
    "Commissioner",
    "Envoy",
    "Attaché",
    "Legal Adviser",
    "Officer",
)
"""The head word of an office under a signature (``Assistant Secretary of State``)."""
OFFICE_HEADS = frozenset(w for phrase in (*OFFICE_WORDS, *TITLES) for w in phrase.split()) - {"of", "the"}
"""Words that show a line under a signature names an office (``United States Minister.``)."""
OFFICE_RANKS = ("Acting", "Assistant", "Under", "Deputy", "Special", "Executive", "Principal", "Vice")
"""Words that rank an office (``Acting Assistant Secretary``)."""
OFFICE_LINE_RE = re.compile(
    rf"^(?:(?:{_alternation(OFFICE_RANKS)}) )*(?:{_alternation(OFFICE_WORDS)})\b[\w ,.’'\-()]{{0,60}}$"
)
"""A line that names an office alone (``Assistant Secretary of State``, ``United States
Minister.`` does not qualify: it starts with a nationality)."""

OFFICES_NAMED_WITH_TO = (
    "mission",
    "delegation",
    "ambassador",
    "representative",
    "assistant",
    "adviser",
    "advisor",
    "envoy",
    "minister",
    "observer",
    "commission",
    "experts",
    "counselor",
    "consultant",
    "liaison",
    "attaché",
    "aide",
    "commissioner",
    "emissary",
    "deputy",
    "agent",
    "delegate",
)
"""Offices named with "to" (``Mission to the United Nations``): that "to" does not split
sender from recipient."""

INSTITUTIONS = (
    "Legation",
    "Embassy",
    "Department",
    "Consulate",
    "Consulate-General",
    "Consulate General",
    "Ministry",
    "Mission",
    "Delegation",
    "Office",
    "Foreign Office",
    "White House",
    "Chancery",
    "Residency",
    "Agency",
    "Headquarters",
)
"""The head word of an institution that a dateline may name on its own line above the city
(``Legation of the United States,`` / ``Madrid, July 22, 1861.``)."""
ORGANIZATION_WORDS = (
    "Council",
    "Committee",
    "Staff",
    "Chiefs",
    "Bureau",
    "Division",
    "Board",
    "Government",
    "Command",
    "Commission",
    "Group",
    "Service",
    "Section",
    "Branch",
    "Administration",
    "Corporation",
    "Company",
    "Bank",
    "Foundation",
    "University",
    "Institute",
    "Association",
    "Party",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Station",
    "National",
    "Central",
    "United",
    "States",
    "Nations",
    "Joint",
    "Combined",
    "Senate",
    "House",
    "Congress",
    "Republic",
    "Kingdom",
    "Affairs",
    "Intelligence",
    "Security",
    "Policy",
    "Planning",
    "Operations",
)
"""Words of an organisation's name, never of a person's (``Joint Chiefs of Staff``)."""
NOT_PERSON_WORDS = frozenset(
    w for phrase in (*TITLES, *OFFICE_WORDS, *INSTITUTIONS, *ORGANIZATION_WORDS) for w in phrase.split()
) - {"of", "the", "for"}
"""Capitalised words that show a phrase names an office or a body, not a person."""
INSTITUTION_RE = re.compile(rf"\b(?:{_alternation(INSTITUTIONS)})\b")

# ------------------------------------------------------------------ lists

LIST_HEADS = {
    "subject": "subject",
    "subjects": "subject",
    "participants": "participants",
    "persons present": "participants",
    "present": "participants",
}
"""The line that opens a memorandum's list, and the FRUS ``list/@type`` it gives."""
LIST_HEAD_RE = re.compile(rf"^(?P<kind>(?i:{_alternation(list(LIST_HEADS))}))\s*:?\d{{0,2}}$")
"""``PARTICIPANTS:``, ``Subject``: a list's head alone on its line."""

# ------------------------------------------------------------------ markings

CLASSIFICATION = (
    "top secret",
    "secret",
    "confidential",
    "restricted",
    "limited official use only",
    "limited official use",
    "official use only",
    "unclassified",
    "no classification marking",
    "very secret",
    "strictly confidential",
    "most secret",
    "personal and secret",
    "personal and confidential",
    "informal and secret",
    "secret and personal",
    "secret and confidential",
    "strictly secret",
    "private and confidential",
)
PRECEDENCE = (
    "flash",
    "niact",
    "operational immediate",
    "immediate",
    "priority",
    "routine",
    "us urgent",
    "urgent",
    "triple priority",
    "most immediate",
    "important",
)
HANDLING = (
    "exdis",
    "nodis",
    "limdis",
    "eyes only",
    "noforn",
    "sensitive",
    "personal",
    "private",
    "for the secretary",
    "plain",
    "gray",
    "green",
    "confidential file",
    "rybat",
    "limit distribution",
    "limited distribution",
    "security information",
)
MARKING_KIND = {
    **{w: "handling" for w in HANDLING},
    **{w: "precedence" for w in PRECEDENCE},
    **{w: "classification" for w in CLASSIFICATION},
}
"""Each marking phrase and its kind: classification, precedence or handling."""
MARKING_FILLERS = frozenset(
    ["and", "for", "the", "not", "to", "be", "distributed", "mostly", "highly", "use", "only", "official"]
)
"""Words that join marking words on a marking line (``not to be distributed``)."""
MARKING_WORDS = frozenset(w for phrase in MARKING_KIND for w in phrase.split()) | MARKING_FILLERS
"""Every word a marking line may hold."""
MARKING_CORE = frozenset(
    [
        "secret",
        "confidential",
        "restricted",
        "unclassified",
        "urgent",
        "priority",
        "niact",
        "immediate",
        "flash",
        "routine",
        "exdis",
        "nodis",
        "limdis",
        "noforn",
        "private",
        "personal",
        "plain",
        "gray",
        "green",
    ]
)
"""A marking line holds at least one of these (``for the`` alone is no marking)."""
MARKING_PATTERN = rf"(?<![A-Za-z])({_alternation(list(MARKING_KIND))})(?![A-Za-z])"

# ------------------------------------------------------------------ months

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _month_prefixes() -> str:
    """``jan(?:uary)?`` … for every month, ``sep(?:t(?:ember)?)?`` for September."""
    out = []
    for name in MONTHS:
        low = name.lower()
        if low == "may":
            out.append("may")
        elif low == "september":
            out.append("sep(?:t(?:ember)?)?")
        else:
            out.append(f"{low[:3]}(?:{low[3:]})?")
    return "|".join(out)


MONTH_PATTERN = rf"(?i:{_month_prefixes()})\b\.?"
"""A month as datelines print it, in any case, whole or cut to three letters (``Sept.``)."""
MONTH_NAME_PATTERN = (
    "(?:" + "|".join(MONTHS) + "|" + "|".join(rf"{m[:3]}\." for m in MONTHS if len(m) > 4) + r"|Sept?\.)"
)
"""A month as running text prints it: capitalised, whole or abbreviated with a period."""

# ------------------------------------------------------------------ footnote markers

TRAILING_MARKER_RE = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[.,;:)\]”’\"]))(?P<glued>\d{1,2})(?=\s*$)"
    r"|(?<=\b1[6-9]\d\d|\b20\d\d)(?P<year>\d)(?=\s*$)"
    r"|(?<=[^\W\d_]) (?P<spaced>\d{1,2})(?=\s*$)"
)
"""The one footnote-marker pattern: a marker at the end of a line, where copies leave the
superscript digits. ``glued`` to a word or to closing punctuation (``Portsmouth.3``,
``Lebanon1``), glued to a ``year`` (``19581``: 1958 and note 1), or ``spaced`` after a word
(``Lebanon 1``, a heading whose copy kept the superscript's space)."""


def trailing_marker(text: str, *kinds: str) -> re.Match[str] | None:
    """The footnote marker ``text`` ends with, of one of ``kinds`` (``glued``, ``year``,
    ``spaced``; all when none is named), or None."""
    for m in TRAILING_MARKER_RE.finditer(text):
        if not kinds or m.lastgroup in kinds:
            return m
    return None


def strip_trailing_marker(text: str, *kinds: str) -> str:
    """``text`` without the footnote marker it ends with (see :func:`trailing_marker`)."""
    m = trailing_marker(text, *kinds)
    return text[: m.start(m.lastgroup or 0)].rstrip() if m else text
