"""`make messages`: every string the pages show, gathered from code and templates into the Spanish catalogue
(translations kept, new strings added empty, dropped ones removed), then compiled for the app to load."""

import argparse
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "chalicelib" / "web"
LOCALES = SOURCES / "locales"
LANGUAGES = ("es",)
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def extracted() -> Catalog:
    found = Catalog(fuzzy=False)
    for _file, _line, message, comments, context in extract_from_dir(
        str(SOURCES), METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        found.add(message, None, auto_comments=comments, context=context)
    return found


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language)


def untranslated(catalogue: Catalog) -> list[str]:
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def compiled(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    return buffer.getvalue()


def update(language: str) -> list[str]:
    catalogue = read_catalogue(language)
    created = catalogue.creation_date  # kept, so a run that finds nothing new changes nothing
    catalogue.update(extracted(), no_fuzzy_matching=True)
    catalogue.creation_date = created
    catalogue.obsolete.clear()
    with catalogue_path(language).open("wb") as target:
        write_po(target, catalogue, width=110, sort_output=True, include_lineno=False, omit_header=False)
    catalogue_path(language).with_suffix(".mo").write_bytes(compiled(catalogue))
    return untranslated(catalogue)


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    for language in LANGUAGES:
        missing = update(language)
        where = catalogue_path(language).relative_to(ROOT)
        print(f"{language}: {len(missing)} string(s) to translate in {where}")
        for message in missing:
            print(f"  {message[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
