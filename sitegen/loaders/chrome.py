"""Recognisers for the page chrome of Arabic news pages dumped to text, one line at a time.

Each function looks at ONE line (already cleaned with :func:`sitegen.arabic.clean_inline`)
and says what kind of chrome it is, or ``None``. The vocabulary is that of Arabic news
sites in general (share widgets, "اقرأ أيضا" lists, tag lines, copyright footers,
breadcrumbs, comment rules, captions, disclaimers); the labelling rules behind them are in
the corpus notes (``shared/corpus/SOURCES.md``). Bylines, credits, datelines, aggregator
lines and masthead roles are read by :mod:`sitegen.loaders.bylines`. Matching is done on
:func:`~sitegen.loaders.line_text.norm_key`, so hamza, ta marbuta, alef maqsura, diacritics
and tatweel do not matter.
"""

from __future__ import annotations

import re

from sitegen.loaders.line_text import FUNCTION_WORDS, STARRED, letters, norm_key, words

__all__ = ["chrome_kind", "is_comment_rules", "is_source_credit", "is_terminal", "kind_opens_footer", "is_block_label",
           "FOOTER_LABEL_KINDS", "BLOCK_LABEL_KINDS", "CAPTION_MAX_WORDS", "CHROME_MAX_WORDS"]


# --- whole-line vocabulary ----------------------------------------------------------

def _keys(*items: str) -> frozenset[str]:
    return frozenset(norm_key(i) for i in items)


_DEFINITE = re.compile(r"(?<!\S)ال(?=\S{2})")


def _label_key(key: str) -> str:
    """A folded label without the article on its words: ``الموضوعات المتعلقة`` and
    ``موضوعات متعلقة`` are one label."""
    return _DEFINITE.sub("", key)


def _label_keys(*items: str) -> frozenset[str]:
    return frozenset(_label_key(norm_key(i)) for i in items)


_SHARE = _keys(
    "شارك", "شارك الخبر", "شارك المقال", "شارك القصة", "شاركها", "مشاركة", "مشاركة الخبر", "شارك عبر",
    "غرّد", "تغريد", "tweet",
    "فيسبوك", "فيس بوك", "فايسبوك", "تويتر", "إكس", "واتساب", "واتس اب", "واتس آب", "تيليجرام", "تلغرام", "لينكدإن",
    "انستغرام", "انستجرام", "يوتيوب", "ماسنجر", "facebook", "twitter", "whatsapp", "telegram",
    "linkedin", "messenger", "email", "print", "share", "partager", "imprimer", "طباعة", "طباعة الخبر", "اطبع", "إرسال لصديق",
    "أرسل لصديق", "أرسل الخبر", "إرسال بالبريد", "أرسل بالبريد", "إرسال بالبريد الإلكتروني", "أرسل عبر البريد",
    "البريد الإلكتروني", "حفظ", "نسخ الرابط", "تكبير الخط", "تصغير الخط", "a+ a-", "a- a+",
    "a a a", "a+ a a-", "+ -", "أ+ أ-", "حجم الخط", "حجم النص", "تغيير حجم الخط", "نسخة للطباعة",
    "أرسل إلى صديق", "إرسال إلى صديق", "pdf", "نسخة مطبوعة",
)
#: The separators of a tools bar printed on one line (``نسخة للطباعة | أرسل لصديق | تكبير الخط``).
_TOOL_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_POLL = _keys("استطلاع", "استطلاع رأي", "استطلاع الرأي", "استفتاء", "تصويت", "صوت الآن", "صوّت", "النتائج", "عرض النتائج",
              "شارك برأيك", "شارك في الاستطلاع", "poll", "vote")
#: A sign-up form's button, printed alone (``اشتراك``).
_SIGN_UP = _keys("اشتراك", "اشترك", "اشترك الآن", "اشترك مجانا", "سجل الآن", "سجّل", "تسجيل", "subscribe", "sign up")
#: The networks' names a share bar prints, glued when the copy loses the space between links
#: (``تويترلينكدإن``), each perhaps after its button's verb (``شارك:شارك في فيسبوكشارك في واتساب``).
_NETWORKS_GLUED = re.compile("(?:" + "|".join(sorted((re.escape(norm_key(n)) for n in (
    "فيسبوك", "فيس بوك", "فايسبوك", "تويتر", "إكس", "واتساب", "واتس اب", "تيليجرام", "تلغرام", "لينكدإن", "انستغرام",
    "انستجرام", "يوتيوب", "ماسنجر", "facebook", "twitter", "whatsapp", "telegram", "linkedin", "x",
    "طباعة", "مشاركة", "print")), key=len, reverse=True))
                             + r"|\s|(?:شارك|انشر|share)(?:\s*(?:في|على|علي|عبر|on|via))?:?)+")
#: A share bar's verb and what it shares, one short word (``شارك الألبوم:``, ``انشر المقال``,
#: ``مشاركة الخبر عبر``), before the networks' names: the bar's label.
_SHARE_WHAT = re.compile(r"(?:شارك|انشر|مشاركه|share|partager)(?: [^\W\d_]{2,15}(?![^\W\d_]))?"
                         r"(?: (?:عبر|على|علي|في|via|on|sur)(?![^\W\d_]))?\s*[:：|\-–—]?\s*")
#: The counts a share bar prints beside its buttons (``تويتر 14 واتساب 32``, ``فيسبوك 1.2 ألف``).
_SHARE_COUNT = re.compile(r"\d+(?:[.,]\d+)?(?:\s*(?:k|m|الف|مليون))?")
#: What an embedded Instagram/Facebook post prints under the picture, and Instagram's line
#: naming who shared it (``A post shared by NAME (@handle)``, as its embed code prints it).
_EMBED_MARK = tuple(norm_key(p) for p in ("عرض هذا المنشور على", "عرض هذه المشاركة على", "view this post on",
                                          "شاهد هذا المنشور على", "تمت مشاركة منشور بواسطة",
                                          "منشور تمت مشاركته بواسطة", "a post shared by"))
