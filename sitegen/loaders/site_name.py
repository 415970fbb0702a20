"""The site's name, from what the page's chrome says about itself.

Candidates come with a priority (:meth:`~sitegen.loaders.findings.Found.site`): the logo
the footer prints again, a title bar, an aggregator line, a date line, the footer's ©
line or tagline, a credit, a masthead naming its kind. :func:`site_name` keeps the first the
page confirms by printing it as a line of its own, and :func:`arabic_logo_beside` prefers
the Arabic name printed beside a Latin one in the logo.
"""

from __future__ import annotations

import re

from sitegen.loaders import chrome, line_text
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.copyright import LATIN_LETTER, RIGHTS_PHRASES, RIGHTS_SPLIT, chrome_site, mostly_latin, rights_line
from sitegen.loaders.findings import SITE_NAME_MAX_WORDS, Found
from sitegen.loaders.lines import Line
from sitegen.loaders.neighbours import next_line
from sitegen.loaders.widgets import PATH_SEPARATOR


#: A line standing for the site's name alone (logo text, footer name) has at most this many words.
SITE_LINE_MAX_WORDS = 6


def site_name(lines: list[Line], sites: list[tuple[int, str]]) -> str | None:
    """The site's name: the first candidate, in priority order, that the page prints as a line
    of its own (the logo text at the top, the name in the footer) — or that holds, or is held
    in, such a line (``موقع الرابية نيوز`` in a © line and ``الرابية نيوز`` alone; the credit
    ``(شنقيط)`` and the logo line ``وكالة شنقيط للأنباء``), which is then the name — a line
    printed whole or the logo holding it first, a part printed alone (a weather widget's
    ``مسقط`` under ``شبكة مسقط الإخبارية``) only when there is neither; else the
    first candidate that may stand unconfirmed. An agency credited for one story is never printed alone, the site is."""
    ranked = sorted((s for s in sites if not account_chrome(s[1])), key=lambda s: s[0])
    if not ranked:
        return None
    if ranked[0][0] == LOGO_IN_FULL:
        return ranked[0][1]  # the footer's ``مجلة مدار`` for the logo ``مدار``: the name as the page prints it in full
    alone = [l for l in lines if not l.blank and l.key and l.words <= SITE_LINE_MAX_WORDS and l.date is None
             and l.vocabulary is None and l.role in ("", "chrome", "site_name", "masthead")]
    owns = [(line, _own_key(line)) for line in alone]
    logo = next((l for l in lines if not l.blank), None)
    logo_own = next((own for line, own in owns if line is logo), None)
    top = [l for l in lines if not l.blank][:LOGO_SEARCH_LINES]
    before_taglines = {f" {line_text.norm_key(n)} " for n in map(_name_before_tagline, (l.text for l in top)) if n}
    for _, name in ranked:
        key = f" {line_text.norm_key(name)} "
        if key.count(" ") > 2 and any(own == key for _, own in owns):
            return name  # printed whole: before a logo holding it (``عن الشرق اليوم``, a link at the top);
            # a one-word name printed alone may be a menu item (``ليبيا`` under the logo ``منارة ليبيا``)
        if key in before_taglines:
            return name  # the logo's name glued to its tagline: ``جريدة NAME | يومية كويتية شاملة``
        if logo_own is not None and key in logo_own:  # held in the logo, before a part of it printed alone
            part = next((p for p in _LOGO_PARTS.split(logo.text) if key in f" {line_text.norm_key(p)} "), logo.text)
            if _tagline_after(line_text.norm_key(part), key.strip()):
                return name  # ``سنابل مجلة أسبوعية تُعنى بالإنسان والمكان``: the name, then what it is
            return chrome.without_menu_button(part)
        for line, own in owns:
            if own in key and not line.under_label and not (line.link_run and line.words == 1):
                if _printed_over_two_lines(lines, line, key):
                    return name  # a logo whose name wraps: ``ياسمين الشام`` over ``نيوز``
                return line.text  # not a tag or a one-word menu item (a place) the name holds
    for _, name in ranked:  # the same outlet named with another kind word (``مؤسسة الرمال`` / ``صحيفة الرمال``)
        core = _name_core(line_text.norm_key(name))
        if core:
            found = next((line.text for line in alone if _name_core(_EDGE_SYMBOLS.sub("", line.key)) == core), None)
            if found is not None:
                return found
    unconfirmed = next((name for priority, name in ranked if priority < UNCONFIRMED_ONLY), None)
    return _without_kind_word(unconfirmed) if unconfirmed else None


