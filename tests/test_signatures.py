"""Stat signatures (:mod:`sitegen.signatures`): an input file is read again only when its
signature changed or was taken too soon after the file's last change to prove anything."""

from __future__ import annotations

from sitegen import signatures
from sitegen.digests import digest
from sitegen.signatures import SourceIndex


def spy_reads(monkeypatch) -> list[str]:
    reads: list[str] = []

    def spying_open(path, *args, **kwargs):
        reads.append(path)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(signatures, "open", spying_open, raising=False)
    return reads


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path, monkeypatch):
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    source = tmp_path / "a.md"
    source.write_bytes(b"first")
    reads = spy_reads(monkeypatch)
    index = SourceIndex()
    assert index.file_digest(str(source)) == digest(b"first")
    index.save(tmp_path / "index")
    again = SourceIndex.load(tmp_path / "index")
    assert again.file_digest(str(source)) == digest(b"first") and reads == [str(source)]
    source.write_bytes(b"second!")
    assert again.file_digest(str(source)) == digest(b"second!") and reads == [str(source)] * 2


def test_a_racy_signature_is_not_trusted(tmp_path, monkeypatch):
    source = tmp_path / "a.md"
    source.write_bytes(b"first")
    reads = spy_reads(monkeypatch)
    index = SourceIndex()
    index.file_digest(str(source))
    index.file_digest(str(source))  # changed less than RACY_NS before it was recorded
    assert reads == [str(source)] * 2


def test_what_cannot_be_read_has_no_digest_and_a_damaged_index_is_empty(tmp_path):
    (tmp_path / "big.md").write_bytes(b"x" * 10)
    (tmp_path / "folder.md").mkdir()
    index = SourceIndex()
    assert index.file_digest(str(tmp_path / "big.md"), max_bytes=9) is None
    assert index.file_digest(str(tmp_path / "folder.md")) is None
    assert index.file_digest(str(tmp_path / "missing.md")) is None
    (tmp_path / "index").write_bytes(b"not a pickle")
    assert SourceIndex.load(tmp_path / "index").entries == {}


def test_a_given_digest_is_the_file_as_first_seen_in_this_build_and_a_worker_looks_again(tmp_path):
    # Issue 10: the load stage finds articles by the digests the inputs digest took moments
    # before (10,000 stat calls fewer); a worker's copy of the index looks at its files itself.
    import pickle

    source = tmp_path / "a.md"
    source.write_bytes(b"first")
    index = SourceIndex()
    assert index.given_digest(str(source), 100) == digest(b"first")  # not seen yet: looked at now
    source.write_bytes(b"second!")
    assert index.given_digest(str(source), 100) == digest(b"first")  # as first seen
    assert index.given_digest(str(source), 3) is None  # another limit: looked at now (too large)
    worker = pickle.loads(pickle.dumps(index))
    assert worker.given_digest(str(source), 100) == digest(b"second!")
    assert index.file_digest(str(source), 100) == digest(b"second!")
    assert index.given_digest(str(source), 100) == digest(b"second!")  # what file_digest gave last


def test_what_a_worker_saw_of_a_file_is_adopted_as_first_seen(tmp_path, monkeypatch):
    # Issue 10: a clean build's files are digested by the load workers; the main process takes
    # their digests (the files as loaded) for the inputs digest and their entries for the index.
    import pickle

    monkeypatch.setattr(signatures, "RACY_NS", 0)
    source, big = tmp_path / "a.md", tmp_path / "big.md"
    source.write_bytes(b"first")
    big.write_bytes(b"x" * 10)
    main = SourceIndex()
    worker = pickle.loads(pickle.dumps(main))
    seen = worker.seen(str(source), 100)
    assert seen[0] == digest(b"first") and seen[1] == worker.used[str(source)]
    assert worker.seen(str(big), 9) == (None, None)
    source.write_bytes(b"second!")  # changed after the worker saw it
    reads = spy_reads(monkeypatch)
    main.adopt(str(source), 100, seen)
    main.adopt(str(big), 9, worker.seen(str(big), 9))
    assert main.given_digest(str(source), 100) == digest(b"first") and main.given_digest(str(big), 9) is None
    assert reads == [] and main.used == {str(source): seen[1]}
    assert main.file_digest(str(source), 100) == digest(b"second!")  # the signature changed: read again


def test_a_link_fifo_or_folder_at_the_saved_index_is_removed_unread_with_a_warning(tmp_path):
    # /tmp/attack-inc/bug-cache-fifo.sh: `mkfifo .sitegen-cache/sources` hung the build forever.
    import os

    outside = tmp_path / "outside"
    index = SourceIndex()
    index.used = {"a.md": ((1, 2, 3, 4, 5), "d", 0)}
    index.save(outside)
    assert SourceIndex.load(outside).entries == index.used  # readable where it is
    saved = tmp_path / "sources"
    for make in (lambda: saved.symlink_to(outside), lambda: os.mkfifo(saved), lambda: saved.mkdir()):
        make()
        warnings: list = []
        assert SourceIndex.load(saved, warnings).entries == {}
        assert [(d.code, d.path) for d in warnings] == [("cache-corrupt", str(saved))]
        assert not os.path.lexists(saved)
    assert SourceIndex.load(outside).entries == {"a.md": ((1, 2, 3, 4, 5), "d", 0)}


