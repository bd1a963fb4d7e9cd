"""The local stack's form-token signing key, generated once and kept in `<data dir>/form-token-secret`, so
forms signed before a restart still verify after it. In AWS, Secrets Manager generates it (FormTokenSecret
in infra/template.yml)."""

import os
import secrets
from pathlib import Path

FORM_TOKEN_SECRET_FILE = "form-token-secret"


def form_token_secret(data_dir: Path) -> str:
    path = data_dir / FORM_TOKEN_SECRET_FILE
    saved = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if saved:
        return saved
    secret = secrets.token_urlsafe(48)
    data_dir.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
        out.write(secret + "\n")
    temporary.replace(path)
    return secret
