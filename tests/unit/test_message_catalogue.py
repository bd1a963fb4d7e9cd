"""Every string a page shows has real Spanish words, and the app loads exactly what the catalogue says."""

import gettext
import io
import re

from infra.messages import LANGUAGES, catalogue_path, compiled, extracted, read_catalogue, untranslated


def test_every_string_the_pages_show_is_in_each_catalogue():
    for language in LANGUAGES:
        known = {message.id for message in read_catalogue(language) if message.id}
        assert [message.id for message in extracted() if message.id and message.id not in known] == []


def test_every_string_in_each_catalogue_is_translated_and_none_is_fuzzy():
    for language in LANGUAGES:
        assert untranslated(read_catalogue(language)) == []


def test_the_compiled_catalogue_the_app_loads_says_what_its_source_says():
    for language in LANGUAGES:
        catalogue = read_catalogue(language)
        with catalogue_path(language).with_suffix(".mo").open("rb") as shipped_file:
            shipped = gettext.GNUTranslations(shipped_file)
        fresh = gettext.GNUTranslations(io.BytesIO(compiled(catalogue)))
        for message in catalogue:
            if message.id and isinstance(message.id, str):
                assert shipped.gettext(message.id) == fresh.gettext(message.id), message.id


def test_a_translation_keeps_every_placeholder_of_its_english_text():
    for language in LANGUAGES:
        for message in read_catalogue(language):
            if not message.id or not isinstance(message.id, str):
                continue
            assert _placeholders(message.string) == _placeholders(message.id), message.id


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))