#: Words of a header's account and social bar (folded): signing in, subscribing, following the
#: site on a network, the networks' names. A bar of these (``اشترك في النسخة المطبوعة | تسجيل
#: الدخول``, ``تابعنا: فيسبوك | يوتيوب``) is chrome above the logo, never the site's name.
_ACCOUNT_WORDS = frozenset(line_text.norm_key(w) for w in (
    "تسجيل حسابي اشترك اشتراك تابعنا تابعونا فيسبوك يوتيوب تويتر تلغرام تيليجرام "
    "إنستغرام انستغرام انستجرام واتساب لينكدإن تيك توك سناب شات").split())


def account_chrome(name: str) -> bool:
    """True when ``name`` holds a word of :data:`_ACCOUNT_WORDS` (sign in, subscribe, follow
    us, a social network): a piece of the account bar, not a site's name."""
    return any(word.strip(":،,") in _ACCOUNT_WORDS for word in line_text.norm_key(name).split())


#: The word a footer prints before a newspaper's name, not part of it (``صحيفة أخبار اللؤلؤة``).
_KIND_WORD = re.compile(r"(?:صحيفة|جريدة)\s+(?=\S)")


def _without_kind_word(name: str) -> str:
    """``name`` without the kind word in front of it (:data:`_KIND_WORD`): ``صحيفة اللؤلؤة`` is
    the paper ``اللؤلؤة``, as its masthead prints it."""
    m = _KIND_WORD.match(name)
    return name[m.end():] if m else name


def _own_key(line: Line) -> str:
    """The folded text of ``line`` without icons at its ends, a space at each end (to find whole words)."""
    return f" {_EDGE_SYMBOLS.sub('', line.key)} "


def _printed_over_two_lines(lines: list[Line], line: Line, key: str) -> bool:
    """True when ``line`` and the next line of the page together are the name ``key`` (folded,
    spaces at both ends): a logo printed over two lines."""
    nxt = next_line(lines, line.index)
    return nxt is not None and f"{_own_key(line)}{_own_key(nxt).lstrip()}" == key


#: The words that say what kind of outlet a name is, or describe it (folded): ``صحيفة``,
#: ``مؤسسة``, ``للصحافة والنشر``, ``الإخبارية`` — not the name itself.
_OUTLET_WORDS = frozenset(line_text.norm_key(w) for w in (
    "صحيفة جريدة مؤسسة موقع شبكة بوابة منصة وكالة مجلة قناة دار إذاعة للصحافة والنشر للنشر والصحافة "
    "للإعلام والإعلام الإخبارية الإخباري الإلكترونية الإلكتروني الالكترونية الالكتروني").split())


#: Words a logo's tagline opens with right after the name (folded): the outlet's kind and
#: what it is (``مجلة أسبوعية``, ``شهرية ثقافية``, ``تصدر عن``).
_TAGLINE_OPENERS = _OUTLET_WORDS | frozenset(line_text.norm_key(w) for w in (
    "يومية أسبوعية شهرية فصلية نصف ثقافية سياسية مستقلة جامعة شاملة تصدر يصدر تعنى تُعنى".split()))


def _tagline_after(part: str, name: str) -> bool:
    """True when the folded logo text ``part`` is the folded ``name`` then a tagline opening
    with a word of :data:`_TAGLINE_OPENERS`."""
    rest = part[len(name):].split() if part.startswith(name + " ") else []
    return bool(rest) and rest[0] in _TAGLINE_OPENERS


def _name_core(key: str) -> str:
    """A folded outlet name without its kind words (:data:`_OUTLET_WORDS`), when they were
    there and something is left: ``مؤسسه الرمال للصحافه والنشر`` → ``الرمال``; else ``""``."""
    words = key.split()
    core = [w for w in words if w not in _OUTLET_WORDS]
    return " ".join(core) if core and len(core) < len(words) else ""


#: Icons printed with a logo or a menu or search button (``☰البتراء نت``, ``NAME🔍``), not
#: part of the name.
_EDGE_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")


