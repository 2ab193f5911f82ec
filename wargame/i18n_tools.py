"""Maintain the interface's translation catalogues with Babel: extract, update, compile, check.

    python -m wargame.i18n_tools extract          # wargame/locale/wargame.pot from the code
    python -m wargame.i18n_tools update           # merge the .pot into every language's .po
    python -m wargame.i18n_tools init LANG        # start a new language's .po
    python -m wargame.i18n_tools compile          # .po -> .mo (what the game reads)
    python -m wargame.i18n_tools check            # what the test suite checks; exit 1
    python -m wargame.i18n_tools pseudo DIR       # a pseudo-locale 'qps' in DIR (tests)

After changing interface text: `extract`, `update`, translate the new or fuzzy entries
of each `.po`, then `compile`. Messages are found in calls to `_` and `ngettext` and in
the markers `N_` and `NP_` (the engine's cause templates, translated at the edge).
A `# Translators:` comment just above a call is carried into the catalogue.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None, "NP_": (1, 2),
            "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)[^{}]*\}")


HEADER = """\
Translations of the wargame's interface (the teaching wargame about the 2025 blockade of
Bamako). Scenario text is translated in the scenarios themselves, not here.
This file is distributed under the same license as the wargame project.
Managed with `python -m wargame.i18n_tools` (extract, update, compile, check)."""


def _headed(catalog: Catalog) -> Catalog:
    """The header every catalogue carries (not Babel's placeholders)."""
    from . import __version__

    catalog.project = "wargame"
    catalog.version = __version__
    catalog.copyright_holder = "the wargame authors"
    catalog.msgid_bugs_address = "the project's issue tracker"
    catalog.header_comment = "\n".join(f"# {line}" if line else "#"
                                       for line in HEADER.splitlines())
    catalog.fuzzy = False
    if catalog.locale is not None:
        if "EMAIL@ADDRESS" in (catalog.last_translator or ""):
            catalog.last_translator = "the wargame authors"
        catalog.revision_date = catalog.creation_date
    return catalog


def extracted() -> Catalog:
    """A fresh template catalogue from the package's code."""
    catalog = _headed(Catalog(domain=DOMAIN, charset="utf-8", fuzzy=False))
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS, strip_comment_tags=True):
        if filename.startswith("locale"):
            continue
        catalog.add(message, None, [(f"wargame/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    # No line numbers: a catalogue changes only when a message does, not when code moves.
    write_po(buffer, catalog, width=100, sort_output=True, omit_header=False,
             include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def languages() -> list[str]:
    return sorted(d.name for d in LOCALE_DIR.iterdir()
                  if (d / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> None:
    _write(POT, extracted())


def init(language: str) -> None:
    template = _read(POT)
    catalog = _headed(Catalog(locale=language, domain=DOMAIN, charset="utf-8", fuzzy=False))
    catalog.language_team = language
    catalog.update(template)
    _write(po_path(language), catalog)


def update() -> None:
    template = _read(POT)
    for language in languages():
        catalog = _headed(_read(po_path(language), language))
        catalog.update(template, no_fuzzy_matching=False)
        _write(po_path(language), catalog)


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, _read(po_path(language), language), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in languages():
        po_path(language).with_suffix(".mo").write_bytes(compiled(language))


PSEUDO = "qps"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
_PLACEHOLDERS = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]|%%)")


def pseudo_text(message: str) -> str:
    """`message` with its words between markers, their letters swapped for accented
    look-alikes (so text that skipped the catalogue stands out), and its placeholders
    left outside the markers: what fills them (a name, a nested sentence) must be marked
    on its own, or it shows up as English (`⟦Çöñvöý öñ ⟧{road}⟦ löst⟧`)."""
    accents = str.maketrans("aeiouAEIOUcnyCNY", "àéîöûÀÉÎÖÛçñýÇÑÝ")
    end = "\n" if message.endswith("\n") else ""
    out = []
    for part in _PLACEHOLDERS.split(message.removesuffix("\n")):
        if _PLACEHOLDERS.fullmatch(part):
            out.append(part)
        elif part:
            out.append(PSEUDO_OPEN + part.translate(accents) + PSEUDO_CLOSE)
    return "".join(out) + end


def write_pseudo(folder: Path) -> Path:
    """Compile a pseudo-locale of every message of the code into `folder` (a localedir):
    `set_language(PSEUDO, folder)` then shows every translated string between markers,
    and any English outside them is a string that does not go through gettext."""
    catalog = Catalog(locale="fr", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for message in extracted():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(pseudo_text(i) for i in message.id)
            string: str | tuple[str, ...] = (forms[0], forms[1], forms[1])
        else:
            string = pseudo_text(str(message.id))
        catalog.add(message.id, string, context=message.context)
    path = folder / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    return path


def _ids(catalog: Catalog) -> set[object]:
    return {m.id for m in catalog if m.id}


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems() -> Iterable[str]:
    """Everything that makes the catalogues disagree with the code, one line each."""
    template = _read(POT)
    fresh, committed = _ids(extracted()), _ids(template)
    for missing in sorted(map(str, fresh - committed)):
        yield f"{POT.name}: not extracted yet: {missing!r} (run extract, update, compile)"
    for stale in sorted(map(str, committed - fresh)):
        yield f"{POT.name}: no longer in the code: {stale!r} (run extract, update, compile)"
    for language in languages():
        path = po_path(language)
        catalog = _read(path, language)
        name = f"{language}/{path.name}"
        if _ids(catalog) != committed:
            yield f"{name}: differs from {POT.name} (run update, then translate)"
        for message in catalog:
            if not message.id:
                continue
            shown = message.id if isinstance(message.id, str) else message.id[0]
            if message.fuzzy:
                yield f"{name}: fuzzy: {shown!r}"
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                yield f"{name}: not translated: {shown!r}"
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = set().union(*(_placeholders(str(i)) for i in ids))
            for string in strings:
                if not _placeholders(str(string)) <= wanted:
                    yield f"{name}: placeholders differ: {shown!r}"
                    break
        mo = path.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(language):
            yield f"{language}/{mo.name}: out of date with the .po (run compile)"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "init" and len(argv) == 2:
        init(argv[1])
    elif command == "compile":
        compile_all()
    elif command == "pseudo" and len(argv) == 2:
        print(write_pseudo(Path(argv[1])))
    elif command == "check":
        found = list(problems())
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
