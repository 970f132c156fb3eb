"""Datelines and dates (encoder/dates.py, encoder/places.py).

The rule cases live in tests/fixtures/rules/dates.txt so that a failure names its fixture
line; the corpus checks compare with the Office of the Historian's own TEI in
../shared/corpus/dev and are skipped where that folder is absent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from encoder.dates import (
    DateValue,
    doc_datetime_bounds,
    heading_dateline,
    looks_like_dateline,
    parse_date,
    parse_dateline,
    zone_offset,
)
from encoder.places import GAZETTEER, zone_for
from encoder.safexml import parse_user_xml

FIXTURE = Path(__file__).parent / "fixtures" / "rules" / "dates.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
NS = {"t": "http://www.tei-c.org/ns/1.0", "frus": "http://history.state.gov/frus/ns/1.0"}
FRUS = "{http://history.state.gov/frus/ns/1.0}"


def load_cases(path: Path) -> Iterator[tuple[int, str, str, str]]:
    """(line of the title, title, input, expected) for each dotted case of a fixture file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if lines[i] != "." or i == 0:
            i += 1
            continue
        mid = lines.index(".", i + 1)
        end = lines.index(".", mid + 1)
        yield i, lines[i - 1], "\n".join(lines[i + 1 : mid]), "\n".join(lines[mid + 1 : end])
        i = end + 1


def squash(text: str) -> str:
    return " ".join(text.split())


def summary(text: str) -> str:
    """What a fixture case expects: verdict, place words, date words, value attributes."""
    if not looks_like_dateline(text):
        return "not a dateline"
    parts = parse_dateline(text)
    date_words = text[parts.date_span[0] : parts.date_span[1]] if parts.date_span else "-"
    out = [f"place: {squash(parts.place) if parts.place else '-'}", f"date: {squash(date_words)}"]
    value = parts.date
    if value is None:
        return "\n".join([*out, "value: none"])
    for name, v in (
        ("when", value.when),
        ("from", value.from_),
        ("to", value.to),
        ("notBefore", value.not_before),
        ("notAfter", value.not_after),
    ):
        if v:
            out.append(f"{name}: {v}")
    return "\n".join(out)


CASES = list(load_cases(FIXTURE))


@pytest.mark.parametrize(
    ("line", "title", "text", "expected"), CASES, ids=[f"dates.txt:{c[0]}" for c in CASES]
)
def test_fixture_case(line: int, title: str, text: str, expected: str) -> None:
    assert summary(text) == expected, f"{FIXTURE.name}:{line}: {title}"


def test_fixture_file_is_read_whole() -> None:
    assert len(CASES) >= 50
    assert all(title and expected for _, title, _, expected in CASES)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("June 16, 1958—2 p.m.", "1958-06-16T14:00:00+03:00"),
        ("June 16, 1958", "1958-06-16"),
        ("[June 16, 1958]", "1958-06-16"),
        ("June 1958", "1958-06"),
        ("1958", "1958"),
        ("16 June 1958, 1400 hrs.", "1958-06-16T14:00:00+03:00"),
    ],
)
def test_parse_date_with_place(text: str, when: str) -> None:
    assert parse_date(text, "Beirut") == DateValue(when=when)


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 1958",
        "February 29, 1957",
        "June 31, 1958",
        "undated",
        "not dated",
        "[date not declassified]",
        "July 4, 1775",
        "June 16, 2100",
        "June 17–16, 1958",
        "Washington, June 16, 1958",
        "the day after",
        "",
    ],
)
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_without_place_has_no_offset() -> None:
    assert parse_date("June 16, 1958—2 p.m.") == DateValue(when="1958-06-16T14:00:00")
    assert parse_date("June 16, 1958—2 p.m.", "Atlantis") == DateValue(when="1958-06-16T14:00:00")


def test_leap_day_and_circa_of_a_day() -> None:
    assert parse_date("February 29, 1960") == DateValue(when="1960-02-29")
    assert parse_date("about June 16, 1958") == DateValue(not_before="1958-06-16", not_after="1958-06-16")
    assert parse_date("ca. 1958") == DateValue(not_before="1958-01-01", not_after="1958-12-31")


def test_invalid_time_keeps_the_date() -> None:
    assert parse_date("June 16, 1958, 13 p.m.") in (None, DateValue(when="1958-06-16"))
    assert parse_date("June 16, 1958, 2575Z") in (None, DateValue(when="1958-06-16"))


def test_never_a_trailing_z() -> None:
    for text in ("June 28, 1954, 2254Z", "June 28, 1954, 282254Z", "June 28, 1954, 10 a.m. GMT"):
        value = parse_date(text, "Guatemala City")
        assert value is not None and value.when is not None
        assert value.when.endswith("+00:00") and not value.when.endswith("Z")


