"""Content images for the web: intrinsic size, resized copies and WebP (Pillow).

Every raster image in ``content/`` (JPEG, PNG, WebP) is measured and gets resized copies at
the site's ``image_widths`` (px, never wider than the original) in its own format and in WebP,
written beside the original as ``NAME-WIDTH.EXT`` and ``NAME-WIDTH.webp``. Copies are made once
and kept in a cache folder keyed by the SHA-256 of the file's bytes, so a later build reuses
them until the picture itself changes. Each entry's ``size.json`` records the picture's size and
the length and SHA-256 digest of each copy as made, and a digest of itself: an entry whose record or copies do not match
it is damaged, discarded with a ``cache-corrupt`` warning and made again (it is never taken for a
fault of the picture). The cache folder, and each entry in it, must be a real folder:
one that is a symbolic link (or not a folder) is neither followed nor changed (``cache-foreign``),
and the copies of this build are made in a scratch folder beside it instead (:attr:`Prepared.scratch`,
deleted after the build). EXIF orientation is applied and metadata (GPS, camera)
is left out of the copies; the original is published as it is.

Templates and article bodies then get ``srcset``/``sizes`` (HTML Living Standard §4.8.4.2),
``width``/``height`` (the intrinsic size, so the layout does not jump while loading) and a
``<picture>`` with a WebP ``<source>`` (§4.8.1).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote


from sitegen.config import site_file_path
from sitegen.errors import Diagnostic, Severity
from sitegen.output_folder import MAX_NAME_BYTES, is_real_folder, open_regular, path_refusal

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
#: Bump when the encoding settings change, so cached copies made the old way are not reused.
CACHE_VERSION = b"sitegen-images-3"  # 2: size.json records each copy's length and digest; 3: and its own
JPEG_QUALITY = 82
WEBP_QUALITY = 80
#: Pillow refuses images over this many pixels (decompression bombs); 50 megapixels covers
#: every camera a newsroom uses.
MAX_PIXELS = 50_000_000
_EXIF_ORIENTATION = 0x0112
_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


@dataclass(frozen=True)
class Variant:
    """One resized copy: ``path`` is its site path (``/images/a-480.webp``), ``width`` in px."""

    path: str
    width: int
    mime: str


@dataclass(frozen=True)
class ImageSet:
    """A content image with its copies. ``path`` is the original's site path (decoded);
    ``width``/``height`` its displayed size in px (after EXIF orientation)."""

    path: str
    width: int
    height: int
    mime: str
    variants: tuple[Variant, ...] = ()

    def of_type(self, mime: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime == mime)

    @property
    def has_webp_source(self) -> bool:
        """Whether a separate WebP ``<source>`` is worth writing (the original is not WebP)."""
        return self.mime != "image/webp" and bool(self.of_type("image/webp"))


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare_images` found: ``images`` by site path, ``copies`` as
    ``(file, output path)`` pairs to publish, and warnings for images it could not read or
    for a cache folder it would not use. ``scratch`` is the folder it made for copies that
    could not be kept in the cache (``None``: none was needed); :meth:`discard` deletes it
    once the copies are published."""

    images: dict[str, ImageSet]
    copies: tuple[tuple[Path, str], ...]
    warnings: tuple[Diagnostic, ...]
    scratch: Path | None = None

    def discard(self) -> None:
        """Delete :attr:`scratch` (a folder of this build's own; links in it are not followed)."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def variant_path(site_path: str, width: int, suffix: str) -> str:
    """``/images/a.jpg``, 480, ``.webp`` → ``/images/a-480.webp``."""
    path = PurePosixPath(site_path)
    return str(path.with_name(f"{path.stem}-{width}{suffix}"))


def target_widths(original_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths of the copies: each configured width, capped at the original's (px), once each."""
    return tuple(sorted({min(w, original_width) for w in widths}))


def file_key(data: bytes, widths: tuple[int, ...]) -> str:
    """Cache key of an image: SHA-256 of the settings version, the widths and the file's bytes."""
    digest = hashlib.sha256(CACHE_VERSION)
    digest.update(repr(widths).encode())
    digest.update(data)
    return digest.hexdigest()


