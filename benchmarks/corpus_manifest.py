#!/usr/bin/env python3
"""Write ``manifest.json`` for a folder of ``<volume>_<doc>.gold.xml`` files.

    python corpus_manifest.py CORPUS_DIR

Each gold file is a FRUS ``div type="document"`` wrapped in ``<doc volume="…">``, as
``../shared/corpus/dev`` has them. The manifest gives, per document: id, volume, document
id, page address, document kind (from the source line's kind or the heading) and era: the
decade of the date the editors give the document (its first dateline's date), else the
decade the volume's years begin in. ``score_by_era.py`` groups scores by that era.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
_KIND_RE = re.compile(
    r"(Editorial Note|Circular Telegram|Telegram|Airgram|Memorandum of Conversation|Memorandum for the Record"
    r"|Memorandum|Letter|Despatch|Message|Minutes|Paper|Report|National Intelligence Estimate|Note|Address"
    r"|Remarks|Statement|Instruction|Record)"
)


def _era(div: etree._Element, volume: str) -> str:
    for date in div.xpath(".//t:dateline//t:date", namespaces=NS):
        when = date.get("when") or date.get("from") or date.get("notBefore")
        if when:
            return f"{int(when[:4]) // 10 * 10}s"
    year = int(re.match(r"frus(\d{4})", volume).group(1))  # type: ignore[union-attr]
    return f"{year // 10 * 10}s"


def _kind(div: etree._Element) -> str:
    if div.get("subtype") == "editorial-note":
        return "Editorial Note"
    src = div.find("t:note[@type='source']", NS)
    text = "".join(src.itertext()) if src is not None else ""
    if src is not None and src.get("rend") == "inline" and ":" in text and "Files:" not in text:
        return text.rsplit(":", 1)[1].strip()
    head = div.find("t:head", NS)
    words = "".join(t for t in head.itertext()) if head is not None else ""
    m = _KIND_RE.search(words)
    return m.group(1) if m else ("Despatch" if re.search(r"\bto\b", words) else "Other")


def main(argv: list[str]) -> int:
    corpus = Path(argv[0])
    rows = []
    for path in sorted(corpus.glob("*.gold.xml")):
        ident = path.name[: -len(".gold.xml")]
        volume, doc = ident.rsplit("_", 1)
        div = etree.parse(str(path)).getroot().find("t:div", NS)
        url = f"https://history.state.gov/historicaldocuments/{volume}/{doc}"
        rows.append(
            {
                "id": ident,
                "volume": volume,
                "doc": doc,
                "url": url,
                "complete": True,
                "doc_type": _kind(div),
                "era": _era(div, volume),
            }
        )
    (corpus / "manifest.json").write_text(
        json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(rows)} documents, {len({r['volume'] for r in rows})} volumes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