@pytest.mark.parametrize(
    ("place", "local", "offset"),
    [
        ("Washington", (1958, 6, 17, 0, 45), "-04:00"),
        ("Washington", (1958, 1, 17, 0, 45), "-05:00"),
        ("Department of State, Washington", (1918, 9, 6, 15, 0), "-04:00"),
        ("Beirut", (1958, 6, 16, 14, 0), "+03:00"),
        ("Paris", (1949, 1, 14, 14, 0), "+01:00"),
        ("Paris", (1870, 7, 17, 0, 0), "+00:09"),
        ("Washington", (1870, 10, 18, 0, 0), "-04:56"),
        ("Aboard U. S. S. “Oahu,”", (1938, 1, 5, 16, 0), None),
        (None, (1958, 6, 17, 0, 45), None),
    ],
)
def test_zone_offset(place: str | None, local: tuple[int, ...], offset: str | None) -> None:
    from datetime import datetime

    assert zone_offset(place, datetime(*local)) == offset


def test_gazetteer() -> None:
    import zoneinfo

    assert len(GAZETTEER) >= 200
    assert zoneinfo.available_timezones(), "no IANA tz database: install the tzdata package"
    assert set(GAZETTEER.values()) <= zoneinfo.available_timezones()
    assert (
        zone_for("Legation of the United States, Nicaragua, Costa Rica, and Salvador, Managua")
        == "America/Managua"
    )
    assert zone_for("Santa Fe, New Mexico") == "America/Denver"
    assert zone_for("San Juan del Norte") == "America/Managua"
    assert zone_for("Somewhere at sea") is None


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        (
            DateValue(when="1949-01-14T14:00:00+01:00"),
            ("1949-01-14T08:00:00-05:00", "1949-01-14T08:00:00-05:00"),
        ),
        (
            DateValue(when="1958-04-03T18:00:00+02:00"),
            ("1958-04-03T11:00:00-05:00", "1958-04-03T11:00:00-05:00"),
        ),
        (DateValue(when="1870-10-18"), ("1870-10-18T00:00:00-05:00", "1870-10-18T23:59:59-05:00")),
        (DateValue(when="1960-02"), ("1960-02-01T00:00:00-05:00", "1960-02-29T23:59:59-05:00")),
        (DateValue(when="1958"), ("1958-01-01T00:00:00-05:00", "1958-12-31T23:59:59-05:00")),
        (
            DateValue(when="1958-06-16T14:00"),
            ("1958-06-16T14:00:00-05:00", "1958-06-16T14:00:59-05:00"),
        ),
        (DateValue(when="1918-09-12T00:00:00"), ("1918-09-12T00:00:00-05:00",) * 2),
        (DateValue(when="1954-06-28T22:54:00+00:00"), ("1954-06-28T17:54:00-05:00",) * 2),
        (
            DateValue(from_="1958-06-16", to="1958-06"),
            ("1958-06-16T00:00:00-05:00", "1958-06-30T23:59:59-05:00"),
        ),
        (
            DateValue(
                when="1870-04",
                not_before="1870-07-17T00:00:00+00:09",
                not_after="1870-07-21T23:59:59-04:56",
            ),
            ("1870-07-16T18:51:00-05:00", "1870-07-21T23:55:59-05:00"),
        ),
    ],
)
def test_doc_datetime_bounds(value: DateValue, bounds: tuple[str, str]) -> None:
    assert doc_datetime_bounds(value) == bounds


def test_doc_datetime_bounds_refuses() -> None:
    assert doc_datetime_bounds(DateValue()) is None
    assert doc_datetime_bounds(DateValue(when="1958-02-30")) is None
    assert doc_datetime_bounds(DateValue(when="June 1958")) is None


HEADINGS = [
    (
        "115. Memorandum of a Conversation Between the Minister of the British Embassy (Lord Hood)"
        " and the Assistant Secretary of State (Rountree), Department of State, Washington,"
        " July 3, 19581",
        ("Washington", "July 3, 1958", DateValue(when="1958-07-03")),
    ),
    (
        "126. Memorandum of a Telephone Conversation Between Secretary of State Dulles in"
        " Washington and Secretary-General Hammarskjöld in New York, July 14, 1958, 1:26 p.m.1",
        ("New York", "July 14, 1958, 1:26 p.m.", DateValue(when="1958-07-14T13:26:00-04:00")),
    ),
    (
        "Letter From Dulles in Washington to Lloyd, Atlantis, June 5, 1958, 3 p.m.",
        (None, "June 5, 1958, 3 p.m.", DateValue(when="1958-06-05T15:00:00")),
    ),
    ("12. Memorandum for the Record, Camp David, undated1", ("Camp David", "undated", None)),
    ("86. Telegram From the Embassy in Lebanon to the Department of State1", None),
    ("104. Telegram 5332 From the Embassy in Iran to the Department of State", None),
]