#: The label shapes of a list of other stories beside those in :data:`_RELATED` (folded):
#: ``أحدث الفتاوى``, ``المزيد من الأخبار``, ``مراجعات أخرى``, ``قضايا ذات صلة``, ``اقرأ في SITE`` (not ``الضفة الأخرى``, a name),
#: a verb and "too" (``جربي أيضاً``, ``استمع كذلك``).
_RELATED_SHAPE = re.compile(r"(?!ال)\S+ (?:ايضا|كذلك)|احدث \S+|(?:ال)?مزيد من \S+|(?!ال)\S+ (?:اخري|اخرى|مشابهه)|(?!ال)\S+ ذات صله|اقرا (?:ايضا )?(?:في|على|علي) \S+(?: \S+)?"
                            r"|الاكثر (?:قراءه|مشاهده|تداولا|تصفحا|شعبيه) (?:في|من) \S+(?: \S+)?"
                            # the writer's other columns: «مقالات أخرى للكاتب», «المزيد من مقالات الكاتبة», «للكاتب نفسه»
                            r"|(?:(?:ال)?مزيد من |من )?(?:مقالات|مقالات اخري|مقالات اخرى|مقالات سابقه) ?(?:لل|ال)?(?:كاتب|كاتبه)(?: نفسه| نفسها| ايضا)?"
                            r"|لل(?:كاتب|كاتبه) (?:نفسه|نفسها|ايضا)")
#: Stars of a rating widget (``تقييم المحرر: ★★★★☆``).
_STARS = re.compile(r"[★☆✩✪⭐]{3}")
_ADS = _keys("إعلان", "اعلان", "إعلانات", "مساحة إعلانية", "إعلانات مبوبة", "advertisement", "ads", "sponsored", "محتوى مدعوم")
#: The label over a paid card (its lines are chrome, like a related list's).
_SPONSORED_LABELS = _keys("محتوى مدفوع", "محتوى ممول", "محتوى إعلاني", "إعلان ممول", "برعاية", "محتوى برعاية",
                          "محتوى مروج", "paid content", "sponsored content", "contenu sponsorisé")
#: A partner's credit for the article (``هذا المحتوى من «…» بالشراكة مع …``).
_PARTNER_CREDIT = re.compile(norm_key("هذا المحتوى") + r"\s|" + norm_key("هذه المادة") + r"\s(?:من|برعايه|بالشراكه|بالتعاون)")
PARTNER_CREDIT_MAX_WORDS = 15
_NAV = _keys(
    "الرئيسية", "الصفحة الرئيسية", "home", "عودة", "رجوع", "الخبر السابق", "الخبر التالي",
    "المقال السابق", "المقال التالي", "السابق", "التالي", "الموضوع السابق", "الموضوع التالي",
    "المزيد", "عرض المزيد", "اقرأ المزيد", "المزيد من الأخبار",
    # the footer's links about the site
    "من نحن", "عن الموقع", "عن الصحيفة", "اتصل بنا", "تواصل معنا", "أعلن معنا", "أعلن لدينا", "هيئة التحرير",
    "فريق العمل", "سياسة الخصوصية", "شروط الاستخدام", "الشروط والأحكام", "اتفاقية الاستخدام", "خريطة الموقع",
    "سياسة التحرير", "ميثاق الشرف", "الأرشيف", "وظائف", "البث المباشر", "بث مباشر", "شاهد البث المباشر",
    # a page's feedback widget (government and university sites)
    "هل كانت هذه الصفحة مفيدة؟", "هل كانت هذه الصفحة مفيدة", "هل كان هذا المحتوى مفيدا؟", "هل كان هذا المحتوى مفيداً؟",
    "هل وجدت هذه الصفحة مفيدة؟", "هل كان الخبر مفيدا؟", "هل كان المقال مفيدا؟", "was this page helpful?",
    # the same links on the French chrome of Maghreb sites
    "accueil", "contact", "nous contacter", "contactez-nous", "qui sommes-nous", "mentions légales",
    "publicité", "charte éditoriale", "politique de confidentialité", "plan du site",
)
#: Labels of the link to the previous or next article (``التالي: HEADLINE``), as
#: :func:`_label_key` folds them.
_PREV_NEXT_LABELS = _label_keys("السابق", "التالي", "الخبر السابق", "الخبر التالي", "المقال السابق",
                                "المقال التالي", "الموضوع السابق", "الموضوع التالي", "اقرأ التالي")
#: A broadcaster's "on air now" bar naming the programme (folded): ``الآن على المباشر: برنامج
#: صباح القيروان``, ``على الهواء الآن: …``, ``يبث الآن | …``.
_ON_AIR = re.compile(r"(?:الان\s+)?(?:علي الهواء|علي المباشر|يبث الان|يعرض الان)(?:\s+الان)?\s*[:：|\-–]\s*\S")
#: A site-wide alert strip over the page (folded): ``تنبيه: تحذير من عاصفة ثلجية — تابعوا
#: التحديثات``, ``تنبيه هام | …``: a label, then its message.
_ALERT_STRIP = re.compile(r"تنبيه(?: هام)?\s*[:：|]\s*\S")
#: A live blog's controls over its updates: how they are sorted, how many there are.
_LIVE_CONTROLS = _keys("الأحدث أولا", "الأحدث أولاً", "الأقدم أولا", "الأقدم أولاً", "الأحدث", "الأقدم",
                       "التحديثات الحية", "تحديثات حية", "التحديثات المباشرة", "تحديثات مباشرة", "آخر التحديثات",
                       "تحديث تلقائي", "التحديث التلقائي", "ترتيب حسب", "latest first", "oldest first", "live updates")
