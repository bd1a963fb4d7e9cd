"""Programs are shipped as JSON data files beside the code and validated when first loaded."""

from functools import lru_cache
from pathlib import Path

from chalicelib.domain.program import Program

PROGRAMS_DIR = Path(__file__).resolve().parent.parent / "programs"


class UnknownProgramError(LookupError):
    pass


@lru_cache(maxsize=8)
def load_program(program_id: str) -> Program:
    path = PROGRAMS_DIR / f"{program_id}.json"
    if not path.is_file():
        raise UnknownProgramError(f"no program data file for {program_id!r} in {PROGRAMS_DIR}")
    return Program.model_validate_json(path.read_bytes())
