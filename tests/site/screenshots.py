"""`make screenshots`: every page at 375 and 1280 px wide, in English and Spanish, saved as PNG files under
screenshots/ (named page-language-width.png), for people to look at; the signed-in pages signed in as the
account that sees each."""

import argparse
import os
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.e2e.conftest import CHROMIUM, QUIET_CHROMIUM, sign_in_through_the_form
from tests.site.tour import SIGNED_IN_PAGES, site_with_data

WIDTHS = (375, 1280)
LANGUAGES = ("en", "es")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    folder = parser.parse_args().out
    folder.mkdir(parents=True, exist_ok=True)
    with site_with_data() as tour, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        for language in LANGUAGES:
            for width in WIDTHS:
                context = browser.new_context(
                    base_url=tour.base_url, viewport={"width": width, "height": 900}, locale=language
                )
                page = context.new_page()
                for name, path in tour.pages.items():
                    shoot(page, folder, name, path, language, width)
                context.close()
                signed_in_pages = {**SIGNED_IN_PAGES, **tour.signed_in_pages}
                for handle in sorted({handle for handle, _ in signed_in_pages.values()}):
                    context = browser.new_context(
                        base_url=tour.base_url, viewport={"width": width, "height": 900}, locale=language
                    )
                    page = context.new_page()
                    sign_in_through_the_form(page, handle)
                    for name, (signed_in_as, path) in signed_in_pages.items():
                        if signed_in_as == handle:
                            shoot(page, folder, name, path, language, width)
                    context.close()
        browser.close()
    return 0


def shoot(page: Page, folder: Path, name: str, path: str, language: str, width: int) -> None:
    separator = "&" if "?" in path else "?"
    page.goto(f"{path}{separator}lang={language}")
    target = folder / f"{name}-{language}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    print(target)


if __name__ == "__main__":
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"  # the sample data's metric lines are noise here
    raise SystemExit(main())
