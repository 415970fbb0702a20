import hashlib

from sitegen import digests


def test_a_digest_is_the_first_128_bits_of_sha256_in_hex():
    # FIPS 180-4's own example: SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a3...
    assert digests.digest(b"abc") == "ba7816bf8f01cfea414140de5dae2223"


def test_a_digest_names_the_bytes_not_their_type():
    data = "خبر عاجل".encode("utf-8")
    assert digests.digest(data) == digests.digest(bytearray(data)) == digests.digest(memoryview(data))
    assert digests.digest(data) != digests.digest(data + b"\0")


def test_a_hasher_fed_in_parts_gives_the_digest_of_the_whole():
    hasher = digests.hasher()
    for part in (b"ab", b"", b"c"):
        hasher.update(part)
    assert digests.hex_of(hasher) == digests.digest(b"abc")
    assert len(digests.hex_of(digests.hasher())) == digests.DIGEST_HEX == len(hashlib.md5().hexdigest())