def arabic_logo_beside(lines: list[Line], site: str | None) -> str | None:
    """The Arabic name printed beside a Latin-script site name in the logo at the top of the
    page (``جامعة الدلتا الأهلية`` over ``Delta National University``, ``أطلس 24`` over
    ``Atlas24.ma``: the logo line opens with the name's first two words), or the Arabic half
    of a name found with both (``AL WAHA قناة الواحة``): an Arabic site's name is the Arabic
    one; else ``site`` as it is."""
    if not site:
        return site
    top = [l for l in lines if not l.blank][:LOGO_SEARCH_LINES]
    both = _ARABIC_THEN_LATIN.fullmatch(site.strip()) or _LATIN_THEN_ARABIC.fullmatch(site.strip())
    if (both and line_text.words(both["arabic"]) <= SITE_LINE_MAX_WORDS and not _latin_chrome(top[1:])
            and not _LATIN_CODE.fullmatch(both["latin"])):
        return both["arabic"]  # ``AL WAHA قناة الواحة``, ``آفاق شنقيط Afaq Chinguetti``: the logo's two names
    if not mostly_latin(site):
        return site
    key = line_text.norm_key(site)
    lead = " ".join(key.split()[:2])  # «Oran Online SARL» (©) and the logo's «Oran Online - L'info …»
    for at, line in enumerate(top):
        glued = _LATIN_THEN_ARABIC.fullmatch(line.text.strip())
        if glued and line_text.norm_key(glued["latin"]) == key and line_text.words(glued["arabic"]) <= SITE_LINE_MAX_WORDS:
            return glued["arabic"]  # both names in one logo, copied with no space between
        if line.key != key and not (line.key.startswith(lead) and not line.key[len(lead):len(lead) + 1].isalnum()):
            continue
        for other in top[max(0, at - 1):at + 2]:
            if (other is not line and 1 <= other.words <= SITE_LINE_MAX_WORDS and other.vocabulary is None
                    and not LATIN_LETTER.search(other.text) and other.date is None and not _describes(other)):
                return other.text
    return site


#: A Latin part of at most three letters printed with an Arabic name (``هدف DZ``, ``صدى FM``): a
#: country code or a medium, part of the name, not the name in another script.
_LATIN_CODE = re.compile(r"[A-Za-z]{1,3}")


def _describes(line: Line) -> bool:
    """True when ``line`` says what the site is rather than naming it: a kind word after its
    first word (``أول موقع رياضي جزائري`` under the logo ``Hadaf DZ``), as a tagline does; a
    name opens with its kind word (``قناة الواحة``) or has none."""
    return any(word in _MASTHEAD_KINDS for word in line.key.split()[1:])


#: A logo's Arabic name then its Latin one (``آفاق شنقيط Afaq Chinguetti``).
_ARABIC_THEN_LATIN = re.compile(r"(?P<arabic>[\u0621-\u064a][\u0621-\u0652\s]*[\u0621-\u0652])\s*(?P<latin>[A-Za-z][A-Za-z0-9 .'&-]*[A-Za-z0-9])")
#: A logo's Latin name glued to its Arabic one (``RASEEF LONDONرصيف لندن``), or set beside it.
_LATIN_THEN_ARABIC = re.compile(r"(?P<latin>[A-Za-z][A-Za-z0-9 .'&-]*[A-Za-z0-9])\s*(?P<arabic>[\u0621-\u064a][\u0621-\u0652\s]*[\u0621-\u0652])")


def _latin_chrome(top: list[Line]) -> bool:
    """True when most of the page's first lines (its menu) are in Latin script: a site that
    shows its readers an English or French face, whose bilingual logo is its name as printed."""
    return sum(line.latin_share >= 0.5 for line in top) * 2 > len(top)


#: Candidates of this priority or lower (pieces of a © line) name the site only when the page
#: prints them alone as well.
UNCONFIRMED_ONLY = 9


#: The parts of a logo line such as ``المرفأ | صحيفة العرب الدولية`` (name, tagline).
_LOGO_PARTS = re.compile(r"\s+[|｜¦\-–—]\s+")


#: The word a rights line ends with when its owner is printed on the next line (``محفوظة لـ``).
_COPYRIGHT_OWNER_SUFFIXES = ("لـ", "ل", "لصالح")


