"""Records (:mod:`sitegen.model`): an article's picklable state without cached UTF-8 copies."""

from __future__ import annotations

import gc
import pickle
import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest

from sitegen import cache as cache_module
from sitegen.model import (ARTICLE_FIELDS, Article, Body, MastheadEntry, article_from_state, article_state,
                           reduce_article, share_repeated)


def arabic_article(number: int) -> Article:
    return Article(source=f"content/خبر-{number}.md", format="markdown", title=f"عنوان الخبر رقم {number} عن الحكومة",
                   slug=f"خبر-{number}", display_title=f"عنوان الخبر رقم {number} عن الحكومة",
                   date=datetime(2024, 11, 21, 9, 30, tzinfo=timezone(timedelta(hours=2))),
                   summary="ملخص طويل نسبيا للخبر " * 5 + str(number), tags=("سياسة", "economy", "مصر"),
                   authors=("أحمد",), section="أخبار", url=f"/2024/11/21/خبر-{number}/",
                   masthead=(MastheadEntry("رئيس التحرير", "فلان"),), aliases=("/old/\udcff/",),
                   body=Body.stored("ab" * 16, "sha256:" + "0" * 32, ("p.pack", 0, 10), None))


def test_an_article_state_gives_back_the_same_article():
    article = arabic_article(7)
    state = article_state(article)
    assert len(state) == len(ARTICLE_FIELDS)
    assert state[ARTICLE_FIELDS.index("title")] == article.title.encode("utf-8")
    assert state[ARTICLE_FIELDS.index("tags")] == ("سياسة", "economy", "مصر")  # shared texts stay texts
    assert state[ARTICLE_FIELDS.index("aliases")] == ("/old/\udcff/",)
    assert state[ARTICLE_FIELDS.index("format")] == "markdown"  # ASCII text stays text
    again = article_from_state(state)
    assert again == article and type(again.title) is str and again.tags == ("سياسة", "economy", "مصر")
    assert again.source == "content/خبر-7.md"
    assert again.body.digest == "ab" * 16 and not again.body.held


def test_an_article_rebuilt_from_its_state_sets_every_field_and_stays_frozen():
    # issue 10: article_from_state fills the slots through their setters (not the dataclass's
    # __init__): every field must come back, the record must stay frozen, and a state of
    # another length (a damaged record) must be refused, not give a half-made article.
    import dataclasses

    article = arabic_article(3)
    again = article_from_state(article_state(article))
    assert [getattr(again, name) for name in ARTICLE_FIELDS] == [getattr(article, name) for name in ARTICLE_FIELDS]
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.title = "آخر"
    state = article_state(article)
    for damaged in (state[:-1], state + ("extra",)):
        with pytest.raises(ValueError):
            article_from_state(damaged)


def test_a_text_two_fields_share_stays_one_text():
    # the title is the display title (one str): the records keep one copy, not two
    title = "عنوان واحد \udcff"  # a lone surrogate (an undecodable file name's) survives too
    article = Article(source="a.md", format="markdown", title=title, slug="a", display_title=title)
    state = article_state(article)
    assert state[ARTICLE_FIELDS.index("title")] is state[ARTICLE_FIELDS.index("display_title")]
    again = pickle.loads(pickle.dumps(reduce_article(article)[1][0]))
    loaded = article_from_state(again)
    assert loaded.title == title and loaded.display_title is loaded.title


def test_records_pickle_round_trip_through_the_dispatch_table():
    articles = [arabic_article(n) for n in range(3)]
    data = cache_module._pickle_records(articles)
    assert pickle.loads(data) == articles
    assert reduce_article(articles[0])[0] is article_from_state


