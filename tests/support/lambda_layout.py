"""What `make package` wrote, laid out as Lambda extracts it: the function's code, then its layer."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"


class LambdaLayout:
    def __init__(self, out_dir: Path, root: Path) -> None:
        self.task = _extract(out_dir / "deployment.zip", root / "task")
        self.site_packages = (
            _extract(out_dir / "layer-deployment.zip", root / "opt")
            / "python"
            / "lib"
            / RUNTIME
            / "site-packages"
        )

    def run(self, code: str, *flags: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A fresh interpreter running code in the function's directory. -S: no site-packages but the
        layer's, as in Lambda, so nothing the package lacks is found."""
        return subprocess.run(
            [sys.executable, "-S", *flags, "-c", code],
            cwd=self.task,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(self.task), str(self.site_packages)])},
            capture_output=True,
            text=True,
            check=check,
        )


def _extract(archive: Path, directory: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(directory)
    return directory
