"""Several documents in one input (a chapter copied whole) become several documents."""

from __future__ import annotations

from encoder.parser import parse_documents

CHAPTER = """\
86. Telegram From the Embassy in Lebanon to the Department of State1
Beirut, June 16, 1958—2 p.m.

4774. As indicated Embtel 4767,2 I left a letter.

McClintock

  1. Source: Department of State, Central Files, 783A.00/6–1658. Top Secret; Niact.
  2. Not printed.

87. Telegram From the Department of State to the Embassy in Lebanon1
Washington, June 16, 1958—9:02 p.m.

4814. We are disturbed at tenor of Embtel 4756.2

Dulles

  1. Source: Department of State, Central Files, 783A.00/6–1658. Secret.
  2. Document 85.

88. Editorial Note

On June 17 the Department studied the matter.
"""

LEGACY = """\
124.842/130: Telegram

The Minister Resident in Ethiopia (Engert) to the Secretary of State

461. I have received a written order.

124.842/133: Telegram

The Minister Resident in Ethiopia (Engert) to the Secretary of State

466. Legation’s 461, July 8, 5 p.m. French radios were sealed.
"""


def test_modern_chapter_splits_at_numbered_headings() -> None:
    docs = parse_documents(CHAPTER, "ch.txt")
    assert [d.number for d in docs] == ["86", "87", "88"]
    assert [len(d.footnotes) for d in docs] == [2, 2, 0]
    assert docs[2].subtype == "editorial-note"
    # each document's notes are its own, and its source note is in its heading
    assert [fn.is_source for fn in docs[1].footnotes] == [True, False]
    assert docs[0].first_line == 1 and docs[1].first_line == 11


def test_telegram_numbers_do_not_split() -> None:
    docs = parse_documents(CHAPTER, "ch.txt")
    assert all(d.serial for d in docs[:2])
    assert len(parse_documents("86. Telegram From A to B\n\n4774. As indicated.\n\n4775. More.\n")) == 1


def test_legacy_file_lines_split() -> None:
    docs = parse_documents(LEGACY, "leg.txt")
    assert [d.file_number for d in docs] == ["124.842/130", "124.842/133"]
    assert [d.serial for d in docs] == ["461", "466"]


def test_split_without_blank_lines_after_a_note_list_and_in_old_volumes() -> None:
    """Copies that dropped the blank lines still split: after the last footnote item, and
    where a ``No. N.`` line stands over an ``A to B.`` heading; a serial over a sentence
    does not split."""
    text = "\n".join(
        [
            "No. 39.",
            "Mr. Fish to Mr. E. B. Washburne.",
            "First text.",
            "No. 40.",
            "Mr. Fish to Mr. Bancroft.",
            "No. 1234.",
            "Sir: I have the honor to inform you.1",
            "  1. Not printed.",
            "86. Telegram From the Embassy in Lebanon to the Department of State1",
            "Text.",
            "  1. Source: Department of State. Secret.",
        ]
    )
    docs = parse_documents(text, "chapter.txt")
    assert [d.number for d in docs] == ["39", "40", "86"]


def test_modern_document_kinds_split_a_chapter() -> None:
    """Headings of the kinds modern volumes print (telephone conversations, action
    memoranda, diary entries) each begin a document."""
    text = "\n".join(
        [
            "22. Telephone Conversation Between President Johnson and Secretary McNamara1",
            "",
            "Johnson: Hello.",
            "",
            "23. Action Memorandum From the Assistant Secretary (Holbrooke) to Secretary of State Vance1",
            "",
            "Text.",
            "",
            "24. Diary Entry by the Ambassador (Bohlen)1",
            "",
            "Text.",
        ]
    )
    docs = parse_documents(text, "chapter.txt")
    assert [(d.number, d.doc_type) for d in docs] == [
        ("22", "Telephone Conversation"),
        ("23", "Action Memorandum"),
        ("24", "Diary Entry"),
    ]


PAGED = """\
Visibility military aspects rescue mission must be held to minimum.

Wilson

[Page 98]

34. Memorandum From the Director of the United States Information Agency (Rowan) to President Johnson

Washington, December 21, 1964

In view of the widespread African hostility to the Stanleyville rescue mission, I thought you might be interested.
"""
"""The end of frus1917-72PubDipv07 d33 and the start of d34, which begins printed page 98."""


def test_a_page_break_over_a_heading_belongs_to_the_next_document() -> None:
    first, second = parse_documents(PAGED, "chapter.txt")
    assert [pb.n for pb in second.opener[: second.before_head]] == ["98"]
    assert first.pages == [] and second.pages == ["98"]
