"""Compiled bytecode inside a deployment zip, so a cold start imports modules instead of compiling them.

Lambda extracts a function's code and layers into read-only directories: a module without a .pyc
beside it is compiled from source on every cold start, and the result cannot be kept. The files
written here are checked-hash pycs (PEP 552): valid whatever timestamps the extracted files get (a zip
keeps them only to two seconds), and still ignored for a source edited after packaging (say, in the
Lambda console), at the cost of hashing each source on import, which is lost in the noise.
"""

import importlib.util
import marshal
import warnings
import zipfile
from pathlib import Path

CHECKED_HASH = 0b11  # PEP 552 flags: hash-based, and valid only for the source it was compiled from


def add_bytecode(archive: Path) -> int:
    """Rewrites archive with a pyc beside each module in it, compiled for this interpreter. Bytecode the
    archive held already is dropped: it was compiled elsewhere, maybe from other sources. Returns how
    many modules were compiled."""
    staged = archive.with_name(archive.name + ".partial")
    compiled = 0
    with (
        zipfile.ZipFile(archive) as original,
        zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as rewritten,
    ):
        for entry in original.infolist():
            if _is_bytecode(entry.filename):
                continue
            source = original.read(entry)
            rewritten.writestr(entry, source)
            if not entry.filename.endswith(".py"):
                continue
            # The import system renames the code to wherever the module is found, so the name is relative.
            bytecode = checked_pyc(source, entry.filename)
            if bytecode is not None:
                rewritten.writestr(_beside(entry), bytecode)
                compiled += 1
    staged.replace(archive)
    return compiled


def checked_pyc(source: bytes, filename: str) -> bytes | None:
    """The pyc of one module, or None when this interpreter cannot compile it (a file some package
    ships for another Python, never imported here): such a module stays as it was."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning in a dependency's docstrings
            code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    flags = CHECKED_HASH.to_bytes(4, "little")
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + marshal.dumps(code)


def _beside(module: zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(importlib.util.cache_from_source(module.filename), date_time=module.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = module.external_attr
    return entry


def _is_bytecode(name: str) -> bool:
    return name.endswith((".pyc", ".pyo"))
