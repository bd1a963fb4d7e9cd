"""`make lighthouse`: Lighthouse's accessibility, best-practices and performance scores of the home page, the
form, a team page and a receipt, as a phone sees them. Accessibility and best practices aim at 100; the
performance score is printed only (Lighthouse's CPU calibration finds this kind of machine slow)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import CHROMIUM
from tests.site.tour import site_with_data

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ("home", "form", "team", "receipt")
CATEGORIES = ("accessibility", "best-practices", "performance")


def scores(url: str) -> dict[str, float]:
    finished = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(finished.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main() -> int:
    failed = False
    with site_with_data() as tour:
        print(f"{'page':<10} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for name in PAGES:
            found = scores(tour.base_url + tour.pages[name])
            print(f"{name:<10} " + " ".join(f"{round(found[c] * 100):>15}" for c in CATEGORIES))
            failed |= found["accessibility"] < 1 or found["best-practices"] < 1
    if failed:
        print("accessibility and best practices should both be 100", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"  # the sample data's metric lines are noise here
    raise SystemExit(main())
