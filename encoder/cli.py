"""The ``telegram-tei`` command line: thin click commands over :mod:`encoder.build`.

Each command collects its inputs, calls one library function and prints what came back.
The error boundary is drawn once, in :class:`_Group`: an :class:`EncoderError` becomes a
single ``Error: file:line: message`` line on stderr and exit code 1, never a traceback.
Per-input problems are printed to stderr one line each as they happen; the summary goes
to stdout. A progress bar is drawn only when stderr is a terminal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import __version__
from .build import collect_inputs, collect_tei
from .errors import Diagnostic, EncoderError
from .report import InputResult, Report


class _Group(click.Group):
    """Turns library errors into click's one-line ``Error:`` and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EncoderError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # e.g. the output disk is full outside an atomic write
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


def _output_option(*, required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    # Click 8.5 treats an explicit ``default=None`` as a value even for a required option,
    # so the default is passed only when there is one.
    default: dict[str, Any] = {} if required else {"default": Path("output"), "show_default": True}
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        required=required,
        help="Output folder (created when missing).",
        **default,
    )


_quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print errors, not warnings.")


def _scale_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --scheduler and --force: where the work runs, and what may be replaced."""
    func = click.option(
        "--force",
        is_flag=True,
        help="Replace files in the output folder that telegram-tei did not write.",
    )(func)
    func = click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Run the per-document work on a dask.distributed scheduler (tcp://host:8786).",
    )(func)
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: the cores available).",
    )(func)


_title_option = click.option(
    "--title",
    default=None,
    help="The edition's title (title page, index, running heads).",
)


@click.group("telegram-tei", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="telegram-tei")
def main() -> None:
    """Diplomatic telegrams and FRUS pages as plain text -> TEI P5, HTML and PDF.

    \b
    Start with the bundled samples:
        telegram-tei build
    """


def _outputs_option(func: Callable[..., Any]) -> Callable[..., Any]:
    from . import outputs

    return click.option(
        "--outputs",
        "outputs",
        default="all",
        show_default=True,
        metavar="NAMES",
        help=f"Comma-separated outputs to make: {', '.join(outputs.names())} (or all).",
    )(func)


@main.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(path_type=Path))
@_output_option(required=False)
@_outputs_option
@click.option("--clean", is_flag=True, help="Remove the files telegram-tei wrote for inputs that are gone.")
@_title_option
@_scale_options
@_quiet_option
def build(
    inputs: tuple[Path, ...],
    output: Path,
    outputs: str,
    clean: bool,
    title: str | None,
    jobs: int | None,
    scheduler: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Encode, validate and publish a whole edition.

    INPUT is an edition folder (edition.toml, chapter sub-folders, persons.txt,
    terms.txt), or text files and folders of .txt files (one chapter). With none,
    the bundled sample edition is built. Writes DIR/tei/ (one file a document and
    edition.xml), DIR/html/, DIR/print/edition.pdf, DIR/tei-p5/, DIR/cmif.xml,
    DIR/dts/, DIR/documents.csv (and other tables), DIR/bag/ and DIR/report.json;
    --outputs picks some. Bad inputs are reported and skipped; the exit code is 1 if
    any failed.

    \b
    Examples:
        telegram-tei build
        telegram-tei build my-edition/ -o site
        telegram-tei build telegrams/ -o edition --outputs tei,html --title "Lebanon, 1958"
    """
    from . import outputs as registry
    from .build import build as run_build
    from .layout import plan_edition
    from .resources import samples_dir

    chosen = registry.parse_selection(outputs)
    given = list(inputs) or [samples_dir()]
    total = len(plan_edition(given).files())
    with _progress(total, "Encoding") as tick:
        report = _guarded(
            output,
            lambda: run_build(
                given,
                output,
                progress=_reporter(tick, quiet),
                clean=clean,
                title=title,
                outputs=chosen,
                jobs=jobs,
                scheduler=scheduler,
                force=force,
            ),
        )
    _finish(report, output, quiet)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path(path_type=Path))
