"""Command line: parses options, calls the library, maps its errors to exit codes (0 ok, 1 findings, 2 usage)."""
from __future__ import annotations

import re
import sys
from typing import Optional

import click
from rapidfuzz import fuzz, process

from . import __version__
from .audit import run
from .cache import DEFAULT_DIR as DEFAULT_CACHE_DIR
from .errors import CptauditError, ReferenceDataError
from .reference import CodeEntry, Reference, load_reference
from .report import WRITERS, summary_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, **kwargs)
        except CptauditError as exc:          # pragma: no cover - raised before click's own handling
            click.echo(f"cptaudit: {exc}", err=True)
            sys.exit(EXIT_USAGE)


def _fail(exc: CptauditError) -> None:
    if isinstance(exc, ReferenceDataError):
        click.echo("cptaudit: the reference table has errors:", err=True)
        for issue in exc.issues:
            click.echo(f"  {issue}", err=True)
    else:
        click.echo(f"cptaudit: {exc}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="cptaudit")
def main() -> None:
    """Fact-check what articles say about CPT/HCPCS billing codes."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@click.option("--out", "out_dir", default="reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the report files.")
@click.option("--format", "formats", multiple=True, type=click.Choice(sorted(WRITERS)),
              help="Report format; repeat for several.  [default: json, html]")
@click.option("--jobs", "-j", default=None, type=click.IntRange(0),
              help="Worker processes (0 = one per core).  [default: one per core]")
@click.option("--reference", "reference_dir", type=click.Path(exists=True, file_okay=False),
              help="Use this reference table instead of the bundled one.")
@click.option("--model", default=None, help="An installed spaCy pipeline to use as the base (default: none).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files whose path under a given folder (or name) matches; repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders whose path under a given folder (or name) matches; repeatable.")
@click.option("--cache-dir", default=DEFAULT_CACHE_DIR, show_default=True, envvar="CPTAUDIT_CACHE_DIR",
              type=click.Path(file_okay=False), help="Where results of unchanged articles are kept.")
@click.option("--no-cache", is_flag=True, help="Analyse every article again; neither read nor write the cache.")
@click.option("--shard", default=None, metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Audit only the K-th of N disjoint parts of the inputs (one part per machine).")
def check(paths, out_dir, formats, jobs, reference_dir, model, include, exclude, cache_dir, no_cache, shard) -> None:
    """Audit the articles in PATHS (files or folders, '-' for standard input; default corpus/).

    Folders are read recursively: .txt, .md, .html and .docx files; others are skipped and listed.
    """
    try:
        summary = run(paths or ("corpus",), out_dir, formats or ("json", "html"), reference_dir, jobs, model,
                      include=include, exclude=exclude, cache_dir=None if no_cache else cache_dir, progress=None,
                      shard=shard)
    except CptauditError as exc:
        _fail(exc)
    click.echo(summary_text(summary))
    sys.exit(EXIT_FINDINGS if summary.contradicted or summary.errors else EXIT_OK)


def _shard(value: Optional[str]) -> Optional[tuple[int, int]]:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise click.BadParameter(f"expected K/N with 1 <= K <= N (for example 2/4), not '{value}'")
    return int(match.group(1)), int(match.group(2))


@main.command()
@click.argument("query")
@click.option("--reference", "reference_dir", type=click.Path(exists=True, file_okay=False))
def code(query, reference_dir) -> None:
    """Show the reference entry for a code, or find entries by words (e.g. 'massage')."""
    try:
        ref = load_reference(reference_dir)
    except CptauditError as exc:
        _fail(exc)
    key = query.strip().upper()
    if key in ref.codes:
        click.echo(format_entry(ref.codes[key], ref))
        return
    if any(re.fullmatch(f.pattern, key) for f in ref.formats):
        close = ref.closest(key, limit=5)
        click.echo(f"cptaudit: {key} is not in the reference table (version {ref.version})."
                   + (f" Closest codes: {', '.join(close)}." if close else ""), err=True)
        sys.exit(EXIT_USAGE)
    hits = search_entries(query, ref)
    if not hits:
        click.echo(f"cptaudit: no entry matches '{query}'.", err=True)
        sys.exit(EXIT_USAGE)
    for entry in hits:
        click.echo(f"{entry.code}  {entry.title}" + ("" if entry.active else f"  (deleted {entry.deleted})"))


def search_entries(query: str, ref: Reference, limit: int = 8) -> list[CodeEntry]:
    """Entries whose title, description or concept phrases match the words (near-misses too)."""
    choices: dict[str, str] = {}
    for entry in ref.codes.values():
        phrases = [p for cid in entry.concepts for p in ref.concepts[cid].phrases]
        choices[entry.code] = " | ".join([entry.title, entry.description, *phrases]).lower()
    scored = process.extract(query.lower(), choices, scorer=fuzz.partial_ratio, limit=None, score_cutoff=80)
    scored.sort(key=lambda hit: (-hit[1], hit[2]))
    return [ref.codes[code] for _, _, code in scored[:limit]]


def format_entry(entry: CodeEntry, ref: Reference) -> str:
    section = ref.sections[entry.section].name
    timing = f"timed, billed {entry.unit or f'each {entry.unit_minutes} minutes'}" if entry.timed else \
        f"untimed, billed {entry.unit or 'once per session'}"
    lines = [f"{entry.code}  {entry.title}", "", entry.description.strip(), "",
             f"  system:     {ref.systems[entry.system]['name']}",
             f"  section:    {section}",
             f"  timing:     {timing}"]
    if entry.typical_minutes:
        lines.append(f"  typical:    {entry.typical_minutes} minutes face-to-face")
    if entry.complexity:
        lines.append(f"  complexity: {entry.complexity}")
    status = "active" + (f" since {entry.added}" if entry.added else "")
    if not entry.active:
        status = f"deleted {entry.deleted}" + (f", replaced by {', '.join(entry.replaced_by)}" if entry.replaced_by else "")
    lines.append(f"  status:     {status}")
    if entry.concepts:
        lines.append(f"  describes:  {', '.join(ref.concepts[c].label for c in entry.concepts)}")
    for note in entry.notes:
        lines.append(f"  note:       {note}")
    lines.append("  sources:")
    lines.extend(f"    {s}" for s in entry.sources)
    return "\n".join(lines)


@main.group()
def reference() -> None:
    """Work with the reference table."""


@reference.command("check")
@click.option("--reference", "reference_dir", type=click.Path(exists=True, file_okay=False))
def reference_check(reference_dir) -> None:
    """Validate the reference files; exit 2 with file:line errors."""
    try:
        ref = load_reference(reference_dir)
    except CptauditError as exc:
        _fail(exc)
    click.echo(f"reference {ref.version}: {len(ref.codes)} codes, {len(ref.concepts)} concepts: OK")


if __name__ == "__main__":
    main()