#: The name of a cache entry's folder: a :func:`file_key`.
_KEY_NAME = re.compile(r"[0-9a-f]{64}")
#: The files of a cache entry: the copies, the size record, and the temporary files a stopped
#: build may leave (``NAME.part`` before, ``NAME.XXXXXXXX.part`` now: see :func:`_write_new`).
_ENTRY_FILE = re.compile(r"(?:\d+\.(?:jpe?g|png|webp)|size\.json)(?:\.[A-Za-z0-9_]+)?(?:\.part)?")


def is_own_cache(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but what :func:`prepare_images` makes in a cache: a real
    folder (not a symbolic link) of entries named by :func:`file_key`, each a real folder of
    copies (``WIDTH.EXT``), a ``size.json`` and perhaps a stopped build's temporary files, none
    a link. An older sitegen made such a folder as ``.sitegen-cache/images`` before the build
    cache had a ``STAMP`` (:meth:`sitegen.cache.BuildCache.open` adopts it); anything else
    there (a note, a link) is someone else's."""
    if not is_real_folder(folder):
        return False
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not (_KEY_NAME.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)):
                    return False
                with os.scandir(entry.path) as files:
                    if not all(_ENTRY_FILE.fullmatch(file.name) and file.is_file(follow_symlinks=False)
                               for file in files):
                        return False
    except OSError:
        return False
    return True


def _write_new(target: Path, save) -> None:
    """Write ``target`` whole: ``save(file)`` fills a new temporary file beside it (created
    exclusively, so a link of that name is never followed), which then replaces ``target``
    (a link there is replaced, not followed). A cache file is whole or absent, even after Ctrl-C."""
    handle, temporary = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            save(file)
        os.replace(temporary, target)
    except BaseException:
        # Ctrl-C may come after the rename: the temporary file is gone then, and the interrupt,
        # not the look for it, is what the caller must see (/tmp/attack44/r2-write-atomic-ctrl-c.sh).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _encode(image, suffix: str) -> bytes:
    """The bytes of ``image`` (a Pillow ``Image``) saved in the format of ``suffix`` (``.webp``, ``.jpg``, ``.png``)."""
    buffer = io.BytesIO()
    if suffix == ".webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    elif suffix in (".jpg", ".jpeg"):
        image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DamagedEntry(Exception):
    """An image's entry in the cache is not as :func:`_make_copies` left it (the message says how)."""


