"""The site's own CSS, script and icons, named by their content so a browser may keep them for a year."""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/static/"
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class StaticFile:
    content: str
    content_type: str


@functools.cache
def _files() -> dict[str, tuple[str, StaticFile]]:
    """Each file under its plain name, with its content-hashed name."""
    files = {}
    for path in sorted(STATIC.iterdir()):
        if path.suffix not in _TYPES:
            continue
        content = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(content.encode()).hexdigest()[:12]
        files[path.name] = (f"{path.stem}.{digest}{path.suffix}", StaticFile(content, _TYPES[path.suffix]))
    return files


def hashed_name(name: str) -> str:
    return _files()[name][0]


def by_hashed_name(hashed: str) -> StaticFile | None:
    return next((file for name, file in _files().values() if name == hashed), None)
