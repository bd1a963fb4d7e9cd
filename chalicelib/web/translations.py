"""Message catalogues and the language's own way of writing dates and numbers, loaded on first use."""

import functools
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chalicelib.web.languages import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from gettext import NullTranslations

LOCALES = Path(__file__).resolve().parent / "locales"


@functools.cache
def catalogue(language: str) -> "NullTranslations":
    if language == DEFAULT_LANGUAGE:
        from gettext import NullTranslations

        return NullTranslations()
    from babel.support import Translations

    return Translations.load(str(LOCALES), [language])


class Words:
    """Everything a template needs to speak the visitor's language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = catalogue(language)

    def gettext(self, message: str, **values: object) -> str:
        text = self._catalogue.gettext(message)
        return text % values if values else text

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """The same English words said differently where they stand (a count's heading, a status)."""
        text = self._catalogue.pgettext(context, message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        text = self._catalogue.ngettext(singular, plural, count)
        return text % {"num": self.number(count), **values}

    def date(self, moment: date | datetime | None) -> str:
        if moment is None:
            return ""
        from babel.dates import format_date

        return format_date(moment, format="long", locale=self.language)

    def clock_time(self, moment: datetime, time_zone: str) -> str:
        """The time of day in a time zone, with the zone named in this language: "2:05 PM (Central
        Standard Time)"."""
        from zoneinfo import ZoneInfo

        from babel.dates import format_time, get_timezone_name

        local = moment.astimezone(ZoneInfo(time_zone))
        zone = get_timezone_name(local, width="long", locale=self.language)
        return f"{format_time(local, format='short', locale=self.language)} ({zone})"

    def date_and_time(self, moment: datetime, time_zone: str) -> str:
        """The day and the time of day in a time zone, as `date` and `clock_time` write them."""
        from zoneinfo import ZoneInfo

        return f"{self.date(moment.astimezone(ZoneInfo(time_zone)))} {self.clock_time(moment, time_zone)}"

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.language)