#: A count printed after a label: ``التعليقات (4)``, ``تعليقات 12``, ``Comments [3]``.
_COUNT_AFTER_LABEL = re.compile(r"\s*(?:[(\[]\s*\d{1,6}\s*[)\]]|\d{1,6})$")
_COMMENTS = _keys(
    "اضف تعليق", "أضف تعليقاً", "أضف تعليقك", "إضافة تعليق", "اكتب تعليقك", "التعليقات", "تعليقات",
    "تعليقات الزوار", "تعليقات القراء", "علق", "comments",
)
_RELATED = _label_keys(
    "اقرأ أيضا", "اقرأ أيضًا", "اقرأ أيضاً", "إقرأ أيضا", "اقرأ كذلك", "شاهد أيضا", "أخبار ذات صلة",
    "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار متعلقة", "موضوعات متعلقة", "مواضيع متعلقة",
    "مقالات متعلقة", "أخبار مشابهة", "قد يهمك", "قد يعجبك أيضا", "اخترنا لك", "المزيد من", "الأكثر قراءة",
    "الأكثر مشاهدة", "الأكثر تصفحا", "الأكثر تداولا", "الأكثر شعبية", "آخر الأخبار", "أحدث الأخبار", "read more", "related",
    "أهم الأخبار", "أبرز الأخبار", "من الأرشيف", "في نفس الموضوع", "في نفس السياق", "في السياق ذاته", "ذات صلة", "قد يهمك أيضا", "à lire aussi", "À lire aussi", "a lire aussi",
    "lire aussi", "voir aussi", "sur le même sujet", "read also", "see also", "more stories",
    "articles similaires", "à lire également", "a lire également", "dans la même rubrique", "les plus lus",
    "طالع أيضا", "طالع أيضًا", "طالع أيضاً", "طالع كذلك", "شاهد كذلك", "تابع أيضا", "اقرأ المزيد", "ترشيحات",
    "نرشح لك", "مقترحات", "مواضيع مقترحة", "مقالات مقترحة", "موضوعات ذات صلة", "قصص ذات صلة", "يهمك أيضا",
    "للمزيد", "للمزيد اقرأ", "اقرأ المزيد عن", "لمزيد من التفاصيل", "من نفس القسم", "أخبار من نفس القسم",
    "في نفس القسم", "من القسم نفسه", "أخبار من القسم نفسه",
)
#: The label of the box about the writer printed after an article or a column.
_AUTHOR_BOX = _label_keys("عن الكاتب", "عن الكاتبة", "عن المؤلف", "عن المؤلفة", "نبذة عن الكاتب",
                          "نبذة عن الكاتبة", "عن المحرر", "عن المحررة", "about the author",
                          "الكاتب في سطور", "الكاتبة في سطور", "الكاتب في سطر", "الكاتبة في سطر",
                          "سيرة الكاتب", "سيرة الكاتبة", "نبذة عن المؤلف")
#: A notice that the article is no professional advice (``… لا تغني عن استشارة الطبيب``).
_ADVICE_DISCLAIMER = re.compile(r"لا (?:تغني|يغني) عن (?:استشاره|مراجعه)|لاغراض (?:اعلاميه|توعويه|تثقيفيه|"
                                r"معلوماتيه|اخباريه) فقط|للتثقيف (?:الصحي )?فقط|اخلاء (?:ال)?مسووليه|"
                                # an investment disclaimer: «… لا تمثل توصية بالشراء أو البيع»
                                r"(?:لا|ليست|ليس)(?: \S+){0,2} (?:توصيه|نصيحه|دعوه) (?:بالشراء|بالبيع|للشراء|للبيع|"
                                r"استثماريه|ماليه)")
#: A breaking story's status line (``الخبر قيد التحديث...``, ``التفاصيل بعد قليل``): not article text.
_STATUS = _keys("الخبر قيد التحديث", "خبر قيد التحديث", "الخبر قيد المتابعة", "جار تحديث الخبر", "جاري تحديث الخبر",
                "التفاصيل بعد قليل", "تفاصيل أكثر بعد قليل", "المزيد من التفاصيل بعد قليل", "يتبع",
                "الخبر قيد التطوير",
                # the label of a ticker of breaking news, printed alone
                "عاجل", "خبر عاجل", "أخبار عاجلة", "عاجل الآن", "breaking", "breaking news", "urgent", "flash")
#: The label of the list of sources (or of footnotes) a fact-check, an explainer or a review
#: closes with.
_SOURCES = _label_keys("مصادر", "المصادر", "مراجع", "المراجع", "المصادر والمراجع", "مصادر التحقق", "sources", "références",
                       "الهوامش", "هوامش", "الحواشي", "حواشي", "الهوامش والمراجع", "الإحالات", "footnotes", "notes")
#: The label of a box of key points printed above the article's text, repeating it.
_SUMMARY = _label_keys("أبرز النقاط", "أهم النقاط", "النقاط الرئيسية", "باختصار", "ملخص الخبر",
                       "أبرز ما جاء", "في سطور", "key points", "en bref")
_TAGS = _label_keys("الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم", "وسوم", "كلمات دلالية", "الكلمات الدلالية", "tags",
                    "mots-clés", "mots clés", "étiquettes")

_PREFIXES = tuple(norm_key(p) for p in (
    "كلمات مفتاحية:", "الكلمات المفتاحية:", "الوسوم:", "وسوم:", "كلمات دلالية:", "tags:", "mots-clés :", "mots-clés:",
    "عدد المشاهدات", "المشاهدات:", "مشاهدات:", "عدد القراءات", "قراءات:", "عدد التعليقات",
    "حمل تطبيق", "حمّل تطبيق", "تحميل تطبيق", "نزل تطبيق", "تابعونا على", "تابعنا على",
    "تابعوا", "اشترك في", "اشترك الآن", "للتواصل", "للاشتراك", "للاتصال", "للإعلان",
    "الرابط الدائم", "رابط الخبر", "رابط مختصر", "الرابط المختصر", "رابط المقال", "شارك هذا",
    "جميع الحقوق محفوظة", "حقوق النشر", "copyright", "©", "الآراء الواردة",
    "للاقتباس:", "للاستشهاد:", "طريقة الاقتباس", "cite this", "pour citer",  # how to cite the article
))
_CONTAINS = tuple(norm_key(p) for p in ("جميع الحقوق محفوظة", "©", "الآراء الواردة في التعليقات",
                                         "حقوق الطبع", "حقوق النشر محفوظة", "all rights reserved"))
_CAPTION_START = tuple(norm_key(p) for p in ("صورة:", "الصورة:", "صورة من", "صورة أرشيفية",
                                              "صور:", "تصوير:", "عدسة:", "عدسة ", "(صورة", "أرشيفية", "صورة تعبيرية",
                                              "فيديو:", "شاهد:", "photo", "لقطة شاشة", "لقطة من", "صورة ملتقطة",
                                              "جانب من", "مشاهد من", "لقطات من"))  # «جانب من الحفل»: a view of the event