@pytest.mark.parametrize(("head", "expected"), HEADINGS)
def test_heading_dateline(head: str, expected: tuple[str | None, str, DateValue | None]) -> None:
    parts = heading_dateline(head)
    if expected is None:
        assert parts is None
        return
    assert parts is not None and parts.date_span is not None
    place = head[slice(*parts.place_span)] if parts.place_span else None
    assert (place, head[slice(*parts.date_span)], parts.date) == expected
    assert parts.place == place


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("June 16,1958—–-2p.m.aZ[]()Received Washington:\n")),
        max_size=80,
    )
)
def test_arbitrary_text_never_raises(text: str) -> None:
    parts = parse_dateline(text)
    looks_like_dateline(text)
    parse_date(text)
    heading_dateline(text)
    if parts.place_span:
        assert text[parts.place_span[0] : parts.place_span[1]] == parts.place
    if parts.date_span:
        assert 0 <= parts.date_span[0] < parts.date_span[1] <= len(text)
    if parts.date:
        assert doc_datetime_bounds(parts.date) is not None  # every value is a valid TEI date


def test_speed() -> None:
    lines = [text for _, _, text, _ in CASES] * 20
    start = time.perf_counter()
    for text in lines:
        parse_dateline(text)
    per_call = (time.perf_counter() - start) / len(lines)
    assert per_call < 500e-6, f"{per_call * 1e6:.0f} µs per dateline"  # ~30 µs measured


def test_long_text_stays_fast() -> None:
    start = time.perf_counter()
    for text in ("1 " * 5000, "[" * 5000, "June " * 2000 + "1958", "A, " * 3000 + "June 5, 1958"):
        parse_dateline(text)
        looks_like_dateline(text)
    assert time.perf_counter() - start < 1.0


# ------------------------------------------------------------------ the editors' own TEI


def _gold_datelines() -> list[tuple[str, object, object]]:
    """(name, first dateline outside attachments, its document div) of every gold file."""
    out = []
    for path in sorted(CORPUS.glob("*.gold.xml")):
        tree = parse_user_xml(path)
        div = tree.xpath("//t:div[@type='document']", namespaces=NS)[0]
        lines = tree.xpath("//t:dateline[not(ancestor::frus:attachment)]", namespaces=NS)
        if lines:
            out.append((path.name, lines[0], div))
    return out


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/dev is absent")


@needs_corpus
def test_corpus_datelines_agree_with_the_editors() -> None:
    """Place words and date (first 10 characters) of every gold's first dateline."""
    misses = []
    golds = _gold_datelines()
    for name, line, _ in golds:
        text = squash(line.xpath("string()"))
        place = line.xpath(".//t:placeName", namespaces=NS)
        date = line.xpath(".//t:date", namespaces=NS)[0]
        want_place = squash(place[0].xpath("string()")) if place else None
        want = date.get("when") or date.get("from") or date.get("notBefore") or ""
        parts = parse_dateline(text)
        value = parts.date
        got = (value.when or value.from_ or value.not_before or "") if value else ""
        if not looks_like_dateline(text) or parts.place != want_place or got[:10] != want[:10]:
            misses.append(f"{name}: {text!r} → {parts.place!r} {got!r} (gold {want_place!r} {want!r})")
    rate = 1 - len(misses) / len(golds)
    # frus1870_d44 prints "July 18, 1870" where the editors wrote when="1870-08-18"
    assert rate >= 0.95, "\n".join(misses)


@needs_corpus
def test_corpus_bounds_agree_with_the_editors() -> None:
    """frus:doc-dateTime-min/max from the gold date attributes equal the golds' own."""
    checked, disagree = 0, []
    for name, line, div in _gold_datelines():
        if div.get(f"{FRUS}doc-dateTime-min") is None:
            continue
        date = line.xpath(".//t:date", namespaces=NS)[0]
        value = DateValue(
            when=date.get("when"),
            not_before=date.get("notBefore"),
            not_after=date.get("notAfter"),
            from_=date.get("from"),
            to=date.get("to"),
        )
        want = (div.get(f"{FRUS}doc-dateTime-min"), div.get(f"{FRUS}doc-dateTime-max"))
        checked += 1
        if doc_datetime_bounds(value) != want:
            disagree.append(f"{name}: {doc_datetime_bounds(value)} (gold {want})")
    assert checked >= 50
    assert not disagree, "\n".join(disagree)


@needs_corpus
def test_corpus_body_paragraphs_are_not_datelines() -> None:
    found = []
    for path in sorted(CORPUS.glob("*.gold.xml")):
        for p in parse_user_xml(path).xpath("//t:p | //t:item | //t:head", namespaces=NS):
            text = squash(p.xpath("string()"))
            if looks_like_dateline(text):
                found.append(f"{path.name}: {text[:80]}")
    assert not found, "\n".join(found)