def test_pickling_records_leaves_no_utf8_copy_in_the_strings():
    # issue 10: the C pickler keeps the UTF-8 form of every non-ASCII str it writes inside the
    # str (~5 MiB for 10,000 titles and summaries, in the main process and its forked render
    # worker); article_state encodes them instead.
    articles = [arabic_article(n) for n in range(300)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        data = cache_module._pickle_records(articles)
        del data
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
        plain = pickle.dumps([(a.title, a.summary) for a in articles])  # the plain pickler, for scale
        del plain
        gc.collect()
        kept_plain = tracemalloc.get_traced_memory()[0] - before - kept
    finally:
        tracemalloc.stop()
    assert kept_plain > 300 * 200  # the titles' and summaries' UTF-8 copies, kept by plain pickle
    assert kept < 300 * 100  # a few small objects an article at most (was ~470 bytes)


def test_share_repeated_gives_equal_values_of_two_articles_one_object_and_changes_no_value():
    # Issue 10 (memory): articles received from load workers each held their own copies of the
    # section, tags, authors and time zone (~7 MiB at 10,000 articles, counted again in each
    # forked render worker).
    first, second = pickle.loads(pickle.dumps(arabic_article(1))), pickle.loads(pickle.dumps(arabic_article(2)))
    second = pickle.loads(pickle.dumps(second))
    assert first.section is not second.section and first.date.tzinfo is not second.date.tzinfo
    before = (pickle.loads(pickle.dumps(first)), pickle.loads(pickle.dumps(second)))
    known: dict = {}
    share_repeated(first, known)
    share_repeated(second, known)
    assert (first, second) == before  # every field equal (dataclass equality: all fields)
    assert first.date == before[0].date and first.date.utcoffset() == timedelta(hours=2)
    assert first.section is second.section == "أخبار"
    assert first.tags is second.tags and first.tags[0] is second.tags[0] == "سياسة"
    assert first.authors is second.authors == ("أحمد",)
    assert first.date.tzinfo is second.date.tzinfo
    assert first.lang is second.lang and first.format is second.format
    assert first.title != second.title  # an article's own texts stay its own


def test_share_repeated_keeps_a_named_zone_apart_from_an_unnamed_one_of_the_same_offset():
    # timezone(+2, "EET") == timezone(+2): sharing by equality alone would change the zone's name
    named = pickle.loads(pickle.dumps(arabic_article(1)))
    object.__setattr__(named, "date", named.date.replace(tzinfo=timezone(timedelta(hours=2), "EET")))
    plain, again = pickle.loads(pickle.dumps(arabic_article(2))), pickle.loads(pickle.dumps(arabic_article(3)))
    known: dict = {}
    for article in (named, plain, again):
        share_repeated(article, known)
    assert named.date.tzname() == "EET" and plain.date.tzname() == "UTC+02:00"
    assert plain.date.tzinfo is again.date.tzinfo and named.date.tzinfo is not plain.date.tzinfo


def test_block_texts_of_a_stored_body_skip_its_html_and_equal_the_held_blocks_texts(tmp_path, monkeypatch):
    # Issue 11: the search index reads every body's block texts; a stored body's html (quotes,
    # backslashes, lone surrogates, "],[" inside it) is passed over, not decoded, and no Block is made.
    from sitegen import model
    from sitegen.cache import BodyFiles
    from sitegen.model import Block, BodyUnreadable
    tricky = '<p dir="rtl">«نص» \\ "],[" \u2028 \ud800 \x00 &amp; ✓</p>'
    blocks = (Block("heading", 'عنوان "],["'), Block("paragraph", 'نص "الخبر" \\ \ud800'), Block("list_item", ""))
    held = Body(tricky, blocks)
    stored = BodyFiles(tmp_path).pack([Body("<p>قبله</p>", (Block("paragraph", "قبله"),)), held])[1]
    model._recent.clear()
    decoded = []
    decode_text = Body.decode_text
    monkeypatch.setattr(Body, "decode_text", lambda text: decoded.append(text) or decode_text(text))
    assert stored.block_texts() == ['عنوان "],["', 'نص "الخبر" \\ \ud800', ""] == held.block_texts()
    assert decoded == []
    assert stored.blocks == blocks and stored.block_texts() == held.block_texts()  # decoded blocks are used
    assert Body("<p></p>", ()).block_texts() == []
    model._recent.clear()
    (tmp_path / stored.location[0]).write_bytes(b"x" * 4096)  # damaged in place: not its digest's bytes
    try:
        stored.block_texts()
    except BodyUnreadable:
        pass
    else:
        raise AssertionError("a damaged body was read")


def test_stored_block_texts_refuse_text_that_is_no_encoded_body():
    from sitegen.model import _stored_block_texts
    assert _stored_block_texts("8,9,1,7,1\n<p>x</p>paragraphxheadingy") == ["x", "y"]
    for text in ('["<p>x</p>",[["paragraph","x"]]]', "8\n<p>x</p>extra", "8,9\n<p>x</p>paragraph",
                 "8,9,+1\n<p>x</p>paragraphx", "8,9,١\n<p>x</p>paragraphx", "<p>x</p>", "9\n<p>x</p>"):
        try:
            _stored_block_texts(text)
        except ValueError:
            continue
        raise AssertionError(f"read {text!r}")


def test_a_body_encodes_to_its_header_and_parts_and_decodes_to_the_same_values():
    # The body store's format: each part's length in characters, then the parts; a newline,
    # comma, digit or U+0000 inside a part is text like any other.
    from sitegen.model import Block
    blocks = (Block("heading", "12,3\n"), Block("paragraph", "نص\x00 «مقتبس»"), Block("list_item", ""))
    body = Body("<p>1\n2</p>", blocks)
    assert body.encode() == "10,7,5,9,11,9,0\n<p>1\n2</p>heading12,3\nparagraphنص\x00 «مقتبس»list_item".encode("utf-16-le")
    again = Body.decode(body.encode())
    assert again.html == "<p>1\n2</p>" and again.blocks == blocks and again.digest == body.digest
    assert Body.decode(Body("", ()).encode()).html == "" and Body("", ()).encode() == b"0\x00\n\x00"


def test_a_body_with_a_lone_surrogate_encodes_to_utf8_and_decodes_to_the_same_text():
    # UTF-16 cannot carry a lone surrogate (a file's undecodable byte, surrogateescape), and a
    # high one before a low one would come back as one astral character: such a body is UTF-8.
    from sitegen.model import Block
    blocks = (Block("paragraph", "نص \ud83d\ude00 \udcff"),)
    body = Body("<p>\udcff</p>", blocks)
    assert body.encode() == "8,9,7\n<p>\udcff</p>paragraphنص \ud83d\ude00 \udcff".encode("utf-8", "surrogatepass")
    again = Body.decode(body.encode())
    assert again.html == "<p>\udcff</p>" and again.blocks == blocks and again.digest == body.digest