#: The priority of the logo's name as the footer prints it after its kind word (``مجلة مدار``
#: under the logo ``مدار``): the name in full, kept as printed.
LOGO_IN_FULL = -1

#: The site's logo stands in the page's first lines, its name again in the last ones.
LOGO_SEARCH_LINES = 8
#: A logo's name wraps onto the next line with at most this many words there (``نيوز``, ``بوست``).
WRAPPED_LOGO_MAX_WORDS = 1
FOOTER_SEARCH_LINES = 25
_NAME_THEN_MORE = re.compile(r"\s*(?:[-–—|،,©:]|\(c\))")


def read_logo_repeated(lines: list[Line], body: Run | None, found: Found) -> None:
    """The site's name from the page's own repetition: a short line among its first lines
    (the logo's text) that the footer prints again — alone outside a menu, at the head of a
    line (``NAME - ADDRESS``, ``NAME © 2026``, ``NAME الإلكترونية - مرخصة …``), or owning the
    rights (``محفوظة لNAME``)."""
    shown = [l for l in lines if not l.blank]
    first = (shown[k] for k in _past_weather(shown)[:LOGO_SEARCH_LINES] if not _menu_item_inside(shown, k))
    top = [l for l in first
           if 1 <= l.words <= SITE_NAME_MAX_WORDS and l.date is None and l.vocabulary is None
           and not l.role.startswith(("title", "subtitle")) and any(ch.isalpha() for ch in l.text)]
    after = body.end if body else -1
    bottom = [l for l in shown[-FOOTER_SEARCH_LINES:] if l.index > after]
    sections = _sections_in_paths(shown)
    for logo in top:
        if logo.key in sections:  # the first menu item, printed again in the cards' section labels
            continue
        below = next_line(lines, logo.index)
        wrapped = (logo.text, logo.key)
        if below is not None and below.words <= WRAPPED_LOGO_MAX_WORDS and below.vocabulary is None:
            wrapped = (f"{logo.text} {below.text}", f"{logo.key} {below.key}")  # ``ياسمين الشام`` over ``نيوز``
        for text, key in (wrapped, (logo.text, logo.key)):
            # ``محفوظة لNAME``; ل before ال drops the alef: ``للفيحاء`` for ``الفيحاء``
            owned = re.escape(key) + (f"|ل{re.escape(key[2:])}" if key.startswith("ال") else "")
            if any(line is not logo and _prints_logo_again(line, key, owned, bottom[k + 1:k + 3])
                   for k, line in enumerate(bottom)):
                found.site(0, text)
                return
    printed = _logo_printed_again(shown, top, bottom, sections)
    if printed:
        found.site(*printed)
        return
    if shown and shown[0] in top and _names_itself(shown[0], shown[1:]):
        found.site(0, shown[0].text)


def _logo_printed_again(shown: list[Line], top: list[Line], bottom: list[Line],
                        sections: set[str]) -> tuple[int, str] | None:
    """The logo's name when the page's first named line (past chrome bars: sign-in, follow us)
    is printed again in the footer, in a menu or not: alone (``منبر الشتات`` at the top and over
    the footer's links), or after the outlet's kind word at the head of a line (``مدار`` over a
    tagline, ``مجلة مدار - تصدر عن …`` in the footer), which is then the name as the footer
    prints it (priority :data:`LOGO_IN_FULL`); with its priority, else ``None``."""
    logo = next((l for l in shown[:LOGO_SEARCH_LINES] if l.vocabulary is None and not account_chrome(l.text)), None)
    if logo is None or logo not in top or logo.key in sections:
        return None
    for line in bottom:
        if line is logo:
            continue
        if line.key == logo.key:
            return 0, logo.text
        words = line.text.split()
        if (len(words) > logo.words and line_text.norm_key(words[0]) in _MASTHEAD_KINDS
                and line.key.startswith(line_text.norm_key(words[0]) + " " + logo.key)):
            end = len(line_text.norm_key(words[0])) + 1 + len(logo.key)
            if end == len(line.key) or _NAME_THEN_MORE.match(line.key, end):
                return LOGO_IN_FULL, " ".join(words[:1 + logo.words])
    return None


