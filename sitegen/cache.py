"""The build cache: ``.sitegen-cache/`` beside the output folder (ignored by git, safe to delete).

It holds two things, so that a rebuild does only the work that changed:

* **loaded articles**, one file each under ``articles/``, named by a key made of the content
  file's bytes, its path, the site config and sitegen's own code (:func:`code_fingerprint`):
  an unchanged article is never parsed again, and any change to what loading depends on
  gives another key. Entries not used by a build are deleted at its end.
* **the output manifest** of each output folder (``manifest-<hash of the output path>``): for
  every file the last build wrote, the BLAKE2b digest of its bytes, the ``(inode, size,
  mtime_ns)`` it had and its render key, so the next build renders and writes only what
  changed (see :func:`sitegen.pipeline.write_site`);
* **the spare tree** of each output folder (``spare-<hash>``): the site the last build
  replaced, which the next build updates in place of starting from an empty folder
  (deleting and recreating a folder per page is the slowest part of writing a site).

Nothing here is trusted blindly: the folder must carry :data:`STAMP` (a folder of the same name
without it is left alone, with a warning, and the build runs without a cache); an entry that
does not unpickle or names another key is discarded with a warning; a manifest entry is used
only when the old file still has the recorded inode, size and modification time. Entries are
written to a temporary name and renamed, so concurrent workers and killed builds never leave
half an entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from sitegen.errors import Diagnostic, Severity

CACHE_DIR = ".sitegen-cache"
#: First bytes of the ``STAMP`` file; the number changes whenever the layout does.
STAMP = "sitegen-cache 1\n"
_PACKAGE = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    """Hex BLAKE2b-128 of ``data``: the cache's key and content hash."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def code_fingerprint() -> str:
    """Digest of sitegen's own files (its Python code and message catalogues): a changed
    loader or renderer never reuses what an older one made, even within one version."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".po", ".mo") and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def cache_folder(output: Path) -> Path:
    """Where the cache of a build into ``output`` lives: ``.sitegen-cache`` beside it."""
    return output.absolute().parent / CACHE_DIR


class BuildCache:
    """An open build cache. Made by :meth:`open`; pickles into worker processes.

    ``salt`` is mixed into every article key (the config and code fingerprint).
    ``warnings`` collects what was discarded.
    """

    def __init__(self, folder: Path, salt: str, created: bool = False):
        self.folder = folder
        self.salt = salt
        self.created = created
        self.warnings: list[Diagnostic] = []

    @classmethod
    def open(cls, folder: Path, salt: str, clean: bool) -> tuple["BuildCache | None", list[Diagnostic]]:
        """``(cache, warnings)`` for the cache in ``folder``, created when missing and emptied
        first with ``clean``. A cache of another layout version is deleted and started afresh
        (``cache-discarded``); a folder of that name that no sitegen made (no ``STAMP``) is
        neither used nor changed: ``(None, [cache-foreign warning])``."""
        stamp = folder / "STAMP"
        warnings = []
        # sitegen.images keeps its resized copies in images/ here; a folder with only that is ours too
        adoptable = folder.is_dir() and set(os.listdir(folder)) <= {"images"}
        if folder.is_symlink() or (folder.exists() and not adoptable and not _stamp(folder).startswith("sitegen-cache ")):
            return None, [Diagnostic(
                path=str(folder), code="cache-foreign", severity=Severity.WARNING,
                message="this folder is not a sitegen build cache; built without a cache and left as it is",
                hint="delete or rename it to let sitegen keep its cache there")]
        if folder.exists() and not adoptable and _stamp(folder) != STAMP:
            warnings.append(Diagnostic(path=str(folder), code="cache-discarded", severity=Severity.WARNING,
                                       message="build cache of another sitegen version discarded",
                                       hint="nothing to do: it is rebuilt"))
            clean = True
        if clean and folder.exists():
            shutil.rmtree(folder)
        created = not folder.exists()
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        if not stamp.exists():
            stamp.write_text(STAMP, encoding="utf-8")
        return cls(folder, salt, created), warnings

    def abandon(self) -> None:
        """After a build that wrote nothing (exit 2): remove the cache folder if this build
        created it, so a failed first build leaves the site folder as it found it. (Entries
        added to an existing cache stay: they are keyed by content and remain true.)"""
        if self.created:
            shutil.rmtree(self.folder, ignore_errors=True)

    # ---------------------------------------------------------------- articles

    def article_key(self, source: str, data: bytes) -> str:
        """The key of a content file's loaded article: its path (as shown), bytes and the salt."""
        return digest(b"\0".join((self.salt.encode(), source.encode("utf-8", "surrogateescape"), data)))

    def _entry(self, key: str) -> Path:
        return self.folder / "articles" / key[:2] / key

    def get(self, key: str):
        """The value stored under ``key``, or ``None``. A damaged entry is deleted, with a
        ``cache-corrupt`` warning in :attr:`warnings`."""
        path = self._entry(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            stored_key, value = pickle.loads(data)
            if stored_key != key:
                raise ValueError("entry names another key")
        except Exception as exc:  # noqa: BLE001 - any damage means: do not trust it
            self.warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                            message=f"damaged cache entry discarded ({type(exc).__name__})",
                                            hint="nothing to do: the file is loaded again"))
            path.unlink(missing_ok=True)
            return None
        return value

    def put(self, key: str, value) -> None:
        """Store ``value`` under ``key`` (atomically: a temporary file renamed into place)."""
        _write_atomic(self._entry(key), pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, used: set[str]) -> None:
        """Delete the article entries whose key is not in ``used``."""
        root = self.folder / "articles"
        for bucket in os.scandir(root):
            if not bucket.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(bucket.path):
                if entry.name not in used:
                    os.unlink(entry.path)

    # ---------------------------------------------------------------- output manifest

    def _manifest(self, output: Path) -> Path:
        return self.folder / f"manifest-{digest(str(output.absolute()).encode('utf-8', 'surrogateescape'))}"

    def manifest(self, output: Path) -> dict:
        """What the last build into ``output`` recorded about the files it left there (see
        :func:`sitegen.pipeline.write_site`); empty when unknown or damaged."""
        value = self._read_manifest(self._manifest(output))
        return value if isinstance(value, dict) else {}

    def save_manifest(self, output: Path, manifest: dict) -> None:
        _write_atomic(self._manifest(output), pickle.dumps(("manifest", manifest), protocol=pickle.HIGHEST_PROTOCOL))

    def spare_folder(self, output: Path) -> Path:
        """Where the site replaced by the last build into ``output`` is kept as the next build's
        starting point (:class:`sitegen.writer.StagedOutput`)."""
        return self.folder / f"spare-{digest(str(output.absolute()).encode('utf-8', 'surrogateescape'))}"

    def _read_manifest(self, path: Path):
        try:
            kind, value = pickle.loads(path.read_bytes())
            return value if kind == "manifest" else None
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001
            self.warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                            message="damaged output manifest discarded",
                                            hint="nothing to do: every file is written again"))
            path.unlink(missing_ok=True)
            return None


def _stamp(folder: Path) -> str:
    """The text of ``folder``'s STAMP file ('' when missing or unreadable)."""
    try:
        return (folder / "STAMP").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
