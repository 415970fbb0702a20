"""Ctrl-C that Python drops on the way (:mod:`sitegen.interrupts`)."""

from __future__ import annotations

import sys

import pytest

from helpers import article, build_site, snapshot
from sitegen import interrupts, markup


def _interrupting_filter(value: str) -> str:
    raise KeyboardInterrupt  # as a Ctrl-C landing in the sanitiser's callback


def test_a_ctrl_c_dropped_in_a_callback_from_rust_is_raised_again_by_check():
    with interrupts.watching():
        markup.sanitize_html('<a href="/x">س</a>', url_filter=_interrupting_filter)  # nh3 drops it
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
        interrupts.check()  # once
    seen = []
    previous, hook = sys.unraisablehook, seen.append
    sys.unraisablehook = hook
    try:
        markup.sanitize_html('<a href="/x">س</a>', url_filter=_interrupting_filter)
        interrupts.check()  # outside watching: nothing noted, nothing raised
    finally:
        sys.unraisablehook = previous
    assert [item.exc_type for item in seen] == [KeyboardInterrupt]  # the hook there was had it


def test_other_dropped_exceptions_go_to_the_hook_there_was_and_the_hook_comes_back():
    seen = []
    previous, hook = sys.unraisablehook, seen.append
    sys.unraisablehook = hook
    try:
        with interrupts.watching():
            markup.sanitize_html('<a href="/x">س</a>', url_filter=lambda value: 1 / 0)
            interrupts.check()  # a ZeroDivisionError is not a Ctrl-C
        assert [item.exc_type for item in seen] == [ZeroDivisionError]
        assert sys.unraisablehook is hook
    finally:
        sys.unraisablehook = previous


def test_a_ctrl_c_dropped_while_loading_stops_the_build_before_it_publishes(new_site, monkeypatch):
    # /tmp/attack45/r3-sigint-lost-in-sanitiser-callback.sh: a Ctrl-C landing while nh3 called
    # the attribute filter (sitegen.markup) was printed and dropped there; the build went on,
    # published and exited 0.
    from sitegen import cli
    from sitegen.loaders import article as article_loader

    site = new_site({"a.md": article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00",
                                     body="[تقرير](/report/) عن المكتبة.")})
    assert build_site(site).result.exit_code == 0
    before = snapshot(site.output)
    edited = site.content / "a.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    real = article_loader.body_url
    calls = []

    def interrupted_once(value):
        calls.append(value)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(value)

    monkeypatch.setattr(article_loader, "body_url", interrupted_once)
    status = cli.main(["build", "-q", "--jobs", "1", "--content", str(site.content), "--config", str(site.config),
                       "--output", str(site.output)])
    assert calls and status == cli.EXIT_INTERRUPTED
    assert snapshot(site.output) == before  # nothing published


def test_a_ctrl_c_dropped_by_a_build_that_wrote_nothing_is_not_an_exit_0(new_site, monkeypatch, capsys):
    # /tmp/attack45 (one interrupted edit exited 0 with nothing printed): a Ctrl-C dropped where
    # no later look of the build's own would see it (here, the nothing-changed path, which
    # publishes nothing) still ends the command as interrupted.
    from sitegen import cli, pipeline

    site = new_site({"a.md": article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00")})
    args = ["build", "-q", "--content", str(site.content), "--config", str(site.config), "--output", str(site.output)]
    assert cli.main(args) == 0
    real = pipeline.unchanged_result

    def dropped_on_the_way(*args):
        markup.sanitize_html('<a href="/x">س</a>', url_filter=_interrupting_filter)
        return real(*args)

    monkeypatch.setattr(pipeline, "unchanged_result", dropped_on_the_way)
    assert cli.main(args) == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err.endswith("interrupted: the previous output is untouched\n")
