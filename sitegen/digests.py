"""The digest that names bytes in the build cache and its records.

Every key and content hash sitegen keeps for itself (the cache's article keys, the stored
bodies, the output manifest's page digests, render keys, the source index) is the first 128
bits of SHA-256 (FIPS 180-4), as 32 lowercase hex characters. None of them reaches a page:
the names published in the output (fingerprinted assets, the search index's files) have their
own digests. SHA-256 replaced BLAKE2b-128 because a build hashes about a gigabyte at 10,000
articles (every page written, every body stored and read back, every source file) and on
processors with the SHA extensions (x86 since AMD Zen and Intel Ice Lake, ARMv8) OpenSSL's
SHA-256 is about twice as fast on such inputs: 17 µs against 36 µs for 30 KB on the bench
machine (bench/RESULTS.md, 2026-12-06).
"""

from __future__ import annotations

import hashlib

#: Hex characters of a digest (128 bits).
DIGEST_HEX = 32


def digest(data: bytes | bytearray | memoryview) -> str:
    """The digest of ``data``: 32 hex characters."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_HEX]


def hasher():
    """A new hasher for data given in parts (``update(bytes)``); :func:`hex_of` gives its digest."""
    return hashlib.sha256()


def hex_of(hasher) -> str:
    """The digest (32 hex characters) of what a :func:`hasher` was given."""
    return hasher.hexdigest()[:DIGEST_HEX]