def _name_before_tagline(text: str) -> str | None:
    """The name of a logo line glued to its tagline (``جريدة NAME | يومية كويتية شاملة``): the
    part before the separator when the part after opens with a word describing the outlet
    (:data:`_TAGLINE_OPENERS` but a kind word: ``HEADLINE | بوابة NAME`` is a title bar); else ``None``."""
    parts = _LOGO_PARTS.split(text)
    if len(parts) != 2 or not parts[0].strip():
        return None
    tagline = line_text.norm_key(parts[1]).split()
    return parts[0].strip() if tagline and tagline[0] in _TAGLINE_OPENERS - _OUTLET_WORDS else None


def _sections_in_paths(shown: list[Line]) -> set[str]:
    """The keys of the sections the page's breadcrumbs name (their parts after the first, which
    may be the site's own name or «الرئيسية»): a section is never the site's name."""
    return {part for line in shown if line.vocabulary == "breadcrumb"
            for part in (p.strip() for p in PATH_SEPARATOR.split(line.key)[1:]) if part}


#: A temperature, as a header's weather widget prints it (``24°``, ``عمّان 14°``, ``18°C``,
#: ``بغداد ٤٦°``, the ordinal sign ``46º`` many sites print, ``46℃``): a piece of a weather strip
#: is never the site's name.
TEMPERATURE = re.compile(r"-?\d{1,2}\s?[°º℃]")


def _past_weather(shown: list[Line]) -> list[int]:
    """The indexes of ``shown`` but a header's weather widget: the lines holding a temperature
    and the city's name right above a temperature alone (``مسقط`` over ``24°``), which fill the
    first lines of some pages and are no logo."""
    warm = {k for k, l in enumerate(shown) if TEMPERATURE.search(l.text)}
    alone = {k for k in warm if TEMPERATURE.fullmatch(shown[k].text.strip().rstrip("CFcf"))}
    return [k for k, l in enumerate(shown) if k not in warm and not (k + 1 in alone and l.words <= 2)]


#: What a page calls itself before its name (folded): ``تطبيق NAME``, ``موقع NAME``.
_SELF_NAMED = re.compile(r"(?<![^\W\d_])(?:تطبيق|موقع|صحيفه|جريده|بوابه|منصه|قناه)\s+")


def _names_itself(logo: Line, others: list[Line]) -> bool:
    """True when the page's first line (the logo's text) is printed again in another line after
    a word saying what it is: ``تمت المشاركة من تطبيق NAME``, ``حمّل تطبيق NAME لمتابعة …`` (an
    app-share copy, which has no footer)."""
    key = logo.key
    for line in others:
        at = line.key.find(key)
        if at > 0 and not line.role.startswith(("title", "subtitle")):
            end = at + len(key)
            before = _SELF_NAMED.search(line.key, max(0, at - 8), at)
            if before is not None and before.end() == at and (end == len(line.key) or not line.key[end].isalnum()):
                return True
    return False


#: A masthead naming the kind of outlet it is opens with one of these words (folded).
_MASTHEAD_KINDS = frozenset(line_text.norm_key(w) for w in
                            "صحيفة جريدة موقع مجلة بوابة شبكة وكالة منصة مدونة قناة إذاعة".split())


def read_kind_masthead(lines: list[Line], found: Found) -> None:
    """The site's name from the page's first line when it names itself by its kind
    (``مدونة أخبار آدرار``, ``صحيفة الوادي``): two to five words, the first a kind word, no
    date. A blog's title is often printed nowhere else."""
    first = next((l for l in lines if not l.blank), None)
    if (first is not None and 2 <= first.words <= 5 and first.date is None and first.vocabulary is None
            and not first.role.startswith(("title", "subtitle"))
            and first.key.split()[0] in _MASTHEAD_KINDS):
        found.site(6, first.text)


def _menu_item_inside(shown: list[Line], k: int) -> bool:
    """True when ``shown[k]`` is one word in the middle of a menu — items of one or two words
    glued above and below it (``سياسة`` / ``اقتصاد`` / ``تحقيقات``): a section, which the
    footer's menu or a card's label prints again, not the logo (that heads the menu or stands
    apart from it, or stands in another script between a language switch and its own Latin
    name: ``English`` / ``الملعب`` / ``Al-Mal3ab``)."""
    line = shown[k]
    if line.words != 1 or not line.link_run or not 0 < k < len(shown) - 1:
        return False
    script = mostly_latin(line.text)
    return all(n.link_run and n.words <= 2 and abs(n.index - line.index) == 1 and mostly_latin(n.text) == script
               for n in (shown[k - 1], shown[k + 1]))