_CAPTION_MARK = re.compile(r"\((?:تعبيريه|ارشيفيه|ارشيف|صوره)")
#: A photo caption ends with its credit: ``… (تصوير: NAME)``, ``… (أ.ف.ب)``, ``… - أرشيف``,
#: ``… - تصوير: NAME``.
_CREDIT_END = re.compile(
    r"(?:\((?:تصوير|عدسه|ا\s?\.?\s?ف\s?\.?\s?ب|رويترز|وكالات|الاناضول|افب|afp|reuters|ap|epa|getty|shutterstock"
    r"|خاص|مواقع التواصل|وسائل التواصل|متداوله|الانترنت|انترنت|من المصدر|المصدر)"
    r"[^()]{0,40}\)|[-–]\s*(?:صوره\s+)?(?:ارشيفيه|ارشيف)"
    r"|[-–|/]\s*(?:تصوير|عدسه|photo)\s*(?::\s*)?[^\W\d_][^()\-–|/:.\d]{0,40})\s*$")
#: ...and is one phrase: a line holding a sentence is a paragraph that ends with its source.
CAPTION_MAX_WORDS = 20
_SENTENCE_INSIDE = re.compile(r"[.!?؟]\s|^و\w\w|\s[اأإ]ن\s")  # a full stop, a و opening, a that-clause

_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
#: A social network handle alone, or after its network's name (``@samer_odeh``, ``X: @samer_odeh``).
_HANDLE = re.compile(r"^(?:[^\W\d_]{1,12}\s*[:：]\s*)?@[A-Za-z0-9_.]{2,30}$")
#: A signature after the text: a dash, then a name (``— د. سامر عودة``).
_SIGNATURE = re.compile(r"^\s*[—–]\s*(?:[^\W\d_]{1,3}\.\s*)?[^\W\d_]+(?:\s+[^\W\d_]+){1,3}\s*$")
SIGNATURE_MAX_WORDS = 5
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
#: The attribution under an embedded post, as every site prints Twitter/X's embed code:
#: ``— NAME (@handle) November 30, 2026``.
_EMBED_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?:\s*(?:ص|م|am|pm))?$")
#: An update's stamp alone on a line (folded): ``تحديث - 10:45 ص``, ``آخر تحديث: 13:20``, ``تحديث (13:20)``.
_UPDATE_STAMP = re.compile(r"^(?:اخر )?تحديث\s*[-–:|(]?\s*\d{1,2}:\d{2}(?:\s*(?:ص|م|am|pm))?\s*\)?$")
#: A time stamp relative to now (``منذ ساعتين``, ``قبل 25 دقيقة``), folded: a live entry's or a
#: card's stamp, never a subheading.
_RELATIVE_TIME_ONLY = re.compile(
    r"^(?:منذ|قبل)\s+(?:\d{1,4}\s+)?(?:ثانيه|ثوان|ثواني|لحظات|دقيقه|دقيقتين|دقايق|ساعه|ساعتين|ساعات|"
    r"يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|سنه|سنتين|سنوات)$")
_BREADCRUMB = re.compile(r"\s[»›>/|]\s")


#: ``اقرأ أيضا: HEADLINE`` — a label, a colon or dash, then the linked headline.
_LABEL_HEAD = re.compile(r"[^\w(]{0,3}(?P<label>[^:\-–—.]{2,30}?)\s*(?:[:\-–—]|\.{2,}|…)\s*\S")
#: A "read also" link whose label runs into the headline with no colon or dots between
#: (``اقرأ أيضًا سعر الدولار اليوم``), or with no space either when the copy joined the label's
#: element to the link's (``اقرأ أيضاًإيجارات أبوظبي …``): the imperative labels only (folded),
#: but see :data:`_PAST_TENSE_SENTENCE`.
_READ_ALSO_GLUED = re.compile(r"(?:اقرا|طالع|شاهد|تابع) (?:ايضا|كذلك) ?\S+ \S")
#: «تابع» and «شاهد» opening a line that ends a sentence (a stop, a question or exclamation mark,
#: perhaps inside closing quotes or brackets): the past tense, ``تابع كذلك المحافظ … .``, not a
#: card; «اقرأ» and «طالع» are only ever commands (folded key).
_PAST_TENSE_SENTENCE = re.compile(r"(?:شاهد|تابع) .*[.!؟?][\s\"'»”)\]]*$")
HOME_KEY = norm_key("الرئيسية")  # folded like every key (ئ → ي): a literal would never match
#: The glyph of the button that opens a page's menu, printed beside its logo on small screens
#: (``☰ NAME``), at either end of a line.
MENU_GLYPH = re.compile(r"^\s*[☰≡⋮]\s*|\s*[☰≡⋮]\s*$")
#: Arrows and carets a button prints after its label (``اقرأ المزيد ⌄``, ``المزيد »``), and spaces.
_ARROWS = " ⌄⌃▼▲▾▴▽△›‹»«←→↓↑⬇⬆˅˄∨❯❮<>+"
#: The same button's label after the logo (``NAME القائمة``).
_MENU_LABEL_AFTER = re.compile(r"\s+(?:القائمة|Menu)\s*$", re.IGNORECASE)


def without_menu_button(text: str) -> str:
    """The logo line ``text`` without the menu button printed beside the name: its glyph at
    either end (:data:`MENU_GLYPH`) or its label at the end (``القائمة``, ``Menu``)."""
    return _MENU_LABEL_AFTER.sub("", MENU_GLYPH.sub("", text))
