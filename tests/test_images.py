"""Content images: intrinsic size, resized copies and WebP, the cache keyed by content,
EXIF orientation, unreadable files, and the markup pages get (srcset, sizes, lazy loading)."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from helpers import article, article_pages, build_site, parse_html
from sitegen import images
from sitegen.images import prepare_images, responsive_body_images, target_widths, variant_path

WIDTHS = (480, 960, 1600)


def jpeg(width: int, height: int, orientation: int | None = None, color=(180, 40, 30)) -> bytes:
    image = Image.new("RGB", (width, height), color)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", quality=60, exif=exif.tobytes())
    return buffer.getvalue()


def png_with_alpha(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 90, 200, 128)).save(buffer, "PNG")
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> tuple[Path, str]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path, "/" + name


def test_copies_are_capped_at_the_original_width():
    assert target_widths(2000, WIDTHS) == (480, 960, 1600)
    assert target_widths(700, WIDTHS) == (480, 700)
    assert target_widths(300, WIDTHS) == (300,)
    assert variant_path("/images/ملف.jpg", 480, ".webp") == "/images/ملف-480.webp"


def test_a_wide_jpeg_gets_jpeg_and_webp_copies_at_each_width(tmp_path):
    source = write(tmp_path / "content", "images/wide.jpg", jpeg(2000, 1000))
    prepared = prepare_images([source], WIDTHS, tmp_path / "cache")
    image = prepared.images["/images/wide.jpg"]
    assert (image.width, image.height, image.mime) == (2000, 1000, "image/jpeg")
    assert [(v.path, v.width) for v in image.of_type("image/jpeg")] == [
        ("/images/wide-480.jpg", 480), ("/images/wide-960.jpg", 960), ("/images/wide-1600.jpg", 1600)]
    assert [v.width for v in image.of_type("image/webp")] == [480, 960, 1600]
    copies = dict((path, file) for file, path in prepared.copies)
    assert set(copies) == {f"images/wide-{w}.{ext}" for w in WIDTHS for ext in ("jpg", "webp")}
    with Image.open(copies["images/wide-960.webp"]) as copy:
        assert copy.format == "WEBP" and copy.size == (960, 480)
    with Image.open(copies["images/wide-480.jpg"]) as copy:
        assert copy.format == "JPEG" and copy.size == (480, 240)


def test_a_png_keeps_its_transparency_in_both_formats(tmp_path):
    source = write(tmp_path / "content", "logo.png", png_with_alpha(600, 300))
    prepared = prepare_images([source], WIDTHS, tmp_path / "cache")
    for file, path in prepared.copies:
        with Image.open(file) as copy:
            assert "A" in copy.getbands(), path
            assert copy.getpixel((5, 5))[3] == 128


def test_exif_orientation_turns_the_picture_and_its_size(tmp_path):
    """A phone photo stored 400×200 with orientation 6 (rotate 90°) is shown 200×400."""
    source = write(tmp_path / "content", "phone.jpg", jpeg(400, 200, orientation=6))
    image = prepare_images([source], WIDTHS, tmp_path / "cache").images["/phone.jpg"]
    assert (image.width, image.height) == (200, 400)
    measured = prepare_images([source], WIDTHS, None).images["/phone.jpg"]  # header only (check)
    assert (measured.width, measured.height) == (200, 400)


def test_copies_are_made_once_and_reused_until_the_bytes_change(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    source = write(tmp_path / "content", "a.jpg", jpeg(1000, 500))
    first = prepare_images([source], WIDTHS, cache)
    made = sorted(p for p in cache.rglob("*") if p.is_file())
    assert len(made) == 3 * 2 + 1  # 480, 960 and 1000 (capped 1600), JPEG and WebP, plus the size record

    def refuse(*args, **kwargs):
        raise AssertionError("copies made again for unchanged bytes")

    monkeypatch.setattr(images, "_make_copies", refuse)
    again = prepare_images([source], WIDTHS, cache)
    assert again.images == first.images and again.copies == first.copies
    monkeypatch.undo()
    source[0].write_bytes(jpeg(1000, 500, color=(10, 200, 10)))  # same name and size, new picture
    changed = prepare_images([source], WIDTHS, cache)
    assert {f.parent for f, _ in changed.copies} != {f.parent for f, _ in first.copies}


def test_other_widths_make_other_copies(tmp_path):
    source = write(tmp_path / "content", "a.jpg", jpeg(1000, 500))
    one = prepare_images([source], (480,), tmp_path / "cache")
    two = prepare_images([source], (320, 640), tmp_path / "cache")
    assert [v.width for v in one.images["/a.jpg"].of_type("image/jpeg")] == [480]
    assert [v.width for v in two.images["/a.jpg"].of_type("image/jpeg")] == [320, 640]


def test_an_unreadable_image_is_published_as_it_is_with_a_warning(tmp_path):
    broken = write(tmp_path / "content", "broken.jpg", b"\xff\xd8 not really a jpeg")
    vector = write(tmp_path / "content", "mark.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    prepared = prepare_images([broken, vector], WIDTHS, tmp_path / "cache")
    assert prepared.images == {} and prepared.copies == ()
    assert [(d.code, d.path) for d in prepared.warnings] == [("image-unreadable", str(broken[0]))]


def test_a_content_file_named_like_a_copy_wins(tmp_path):
    content = tmp_path / "content"
    pair = [write(content, "a.jpg", jpeg(1000, 500)), write(content, "a-480.jpg", jpeg(480, 240, color=(0, 0, 0)))]
    prepared = prepare_images(pair, WIDTHS, tmp_path / "cache")
    assert "a-480.jpg" not in [path for _, path in prepared.copies]
    assert "a-480.webp" in [path for _, path in prepared.copies]


def test_a_copy_two_images_would_share_is_made_from_the_first_only(tmp_path):
    content = tmp_path / "content"
    pair = [write(content, "a.jpg", jpeg(1000, 500)), write(content, "a.png", png_with_alpha(1000, 500))]
    prepared = prepare_images(pair, WIDTHS, tmp_path / "cache")
    made_from = {path: file.parent.name for file, path in prepared.copies}
    assert [path for path in made_from if path.endswith(".webp")] == ["a-480.webp", "a-960.webp", "a-1000.webp"]
    jpg_key = {file.parent.name for file, path in prepared.copies if path.endswith(".jpg")}
    assert {made_from[path] for path in made_from if path.endswith(".webp")} == jpg_key  # a.jpg's copies
    png = prepared.images["/a.png"]
    assert png.of_type("image/webp") == () and not png.has_webp_source
    assert [v.path for v in png.of_type("image/png")] == ["/a-480.png", "/a-960.png", "/a-1000.png"]
    assert [(d.code, d.path) for d in prepared.warnings] == [("image-name-taken", str(pair[1][0]))]
    assert str(pair[0][0]) in prepared.warnings[0].message


def test_body_images_get_srcset_size_and_lazy_loading(tmp_path):
    source = write(tmp_path / "content", "images/a.jpg", jpeg(1000, 500))
    known = prepare_images([source], WIDTHS, tmp_path / "cache").images
    fragment = ('<p><img alt="صورة &amp; وصف" src="/images/a.jpg"></p>'
                '<p><img alt="" src="https://example.org/x.jpg"></p>')
    out = responsive_body_images(fragment, known, lambda path: "/news" + path, "100vw")
    page = parse_html(out)
    picture = page.one("picture")
    source_el = page.within(picture).one("source")
    assert source_el.get("type") == "image/webp"
    assert source_el.get("srcset") == ("/news/images/a-480.webp 480w, /news/images/a-960.webp 960w, "
                                       "/news/images/a-1000.webp 1000w")
    local, external = page.all("img")
    assert local.get("srcset") == "/news/images/a-480.jpg 480w, /news/images/a-960.jpg 960w, /news/images/a-1000.jpg 1000w"
    assert (local.get("width"), local.get("height"), local.get("sizes")) == ("1000", "500", "100vw")
    assert local.get("alt") == "صورة & وصف" and local.get("loading") == "lazy"
    assert external.get("loading") == "lazy" and external.get("srcset") is None and external.get("width") is None


# --- in a whole build ----------------------------------------------------------------------


def image_site(new_site, **config):
    files = {
        "images/lead.jpg": jpeg(1800, 1000),
        "images/inline.png": png_with_alpha(800, 400),
        "a.md": article("خبر بصورة رئيسية", "2024-11-21T10:00:00+03:00", image="/images/lead.jpg",
                        image_alt="وصف الصورة", image_caption="تعليق الصورة", image_credit="وكالة الأنباء",
                        body="نص الخبر.\n\n![رسم](/images/inline.png)\n"),
        "b.md": article("خبر أقدم بلا صورة", "2024-11-20T10:00:00+03:00"),
        "c.md": article("خبر ثالث بصورة", "2024-11-19T10:00:00+03:00", image="/images/lead.jpg"),
    }
    return new_site(files, config={"base_url": "https://news.example.org/ar/", **config})


def test_the_build_publishes_copies_and_the_pages_use_them(new_site):
    built = build_site(image_site(new_site))
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    out = built.output
    for name in ("lead-480.jpg", "lead-960.jpg", "lead-1600.jpg", "lead-1600.webp", "inline-800.webp", "inline-480.png"):
        assert (out / "images" / name).is_file(), name
    page = parse_html(next(p for p in article_pages(out) if "خبر-بصورة-رئيسية" in p.as_posix()))
    figure = page.one("figure", class_="lead-image")
    lead = page.within(figure).one("img")
    assert lead.get("src") == "/ar/images/lead.jpg"
    assert lead.get("srcset").split(", ")[0] == "/ar/images/lead-480.jpg 480w"
    assert (lead.get("width"), lead.get("height")) == ("1800", "1000")
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None
    assert page.within(figure).one("source").get("srcset").endswith("/ar/images/lead-1600.webp 1600w")
    assert [t.strip() for t in page.within(figure).one("figcaption").itertext() if t.strip()] == [
        "تعليق الصورة", "تصوير: وكالة الأنباء"]
    body_img = page.within(page.one("div", class_="article-body")).one("img")
    assert body_img.get("loading") == "lazy" and body_img.get("width") == "800"
    assert "/ar/images/inline-480.png 480w" in body_img.get("srcset")


def test_front_page_lead_is_eager_and_other_cards_lazy(new_site):
    out = build_site(image_site(new_site)).output
    index = parse_html(out / "index.html")
    lead = index.within(index.one("section", class_="lead-story")).one("img")
    assert lead.get("fetchpriority") == "high" and lead.get("width") == "1800"
    card_images = [img for card in index.all("li", class_="article-card") for img in index.within(card).all("img")]
    assert card_images and all(img.get("loading") == "lazy" and img.get("srcset") for img in card_images)


def test_a_second_build_reuses_the_cache_beside_the_output(new_site):
    site = image_site(new_site)
    build_site(site)
    cache = site.output.parent / ".sitegen-cache" / "images"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(before) > 5
    assert build_site(site).result.exit_code == 0
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == before
    assert not list(site.content.rglob("*-480.*"))  # nothing written into content/


def test_clean_makes_the_copies_again(new_site):
    site = image_site(new_site)
    build_site(site)
    cache = site.output.parent / ".sitegen-cache" / "images"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.webp")}
    assert build_site(site, clean=True).result.exit_code == 0
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*.webp")}
    assert after.keys() == before.keys() and all(after[p] > before[p] for p in before)


def test_check_writes_no_copies_and_no_cache(new_site):
    site = image_site(new_site)
    assert build_site(site, write=False).result.exit_code == 0
    assert not (site.output.parent / ".sitegen-cache").exists() and not site.output.exists()


def test_image_widths_from_the_config_name_the_copies(new_site):
    out = build_site(image_site(new_site, image_widths=[300, 1200])).output
    assert sorted(p.name for p in (out / "images").glob("lead-*")) == [
        "lead-1200.jpg", "lead-1200.webp", "lead-300.jpg", "lead-300.webp"]


# --- the picture social networks are given (issue 12: an SVG og:image passed silently) --------


def _og_image(built, fragment: str) -> str:
    page = parse_html(next(p for p in article_pages(built.output) if fragment in p.as_posix()))
    return page.one("meta", property="og:image").get("content")


def test_svg_or_missing_share_images_warn_and_fall_back_to_a_raster_logo(new_site):
    files = {"images/mark.svg": "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 4'/>",
             "images/real.jpg": jpeg(800, 450),
             "svg.md": article("خبر بصورة متجهية", "2024-11-21T10:00:00+03:00", image="/images/mark.svg"),
             "gone.md": article("خبر بصورة مفقودة", "2024-11-20T10:00:00+03:00", image="/images/gone.jpg"),
             "ok.md": article("خبر بصورة حقيقية", "2024-11-19T10:00:00+03:00", image="/images/real.jpg")}
    trusted = {"base_url": "https://news.example.org/", "trusted_html": True}  # an SVG from content/ needs it
    built = build_site(new_site(files, config=trusted))
    assert built.result.exit_code == 0
    codes = sorted((d.code, Path(d.path).name) for d in built.diagnostics if d.code.startswith("image-"))
    assert codes == [("image-missing", "gone.md"), ("image-svg", "svg.md")]
    assert _og_image(built, "متجهية") == "https://news.example.org/logo.png"  # the theme's raster logo
    assert _og_image(built, "مفقودة") == "https://news.example.org/logo.png"
    assert _og_image(built, "حقيقية") == "https://news.example.org/images/real.jpg"
    assert (built.output / "logo.png").is_file()
    with_logo = build_site(new_site(files, config={**trusted, "logo": "/images/real.jpg"}))
    assert _og_image(with_logo, "متجهية") == "https://news.example.org/images/real.jpg"  # the site's own raster logo


# --- a cache folder that is a link is never followed -------------------------------------


def test_resized_images_are_not_written_through_a_linked_images_folder_of_an_unstamped_cache(new_site, tmp_path):
    """Regression (newcomer: resized images written through a symlinked .sitegen-cache/images):
    the copies were written into the folder the link named, outside the site."""
    site = image_site(new_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = site.output.parent / ".sitegen-cache"
    folder.mkdir()
    (folder / "images").symlink_to(outside, target_is_directory=True)
    for clean in (False, True):
        built = build_site(site, clean=clean)
        assert built.result.exit_code == 0
        assert [d.code for d in built.diagnostics] == ["cache-foreign"]
        assert os.listdir(outside) == [] and os.listdir(folder) == ["images"]
        assert (built.output / "images" / "lead-480.jpg").is_file() and (built.output / "images" / "inline-480.webp").is_file()


def test_resized_images_are_not_written_through_a_linked_images_folder_of_sitegens_cache(new_site, tmp_path):
    """Regression (newcomer: resized images written through a symlinked .sitegen-cache/images):
    in a stamped cache, a link put in place of ``images`` was followed too."""
    site = image_site(new_site)
    first = build_site(site)
    published = (first.output / "images" / "lead-960.webp").read_bytes()
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = site.output.parent / ".sitegen-cache"
    shutil.rmtree(folder / "images")
    (folder / "images").symlink_to(outside, target_is_directory=True)
    (site.content / "d.md").write_text(article("خبر جديد", "2024-11-22T10:00:00+03:00"), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [d.code for d in built.diagnostics] == ["cache-foreign"]
    assert built.diagnostics[0].path == str(folder / "images")
    assert os.listdir(outside) == [] and (folder / "images").is_symlink()
    assert (built.output / "images" / "lead-960.webp").read_bytes() == published
    assert not [p for p in os.listdir(folder) if p.startswith(".images-scratch-")]  # the scratch folder is deleted


def test_a_linked_entry_or_file_in_the_image_cache_is_never_followed(tmp_path):
    """An image's entry in the cache that is a link is left alone (the copies are made in a
    scratch folder); a copy that is a link is replaced (cache-corrupt), never read or written through."""
    cache = tmp_path / "cache"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"not yours")
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "a.jpg", data)
    cache.mkdir()
    entry = cache / images.file_key(data, WIDTHS)
    entry.symlink_to(outside, target_is_directory=True)
    prepared = prepare_images([source], WIDTHS, cache)
    assert [w.code for w in prepared.warnings] == ["cache-foreign"] and prepared.warnings[0].path == str(entry)
    assert sorted(os.listdir(outside)) == ["secret.jpg"] and entry.is_symlink()
    assert prepared.scratch is not None and all(prepared.scratch in f.parents for f, _ in prepared.copies)
    prepared.discard()
    assert not prepared.scratch.exists()

    entry.unlink()
    first = prepare_images([source], WIDTHS, cache)
    (entry / "480.jpg").unlink()
    (entry / "480.jpg").symlink_to(outside / "secret.jpg")
    again = prepare_images([source], WIDTHS, cache)
    assert [(w.code, w.path) for w in again.warnings] == [("cache-corrupt", str(entry))]
    assert again.scratch is None and again.copies == first.copies
    assert not (entry / "480.jpg").is_symlink() and (entry / "480.jpg").read_bytes() != b"not yours"
    assert (outside / "secret.jpg").read_bytes() == b"not yours"


# --- a publisher's file named like a resized copy -------------------------------------------


def _lead_srcsets(out: Path) -> tuple[str, str]:
    page = parse_html(next(p for p in article_pages(out) if "خبر-الذهب" in p.as_posix()))
    figure = page.one("figure", class_="lead-image")
    return page.within(figure).one("img").get("srcset"), page.within(figure).one("source").get("srcset")


def test_newcomer_a_publishers_gold_480_jpg_beside_gold_jpg_was_listed_in_gold_jpgs_srcset(new_site):
    """newcomer: a publisher's gold-480.jpg beside gold.jpg was listed in gold.jpg's srcset
    (exit 0, no warning: mobile readers got the publisher's other picture). The copy is not
    made, the srcset lists only the copies made from gold.jpg, the publisher's files are
    published byte for byte, and each gets an image-name-taken warning naming gold.jpg."""
    theirs_jpg, theirs_webp = jpeg(300, 200, color=(0, 0, 255)), jpeg(320, 200, color=(255, 0, 0))
    buffer = io.BytesIO()
    Image.open(io.BytesIO(theirs_webp)).save(buffer, "WEBP")
    theirs_webp = buffer.getvalue()
    site = new_site({
        "gold.jpg": jpeg(1600, 900, color=(200, 160, 20)),
        "gold-480.jpg": theirs_jpg,
        "gold-480.webp": theirs_webp,
        "a.md": article("خبر الذهب", "2024-11-21T10:00:00+03:00", image="/gold.jpg"),
    })
    for _ in range(2):  # the first build makes the copies, the second reuses the cache
        built = build_site(site)
        assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
        img_srcset, webp_srcset = _lead_srcsets(built.output)
        assert img_srcset == "/gold-960.jpg 960w, /gold-1600.jpg 1600w"
        assert webp_srcset == "/gold-960.webp 960w, /gold-1600.webp 1600w"
        assert (built.output / "gold-480.jpg").read_bytes() == theirs_jpg
        assert (built.output / "gold-480.webp").read_bytes() == theirs_webp
        taken = [d for d in built.diagnostics if d.code == "image-name-taken"]
        assert sorted(d.path for d in taken) == [str(site.content / "gold-480.jpg"), str(site.content / "gold-480.webp")]
        assert all(str(site.content / "gold.jpg") in d.message and "rename" in d.hint for d in taken)
        assert all(not d.is_error for d in taken)


def test_a_static_file_named_like_a_resized_copy_is_published_and_not_in_the_srcset(new_site):
    theirs = jpeg(200, 100, color=(0, 0, 0))
    site = new_site({"gold.jpg": jpeg(1600, 900),
                     "a.md": article("خبر الذهب", "2024-11-21T10:00:00+03:00", image="/gold.jpg")},
                    static={"gold-960.jpg": theirs})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    img_srcset, webp_srcset = _lead_srcsets(built.output)
    assert img_srcset == "/gold-480.jpg 480w, /gold-1600.jpg 1600w"
    assert "/gold-960.webp 960w" in webp_srcset
    assert (built.output / "gold-960.jpg").read_bytes() == theirs
    assert [(d.code, d.path) for d in built.diagnostics if d.code == "image-name-taken"] == [
        ("image-name-taken", str(site.root / "static" / "gold-960.jpg"))]


# --- a damaged entry of the image cache -----------------------------------------------------
# Reproduction: /tmp/attack-inc/bug-image-cache.sh (damage in .sitegen-cache/images/ was trusted).


def _entry_of(cache: Path, data: bytes) -> Path:
    return cache / images.file_key(data, WIDTHS)


def test_truncated_metadata_of_an_entry_is_made_again_not_blamed_on_the_image(tmp_path):
    """A ``size.json`` cut to 3 bytes made the good JPEG "not a readable image": no copies, no
    srcset, on every later build."""
    cache = tmp_path / "cache"
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "gold.jpg", data)
    first = prepare_images([source], WIDTHS, cache)
    size_file = _entry_of(cache, data) / "size.json"
    size_file.write_bytes(size_file.read_bytes()[:3])
    again = prepare_images([source], WIDTHS, cache)
    assert [(w.code, w.path) for w in again.warnings] == [("cache-corrupt", str(_entry_of(cache, data)))]
    assert "size.json" in again.warnings[0].message and "gold.jpg" in again.warnings[0].message
    assert again.images == first.images and again.copies == first.copies
    assert json.loads(size_file.read_text())["size"] == [1000, 500]  # mended: the next build is quiet
    assert prepare_images([source], WIDTHS, cache).warnings == ()


@pytest.mark.parametrize("record", [b"[1000, 500]", b"5", b'{"size": [1000, 500]}', b'{"size": [0, 5], "copies": {}}',
                                    b'{"size": [1000, 500], "copies": {"480.jpg": "x"}}', b"\xff\xfe", b"[" * 100_000])
def test_metadata_of_the_wrong_shape_is_made_again(tmp_path, record):
    cache = tmp_path / "cache"
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "a.jpg", data)
    first = prepare_images([source], WIDTHS, cache)
    (_entry_of(cache, data) / "size.json").write_bytes(record)
    again = prepare_images([source], WIDTHS, cache)
    assert [w.code for w in again.warnings] == ["cache-corrupt"]
    assert again.images == first.images and again.copies == first.copies


def test_a_records_picture_size_changed_where_it_still_parses_is_made_again(tmp_path):
    """A fresh helper's attack (/tmp/attack2/bug_image_record_size_not_checked.py): one bit of
    the recorded height flipped ([1600, 900] -> [1600, 901]) was trusted and published in
    every page's <img height>."""
    cache = tmp_path / "cache"
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "stadium.jpg", data)
    first = prepare_images([source], WIDTHS, cache)
    record = _entry_of(cache, data) / "size.json"
    record.write_bytes(record.read_bytes().replace(b"[1000, 500]", b"[1000, 501]"))
    again = prepare_images([source], WIDTHS, cache)
    assert [(w.code, w.path) for w in again.warnings] == [("cache-corrupt", str(_entry_of(cache, data)))]
    assert again.images == first.images and again.copies == first.copies
    assert b"[1000, 500]" in record.read_bytes()