def _prints_logo_again(line: Line, key: str, owned: str, below: list[Line]) -> bool:
    """True when the footer line ``line`` prints the logo's ``key`` again: alone outside a
    menu, or over the rights line (``below``: the next two lines; ``عالم المحركات``,
    ``الدوحة - قطر``, ``© 2026``); at its head before a separator (``NAME - …``, ``NAME © …``),
    or before one further on when the line is no menu item (``NAME الإلكترونية - …``); or
    owning the rights (``owned``: the pattern of ``key`` as ``محفوظة لNAME`` prints it)."""
    if line.key == key:
        return not line.link_run or any(rights_line(l.text) for l in below)
    if line.key.startswith(key) and (_NAME_THEN_MORE.match(line.key, len(key)) or (
            line.key.startswith(key + " ") and not line.link_run and _NAME_THEN_MORE.search(line.key, len(key)))):
        return True
    return rights_line(line.text) and re.search(rf"(?<![^\sل])(?:{owned})(?![^\W\d_])", line.key) is not None


def read_chrome_sites(lines: list[Line], found: Found) -> None:
    """Site-name candidates from a footer line ``NAME - TAGLINE`` saying what the site is, and
    from the © / "rights reserved" line (or the line after it)."""
    _read_tagline(lines, found)
    for line in lines:
        if line.blank or line.vocabulary != "footer/meta line":
            continue
        name = chrome_site(line.text)
        if name:
            found.site(4, name)
        elif (line.text.split() or [""])[-1] in _COPYRIGHT_OWNER_SUFFIXES and rights_line(line.text):
            nxt = next((l for l in lines[line.index + 1:] if not l.blank), None)
            if nxt is not None and nxt.words <= SITE_NAME_MAX_WORDS:
                found.site(8, nxt.text)
        elif rights_line(line.text):
            for part in RIGHTS_SPLIT.split(RIGHTS_PHRASES.sub("|", line.text)):
                if 1 <= line_text.words(part) <= SITE_NAME_MAX_WORDS:
                    found.site(UNCONFIRMED_ONLY, part)  # ``NAME © 2025 …``, ``… محفوظة - NAME - CITY``: kept if printed alone


#: Longest line ``NAME - TAGLINE`` (``وادي عُمان - صحيفة يومية مستقلة``), in words.
TAGLINE_MAX_WORDS = 10
#: What a tagline says the site is.
_PUBLICATION = re.compile(r"(?<![^\W\d_])(?:صحيفة|جريدة|موقع|مجلة|بوابة|شبكة|وكالة|قناة|إذاعة|منصة)(?![^\W\d_])")


def _read_tagline(lines: list[Line], found: Found) -> None:
    """The site's name from a line ``NAME - TAGLINE`` whose tagline says what kind of
    publication it is (``كازا بريس 24 - جريدة إلكترونية مغربية``) and whose name the page also
    prints as a line of its own (the logo): the page repeating its own name. When the page
    prints the other side alone too, that side is the name (``الرياض - قناة المدار``: a
    dateline), no tagline."""
    # compared without spaces: a logo's spans may print glued (``مغرب الأنوار24`` for ``مغرب الأنوار 24``)
    alone = {_spaceless(line.key) for line in lines if not line.blank and line.key and line.words <= 4}
    for line in lines:
        if line.blank or line.words > TAGLINE_MAX_WORDS:
            continue
        parts = _LOGO_PARTS.split(line.text)
        if (len(parts) == 2 and _PUBLICATION.match(parts[1].strip()) and 1 <= line_text.words(parts[0]) <= 4
                and _spaceless(line_text.norm_key(parts[0])) in alone
                and _spaceless(line_text.norm_key(parts[1])) not in alone):  # «الرياض - قناة المدار»: a dateline and the name
            found.site(4, parts[0].strip())
            return


def _spaceless(key: str) -> str:
    return key.replace(" ", "")