#: Chrome lines are short; longer lines are never looked up in the vocabulary.
CHROME_MAX_WORDS = 30
#: ...except the comment section's house rules, which are prose about comments and moderation
#: (``نرحب بالنقاش … مراجعة التعليقات قبل نشرها``, ``التعليقات المنشورة لا تعبر عن رأي الموقع``).
COMMENT_RULES_MAX_WORDS = 80
#: What house rules speak of: the comments, or the opinions the site publishes (the opinion
#: disclaimer: ``المقالات المنشورة تعبر عن رأي كتابها ولا تعبر بالضرورة عن رأي الموقع``).
_COMMENT_WORD = re.compile(r"تعليق|النقاش|comment|المقالات|المقال |الاراء|ما ينشر|opinions")
_ADDRESS_WORD = re.compile(r"ننصح|يرجي|نرجو|الرجاء|نرحب|ترحب|كاتبيها|اصحابها|كتابها|كاتبها|صاحبها|"
                           r"راي الموقع|اداره الموقع|بالضروره|please|we ")
#: A note on how the piece itself was made, folded: it names the piece (``هذا التحقيق``,
#: ``هذه المادة``) and a partner or first home (``بدعم من``, ``بالتعاون مع``, ``ضمن مشروع``,
#: ``نشر … في الأصل``, ``في العدد 214``, ``بالتزامن مع``) — ``أُنجز هذا التحقيق بدعم من …``, the close of an investigation.
_THIS_PIECE = re.compile(r"(?<!\S)(?:هذا|هذه) (?:التحقيق|التقرير|المقال|الماده|القصه|التحقيقات|السلسله|الملف|العمل)(?!\S)")
_MADE_WITH = re.compile(r"(?<!\S)(?:بدعم|بتمويل|بمنحه|بالتعاون|بالشراكه|بشراكه|ضمن (?:مشروع|برنامج|سلسله|زماله)|"
                        r"(?:في|فى) الاصل|لاول مره (?:في|على|علي)|(?:في|فى) العدد|بالتزامن)(?!\S)")
#: A starred note (``* …``) on how the piece was translated, folded: it names its translating
#: (``ترجم``, ``ترجمة``; a note that the original was published, ``* نُشر النص الأصلي للرواية …``,
#: may be a footnote mid-article: /tmp/attack49b/r21), the piece
#: (``المقال``, ``التقرير``, ``النص``) and its first home or language (``الأصلي``, ``في الأصل``,
#: ``باللغة …``, ``بتصرف``, ``بالاتفاق مع``) — ``* نُشر المقال الأصلي باللغة الإنجليزية في …،
#: وتُرجم بتصرف لموقع …``, the close of a translated article.
_TRANSLATED = re.compile(r"(?<!\S)[وف]?(?:ترجم|ترجمت|يترجم|تترجم|ترجمه)(?!\S)")
_THE_PIECE_NAMED = re.compile(r"(?<!\S)(?:ال)?(?:مقال|مقاله|تقرير|ماده|نص|ملف|تحقيق|حوار|قصه)(?!\S)")
_FIRST_HOME = re.compile(r"(?<!\S)(?:الاصلي|الاصليه|الاصل|باللغه|بتصرف|بالاتفاق|بنسخته|بنسختها)(?!\S)")
#: An editor's note on the piece, by its label (folded): ``تحديث — أضيفت تصريحات …``,
#: ``تصحيح: ورد في نسخة سابقة …``, ``ملاحظة المحرر: …``, ``تنويه: الأسعار استرشادية …`` — about the
#: story, not of it.
_EDITORIAL_NOTE = re.compile(r"(?:تحديث|تصحيح|توضيح|استدراك|تنويه|ملاحظه(?: (?:المحرر|التحرير|المحررين))?|update|correction|"
                             r"editor's note|mise a jour|rectificatif)\s*[:\-–—]\s*[^\W\d_]")
#: A cookie-consent banner (folded): it names the site's cookies (``الكوكيز``, ``ملفات تعريف
#: الارتباط``, ``cookies``) and closes with its buttons (``قبول رفض``, ``موافق``, ``Accept``) —
#: ``يستخدم هذا الموقع الكوكيز. قبول رفض``. Both are needed: an article on privacy may name cookies.
_COOKIES = re.compile(r"(?<!\w)(?:(?:ال)?كوكيز|ملفات (?:تعريف )?(?:ال)?ارتباط|cookies?)(?!\w)")
_CONSENT_BUTTON = r"(?:قبول|رفض|موافق|اوافق|اغلاق|accept|reject|agree|ok|accepter|refuser)(?: (?:الكل|الجميع|all|tout))?"
_CONSENT_BUTTONS_END = re.compile(rf"(?<!\w){_CONSENT_BUTTON}(?:\s*[|/·]?\s*{_CONSENT_BUTTON}){{0,3}}[\s.!]*$")
#: A line of hashtags alone (``#رمال_الشتاء #مهرجان_سلا``): the article's tags.
_HASHTAGS = re.compile(r"(?:#[^\s#]+\s*)+")
#: A series' part printed as a label (folded: ``الحلقة الثالثة``, ``الجزء 2``): never a site's name.
_SERIES_PART = re.compile(r"(?:ال)?(?:حلقه|جزء) (?:\d{1,2}|الاولي|الاول|الثانيه|الثاني|الثالثه|الثالث|الرابعه|الرابع"
                          r"|الخامسه|الخامس|السادسه|السادس|الاخيره|الاخير)")
#: The mark closing a press release or a wire (folded): ``-انتهى-``, ``(انتهى)``, ``- انتهى -``,
#: ``#انتهى#``, and the English ``-ends-`` / ``###`` such releases keep (the word alone is no
#: mark: a match widget prints ``انتهى``): what follows it is the poster's disclaimer, the
#: media contacts or the page, never the text.
_END_MARK = re.compile(r"[-–—(\[#*]+ ?(?:انتهي|ends?) ?[-–—)\]#*]+\.?|###")
#: A reader's letter's note that the editors know the writer (folded): ``(الاسم والعنوان لدى
#: المحرر)``, ``الاسم الكامل لدى التحرير`` — the letter ends there.
_NAME_WITHHELD = re.compile(r"[(\[]?\s*(?:ال)?اسم(?: الكامل| والعنوان| والهاتف| الكامل والعنوان)? "
                            r"(?:لدي|لدى|عند|محفوظ لدي|محفوظ لدى) (?:ال)?(?:محرر|تحرير|محررين|جريده|صحيفه)\s*[)\]]?\.?")
