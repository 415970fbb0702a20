"""A linear-time search for the ends of start tags in :mod:`html.parser`, for sitegen's readers
of raw HTML: Python-Markdown's raw HTML extractor (:mod:`sitegen.markdown_parser`) and the reader
of a body's blocks (:mod:`sitegen.markup`)."""

from __future__ import annotations


#: Most ``<`` a start tag may hold (in quoted attribute values: ``<img alt="a<b">``) and still be
#: read as a tag by an HTML parser with :class:`LinearStartTags`.
MAX_LT_IN_TAG = 16


class LinearStartTags:
    """Mixin for :class:`html.parser.HTMLParser` (and Python-Markdown's raw HTML extractor, built
    on a copy of it) that keeps its search for the ends of start tags linear in time.

    At every ``<`` followed by a letter the parser matches a start tag's pattern from there; for
    a ``<`` that opens no complete tag the match can run to the end of the text, so a body of
    ``<a b="`` written over and over took time growing with the square of its length (48 KB:
    14 s). Here each such search sees the text only up to the ``MAX_LT_IN_TAG + 1``-th ``<``
    after its own: a stretch of text between two ``<`` is searched at most that many times. A
    start tag holding up to :data:`MAX_LT_IN_TAG` ``<`` is read as the parser reads it; one
    holding more is read as text, as any tag left unclosed is (and escaped as text).
    """

    def check_for_whole_start_tag(self, i: int) -> int:
        """The end of the start tag at ``i`` in ``self.rawdata``, or ``-1`` (the parser's own
        answer, from the text up to the ``MAX_LT_IN_TAG + 1``-th ``<`` after ``i``)."""
        rawdata = self.rawdata
        stop = i
        for _ in range(MAX_LT_IN_TAG + 1):
            stop = rawdata.find("<", stop + 1)
            if stop < 0:
                return super().check_for_whole_start_tag(i)
        self.rawdata = rawdata[i:stop]
        try:
            end = super().check_for_whole_start_tag(0)
        finally:
            self.rawdata = rawdata
        return end if end < 0 else i + end
