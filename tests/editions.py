"""Test helpers for editions: the dev corpus arranged as edition folders, a volume TEI
assembled from the editors' gold TEI, a local HTTP server and a headless Chromium.

The dev corpus (``../shared/corpus/dev``) holds 84 pages of 10 FRUS volumes; its
``manifest.json`` names each page's volume. Nothing here is specific to a page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"
TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def manifest() -> list[dict[str, str]]:
    return json.loads((DEV / "manifest.json").read_text(encoding="utf-8"))


def volumes() -> dict[str, list[str]]:
    """Volume id → the ids of its pages, in manifest order."""
    found: dict[str, list[str]] = {}
    for item in manifest():
        found.setdefault(item["volume"], []).append(item["id"])
    return found


def arrange_volume(target: Path, volume: str, ids: list[str]) -> Path:
    """``target/volume/`` with the volume's pages and an ``edition.toml``."""
    folder = target / volume
    folder.mkdir(parents=True, exist_ok=True)
    for page_id in ids:
        shutil.copy(DEV / f"{page_id}.txt", folder)
    (folder / "edition.toml").write_text(
        f'title = "{volume}"\nidentifier = "{volume}"\nbase_url = "https://example.org/{volume}/"\n',
        encoding="utf-8",
    )
    return folder


def arrange_all(target: Path) -> Path:
    """One edition with every volume as a chapter (``01 frus1870``, …)."""
    root = target / "dev-edition"
    for n, (volume, ids) in enumerate(sorted(volumes().items()), start=1):
        folder = arrange_volume(root, volume, ids)
        (folder / "edition.toml").unlink()
        folder.rename(root / f"{n:02d} {volume}")
    (root / "edition.toml").write_text(
        'title = "FRUS dev corpus"\neditors = ["A. Editor", "B. Editor"]\n'
        'publisher = "telegram-tei"\nplace = "Nowhere"\ndate = "2026"\n'
        'base_url = "https://example.org/dev/"\n',
        encoding="utf-8",
    )
    return root


def assemble_volume(target: Path, volume_ids: list[str]) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A FRUS-style volume TEI from the gold TEI of the given volumes: one chapter per
    volume, the editors' document divs inside, and front-matter persons and terms lists
    made of the ``persName/@corresp`` and ``gloss/@target`` ids the divs use (each with
    the first name form that points to it). Returns the file, persons and terms."""
    persons: dict[str, str] = {}
    terms: dict[str, str] = {}
    chapters: list[tuple[str, list[etree._Element]]] = []
    by_volume = volumes()
    for volume in volume_ids:
        divs = []
        for page_id in by_volume[volume]:
            gold = etree.parse(str(DEV / f"{page_id}.gold.xml")).getroot()
            div = gold.find(f"{{{TEI_NS}}}div")
            if div is None:
                continue
            for name in div.iter(f"{{{TEI_NS}}}persName"):
                ref = (name.get("corresp") or "").lstrip("#")
                text = " ".join("".join(name.itertext()).split())
                if ref and " " not in ref and text:
                    persons.setdefault(ref, text)
            for gloss in div.iter(f"{{{TEI_NS}}}gloss"):
                ref = (gloss.get("target") or "").lstrip("#")
                text = " ".join("".join(gloss.itertext()).split())
                if ref and " " not in ref and text:
                    terms.setdefault(ref, text)
            divs.append(div)
        chapters.append((volume, divs))
    T = f"{{{TEI_NS}}}"
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS, "frus": FRUS_NS})
    header = etree.SubElement(root, f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    stmt = etree.SubElement(file_desc, f"{T}titleStmt")
    etree.SubElement(stmt, f"{T}title", type="complete").text = "Assembled FRUS volume"
    etree.SubElement(stmt, f"{T}editor", role="primary").text = "Test Editor"
    pub = etree.SubElement(file_desc, f"{T}publicationStmt")
    etree.SubElement(pub, f"{T}publisher").text = "Office of the Historian"
    etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p").text = "Dev corpus gold TEI"
    text = etree.SubElement(root, f"{T}text")
    front = etree.SubElement(text, f"{T}front")
    pdiv = etree.SubElement(front, f"{T}div", {XML_ID: "persons", "type": "section"})
    etree.SubElement(pdiv, f"{T}head").text = "Persons"
    plist = etree.SubElement(pdiv, f"{T}list", type="participants")
    for pid, name in persons.items():
        hi = etree.SubElement(etree.SubElement(plist, f"{T}item"), f"{T}hi", rend="strong")
        etree.SubElement(hi, f"{T}persName", {XML_ID: pid}).text = name
        hi.tail = ", named in the documents"
    tdiv = etree.SubElement(front, f"{T}div", {XML_ID: "terms", "type": "section"})
    etree.SubElement(tdiv, f"{T}head").text = "Abbreviations and Terms"
    tlist = etree.SubElement(tdiv, f"{T}list", type="terms")
    for tid, term in terms.items():
        hi = etree.SubElement(etree.SubElement(tlist, f"{T}item"), f"{T}hi", rend="strong")
        etree.SubElement(hi, f"{T}term", {XML_ID: tid}).text = term
        hi.tail = ", a term of the documents"
    body = etree.SubElement(text, f"{T}body")
    for n, (volume, divs) in enumerate(chapters, start=1):
        chapter = etree.SubElement(body, f"{T}div", {XML_ID: f"ch{n}", "type": "chapter"})
        etree.SubElement(chapter, f"{T}head").text = f"Chapter {n}: {volume}"
        chapter.extend(divs)
    path = target / "volume.xml"
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path, persons, terms


# ------------------------------------------------------------------ browser


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: object) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page, one line each ('' list when none)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]