#: A paywall's meter, folded: it counts the reader's free articles (``تبقى لك 3 مقالات مجانية
#: هذا الشهر``, ``لقد قرأت 5 مقالات مجانية``, ``هذا آخر مقال مجاني لك``).
_FREE_ARTICLES = re.compile(r"(?:مقال|مقالات|قصه|قصص)\s+(?:مجانيه|مجاني|مجانا)")
_TO_THE_READER = re.compile(r"(?<!\S)(?:لك|لديك|قرات|تبقي|تبقى|يتبقي|يتبقى|متبقيه|متبقي)(?!\S)")
#: A notice forbidding copying, folded: ``يمنع نقل هذا المحتوى دون الإشارة إلى المصدر``,
#: ``يحظر إعادة نشر المواد دون إذن``.
_REUSE_NOTICE = re.compile(r"(?:يمنع|يحظر|لا يجوز|ممنوع|غير مسموح ب?)\s+(?:ال)?(?:نقل|نسخ|اعاده نشر|اعاده النشر|"
                           r"الاقتباس|اقتباس|استخدام|نشر)\s+(?:\S+\s+){0,3}?(?:ال)?(?:محتوي|محتوى|ماده|مواد|خبر|"
                           r"مقال|صور|موضوع)")
#: The singular opinion disclaimer, folded: ``المقال يعبر عن رأي كاتبه فقط``.
_OWN_OPINION_ONLY = re.compile(r"(?:يعبر|تعبر) عن (?:راي|اراء|وجهه نظر) (?:كاتبه|كاتبها|صاحبه|صاحبها|كتابها|اصحابها) فقط"
                               # ``ما يُنشر في هذه الزاوية يعبّر عن رأي كاتبه.``: the whole line
                               r"|^(?:ما ينشر|ما يكتب|ما يرد)[^.]{0,40}? (?:يعبر|تعبر) عن (?:راي|اراء|وجهه نظر) "
                               r"(?:كاتبه|كاتبها|صاحبه|صاحبها|كتابها|اصحابها)\.?$")
_RULES_WORD = re.compile(r"ارشادات|شروط|سياسه|مراجعه|قبل نشر|لا تعبر|تعبر عن|لا يعبر|يعبر عن|مسووليه|حذف|guidelines|policy")


#: The label of a credit of a story's makers (folded): who translated, edited, wrote the text,
#: took the photos — ``LABEL: NAME``.
_CREDIT_LABEL = re.compile(r"(?<!\S)(ترجمه|تحرير|نص|صور|تصوير|اعداد|كتابه|مراجعه|تدقيق|اشراف|رسوم|جرافيك|"
                           r"فيديو|مونتاج|تصميم|اخراج)(?: [^\W\d_]+)?\s*:")
#: A title abbreviated before a name: ``د.`` (doctor), ``م.`` (engineer), ``أ.``.
_TITLE_ABBREVIATION = re.compile(r"(?<!\S)[^\W\d_]{1,2}\.\s*")
#: Labels that never stand before the writer's own name (a byline says ``إعداد:``, ``كتابة:``).
_MAKER_ONLY = frozenset(("ترجمه", "تحرير", "صور", "تصوير", "مراجعه", "تدقيق", "رسوم", "جرافيك", "مونتاج", "تصميم", "اخراج"))
_NAME_ONLY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,3}")


def _credits_line(key: str) -> bool:
    """True when the folded line is nothing but makers' credits: two or more ``LABEL: NAME``
    (``نص: … صور: …``, ``ترجمة: …. تحرير: ….``, ``إعداد: … | مراجعة طبية: د. …``: a label may
    carry one word more), or one whose label is never a byline's; each name one to four words
    after a title such as ``د.``."""
    parts = _CREDIT_LABEL.split(key)  # text, label, name, label, name, ...
    if len(parts) < 3 or parts[0].strip() or len(parts) > 9:
        return False
    labels, names = parts[1::2], parts[2::2]
    names = [_TITLE_ABBREVIATION.sub("", name).strip(" .،,|-–·•") for name in names]
    if not all(_NAME_ONLY.fullmatch(name) and not FUNCTION_WORDS.intersection(name.split()) for name in names):
        return False
    return len(labels) >= 2 or labels[0] in _MAKER_ONLY


def is_comment_rules(key: str) -> bool:
    """True when the folded line ``key`` is the site's house rules for comments or its opinion
    disclaimer: it speaks of comments or published opinions, of moderation or responsibility,
    and addresses the reader or speaks for the site (a news paragraph about some platform's
    comment policy does not), in at most :data:`COMMENT_RULES_MAX_WORDS` words."""
    if key.count(" ") >= COMMENT_RULES_MAX_WORDS:
        return False
    return _OWN_OPINION_ONLY.search(key) is not None or (
        _COMMENT_WORD.search(key) is not None and _RULES_WORD.search(key) is not None
        and _ADDRESS_WORD.search(key) is not None)


#: The longest name of a share or tools button, in words (``إرسال بالبريد الإلكتروني``), and
#: the first words of the names.
_SHARE_MAX_WORDS = max(len(item.split()) for item in _SHARE)
_SHARE_FIRST_WORDS = frozenset(item.split()[0] for item in _SHARE if item.split())


def _only_tools(key: str) -> bool:
    """True when the folded line ``key`` is share and tools buttons' names only, set apart by
    bars or bullets or only by spaces (``نسخة للطباعة | أرسل لصديق``, ``تكبير الخط تصغير الخط``).
    Read word by word: whether the words from each position on split into names (linear)."""
    tokens = _TOOL_SEPARATOR.sub(" ", key).split()
    if len(tokens) < 2 or tokens[0] not in _SHARE_FIRST_WORDS:  # most lines: read no further
        return False
    splits = [False] * len(tokens) + [True]  # splits[i]: tokens[i:] are names of buttons
    for at in range(len(tokens) - 1, -1, -1):
        splits[at] = any(splits[at + n] and " ".join(tokens[at:at + n]) in _SHARE
                         for n in range(1, min(_SHARE_MAX_WORDS, len(tokens) - at) + 1))
    return splits[0]