def test_a_resized_copys_bytes_changed_with_its_size_kept_are_made_again(tmp_path):
    """4 bytes overwritten inside a cached 480.jpg (same length) were published as they were."""
    cache = tmp_path / "cache"
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "central-bank.jpg", data)
    prepare_images([source], WIDTHS, cache)
    copy = _entry_of(cache, data) / "480.jpg"
    good = copy.read_bytes()
    damaged = good[:200] + b"JUNK" + good[204:]
    copy.write_bytes(damaged)
    again = prepare_images([source], WIDTHS, cache)
    assert [(w.code, w.path) for w in again.warnings] == [("cache-corrupt", str(_entry_of(cache, data)))]
    assert "480.jpg" in again.warnings[0].message
    assert copy.read_bytes() == good
    assert dict((path, f.read_bytes()) for f, path in again.copies)["central-bank-480.jpg"] == good


@pytest.mark.parametrize("in_its_place", [None, "folder"])
def test_a_missing_copy_of_a_complete_entry_or_a_folder_in_its_place_is_made_again(tmp_path, in_its_place):
    cache = tmp_path / "cache"
    data = jpeg(1000, 500)
    source = write(tmp_path / "content", "a.jpg", data)
    prepare_images([source], WIDTHS, cache)
    copy = _entry_of(cache, data) / "960.webp"
    good = copy.read_bytes()
    copy.unlink()
    if in_its_place == "folder":
        (copy / "inside").mkdir(parents=True)
    again = prepare_images([source], WIDTHS, cache)
    assert [w.code for w in again.warnings] == ["cache-corrupt"] and copy.read_bytes() == good
    assert images.is_own_cache(cache)


