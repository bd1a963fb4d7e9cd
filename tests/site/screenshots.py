"""`make screenshots`: every page at 375 and 1280 px wide, in English and Spanish, saved as PNG files under
screenshots/ (named page-language-width.png), for people to look at; the signed-in pages signed in as the
account that sees each, and the sign-in's own steps (the authenticator app's set-up and code) on the way."""

import argparse
import os
from pathlib import Path

import boto3
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.conftest import CHROMIUM, QUIET_CHROMIUM, sign_in_through_the_form
from tests.site.tour import SIGNED_IN_PAGES, site_with_data
from tests.support.stack import PASSWORD, email_of

TEMPORARY = "Temporary-Pass-1"

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
                shoot_sign_in_steps(browser, tour.base_url, folder, language, width)
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


def shoot_sign_in_steps(browser: Browser, base_url: str, folder: Path, language: str, width: int) -> None:
    """The code page of a demo account's sign-in, and the set-up page of a new account's first one."""
    newcomer = email_of(f"screenshot-{language}-{width}")
    boto3.client("cognito-idp").admin_create_user(
        UserPoolId=os.environ["USER_POOL_ID"],
        Username=newcomer,
        UserAttributes=[{"Name": "email", "Value": newcomer}],
        TemporaryPassword=TEMPORARY,
        MessageAction="SUPPRESS",
    )
    for name, email, password in (
        ("sign-in-code", email_of("staff"), PASSWORD),
        ("sign-in-set-up", newcomer, TEMPORARY),
    ):
        context = browser.new_context(
            base_url=base_url, viewport={"width": width, "height": 900}, locale=language
        )
        page = context.new_page()
        page.goto(f"/sign-in?lang={language}")
        page.fill("#email", email)
        page.fill("#password", password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if password == TEMPORARY:
            page.fill("#new_password", "Brand-New-Pass-9")
            page.fill("#confirm_password", "Brand-New-Pass-9")
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
        target = folder / f"{name}-{language}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        print(target)
        context.close()


def shoot(page: Page, folder: Path, name: str, path: str, language: str, width: int) -> None:
    separator = "&" if "?" in path else "?"
    page.goto(f"{path}{separator}lang={language}")
    target = folder / f"{name}-{language}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    print(target)


if __name__ == "__main__":
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"  # the sample data's metric lines are noise here
    raise SystemExit(main())