@_output_option(required=True)
@_scale_options
@_quiet_option
def encode(
    inputs: tuple[Path, ...], output: Path, jobs: int | None, scheduler: str | None, force: bool, quiet: bool
) -> None:
    """Encode text files as TEI (DIR/tei/*.xml) and validate them.

    Writes DIR/report.json too. A file holding several documents gives
    <stem>.1.xml, <stem>.2.xml, and so on.

    \b
    Example:
        telegram-tei encode frus1945-d580.txt more/ -o out
    """
    from .build import encode as run_encode

    files = collect_inputs(list(inputs))
    with _progress(len(files), "Encoding") as tick:
        report = _guarded(
            output,
            lambda: run_encode(
                files, output, progress=_reporter(tick, quiet), jobs=jobs, scheduler=scheduler, force=force
            ),
        )
    _finish(report, output, quiet)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit code 1).")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check TEI files against the schema and Schematron rules.

    FILE_OR_DIR is a TEI file or a folder of them. A build folder (one with tei/) is
    checked as an edition too: references between documents and to the persons and
    terms lists, cmif.xml against the CMIF rules, dts/ against DTS 1.0, bag/ with
    the BagIt validator. Prints
    one line per finding, file:line: severity: message, then a summary; the exit code
    is 1 when there is an error (or, with --strict, a warning).

    \b
    Example:
        telegram-tei validate output/tei --strict
    """
    from .build import check_tei

    files = collect_tei(list(paths))
    errors = warnings = 0
    with _progress(len(files), "Validating") as tick:
        for _path, findings in check_tei(files):
            for finding in findings:
                click.echo(str(finding))
                if finding.severity == "error":
                    errors += 1
                else:
                    warnings += 1
            tick()
    from .editioncheck import check_build_folder, is_build_folder

    for folder in (p for p in paths if is_build_folder(p)):  # the edition as a whole
        for finding in check_build_folder(folder):
            click.echo(str(finding))
            errors += finding.severity == "error"
            warnings += finding.severity != "error"
    summary = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    click.echo(f"{_plural(len(files), 'file')} checked: {summary}")
    if errors or (strict and warnings):
        sys.exit(1)


class _OutputChoice(click.ParamType):
    """The registered outputs, read from the registry only when a value is checked."""

    name = "output"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from . import outputs as registry

        if value in registry.names():
            return str(value)
        self.fail(f"'{value}' is not an output: choose from {', '.join(registry.names())}", param, ctx)


@main.command()
@click.argument("kind", metavar="OUTPUT", type=_OutputChoice())
@click.argument("tei", nargs=-1, required=True, metavar="TEI...", type=click.Path(path_type=Path))
@_output_option(required=True)
@_title_option
def render(kind: str, tei: tuple[Path, ...], output: Path, title: str | None) -> None:
    """Make one output (html, print, tei, …) from existing TEI.

    TEI is per-document TEI files (or a folder of them: a build folder's tei/), or
    one FRUS-style volume TEI file with chapters, persons and terms. Files that are
    not safe, well-formed XML are refused one by one (exit code 1); the others are
    rendered.

    \b
    Examples:
        telegram-tei render html output/tei -o site
        telegram-tei render print frus1945Berlinv01.xml -o book
    """
    from .build import render_editions, trusted_tei

    safe, refused = trusted_tei(collect_tei(list(tei)))
    for finding in refused:
        click.echo(str(finding), err=True)
    if not safe:
        raise click.ClickException("nothing to render: no TEI file could be read safely")
    written, warnings = render_editions(kind, safe, output, title=title)
    _echo_findings(warnings)
    for path in written:
        click.echo(str(path))
    click.echo(f"{_plural(len(written), 'file')} written to {output}")
    if refused:
        sys.exit(1)


@main.command()
@click.argument("output_dir", metavar="OUTPUT_DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--bag",
    "bag_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the bag to (replaced if it is an earlier bag).",
)
def package(output_dir: Path, bag_dir: Path) -> None:
    """Package a build's output folder as a BagIt bag (RFC 8493, sha512 manifests).

    The bag's data/ holds the whole folder (TEI, HTML, PDF, CMIF, DTS, tables,
    report.json); bag-info.txt takes Source-Organization and External-Identifier
    from the edition (its edition.xml). Check it with: bagit.py --validate BAG_DIR

    \b
    Example:
        telegram-tei package output --bag frus-bag
    """
    from .bag import make_bag, output_meta

    bag = make_bag(output_dir, bag_dir, output_meta(output_dir))
    click.echo(f"bag written to {bag}")


# ------------------------------------------------------------------ printing helpers


def _guarded(output: Path, work: Callable[[], Report]) -> Report:
    """Run a batch; an error of the batch as a whole (the folder is a file, read-only, in
    use) becomes one error line in an otherwise empty report, so the summary still prints."""
    try:
        return work()
    except EncoderError as exc:
        report = Report(str(output))
        report.errors.append(Diagnostic("error", exc.message, exc.file or str(output), exc.line, "batch"))
        return report


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A ``tick`` function: a progress bar with rate and ETA on a terminal, silence in logs
    and pipes."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    start = time.monotonic()
    done = 0

    def rate(_: object) -> str:
        elapsed = time.monotonic() - start
        return f"{done / elapsed:,.0f} docs/s" if elapsed > 0 and done else ""

    with click.progressbar(
        length=total, label=label, file=sys.stderr, show_eta=True, show_pos=True, item_show_func=rate
    ) as bar:

        def tick() -> None:
            nonlocal done
            done += 1
            bar.update(1, done)

        yield tick


def _reporter(tick: Callable[[], None], quiet: bool) -> Callable[[InputResult], None]:
    def report(result: InputResult) -> None:
        _echo_findings(result.errors if quiet else result.errors + result.warnings)
        tick()

    return report


def _echo_findings(findings: list[Diagnostic]) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)


def _finish(report: Report, output: Path, quiet: bool) -> None:
    """Batch-level findings to stderr, a summary to stdout, exit 1 if anything failed."""
    _echo_findings(report.errors if quiet else report.errors + report.warnings)
    c = report.counts()
    failed = f" ({c['failed_inputs']} failed)" if c["failed_inputs"] else ""
    invalid = f" ({c['invalid_tei_files']} invalid)" if c["invalid_tei_files"] else ""
    click.echo(
        f"{_plural(c['inputs'], 'input')}{failed}, {_plural(c['documents'], 'document')}, "
        f"{_plural(c['tei_files'], 'TEI file')}{invalid}, {_plural(c['warnings'], 'warning')}, "
        f"{_plural(c['errors'], 'error')}; "
        + (f"report: {output / 'report.json'}" if report.published else "nothing published")
    )
    for edition in report.editions:
        if edition.endswith(("index.html", ".pdf")):
            click.echo(f"edition: {output / edition}")
    if report.failed:
        sys.exit(1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