def opens_with_series_part(text: str) -> bool:
    """True when ``text`` opens with a series' part as its label (``الحلقة الثالثة | رحلة في
    الأهوار``): a series' kicker, never a headline or a site's name."""
    first = re.split(r"[|:：\-–—]", norm_key(text), maxsplit=1)[0].strip()
    return _SERIES_PART.fullmatch(first) is not None


def chrome_kind(text: str) -> str | None:
    """What kind of page chrome the whole line ``text`` is (a short note), else ``None``.

    Recognised: share widgets and font-size buttons, ads, polls, navigation, comment prompts,
    related-article and tag labels, tag lines, view counters, app promotions, contact
    footers, permalinks, copyright lines, captions, e-mail/URL-only lines, bare clock
    times and relative times (``منذ ساعتين``), numbers or punctuation, breadcrumbs (``الرئيسية » اقتصاد``),
    cookie-consent banners.
    """
    if words(text) > CHROME_MAX_WORDS:
        return None
    key = norm_key(text)
    if is_comment_rules(key):
        return "comment rules"
    if _ADVICE_DISCLAIMER.search(key):
        return "disclaimer"
    if _THIS_PIECE.search(key) and _MADE_WITH.search(key):
        return "production note"
    if (STARRED.match(text) and _TRANSLATED.search(key) and _THE_PIECE_NAMED.search(key)
            and _FIRST_HOME.search(key)):
        return "production note"
    if _REUSE_NOTICE.search(key):  # before the editorial note: «ملاحظة: يمنع نقل …» closes the page
        return "rights notice"
    if _EDITORIAL_NOTE.match(key):
        return "editorial note"
    if _COOKIES.search(key) and _CONSENT_BUTTONS_END.search(key):
        return "cookie notice"
    if _HASHTAGS.fullmatch(text.strip()):
        return "tags"
    if _SERIES_PART.fullmatch(key):
        return "series part"
    if _END_MARK.fullmatch(key):
        return "end mark"
    if _NAME_WITHHELD.fullmatch(key):
        return "name withheld"
    if _FREE_ARTICLES.search(key) and _TO_THE_READER.search(key):
        return "paywall"
    if not key:
        return "empty"
    if key in _SHARE or (len(key) <= 80 and not key.isascii()
                         and (networks := _SHARE_COUNT.sub(" ", key).strip()) and _NETWORKS_GLUED.fullmatch(networks)):
        return "share/tools widget"
    if len(key) <= 120 and _only_tools(key):  # a bar of them
        return "share/tools widget"
    if len(key) <= 80 and not key.isascii() and (label := _SHARE_WHAT.match(key)) and (networks := _SHARE_COUNT.sub(" ", key[label.end():]).strip()) \
            and _NETWORKS_GLUED.fullmatch(networks):  # «شارك الألبوم: فايسبوك تويتر»: the bar's label, then its buttons
        return "share/tools widget"
    if key in _SIGN_UP:
        return "sign-up button"
    if any(mark in key for mark in _EMBED_MARK):
        return "embedded post"
    if _STARS.search(key):
        return "rating"
    if key.rstrip(" .…:") in _STATUS:
        return "breaking-news status"
    if _ON_AIR.match(key):
        return "on air now"
    if _ALERT_STRIP.match(key):
        return "alert strip"
    if key in _ADS:
        return "advertisement"
    if key.rstrip(" :") in _SPONSORED_LABELS:
        return "sponsored label"
    if _PARTNER_CREDIT.match(key) and words(key) <= PARTNER_CREDIT_MAX_WORDS:
        return "partner credit"
    if key in _POLL:
        return "poll"
    if key in _NAV or key.rstrip(_ARROWS) in _NAV:  # ``اقرأ المزيد ⌄``: an expander's button
        return "navigation"
    label_key = _COUNT_AFTER_LABEL.sub("", key)  # ``التعليقات (4)``: the label of 4 comments
    if label_key in _COMMENTS:
        return "comments"
    if label_key in _LIVE_CONTROLS:  # ``التحديثات الحية (4)``, ``الأحدث أولاً``
        return "live blog controls"
    if _label_key(key.rstrip(" :")) in _RELATED or _RELATED_SHAPE.fullmatch(key):
        return "related-articles label"
    label = _LABEL_HEAD.match(key)
    if label and _label_key(label["label"]) in _RELATED or (_READ_ALSO_GLUED.match(key)
                                                             and not _PAST_TENSE_SENTENCE.match(key)):
        return "related card (label: headline)"
    if (label and label["label"] in _SHARE and words(key) <= 8  # «شارك: X واتساب»: the networks' names
            and not FUNCTION_WORDS.intersection(key.split())):
        return "share/tools widget"
    if label and _label_key(label["label"]) in _PREV_NEXT_LABELS:
        return "previous/next article link"
    if _label_key(key) in _TAGS:
        return "tags label"
    if _label_key(key.rstrip(" :")) in _SOURCES:
        return "sources label"
    if _label_key(key.rstrip(" :")) in _SUMMARY:
        return "summary box label"
    if _label_key(key.rstrip(" :")) in _AUTHOR_BOX:
        return "author box label"
    if key.startswith(_PREFIXES) or any(c in key for c in _CONTAINS):
        return "footer/meta line"
    if key.startswith(_CAPTION_START) or _CAPTION_MARK.search(key) or (
            _CREDIT_END.search(key) and words(key) <= CAPTION_MAX_WORDS and not _SENTENCE_INSIDE.search(key)):
        return "caption"
    if _credits_line(key):
        return "credits"
    if _EMAIL.match(key) or _URL.match(key) or _HANDLE.match(text.strip()):
        return "e-mail/URL"
    if _SIGNATURE.match(text) and words(text) <= SIGNATURE_MAX_WORDS and not FUNCTION_WORDS.intersection(key.split()):
        return "signature"
    if _TIME_ONLY.match(key):
        return "clock time"
    if _UPDATE_STAMP.match(key):
        return "update stamp"
    if _EMBED_ATTRIBUTION.match(text.strip()):
        return "embedded post attribution"
    if _RELATIVE_TIME_ONLY.match(key):
        return "relative time"
    if letters(key) <= 3 and not re.search(r"\d{3,}", key):
        return "no words"
    if (key.startswith(HOME_KEY) and _BREADCRUMB.search(key) or len(_BREADCRUMB.findall(key)) >= 2) \
            and all(any(c.isalpha() for c in part) for part in _BREADCRUMB.split(key)):  # «2,315 / 2,330»: figures
        return "breadcrumb"
    if key.startswith(("المصدر", "مصدر")) and ":" in key[:8] and words(key) <= 6:
        return "source credit"
    if _LOGIN_FORM.search(key) and words(key) <= LOGIN_FORM_MAX_WORDS:
        return "login form"
    return None


