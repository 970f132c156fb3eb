"""Print HTML → PDF, behind one function so the engine (WeasyPrint today) can be swapped.

WeasyPrint supports what the print edition needs from CSS paged media (TOOLCHAIN.md §6):
``float: footnote``, ``string-set`` running heads, ``target-counter`` page references and
page counters. It is imported on first use because importing it costs about a second that
HTML-only runs should not pay.

The print HTML is made by our own stylesheet and refers to nothing outside itself, so the
URL fetcher allows only ``data:`` URLs: no file or network access, whatever a document says.
WeasyPrint logs its warnings to the ``weasyprint`` logger (with a NullHandler), so nothing
reaches stderr unless the application configures logging.
"""

from __future__ import annotations

from .errors import TransformError


def html_to_pdf(html: str, name: str) -> bytes:
    """Lay out ``html`` (a complete page with its CSS inlined) and return the PDF bytes.

    ``name`` is the HTML file the text belongs to; errors are :class:`TransformError` naming it.
    """
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - broken install
        raise TransformError(f"WeasyPrint is not available: {exc}", name) from None
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)
    try:
        pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as exc:  # the engine's own exceptions are many and undocumented
        raise TransformError(f"PDF layout failed: {type(exc).__name__}: {exc}", name) from None
    if not pdf:
        raise TransformError("PDF layout produced no output", name)
    return bytes(pdf)

