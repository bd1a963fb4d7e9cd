"""Where the local stack listens and keeps its data; read from the environment, nothing heavy imported."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
ACCOUNTS_FILE = "accounts.json"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
}


def region_from_env() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


@dataclass(frozen=True)
class LocalConfig:
    port: int
    moto_port: int
    data_dir: Path
    region: str
    project_dir: Path = PROJECT_DIR
    pump_concurrency: int = 4

    @classmethod
    def from_env(cls) -> "LocalConfig":
        return cls(
            port=int(os.environ.get("PORT") or 8000),
            moto_port=int(os.environ.get("MOTO_PORT") or 5001),
            data_dir=Path(os.environ.get("LOCAL_DATA_DIR") or PROJECT_DIR / ".local").resolve(),
            region=region_from_env(),
            pump_concurrency=int(os.environ.get("PUMP_CONCURRENCY") or 4),
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.moto_port}"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def accounts_path(self) -> Path:
        return self.data_dir / ACCOUNTS_FILE