def test_the_bytes_digested_are_taken_once_and_only_for_the_file_read_last(tmp_path, monkeypatch):
    # Issue 10: a clean build loads each content file from the bytes its key digested (the
    # file was read twice, ~10,000 reads more at 10,000 articles).
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_bytes(b"first")
    second.write_bytes(b"second")
    index = SourceIndex()
    index.file_digest(str(first))
    assert index.take_read(str(second)) is None  # not the file read last
    assert index.take_read(str(first)) is None  # let go once asked for
    index.file_digest(str(first))  # known: not read again
    assert index.take_read(str(first)) is None
    index.file_digest(str(second))
    assert index.take_read(str(second)) == b"second"
    assert index.take_read(str(second)) is None


def test_what_a_forked_copy_learnt_is_taken_as_if_found_here(tmp_path, monkeypatch):
    import pickle

    # Issue 10: an edit's inputs digest is made in a forked child while the main process reads
    # the output manifest; the main process's index must then give, save and hand over what
    # the child's did, without a second stat or read.
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    same, edited, gone = tmp_path / "same.md", tmp_path / "edited.md", tmp_path / "gone.md"
    for path in (same, edited, gone):
        path.write_bytes(b"first " + path.name.encode())
    first = SourceIndex()
    for path in (same, edited, gone):
        first.file_digest(str(path), 100)
    first.save(tmp_path / "index")
    edited.write_bytes(b"edited text")
    gone.unlink()
    main = SourceIndex.load(tmp_path / "index")
    child = SourceIndex(main.entries)  # a forked copy: the very entries the main process loaded
    digests = [child.given_digest(str(path), 100) for path in (same, edited, gone)]
    learnt = child.learnt()
    assert set(learnt[1]) == {str(edited)}  # the unchanged file's entry is named, not sent
    reads = spy_reads(monkeypatch)
    main.adopt_learnt(learnt)
    same.unlink()
    edited.unlink()  # gone now: the main process gives what the child saw, without looking
    assert [main.given_digest(str(path), 100) for path in (same, edited, gone)] == digests
    assert digests[:2] == [digest(b"first same.md"), digest(b"edited text")] and digests[2] is None
    assert main.used == child.used and main.used[str(same)] is main.entries[str(same)]
    assert main.read_files and reads == []
    # /tmp/attack44/r6-big-asset-through-pipe.sh: the bytes the child read last (a 150 MB asset
    # there) are not sent back; the process that loads a file reads it itself.
    assert main.take_read(str(edited)) is None and len(pickle.dumps(learnt)) < 1000
    main.adopt_learnt(main.learnt())  # its own: nothing changes
    assert main.used == child.used


def test_given_digests_are_given_digest_of_each_path_in_order(tmp_path, monkeypatch):
    # Issue 10: the inputs digest asks for ~10,000 content files in one loop; what it gives and
    # records must be what a call each gives: unchanged, changed, new, too large, a folder,
    # missing, racy, and a file asked earlier (the first digest stands).
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    for name, data in {"same.md": b"same", "changed.md": b"old", "big.md": b"x" * 10, "racy.md": b"r",
                       "asked.md": b"first"}.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.md").mkdir()
    first = SourceIndex()
    for name in ("same.md", "changed.md", "big.md", "racy.md"):
        first.file_digest(str(tmp_path / name))
    first.save(tmp_path / "index")
    (tmp_path / "changed.md").write_bytes(b"new text")
    (tmp_path / "new.md").write_bytes(b"brand new")
    names = [str(tmp_path / name) for name in
             ("same.md", "changed.md", "new.md", "big.md", "folder.md", "missing.md", "racy.md", "asked.md", "same.md")]
    looped, called = SourceIndex.load(tmp_path / "index"), SourceIndex.load(tmp_path / "index")
    for index in (looped, called):
        index.file_digest(names[7], 9)
        signature, found, _ = index.entries[names[6]]
        index.entries[names[6]] = (signature, found, 0)  # recorded before the file's last change: racy
    (tmp_path / "asked.md").write_bytes(b"second")
    reads = spy_reads(monkeypatch)
    found = looped.given_digests(names, max_bytes=9)
    loop_reads, reads[:] = list(reads), []
    assert found == [called.given_digest(name, 9) for name in names]
    assert found == [digest(b"same"), digest(b"new text"), digest(b"brand new"), None, None, None, digest(b"r"),
                     digest(b"first"), digest(b"same")]
    assert sorted(loop_reads) == sorted(reads) == sorted(names[i] for i in (1, 2, 6))  # same.md is not read
    assert {path: entry[:2] for path, entry in looped.used.items()} == {path: entry[:2] for path, entry in called.used.items()}
    assert looped.read_files and set(looped.used) == {names[i] for i in (0, 1, 2, 6, 7)}
