"""What the dump reader has found so far while it reads one page.

:class:`Title` is the chosen headline, :class:`Found` the fields the head and the chrome
around the article give (byline, dateline, deck, masthead, site-name candidates), and
:func:`set_role` gives a line its role and the reason. The readers of each part of the page
(:mod:`~sitegen.loaders.article_head`, :mod:`~sitegen.loaders.site_name`, …) fill them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.arabic import clean_inline
from sitegen.loaders import line_text
from sitegen.loaders.lines import Line
from sitegen.model import MastheadEntry


#: A site's name is at most this many words (``وكالة أنباء جبل الخليل المستقلة للأخبار والتحقيقات``:
#: an official or agency name in full).
SITE_NAME_MAX_WORDS = 7


#: Words that take a credit's place without naming a site: "exclusive", "agencies", "reports",
#: and a photo's "archive" (``صورة المدخل - أرشيف``).
_NOT_A_SITE = frozenset(line_text.norm_key(w) for w in (
    "خاص", "حصري", "حصريا", "متابعات", "وكالات", "وكالات الأنباء", "تقارير", "مواقع", "خاص بالموقع", "الموقع",
    "موقعنا", "أرشيف", "أرشيفية", "الأرشيف", "صورة أرشيفية", "مواقع التواصل", "مواقع التواصل الاجتماعي", "إنترنت",
    "الإنترنت", "أرشيف الموقع"))


@dataclass(frozen=True)
class Title:
    """The chosen headline: ``index`` its line, ``text`` as printed (the title bar's side when
    the bar holds it), ``score`` its headline score (:func:`~sitegen.loaders.headline.choose`)."""

    index: int | None   # line of the headline; None when only the title bar holds it
    text: str
    score: float


@dataclass
class Found:
    """What the head holds; filled while the head lines are read."""

    byline: str | None = None
    dateline: str | None = None
    subtitle: str | None = None
    masthead: list[MastheadEntry] | None = None
    sites: list[tuple[int, str]] | None = None

    def site(self, priority: int, name: str | None) -> None:
        """Add ``name`` as a site-name candidate of ``priority`` (lower wins): cleaned of quotes,
        brackets and dashes at its ends, kept when it has a letter, at most
        :data:`SITE_NAME_MAX_WORDS` words, and is no word such as ``خاص`` or ``وكالات``."""
        name = clean_inline((name or "").strip(" \"'«»“”:()-–"))
        if (name and line_text.words(name) <= SITE_NAME_MAX_WORDS and any(ch.isalpha() for ch in name)
                and line_text.norm_key(name) not in _NOT_A_SITE):
            self.sites.append((priority, name))


def set_role(line: Line, role: str, note: str) -> None:
    """Give ``line`` its ``role`` (one of :data:`sitegen.loaders.reader.ROLES`) and the ``note``
    saying why, in place of any it had."""
    line.role, line.note = role, note