def test_a_damaged_image_cache_entry_is_mended_in_the_same_build(new_site):
    """The whole build: a truncated record and a changed copy give the clean build's output,
    with cache-corrupt warnings only, and exit 0."""
    site = image_site(new_site)
    first = build_site(site)
    published = {p.name: p.read_bytes() for p in (first.output / "images").iterdir()}
    cache = site.output.parent / ".sitegen-cache" / "images"
    lead_entry = cache / images.file_key((site.content / "images/lead.jpg").read_bytes(), WIDTHS)
    inline_entry = cache / images.file_key((site.content / "images/inline.png").read_bytes(), WIDTHS)
    (lead_entry / "size.json").write_bytes(b'{"s')
    copy = inline_entry / "480.png"
    good = copy.read_bytes()
    copy.write_bytes(good[:100] + b"JUNK" + good[104:])
    (site.content / "d.md").write_text(article("خبر جديد", "2024-11-22T10:00:00+03:00"), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert sorted((d.code, d.path) for d in built.diagnostics) == sorted(
        [("cache-corrupt", str(lead_entry)), ("cache-corrupt", str(inline_entry))])
    assert {p.name: p.read_bytes() for p in (built.output / "images").iterdir()} == published
    page = parse_html(next(p for p in article_pages(built.output) if "خبر-بصورة-رئيسية" in p.as_posix()))
    assert page.within(page.one("figure", class_="lead-image")).one("img").get("srcset").split(", ")[0] == \
        "/ar/images/lead-480.jpg 480w"


def test_an_image_whose_copies_names_are_too_long_is_published_without_them(new_site):
    """/tmp/attack47/r2-long-image-name-stops-build.sh: a legal 251-byte image name made copy names
    (NAME-1000.jpg, NAME-480.webp) over the file system's 255 bytes; the build stopped (exit 2,
    write-failed naming the staging folder) and `check` said nothing."""
    name = "i" * 247 + ".jpg"  # 251 bytes: NAME-480.jpg is 255 (fits), NAME-480.webp 256 (does not)
    # widths 480, 960 and 1000 (the original's): -480.jpg and -960.jpg fit, 4 copies do not
    body = f"![صورة](/images/{name})"
    site = new_site({"a.md": article("خبر مصور", "2024-11-21T10:00:00+03:00", body=body),
                     f"images/{name}": jpeg(1000, 10)})
    for write in (False, True):  # check, then build: the same warning
        built = build_site(site, write=write)
        assert built.result.exit_code == 0, built.diagnostics
        (warning,) = [d for d in built.diagnostics if d.code == "image-name-too-long"]
        assert warning.path == str(site.content / "images" / name)
        assert "4 of its resized copies are not made" in warning.message
        assert "at most 249 bytes" in warning.hint  # NAME-1000.webp must fit in 255
    images_out = site.output / "images"
    assert (images_out / name).read_bytes() == (site.content / "images" / name).read_bytes()
    assert sorted(p.name[247:] for p in images_out.iterdir() if p.name != name) == ["-480.jpg", "-960.jpg"]
    (page,) = article_pages(site.output)
    html = page.read_text(encoding="utf-8")
    assert "-480.jpg 480w" in html and "-960.jpg 960w" in html
    assert "-480.webp" not in html and "-1000.jpg" not in html


def test_fit_copies_leaves_out_copies_over_the_path_limit_under_the_output_folder(tmp_path):
    """The whole path counts too (4096 bytes with the output's own folder path): a copy that fits
    by name but not under a deep output folder is left out, its original kept."""
    image_set = images.ImageSet("/a/photo.jpg", 1000, 10, "image/jpeg",
                                (images.Variant("/a/photo-480.jpg", 480, "image/jpeg"),
                                 images.Variant("/a/photo-480.webp", 480, "image/webp")))
    made = [(tmp_path / "480.jpg", "a/photo-480.jpg"), (tmp_path / "480.webp", "a/photo-480.webp")]
    warnings = []
    root = 4096 - len("a/photo-480.webp")  # photo-480.jpg still fits, one byte shorter
    kept_set, kept = images.fit_copies(tmp_path / "photo.jpg", image_set, made, root, warnings)
    assert [v.path for v in kept_set.variants] == ["/a/photo-480.jpg"]
    assert kept == [(tmp_path / "480.jpg", "a/photo-480.jpg")]
    (warning,) = warnings
    assert warning.code == "image-name-too-long" and "4096 bytes long" in warning.message
    assert "folders holding the image" in warning.hint
    assert images.fit_copies(tmp_path / "photo.jpg", image_set, made, 0, []) == (image_set, made)


def test_a_percent_encoded_image_logo_and_photo_are_linked_encoded_once(new_site):
    # /tmp/attack48/r1-image-percent-encoded-double-encoded.sh: `image: /images/a%20b.jpg` (as a
    # browser's address bar shows the file images/a b.jpg) was found by the build but published as
    # /images/a%2520b.jpg -- a file that does not exist -- in <img src>, og:image, twitter:image and
    # JSON-LD; so were `logo:` (every page's publisher logo) and an authors.yaml `photo:`.
    written, url = "/images/a%20b.jpg", "https://news.example.org/images/a%20b.jpg"
    site = new_site({"images/a b.jpg": jpeg(1000, 500),
                     "p.md": article("خبر بصورة", "2024-11-21T10:00:00+03:00", image=written, author="كاتب أول")},
                    config={"logo": written + "?v=2", "feed_content": "full"})
    (site.root / "authors.yaml").write_text(f'كاتب أول:\n  photo: "{written}"\n', encoding="utf-8")
    built = build_site(site)
    assert built.diagnostics == []  # the file is found: no image-missing, author-photo-missing or config-missing-file
    (page_file,) = article_pages(built.output)
    page = parse_html(page_file)
    assert page.one("meta", property="og:image").get("content") == url
    assert page.one("meta", name="twitter:image").get("content") == url
    assert page.within(page.one("figure")).one("img").get("src") == "/images/a%20b.jpg"
    blocks = [json.loads(s.text) for s in page.all("script", type="application/ld+json")]
    news = next(b for b in blocks if b.get("@type") == "NewsArticle")
    assert news["image"] == [url]
    assert news["publisher"]["logo"]["url"] == url + "?v=2"
    assert news["author"][0]["image"] == url
    author = parse_html(next((built.output / "authors").glob("*/index.html")))
    assert author.one("div", **{"class": "author-photo"}) is not None
    assert author.within(author.one("div", **{"class": "author-photo"})).one("img").get("src") == "/images/a%20b.jpg"
    profile = next(json.loads(s.text) for s in author.all("script", type="application/ld+json")
                   if '"ProfilePage"' in s.text)
    assert profile["mainEntity"]["image"] == url
    assert f'<enclosure url="{url}"' in (built.output / "feed.xml").read_text(encoding="utf-8")
    home = parse_html(built.output / "index.html")
    assert home.one("img", **{"class": "site-logo"}).get("src") == "/images/a%20b.jpg?v=2"
    assert home.one("meta", property="og:image").get("content") == url + "?v=2"
