"""What a cold start loads: the modules a fresh interpreter holds after `import app`."""

import os
import subprocess
import sys


def modules_loaded_by_importing_app() -> list[str]:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, app; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"},
    )
    return loaded.stdout.split()
