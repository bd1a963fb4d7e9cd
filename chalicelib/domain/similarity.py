"""Duplicate feedback and mass campaigns: exact fingerprints, and MinHash signatures banded for lookup (LSH).

The i-th MinHash function is the i-th 32-bit word of the SHAKE-128 digest of a shingle: no seeds, no salt,
so a signature computed in one Lambda matches one computed in another (the built-in `hash()` would not).
"""

import hashlib
import struct
import unicodedata

SIGNATURE_LENGTH = 64
BANDS = 16
ROWS = 4
NEAR_DUPLICATE_THRESHOLD = 0.5
SHINGLE_SIZE = 3

_HASH_BYTES = 4
_ONE_HASH_PER_POSITION = struct.Struct(f"<{SIGNATURE_LENGTH}I")
_BAND_ROWS = struct.Struct(f"<{ROWS}I")
_APOSTROPHES = frozenset("'\u2019\u02bc")


def normalize(text: str) -> str:
    """NFKC, casefolded, without punctuation, words separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = (_without_punctuation(char) for char in folded)
    return " ".join("".join(kept).split())


def exact_fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalized text: equal for texts differing only in case, spacing, punctuation."""
    return hashlib.sha256(normalize(text).encode()).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Each run of `size` consecutive words of the normalized text; a shorter text is one shingle."""
    words = normalize(text).split(" ")
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}


def minhash_signature(text: str) -> tuple[int, ...]:
    """For each of SIGNATURE_LENGTH independent 32-bit hash functions, the least value over the shingles."""
    hashed = (_hash_values(shingle) for shingle in shingles(text))
    return tuple(map(min, zip(*hashed, strict=True)))


def lsh_buckets(signature: tuple[int, ...]) -> list[str]:
    """One key per band, "07:3f09c2d18a4b5e61": texts that share any key are candidate near-duplicates."""
    _check_length(signature)
    buckets = []
    for band in range(BANDS):
        rows = _BAND_ROWS.pack(*signature[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(rows, digest_size=8, person=b"lsh-band").hexdigest()
        buckets.append(f"{band:02d}:{digest}")
    return buckets


def estimated_similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of positions where two signatures agree: it estimates the Jaccard similarity of the texts."""
    _check_length(a)
    _check_length(b)
    return sum(x == y for x, y in zip(a, b, strict=True)) / SIGNATURE_LENGTH


def signature_to_text(signature: tuple[int, ...]) -> str:
    """The signature as dot-separated hex, for storing in an item."""
    _check_length(signature)
    return ".".join(f"{value:x}" for value in signature)


def signature_from_text(text: str) -> tuple[int, ...]:
    """The signature that `signature_to_text` wrote; ValueError for anything else."""
    parts = text.split(".")
    if len(parts) != SIGNATURE_LENGTH or not all(_is_hex_value(part) for part in parts):
        raise ValueError("not a stored MinHash signature")
    return tuple(int(part, 16) for part in parts)


def _without_punctuation(char: str) -> str:
    if not unicodedata.category(char).startswith("P"):
        return char
    return "" if char in _APOSTROPHES else " "


def _hash_values(shingle: str) -> tuple[int, ...]:
    digest = hashlib.shake_128(shingle.encode()).digest(SIGNATURE_LENGTH * _HASH_BYTES)
    return _ONE_HASH_PER_POSITION.unpack(digest)


def _is_hex_value(part: str) -> bool:
    return 0 < len(part) <= 2 * _HASH_BYTES and part.isascii() and all(c in "0123456789abcdef" for c in part)


def _check_length(signature: tuple[int, ...]) -> None:
    if len(signature) != SIGNATURE_LENGTH:
        raise ValueError(f"a signature has {SIGNATURE_LENGTH} values, not {len(signature)}")
