"""Malformed documents: a warning naming the line, and the best valid TEI, never a crash."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree

from encoder.parser import parse_documents
from encoder.tei import serialize, to_tei
from encoder.validate import get_validator

WORD = re.compile(r"[^\W\d_]+")
HEAD = "The Ambassador in Japan (Morris) to the Secretary of State\n\n"

CASES = {
    "no heading": (
        "As indicated I left a letter with Chamoun this morning embodying the substance of your telegram.\n\n"
        "He agreed with all four points.\n",
        "heading",
    ),
    "footnote list without markers": (
        HEAD + "Stevens has returned to Yokohama.\n\n  1. Not printed.\n  2. See ante.\n",
        "marker",
    ),
    "markers without a list": (HEAD + "Your cable 31st2 asking you to arrange payment.3\n", None),
    "more markers than notes": (
        HEAD + "Pignon1 told me.2 He hopes3 for Bao Dai.4\n\n  1. Léon Pignon.\n",
        None,
    ),
    "more notes than markers": (
        HEAD + "Pignon1 told me.\n\n  1. Léon Pignon.\n  2. Not printed.\n  3. Ibid.\n",
        "marker",
    ),
    "duplicated page marker": (HEAD + "First.\n\n[Page 12]\n\nSecond.\n\n[Page 12]\n\nThird.\n", "page"),
    "footnote list cut off": (
        HEAD + "One.1 Two.2 Three.3\n\n  1. Source: Department of State, Central\n",
        None,
    ),
    "only a heading": ("The Secretary of State to the Ambassador in Japan (Morris)\n", None),
    "only a note list": ("  1. Not printed.\n  2. Ibid.\n", None),
}


@pytest.mark.parametrize(("text", "warning"), list(CASES.values()), ids=list(CASES))
def test_malformed_document_gives_valid_tei(text: str, warning: str | None) -> None:
    docs = parse_documents(text, "bad.txt")
    words: Counter[str] = Counter()
    for i, doc in enumerate(docs):
        data = serialize(to_tei(doc))
        errors = [d for d in get_validator().validate_bytes(data, f"bad{i}.xml") if d.severity == "error"]
        assert errors == [], [str(e) for e in errors]
        words += Counter(
            WORD.findall(
                " ".join(etree.fromstring(data).find("{http://www.tei-c.org/ns/1.0}text").itertext())
            )
        )
    assert words == Counter(WORD.findall(re.sub(r"\[Page [^\]]*\]", "", text)))
    found = [d for doc in docs for d in doc.diagnostics]
    if warning:
        hits = [d for d in found if warning in d.message]
        assert hits, [str(d) for d in found]
        assert all(d.file == "bad.txt" and d.line for d in hits)