def _read_own(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is a regular file itself (a link is never followed, a FIFO
    never waited on); ``None`` when nothing is there. Raises :class:`DamagedEntry` for anything
    else there or a file that cannot be read."""
    try:
        handle = open_regular(path)
        if handle is None:
            raise DamagedEntry(f"{path.name} is not a regular file")
        with os.fdopen(handle, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DamagedEntry(f"{path.name} cannot be read ({exc.strerror})") from None


def _positive_int(value) -> bool:
    return type(value) is int and value > 0


def _reusable(folder: Path, suffix: str, widths: tuple[int, ...]) -> tuple[int, int] | None:
    """The ``(width, height)`` in px recorded in the complete entry ``folder`` (a real folder)
    when each copy an image of type ``suffix`` needs is there with the length and digest
    recorded when it was made; ``None`` when the entry is not complete (no ``size.json``: not
    made yet, or a build stopped while making it). Raises :class:`DamagedEntry` for a record
    that is not one :func:`_make_copies` writes or a copy that is missing or not its bytes."""
    data = _read_own(folder / "size.json")
    if data is None:
        return None
    try:
        record = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise DamagedEntry("size.json is not JSON") from None
    size = record.get("size") if isinstance(record, dict) else None
    made = record.get("copies") if isinstance(record, dict) else None
    if not (isinstance(size, list) and len(size) == 2 and all(map(_positive_int, size)) and isinstance(made, dict)):
        raise DamagedEntry("size.json is not a record of sitegen's resized copies")
    if record.get("check") != _record_check(size, made):
        raise DamagedEntry("size.json is not the record that was made (its check does not match)")
    width, height = size
    for name in _copy_names(width, suffix, widths):
        expected = made.get(name)
        if not (isinstance(expected, list) and len(expected) == 2 and _positive_int(expected[0])
                and isinstance(expected[1], str)):
            raise DamagedEntry(f"size.json does not record {name}")
        copy = _read_own(folder / name)
        if copy is None:
            raise DamagedEntry(f"{name} is missing")
        if len(copy) != expected[0] or _digest(copy) != expected[1]:
            raise DamagedEntry(f"{name} is not the copy that was made (its bytes changed)")
    return width, height


def _record_check(size: list, copies: dict) -> str:
    """The SHA-256 of a ``size.json`` record's size and copies (JSON, keys sorted), kept in it:
    a record damaged where it still parses (a size's digit changed) no longer matches it."""
    return _digest(json.dumps({"size": size, "copies": copies}, sort_keys=True).encode())


def _copy_names(width: int, suffix: str, widths: tuple[int, ...]) -> list[str]:
    """The file names in a cache entry of the copies of an image ``width`` px wide of type ``suffix``."""
    return [f"{w}{out_suffix}" for w in target_widths(width, widths) for out_suffix in dict.fromkeys((suffix, ".webp"))]


def _make_copies(source: Path, folder: Path, suffix: str, widths: tuple[int, ...]) -> tuple[int, int]:
    """Write every copy of ``source`` into ``folder`` as ``WIDTH.EXT`` / ``WIDTH.webp`` and a
    ``size.json`` last (its presence marks a complete entry): ``{"size": [width, height],
    "copies": {NAME: [length in bytes, SHA-256 hex digest]}, "check": _record_check(…)}``.
    Returns ``(width, height)``."""
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        image.load()
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    if not folder.exists():
        folder.mkdir(parents=True)
    if not is_real_folder(folder):  # the caller checked it; a link put there since is not followed
        raise NotADirectoryError(f"not a real folder: {folder}")
    made = {}
    for width in target_widths(image.width, widths):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for out_suffix in dict.fromkeys((suffix, ".webp")):
            data = _encode(resized, out_suffix)
            _write_new(folder / f"{width}{out_suffix}", lambda file: file.write(data))
            made[f"{width}{out_suffix}"] = [len(data), _digest(data)]
    size = [image.width, image.height]
    record = json.dumps({"size": size, "copies": made, "check": _record_check(size, made)}).encode()
    _write_new(folder / "size.json", lambda file: file.write(record))
    return image.width, image.height


def measure(source: Path) -> tuple[int, int]:
    """``(width, height)`` in px as displayed (EXIF orientations 5–8 swap them), reading only
    the file's header."""
    from PIL import Image

    with Image.open(source) as image:
        width, height = image.size
        if image.getexif().get(_EXIF_ORIENTATION) in (5, 6, 7, 8):
            width, height = height, width
    return width, height


class LinkedEntry(Exception):
    """An image's entry in the cache is a symbolic link or not a folder (``folder``): it is
    neither followed nor changed (:func:`prepare_images` makes the copies elsewhere)."""

    def __init__(self, folder: Path):
        super().__init__(f"not a real folder: {folder}")
        self.folder = folder


def prepare_image(source: Path, site_path: str, widths: tuple[int, ...],
                  cache: Path | None, reuse: bool = True,
                  warnings: list[Diagnostic] | None = None) -> tuple[ImageSet, list]:
    """Measure and copy one raster image, reusing ``cache`` (a real folder, or none yet) when it
    already holds copies of the same bytes (unless ``reuse`` is false: ``--clean`` makes them
    again); with ``cache=None`` only measure it (``check`` writes nothing). An entry that is not
    as it was made (:func:`_reusable`: its record unreadable, a copy missing, a link or of other
    bytes) is deleted (links in it are not followed) and made again, with a ``cache-corrupt``
    warning appended to ``warnings``.
    Returns the :class:`ImageSet` and its ``(file, output path)`` copies. Raises
    :class:`LinkedEntry` when the image's entry in ``cache`` is a link or not a folder, and
    :class:`OSError`, :class:`PIL.UnidentifiedImageError` or
    :class:`PIL.Image.DecompressionBombError` for a file that is not a readable image."""
    suffix = source.suffix.lower()
    if cache is None:
        width, height = measure(source)
        folder = None
    else:
        folder = cache / file_key(source.read_bytes(), widths)
        if os.path.lexists(folder) and not is_real_folder(folder):
            raise LinkedEntry(folder)
        size = None
        if reuse and is_real_folder(folder):
            try:
                size = _reusable(folder, suffix, widths)
            except DamagedEntry as damage:
                if warnings is not None:
                    warnings.append(Diagnostic(
                        path=str(folder), code="cache-corrupt", severity=Severity.WARNING,
                        message=f"this entry of the image cache (resized copies of {source}) is damaged: {damage}; "
                                "it is discarded and the copies are made again",
                        hint="nothing to do: the cache mends itself"))
                # Whatever is in it goes (a folder in a copy's place too); links in it are not followed.
                shutil.rmtree(folder, ignore_errors=True)
        if size is None:
            size = _make_copies(source, folder, suffix, widths)
        width, height = size
    variants, copies = [], []
    for out_suffix in dict.fromkeys((suffix, ".webp")):
        for w in target_widths(width, widths):
            path = variant_path(site_path, w, out_suffix)
            variants.append(Variant(path, w, _MIME[out_suffix]))
            if folder is not None:
                copies.append((folder / f"{w}{out_suffix}", path.lstrip("/")))
    return ImageSet(site_path, width, height, _MIME[suffix], tuple(variants)), copies


def prepare_images(files: list[tuple[Path, str]], widths: tuple[int, ...], cache: Path | None,
                   reuse: bool = True, others: Sequence[tuple[Path, str]] = (), root_bytes: int = 0) -> Prepared:
    """Every raster image of ``files`` (``(file, site path)`` pairs) with its copies, made in
    or reused from ``cache`` (``None``: measured only, nothing written; ``reuse=False``: made again). A file Pillow cannot read gets an ``image-unreadable`` warning
    and is published as it is, without copies.

    ``cache`` must be a real folder (made when missing), and so must each image's entry in it:
    one that is a symbolic link or not a folder is neither followed nor changed; it gets a
    ``cache-foreign`` warning and the copies go to a fresh scratch folder instead, made beside
    ``cache`` when its parent is a real folder (the build cache), else in the system's
    temporary folder. The caller deletes it after publishing (:meth:`Prepared.discard`).

    A resized copy never takes a site path that a file already has: one of ``files`` or of
    ``others`` (the theme's and ``static/`` files, ``(file, site path)``), or a copy of an
    earlier image of ``files`` (``a.jpg`` and ``a.png`` both name ``a-480.webp``). That width
    is left out of that image's copies and ``srcset`` (:func:`take_free_paths`), with an
    ``image-name-taken`` warning; the publisher's file is published as it is. Nor is a copy made
    whose output path the file system would refuse under an output folder whose path takes
    ``root_bytes`` (:func:`fit_copies`, ``image-name-too-long``)."""
    images: dict[str, ImageSet] = {}
    copies: list[tuple[Path, str]] = []
    warnings = []
    scratch: Path | None = None
    refused: set[Path] = set()

    def elsewhere(folder: Path) -> Path:
        """The scratch folder, for copies that cannot go in ``folder`` (warned about once)."""
        nonlocal scratch
        if folder not in refused:
            refused.add(folder)
            warnings.append(Diagnostic(
                path=str(folder), code="cache-foreign", severity=Severity.WARNING,
                message="this image cache folder is a link or not a folder: neither followed nor changed; "
                        "the resized copies are made apart for this build",
                hint="delete it to let sitegen keep its resized copies there"))
        if scratch is None:
            assert cache is not None
            scratch = Path(tempfile.mkdtemp(prefix=".images-scratch-",
                                            dir=cache.parent if is_real_folder(cache.parent) else None))
        return scratch

    usable = cache is None or not os.path.lexists(cache) or is_real_folder(cache)
    # The site paths already taken: the publisher's files (the content's win over static/'s),
    # then each image's copies as they are made.
    owners = {site_path: (file, False) for file, site_path in [*others, *files]}
    for source, site_path in files:
        if source.suffix.lower() not in RASTER_SUFFIXES:
            continue
        # Pillow is imported only for a site with images (~10% of sitegen's import time).
        from PIL import Image, UnidentifiedImageError

        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            try:
                image_set, made = prepare_image(source, site_path, widths, cache if usable else elsewhere(cache), reuse,
                                                warnings)
            except LinkedEntry as linked:
                image_set, made = prepare_image(source, site_path, widths, elsewhere(linked.folder), reuse, warnings)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
            warnings.append(Diagnostic(path=str(source), code="image-unreadable", severity=Severity.WARNING,
                                       message=f"not a readable image ({type(exc).__name__}: {exc}); copied without resized versions",
                                       hint="save it again as JPEG, PNG or WebP"))
            continue
        image_set, made = fit_copies(source, image_set, made, root_bytes, warnings)
        image_set, made = take_free_paths(source, image_set, made, owners, warnings)
        images[site_path] = image_set
        copies += made
    return Prepared(images, tuple(copies), tuple(warnings), scratch)


def fit_copies(source: Path, image_set: ImageSet, made: list[tuple[Path, str]], root_bytes: int,
               warnings: list[Diagnostic]) -> tuple[ImageSet, list[tuple[Path, str]]]:
    """``image_set`` (of the image file ``source``) and its copies ``made`` without the copies
    whose output path the file system would refuse under a folder whose path takes
    ``root_bytes`` (:func:`sitegen.output_folder.path_refusal`): ``NAME-1600.webp`` is 10 bytes
    longer than ``NAME.jpg``, so a legal name of 250 bytes gives copies no file system holds.
    Such copies are left out, not renamed: a copy is found at ``NAME-WIDTH.EXT`` beside its
    original (INTERFACE.md), and a shortened name could be another image's copy or a file of
    the publisher's. The original is published as it is, its ``srcset`` lists the copies kept,
    and one ``image-name-too-long`` warning names it and what to do."""
    refused = {variant.path: why for variant in image_set.variants
               if (why := path_refusal(variant.path.lstrip("/"), root_bytes)) is not None}
    if not refused:
        return image_set, made
    name = PurePosixPath(image_set.path).name
    added = max(len(PurePosixPath(path).name.encode()) for path in refused) - len(name.encode())
    first = min(refused)
    warnings.append(Diagnostic(
        path=str(source), code="image-name-too-long", severity=Severity.WARNING,
        message=f"{len(refused)} of its resized copies are not made, as the file system would refuse them "
                f"({refused[first]}); the image is published as it is, without them in its srcset",
        hint=f"shorten the image's file name (to at most {MAX_NAME_BYTES - added} bytes of UTF-8, its "
             "extension included)" if MAX_NAME_BYTES - added < len(name.encode())
        else "shorten the names of the folders holding the image, or its own name"))
    variants = tuple(variant for variant in image_set.variants if variant.path not in refused)
    return replace(image_set, variants=variants), [(file, path) for file, path in made if "/" + path not in refused]


def take_free_paths(source: Path, image_set: ImageSet, made: list[tuple[Path, str]],
                    owners: dict[str, tuple[Path, bool]],
                    warnings: list[Diagnostic]) -> tuple[ImageSet, list[tuple[Path, str]]]:
    """``image_set`` (of the image file ``source``) and its copies ``made`` without the copies
    whose site path is already taken in ``owners`` (site path → ``(file, is a copy)``: the
    publisher's file published there, or the image an earlier copy there was made from), each
    left out with an ``image-name-taken`` warning (once per file holding such a path); the
    paths of the copies kept are added to ``owners``. The srcset then lists only copies made
    from this image."""
    taken = {variant.path for variant in image_set.variants if variant.path in owners}
    for variant in image_set.variants:
        if variant.path not in taken:
            owners[variant.path] = (source, True)
    if not taken:
        return image_set, made
    by_owner: dict[tuple[Path, bool], list[str]] = {}
    for path in sorted(taken):
        by_owner.setdefault(owners[path], []).append(path)
    for (owner, is_copy), paths in by_owner.items():
        lost = ", ".join(paths)
        if is_copy:  # two images name the same copy (a.jpg and a.png: a-480.webp): the first keeps it
            warnings.append(Diagnostic(
                path=str(source), code="image-name-taken", severity=Severity.WARNING,
                message=f"a resized copy of this image would have the site path of one made from {owner} ({lost}); "
                        f"that copy is not made and the srcset of {image_set.path} leaves it out",
                hint=f"rename one of the two images (this one, or {owner.name}) so that all the resized copies are made"))
        else:
            warnings.append(Diagnostic(
                path=str(owner), code="image-name-taken", severity=Severity.WARNING,
                message=f"this file has the site path of a resized copy of {source} ({lost}); that copy is not "
                        f"made and the srcset of {image_set.path} leaves it out; this file is published as it is",
                hint=f"rename one of the two files (this one, or {source.name}) so that all the resized copies are made"))
    variants = tuple(variant for variant in image_set.variants if variant.path not in taken)
    return replace(image_set, variants=variants), [(file, path) for file, path in made if "/" + path not in taken]


def share_image_warnings(articles, site_files: frozenset[str]) -> list[Diagnostic]:
    """A warning for each article whose ``image`` social networks cannot show: an SVG
    (``image-svg``; Open Graph and X cards need a raster image) or a site path that is neither
    in ``content/`` nor in ``static/`` (``image-missing``). Their pages share the site logo."""
    warnings = []
    for article in articles:
        image = article.image
        if not image or "://" in image:
            continue
        path = site_file_path(image)
        if path.lower().endswith(".svg"):
            warnings.append(Diagnostic(path=article.source, code="image-svg", severity=Severity.WARNING,
                                       message=f"image {image} is an SVG, which social networks do not show; "
                                               "shared with the site logo instead",
                                       hint="give a JPEG, PNG or WebP image (the SVG can stay in the body)"))
        elif path not in site_files:
            warnings.append(Diagnostic(path=article.source, code="image-missing", severity=Severity.WARNING,
                                       message=f"image {image} is not in content/ or static/; shared with the site logo",
                                       hint="put the file in content/ at that path, or fix the path"))
    return warnings


def srcset(variants: tuple[Variant, ...], href) -> str:
    """``srcset`` value: ``URL 480w, URL 960w`` (URLs made by ``href``)."""
    return ", ".join(f"{href(v.path)} {v.width}w" for v in variants)


# ---------------------------------------------------------------- article bodies

#: An ``<img>`` start tag of our sanitised body HTML (attribute values double-quoted).
_IMG = re.compile(r'<img(?P<attributes>(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'\s+(?P<name>[^\s"\'>/=]+)(?:="(?P<value>[^"]*)")?')


def responsive_body_images(fragment: str, images: dict[str, ImageSet], href, sizes: str) -> str:
    """``fragment`` with each ``<img>`` of a known content image (a root-relative ``src``)
    given ``width``/``height``, ``srcset``/``sizes``, ``loading="lazy"`` and
    ``decoding="async"``, inside a ``<picture>`` with a WebP ``<source>``. Other images
    (external, SVG, unknown) only get lazy loading. ``href`` turns a site path into a link."""

    def rewrite(match: re.Match) -> str:
        attributes = {m["name"].lower(): m["value"] for m in _ATTRIBUTE.finditer(match["attributes"])}
        attributes.setdefault("loading", "lazy")
        attributes.setdefault("decoding", "async")
        src = html.unescape(attributes.get("src") or "")
        image = images.get(unquote(src.split("?")[0].split("#")[0])) if src.startswith("/") else None
        if image is None:
            return "<img" + _attributes(attributes) + ">"
        attributes.update(width=str(image.width), height=str(image.height), sizes=sizes)
        own = image.of_type(image.mime)
        if own:
            attributes["srcset"] = srcset(own, href)
        tag = "<img" + _attributes(attributes) + ">"
        if not image.has_webp_source:
            return tag
        source = f'<source type="image/webp" srcset="{html.escape(srcset(image.of_type("image/webp"), href))}" sizes="{html.escape(sizes)}">'
        return f"<picture>{source}{tag}</picture>"

    return _IMG.sub(rewrite, fragment)


def _attributes(attributes: dict[str, str | None]) -> str:
    return "".join(f" {name}" if value is None else f' {name}="{html.escape(html.unescape(value))}"'
                   for name, value in attributes.items())
