"""The manifest: what the tool wrote into an output folder, and from what.

``<out>/.telegram-tei/manifest.json`` records

* ``files``: every file the tool owns in the folder (path relative to it → SHA-256 and
  size). Only these are ever replaced or removed without ``--force``; a user's own file
  beside them is never touched;
* ``inputs``: per input (its absolute path) the digest of its bytes together with the
  tool's fingerprint (version, the sources and schemas that shape the TEI, the persons and
  terms lists: names are linked at encode time) and its output stem; its report entry;
  and per document the TEI file and its :class:`~encoder.edition.DocMeta`.

An input whose digest is unchanged and whose TEI files are still in place is not encoded
again: its report entry and metadata come from here, its tree from its TEI file when an
output asks (:class:`~encoder.storedentry.StoredEntry`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .edition import DocMeta, Party, Person, Term
from .errors import Diagnostic
from .report import InputResult, OutputFile

FORMAT = 1
STATE_DIR = ".telegram-tei"
MANIFEST = "manifest.json"


@dataclass(slots=True)
class InputRecord:
    digest: str
    stem: str
    result: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    """``{"name": "d1.xml", "meta": DocMeta as a dict, "valid": bool}`` per document."""


@dataclass(slots=True)
class Manifest:
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Relative path → ``{"sha256": …, "size": …}``."""
    inputs: dict[str, InputRecord] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Compact JSON, one input a line (10,000 inputs: well under a second)."""
        head = {
            "format": FORMAT,
            "tool": f"telegram-tei {__version__}",
            "files": dict(sorted(self.files.items())),
        }
        lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "inputs": {']
        items = sorted(self.inputs.items())
        for n, (key, record) in enumerate(items):
            entry = {
                "digest": record.digest,
                "stem": record.stem,
                "result": record.result,
                "documents": record.documents,
            }
            comma = "," if n + 1 < len(items) else ""
            lines.append(
                f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}{comma}"
            )
        lines.append("}}")
        return ("\n".join(lines) + "\n").encode("utf-8", "backslashreplace")


def load(out_dir: Path) -> tuple[Manifest, list[Diagnostic]]:
    """The folder's manifest; an empty one (and a warning) when it is missing or unreadable."""
    path = out_dir / STATE_DIR / MANIFEST
    if not path.exists():
        return Manifest(), []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        inputs = {k: InputRecord(**v) for k, v in data["inputs"].items()}
        return Manifest(dict(data["files"]), inputs), []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        message = f"manifest unreadable ({exc}): everything is rebuilt and no file is taken as the tool's"
        return Manifest(), [Diagnostic("warning", message, str(path), None, "manifest")]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@cache
def _sources_digest() -> str:
    """The package's Python sources and schemas: in a checkout the version alone would not
    change when the parser does."""
    from .resources import schemas_dir

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    files = sorted(package.rglob("*.py")) + sorted(schemas_dir().glob("*.*"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def tool_fingerprint() -> str:
    """The tool as a whole, stylesheets included: what outputs' results depend on."""
    from .resources import xslt_dir

    digest = hashlib.sha256(_sources_digest().encode())
    for path in sorted(xslt_dir().rglob("*.*")):
        digest.update(path.relative_to(xslt_dir()).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(persons: list[Person], terms: list[Term]) -> str:
    """What besides an input's bytes decides its TEI: the tool and the two lists."""
    digest = hashlib.sha256(_sources_digest().encode())
    digest.update(json.dumps([asdict(p) for p in persons], sort_keys=True).encode())
    digest.update(json.dumps([asdict(t) for t in terms], sort_keys=True).encode())
    return digest.hexdigest()


def input_digest(fingerprint_: str, stem: str, data: bytes) -> str:
    digest = hashlib.sha256(fingerprint_.encode())
    digest.update(b"\0" + stem.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(data)
    return digest.hexdigest()


# ------------------------------------------------------------------ round trips


def result_to_dict(result: InputResult) -> dict[str, Any]:
    return asdict(result)


def result_from_dict(data: dict[str, Any]) -> InputResult:
    result = InputResult(
        data["input"],
        data.get("encoding"),
        data.get("documents", 0),
        [OutputFile(**o) for o in data.get("outputs", [])],
        [Diagnostic(**d) for d in data.get("warnings", [])],
        [Diagnostic(**d) for d in data.get("errors", [])],
    )
    return result


def meta_to_dict(meta: DocMeta) -> dict[str, Any]:
    return asdict(meta)


def meta_from_dict(data: dict[str, Any]) -> DocMeta:
    fields = dict(data)
    for key in ("senders", "recipients", "persons"):
        fields[key] = [Party(**p) for p in fields.get(key, [])]
    return DocMeta(**fields)
