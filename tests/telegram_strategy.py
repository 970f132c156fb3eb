"""Hypothesis strategies that write plausible FRUS-style telegram pages.

Pieces follow the page styles the parser knows (legacy file line, modern numbered
heading, marking lines, datelines, paragraphs with glued footnote markers and page
breaks, a note list) and are mixed with arbitrary text, so that both the rules and the
fallbacks are exercised.
"""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(
    [
        "the",
        "of",
        "and",
        "to",
        "Embassy",
        "Department",
        "telegram",
        "Secretary",
        "Soviet",
        "Japan",
        "war",
        "peace",
        "your",
        "my",
        "received",
        "not",
        "printed",
        "Chamoun",
        "Lebanon",
        "1958",
        "No.",
        "852",
        "Deptel",
        "Embtel",
        "4790",
        "p.m.",
        "a.m.",
        "U.",
        "S.",
        "S.",
        "R.",
        "Government",
        "—",
        "“quoted”",
        "’s",
        "[sic]",
        "(Caffery)",
    ]
)
PLACES = st.sampled_from(["Washington", "Beirut", "Tokyo", "Vologda", "Paris", "Nanking"])
MONTHS = st.sampled_from(["January", "February", "March", "June", "July", "September", "December"])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=3, max_size=25))
    return " ".join(words).capitalize() + draw(st.sampled_from([".", ".", ";", ":", "?"]))


@st.composite
def telegram(draw: st.DrawFn) -> str:
    """A page: optional top lines, a heading, optional opener, paragraphs, notes."""
    lines: list[str] = []
    modern = draw(st.booleans())
    n_notes = draw(st.integers(0, 5))
    if modern:
        lines.append(
            f"{draw(st.integers(1, 999))}. Telegram From the Embassy in {draw(PLACES)} to the Department of State"
            + ("1" if n_notes else "")
        )
    else:
        if draw(st.booleans()):
            lines.append(
                f"{draw(st.integers(100, 999))}.{draw(st.integers(0, 99))}/{draw(st.integers(1, 9999))}: Telegram"
            )
        lines.append(
            f"The Ambassador in {draw(PLACES)} ({draw(st.sampled_from(['Grew', 'Caffery', ' Sato ']))}) to the Secretary of State"
        )
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["very secret", "us urgent", "Secret", "confidential"])))
    if draw(st.booleans()):
        lines.append(
            f"{draw(PLACES)}, {draw(MONTHS)} {draw(st.integers(1, 28))}, {draw(st.integers(1870, 1975))}—{draw(st.integers(1, 12))} p.m."
        )
    lines.append("")
    used = 1 if (modern and n_notes) else 0
    for _ in range(draw(st.integers(1, 6))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            s = draw(sentence())
            if used < n_notes and draw(st.booleans()):
                used += 1
                s = s[:-1] + str(used) + s[-1] if draw(st.booleans()) else s + str(used)
            parts.append(s)
        if draw(st.booleans()):
            parts.insert(draw(st.integers(0, len(parts))), f"[Page {draw(st.integers(1, 999))}]")
        lines.append(" ".join(parts))
        lines.append("")
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.text(min_size=0, max_size=60)))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["Grew", "McClintock", "HAMILTON FISH."])))
    if n_notes:
        lines.append("")
        for i in range(1, n_notes + 1):
            text = (
                "Source: Department of State, Central Files. Secret."
                if (modern and i == 1)
                else draw(sentence())
            )
            lines.append(f"  {i}. {text}")
    return "\n".join(lines)
