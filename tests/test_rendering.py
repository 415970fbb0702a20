"""The render stage (:mod:`sitegen.rendering`): the order pages are rendered in.

Rendering by worker processes is tested end to end in ``tests/test_pipeline.py`` (the same
bytes for any number of jobs, site-part digests kept from the workers).
"""

from __future__ import annotations

from sitegen.rendering import render_order


def test_pages_render_grouped_by_the_time_of_the_articles_they_show():
    # issue 10: pages showing the same articles render one after another, so a process's
    # recent cards (a bounded cache) are the ones its next pages show
    from datetime import datetime, timezone

    from sitegen.model import Article, OutputFile
    from sitegen.plan import Pager

    def dated(day):
        return Article(source=f"{day}.md", format="markdown", title=str(day), slug=str(day), display_title=str(day),
                       date=datetime(2024, 11, day, tzinfo=timezone.utc))

    files = [OutputFile("index.html", "index.html", {"pager": Pager(1, 2, (dated(20), dated(19)), "/")}),
             OutputFile("page/2/index.html", "index.html", {"pager": Pager(2, 2, (dated(3),), "/")}),
             OutputFile("a/index.html", "article.html", {"article": dated(2)}),
             OutputFile("b/index.html", "article.html", {"article": dated(21)}),
             OutputFile("404.html", "404.html", {}),
             OutputFile("empty/index.html", "archive.html", {"pager": Pager(1, 1, (), "/empty/")}),
             OutputFile("tags/x/index.html", "archive.html", {"pager": Pager(1, 1, (dated(4),), "/tags/x/")})]
    assert [f.path for f in render_order(files)] == [
        "b/index.html", "index.html", "tags/x/index.html", "page/2/index.html", "a/index.html", "404.html",
        "empty/index.html"]