#: The label of a credit naming where the article's matter comes from, folded: ``المصدر:``,
#: ``المرجع:``, ``المصادر:``, ``Source:``, ``Références :``.
_SOURCE_CREDIT_LABEL = re.compile(r"(?:ال)?(?:مصدر|مصادر|مرجع|مراجع)\s*[:：]|(?:sources?|r[eé]f[eé]rences?)\s*[:：]")


#: A labelled credit of a name alone (``المصدر: رويترز``) has at most this many words; one
#: naming a publication, a year or a link at most :data:`SOURCE_CITATION_MAX_WORDS`.
SOURCE_NAME_MAX_WORDS = 6
SOURCE_CITATION_MAX_WORDS = 15
#: Words for the kinds of work or body a text is taken from (folded): a study, a journal, a
#: paper, an agency, a site, a report, a book, a bulletin, an institute, a ministry or other
#: public body.
_SOURCE_KIND = re.compile(r"(?<!\w)(?:ال)?(?:دراسه|دوريه|مجله|صحيفه|جريده|وكاله|موقع|تقرير|كتاب|نشره|موسوعه|"
                          r"مركز|معهد|جامعه|وزاره|منظمه|هيئه|مؤسسه|جهاز|بنك|journal|study|report|agency)(?!\w)")
_LINK_OR_YEAR = re.compile(r"https?://|www\.|(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def is_source_credit(text: str) -> bool:
    """True when ``text`` is a labelled credit of the article's source or reference, whatever
    it ends with (a study's citation ends with a stop as a sentence does): a name alone
    (``المصدر: وكالة الأنباء``, at most :data:`SOURCE_NAME_MAX_WORDS` words), or a short
    citation naming a kind of publication, a year or a link (``المرجع: دراسة منشورة في دورية
    علوم البحار، 2026.``). A longer line under the label is a sentence: an interview's
    answer (``المصدر: سيبدأ التطبيق مطلع شهر يوليو …``)."""
    key = norm_key(text)
    if _SOURCE_CREDIT_LABEL.match(key) is None:
        return False
    n = words(text)
    return n <= SOURCE_NAME_MAX_WORDS or (
        n <= SOURCE_CITATION_MAX_WORDS and (_SOURCE_KIND.search(key) is not None or _LINK_OR_YEAR.search(key) is not None))


#: A login form's fields and buttons printed on one line (``اسم العضو كلمة المرور تسجيل الدخول``).
_LOGIN_FORM = re.compile(norm_key("كلمة المرور") + "|" + norm_key("كلمة السر") + r"|password|mot de passe")
LOGIN_FORM_MAX_WORDS = 10


#: Kinds of :func:`chrome_kind` that open the page's footer part: comments, tags, the links
#: to the previous and next article.
FOOTER_LABEL_KINDS = ("comments", "tags label", "comment rules", "author box label", "disclaimer",
                      "previous/next article link", "production note", "sources label", "rights notice",
                      "end mark", "name withheld")
_TERMINAL_KINDS = set(FOOTER_LABEL_KINDS)
_TAG_PREFIXES = tuple(norm_key(p) for p in ("كلمات مفتاحية", "الكلمات المفتاحية", "الوسوم", "وسوم",
                                             "كلمات دلالية", "tags", "mots-clés"))
_PREV_NEXT = _keys("الخبر السابق", "الخبر التالي", "المقال السابق", "المقال التالي",
                   "الموضوع السابق", "الموضوع التالي")


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _photo_credit(key: str) -> bool:
    """A picture's © credit (``© REUTERS / NAME``): the mark with neither a year nor the rights
    words of the site's own copyright line."""
    return ("©" in key and _YEAR.search(key) is None
            and not any(c in key for c in _CONTAINS if c != "©") and "حقوق" not in key)


def is_terminal(text: str) -> bool:
    """True when the line opens the page footer (comments, tags, copyright, prev/next links,
    with or without the linked headline: ``التالي: HEADLINE``).

    After such a line, once the article body has started, nothing is article text.
    """
    return kind_opens_footer(chrome_kind(text), text)


def kind_opens_footer(kind: str | None, text: str) -> bool:
    """:func:`is_terminal` for a line whose :func:`chrome_kind` is already known (``kind``;
    ``comment rules`` too for a long line of rules, which :func:`chrome_kind` does not read)."""
    if kind is None:
        return False
    if kind in _TERMINAL_KINDS:
        return True
    key = norm_key(text)
    if kind == "footer/meta line" and (key.startswith(_TAG_PREFIXES) or any(c in key for c in _CONTAINS)):
        return not _photo_credit(key)
    if kind == "navigation" and key in _PREV_NEXT:
        return True
    return bool(kind == "e-mail/URL" and _EMAIL.match(key))


#: Kinds of :func:`chrome_kind` that label a block of short chrome lines below them.
BLOCK_LABEL_KINDS = ("related-articles label", "tags label", "summary box label", "sponsored label")


def related_by_shape_only(text: str) -> bool:
    """True for a related-articles label known by its shape alone (``بنود أخرى``, ``X أيضاً``),
    not one of the labels sites print word for word (``اقرأ أيضاً``, ``أخبار ذات صلة``): such a
    line over a paragraph of prose is the text's own subheading."""
    key = norm_key(text)
    return chrome_kind(text) == "related-articles label" and _label_key(key.rstrip(" :")) not in _RELATED


def is_block_label(text: str) -> bool:
    """True for a label that opens a block of short chrome lines ("اقرأ أيضا", tags label)."""
    return chrome_kind(text) in BLOCK_LABEL_KINDS
