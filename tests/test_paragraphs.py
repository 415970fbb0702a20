"""sitegen.loaders.paragraphs: body lines → paragraphs, headings and list items.

Invented fixtures; each names the layout it guards. Dumps copied from pages without blank
lines between paragraphs put a subheading right against the items or the lead-in it
introduces, so adjacency alone cannot tell a heading from a list item.
"""

from sitegen.loaders import paragraphs
from sitegen.loaders.paragraphs import BodyLine, assemble
from sitegen.model import Block

PARA_1 = "وافق المجلس خلال اجتماعه الأسبوعي على مشروع القانون الجديد لتنظيم خدمات النقل عبر التطبيقات الذكية في المدن."
PARA_2 = "ونص المشروع على غرامة لا تقل عن مئة ألف جنيه لكل شركة تعمل دون ترخيص من الجهاز المختص بالنقل البري."


def kinds(texts):
    """``(kind, text)`` of each block; a ``None`` in ``texts`` is a line cut out (chrome)."""
    blocks, _ = assemble([BodyLine(i, t) for i, t in enumerate(texts) if t is not None])
    return [(b.kind, b.text) for b in blocks]


def test_heading_before_lead_in_then_bulleted_items_without_blank_lines():
    got = kinds([PARA_1, "أبرز بنود المشروع", "وتضمن المشروع عدة التزامات على الشركات المشغلة، أبرزها:",
                 "- إنشاء مقر إداري داخل البلاد.", "- تسجيل جميع السائقين.", "عقوبات المخالفة", PARA_2])
    assert got == [("paragraph", PARA_1), ("heading", "أبرز بنود المشروع"),
                   ("paragraph", "وتضمن المشروع عدة التزامات على الشركات المشغلة، أبرزها:"),
                   ("list_item", "- إنشاء مقر إداري داخل البلاد."), ("list_item", "- تسجيل جميع السائقين."),
                   ("heading", "عقوبات المخالفة"), ("paragraph", PARA_2)]


def test_heading_over_items_alike_in_a_shape_it_lacks():
    got = kinds([PARA_1, "أرقام", "40 ألف طن: حجم الشحنة", "4 أيام: مدة التحميل", "20 بالمائة: خفض الكلفة", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "list_item", "list_item", "list_item", "paragraph"]


def test_heading_over_a_table_copied_with_tabs():
    # Regression (a table under a subheading, copied from the page: cells joined by tabs, one
    # row a line): the subheading was read as one more list item.
    got = kinds([PARA_1, "", "كيف تحركت المؤشرات", "المؤشر\tأكتوبر\tسبتمبر", "التضخم السنوي\t26.3%\t26.4%",
                 "سعر الدولار\t49.35\t48.90", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "list_item", "list_item", "list_item", "paragraph"]


def test_plain_short_lines_stay_list_items():
    # The labelling rule for blank-separated dumps: consecutive short lines are items.
    got = kinds([PARA_1, "", "القاهرة", "الجيزة", "الإسكندرية", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "list_item", "list_item", "list_item", "paragraph"]


def test_a_short_title_over_longer_items_heads_them_and_the_next_title_heads_its_text():
    # blind52 ma_anfas_ramadan: «المكونات» over unpunctuated ingredients (the first of another
    # shape, a figure: still an item), then «طريقة التحضير» over the steps after a blank line
    items = ["ثلاثة أكواب من الدقيق", "كوب من الحليب الدافئ", "ملعقة صغيرة من الخميرة", "رشة من الملح الخشن"]
    got = kinds([PARA_1, "المكونات", "2 بيضة كبيرة الحجم", *items, "طريقة التحضير", "", PARA_2])
    assert got == [("paragraph", PARA_1), ("heading", "المكونات"), ("list_item", "2 بيضة كبيرة الحجم"),
                   *[("list_item", t) for t in items], ("heading", "طريقة التحضير"), ("paragraph", PARA_2)]


def test_lone_short_line_between_paragraphs_is_a_heading():
    got = kinds([PARA_1, "", "شراكة مع القطاع الخاص", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph"]


def test_table_flattened_to_label_and_value_lines_ends_with_a_value_not_a_heading():
    got = kinds([PARA_1, "سعر الذهب عيار 24", "6080 جنيها", "سعر الذهب عيار 21", "5320 جنيها", "سعر الجنيه الذهب",
                 "42560 جنيها", PARA_2])
    assert [k for k, _ in got] == ["paragraph", *["list_item"] * 6, "paragraph"]


def test_headings_around_label_value_rows_with_a_blank_before_the_next_paragraph():
    # a weather bulletin: a subheading over «CITY: figures» rows, then the next subheading,
    # a blank line, and its paragraph
    rows = ["المدينة الأولى: العظمى 27 – الصغرى 20", "المدينة الثانية: العظمى 26 – الصغرى 21",
            "المدينة الثالثة: العظمى 28 – الصغرى 18"]
    got = kinds([PARA_1, "", "درجات الحرارة المتوقعة", *rows, "حالة البحر", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "list_item", "list_item", "list_item", "heading",
                                   "paragraph"]


def test_a_lone_question_is_one_more_subheading_of_a_headed_text():
    # tune3 investigation: «ما الذي ينتظر التلاميذ؟» stood among unpunctuated subheadings
    # and stayed a paragraph.
    got = kinds([PARA_1, "", "شراكة مع القطاع الخاص", "", PARA_2, "", "ما الذي ينتظر التلاميذ؟", "", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_a_lone_question_of_a_headed_text_copied_without_blank_lines():
    # tune3 and tune8 copied without blank lines: every line stands next to the next, so the
    # question's neighbours could not be told from a list's and it stayed a paragraph.
    got = kinds([PARA_1, "شراكة مع القطاع الخاص", PARA_2, "ما الذي ينتظر التلاميذ؟", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_a_question_glued_to_a_paragraph_in_a_spaced_copy_stays_a_paragraph():
    # guards the above: where the copy has blank lines, a question set against a paragraph is
    # part of the text around it
    got = kinds([PARA_1, "", "شراكة مع القطاع الخاص", "", PARA_2, "ما الذي ينتظر التلاميذ؟", "", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "paragraph", "paragraph"]


def test_a_question_in_a_text_without_subheadings_stays_a_paragraph():
    # the corpus rule: a question ends a sentence; only the article's own series of
    # headings makes it one of them
    got = kinds([PARA_1, "", "ما الذي ينتظر التلاميذ؟", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "paragraph", "paragraph"]


def test_short_lines_set_one_a_paragraph_under_a_label_are_items():
    # tune8 weather advice: four tips set apart by blank lines were four subheadings
    tips = ["عدم الاقتراب من مجاري السيول والأودية", "تفقد مزاريب المياه على أسطح المنازل",
            "تجنب استخدام مدافئ الفحم في الغرف المغلقة", "القيادة بحذر وترك مسافة أمان كافية"]
    got = kinds([PARA_1, "", "إرشادات للمواطنين", "", *[x for t in tips for x in (t, "")], PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", *["paragraph"] * 4, "paragraph"]


def test_subheadings_of_sections_are_not_items():
    got = kinds([PARA_1, "", "شراكة مع القطاع الخاص", "", PARA_2, "", "عقوبات المخالفة", "", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


ENTRIES = [f"{t} - {text}" for t, text in (
    ("11:52", "أعلن الصليب الأحمر أن فرقه أجلت حتى الآن أكثر من مئة عائلة من الأحياء المنخفضة في المدينة."),
    ("11:20", "قال وزير الأشغال إن فرق الوزارة تعمل على فتح مجاري تصريف المياه في الشوارع الرئيسية للعاصمة."),
    ("10:45", "أغلقت قوى الأمن نفق المطار في الاتجاهين بعد ارتفاع منسوب المياه فيه إلى أكثر من متر واحد."),
)]


def test_the_links_under_each_entry_of_a_live_blog_are_not_subheadings():
    # tune10 live coverage: «انسخ رابط التحديث», «أرسل التحديث» … under each stamped entry were headings
    tools = ["انسخ رابط التحديث", "أرسل التحديث", "احفظ التحديث"]
    texts = [PARA_1, ""] + [x for entry, tool in zip(ENTRIES, tools) for x in (entry, "", tool, "")] + [PARA_2]
    got = kinds(texts)
    assert got == [("paragraph", PARA_1), *[("paragraph", e) for e in ENTRIES], ("paragraph", PARA_2)]


def test_subheadings_above_the_entries_of_a_live_blog_stay_subheadings():
    # guards the above: a short line before each stamped entry heads it
    heads = ["إجلاء العائلات", "فتح المجاري", "إغلاق النفق"]
    texts = [PARA_1, ""] + [x for head, entry in zip(heads, ENTRIES) for x in (head, "", entry, "")] + [PARA_2]
    assert [k for k, _ in kinds(texts)] == ["paragraph", *["heading", "paragraph"] * 3, "paragraph"]


def test_a_subheading_glued_under_items_written_as_sentences():
    # tune11 health advice: «نصائح للوقاية في المنزل» on the line right after the last bullet
    # (each ending with «.») was one more item
    items = ["ارتفاع الحرارة فوق 39 درجة لأكثر من ثلاثة أيام.", "ضيق التنفس أو ألم في الصدر عند الشهيق.",
             "عودة الحمى بعد تحسن مؤقت في الأعراض."]
    got = kinds([PARA_1, "", *items, "نصائح للوقاية في المنزل", "", PARA_2])
    assert got == [("paragraph", PARA_1), *[("list_item", i) for i in items],
                   ("heading", "نصائح للوقاية في المنزل"), ("paragraph", PARA_2)]


def test_rows_of_a_table_copied_raggedly_are_items_under_their_labels():
    # tune12: a stock table whose label was glued to its first row while the other rows stood
    # alone between blank lines: the lone rows were read as subheadings, the labels as items
    got = kinds([PARA_1, "", "أبرز الرابحين", "البنك الأهلي: 38.45 ريال (+2.9%)", "", "مصرف الراجحي: 97.10 ريال (+2.1%)",
                 "", "أبرز الخاسرين", "سابك للمغذيات: 116.20 ريال (-1.7%)", "", "المراعي: 55.30 ريال (-1.1%)", "", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "paragraph", "heading", "paragraph", "paragraph",
                                   "paragraph"]


def test_two_subheadings_with_a_colon_stay_subheadings():
    # rows need three alike: two lone «label: value» subheadings between paragraphs stay headings
    got = kinds([PARA_1, "", "المرحلة الأولى: التخطيط", "", PARA_2, "", "المرحلة الثانية: التنفيذ", "", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_rows_set_one_a_paragraph_under_a_longer_label_keep_the_label_as_heading():
    # tune13: currency rows with a blank line after each, under a four-word subheading: the
    # subheading was read as one more item
    rows = ["الدولار الأمريكي: 3.640 ريال للشراء", "اليورو: 4.021 ريال للشراء", "الجنيه الإسترليني: 4.772 ريال للشراء"]
    got = kinds([PARA_1, "", "أسعار العملات مقابل الريال", "", *[x for row in rows for x in (row, "")], PARA_2])
    assert got == [("paragraph", PARA_1), ("heading", "أسعار العملات مقابل الريال"),
                   *[("paragraph", row) for row in rows], ("paragraph", PARA_2)]


def test_a_subheading_glued_under_a_quoted_verse_is_a_heading():
    # tune15 (a book review copied from HTML: a blockquote, then an h2, one line break between
    # as Chromium copies blocks other than <p>): the subheading was a second list item
    verse = '"كان أبي يعدّ الموج كما يعدّ الأيام / ثم صار الموج يعدّه"'
    got = kinds([PARA_1, "", verse, "لغة مقتصدة", "", PARA_2])
    assert got == [("paragraph", PARA_1), ("paragraph", verse), ("heading", "لغة مقتصدة"), ("paragraph", PARA_2)]


def test_a_starred_note_on_the_writer_after_the_text_is_no_paragraph():
    # tune15 (an op-ed): «* أكاديمي وباحث …» under the last paragraph was the last paragraph
    got = kinds([PARA_1, "", PARA_2, "", "* أكاديمي وباحث في السياسات التعليمية"])
    assert got == [("paragraph", PARA_1), ("paragraph", PARA_2)]
    starred = ["* الالتزام بالمواعيد", "* تسجيل السائقين"]  # a list of starred items keeps its last
    assert [t for _, t in kinds([PARA_1, *starred])][-1] == "* تسجيل السائقين"


PARA_3 = "وقالت الهيئة إن المخالفين سيمنحون مهلة ستين يوما لتوفيق أوضاعهم قبل بدء تطبيق الغرامات المقررة."


def test_a_long_lone_line_between_paragraphs_is_a_photo_caption():
    # tune15 (and three blind sets): «مياه الفيضان تحيط بمنازل قرية في ولاية نهر النيل», a
    # <figcaption> with no credit, copied exactly like a subheading, was the text's one heading
    caption = "سيارات الأجرة الذكية تنتظر الركاب أمام محطة القطارات في وسط المدينة"
    got = kinds([PARA_1, "", caption, "", PARA_2, "", PARA_3])
    assert got == [("paragraph", PARA_1), ("paragraph", PARA_2), ("paragraph", PARA_3)]
    # a short lone subheading stays one, and so does a long one among several
    assert kinds([PARA_1, "", "عقوبات المخالفة", "", PARA_2])[1] == ("heading", "عقوبات المخالفة")
    several = kinds([PARA_1, "", caption, "", PARA_2, "", "عقوبات المخالفة", "", PARA_3])
    assert [k for k, _ in several] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_a_table_header_row_under_a_lead_in_is_one_more_row():
    # tune22 (ly_sports_table): a league table's header row (short words joined by tabs, no
    # figure) under «… على النحو التالي:» was read as a subheading over the numbered rows
    lead_in = "وجاء ترتيب فرق المجموعة بعد الجولة السابعة على النحو التالي:"
    rows = ["المركز\tالفريق\tلعب\tالنقاط", "1\tالصقور\t7\t17", "2\tالشرارة\t7\t16", "3\tالميناء\t7\t14"]
    got = kinds([PARA_1, "ترتيب المجموعة", lead_in, *rows, PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", *["list_item"] * 4, "paragraph"]


def test_the_numbered_questions_of_an_explainer_are_its_subheadings():
    # tune22 (ye_explainer_rial): «1. كم خسر الريال منذ بداية العام؟» … «3. …؟», each over its
    # answer, were kept as paragraphs (a question is sentence-final by its mark)
    questions = ["1. كم خسر الريال منذ بداية العام؟", "2. ما أسباب التراجع؟", "3. من يتحمل الكلفة؟"]
    got = kinds([PARA_1, "", questions[0], "", PARA_2, "", questions[1], "", PARA_1, "", questions[2], "", PARA_2])
    assert [t for k, t in got if k == "heading"] == questions
    # out of order, or without a text under each, they are no series of subheadings
    assert not [t for k, t in kinds([PARA_1, "", questions[1], "", PARA_2, "", questions[0], "", PARA_1])
                if k == "heading"]
    assert not [t for k, t in kinds([PARA_1, "", *questions, "", PARA_2]) if k == "heading"]


def test_numbered_questions_among_numbered_subheadings_are_subheadings_too():
    # /tmp/blind48 IQ_rafidain_electricity_explainer: numbered question subheadings
    # («1- من أين تأتي المشكلة؟», «4- ما الحلول المطروحة؟») among unpunctuated numbered
    # siblings («2- …», «3- …») were read as paragraphs
    headings = ["1- من أين تأتي المشكلة؟", "2- المحطات الحالية", "3- دور شبكات النقل", "4- ما الحلول المطروحة؟"]
    got = kinds([PARA_1, "", headings[0], "", PARA_2, "", headings[1], "", PARA_1, "", headings[2], "",
                 PARA_2, "", headings[3], "", PARA_1])
    assert [t for k, t in got if k == "heading"] == headings
    # a single numbered question over its text, nothing else numbered, stays a paragraph
    assert not [t for k, t in kinds([PARA_1, "", headings[0], "", PARA_2]) if k == "heading"]


def test_a_subheading_over_a_one_sentence_paragraph_in_a_dense_copy():
    # tune21 (iq_baghdadtime_ninawa): «عودة التجار» glued over a one-sentence paragraph (a card
    # cut out above them) were read as two list items
    sentence = "وتسلم التجار مفاتيح محلاتهم خلال حفل الافتتاح، وسط حضور شعبي واسع."
    got = kinds([PARA_1, None, "عودة التجار", sentence, PARA_2])
    assert got == [("paragraph", PARA_1), ("heading", "عودة التجار"), ("paragraph", sentence), ("paragraph", PARA_2)]


def test_a_question_on_its_text_where_the_subheadings_stand_on_theirs_is_one_more():
    # tune35 iq_author_box_analysis: the page prints each subheading right on its paragraph,
    # a blank line above; «أين تكمن الفرص؟» printed the same way stayed a paragraph
    got = kinds([PARA_1, "", "أرقام مقلقة", PARA_2, "", "أين تكمن الفرص؟", PARA_1, "", "خلاصة", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_a_question_a_speaker_asks_is_no_subheading():
    # tune35 ae_video_transcript: «المراسلة: وماذا عن الليل، حين تغيب الشمس؟» in a transcript
    # under the heading «نص التقرير» was read as one more subheading
    got = kinds([PARA_1, "", "نص التقرير", "", PARA_2, "", "المراسلة: وماذا عن الليل؟", "", PARA_1])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "paragraph", "paragraph"]
    unasked = kinds([PARA_1, "", "نص التقرير", "", PARA_2, "", "وماذا عن الليل؟", "", PARA_1])
    assert [k for k, _ in unasked] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]



def test_the_last_item_a_line_ending_with_a_colon_announces_is_no_subheading():
    """tune45 eg_obituary_alexandria_poet: «والفقيد والد كل من:» over three names; the last
    («الأستاذ كريم عبد الحميد الشناوي، المحامي»), right above the next paragraph, was read as
    its subheading."""
    lines = ["والفقيد والد كل من:", "المهندس أحمد عبد الحميد الشناوي", "الدكتورة منى عبد الحميد الشناوي، أستاذة الأدب المقارن",
             "الأستاذ كريم عبد الحميد الشناوي، المحامي",
             "ويُقام العزاء مساء الخميس بدار مناسبات مسجد القائد إبراهيم. تغمّد الله الفقيد بواسع رحمته."]
    assert kinds(lines) == [("list_item", lines[0]), *(("list_item", item) for item in lines[1:4]), ("paragraph", lines[4])]
    # items with a marker the last line lacks: that line is a subheading over the next paragraph
    marked = [lines[0], "- المهندس أحمد", "- الدكتورة منى", "مواعيد العزاء", lines[4]]
    assert [k for k, _ in kinds(marked)] == ["list_item", "list_item", "list_item", "heading", "paragraph"]


def test_short_label_ending_with_a_colon_alone_over_a_paragraph_is_a_heading():
    # tune49 MA_tangier_rail_extension: «الكلفة والتمويل:» and «مدة الرحلة:», bold labels with a
    # colon between blank lines, were read as one-line paragraphs
    got = kinds([PARA_1, None, "الكلفة والتمويل:", None, PARA_2])
    assert got == [("paragraph", PARA_1), ("heading", "الكلفة والتمويل:"), ("paragraph", PARA_2)]
    # a sentence leading in (opening with و), a «label: value» line, or a label over a short line stay text
    for line in ("والخطوط الجديدة هي:", "الموعد: الأحد المقبل:"):
        assert kinds([PARA_1, None, line, None, PARA_2])[1] == ("paragraph", line)
    assert kinds([PARA_1, None, "مدة الرحلة:", None, "35 دقيقة", None, PARA_2])[1] == ("paragraph", "مدة الرحلة:")


def test_line_cut_after_a_comma_joins_the_rest_of_its_sentence():
    # tune50 SD_khartoum_airport_flights: sentences hard-wrapped after a comma were read as two paragraphs
    first = "أعلنت سلطة الطيران المدني استئناف الرحلات الداخلية من مطار الخرطوم الدولي اعتبارا من الأسبوع المقبل،"
    rest = "بعد اكتمال أعمال تأهيل المدرج الرئيسي وبرج المراقبة."
    assert kinds([first, rest, None, PARA_2]) == [("paragraph", f"{first} {rest}"), ("paragraph", PARA_2)]
    # tune52 US_education_arabic_classes_school_board: the rest a little longer than the line cut
    cut = "وجاء القرار بعد حملة قادها أولياء أمور ومعلمون من الجالية، جمعت أكثر من 1,200 توقيع،"
    longer = "وطالبت بتوفير تعليم اللغة العربية للطلاب داخل المدارس الحكومية بدلا من الاعتماد على مدارس نهاية الأسبوع."
    assert kinds([cut, longer]) == [("paragraph", f"{cut} {longer}")]
    # a careless source ends a whole paragraph with a comma: the next, as long, is a paragraph of its own
    sloppy = "فيما شهدت الدورة الرابعة للجائزة، تقديم أكثر من 96 عملاً للجائزة،"
    assert kinds([sloppy, PARA_2]) == [("paragraph", sloppy), ("paragraph", PARA_2)]


def test_a_table_row_standing_alone_is_no_heading():
    # the tune sets re-set with a blank after every line (tune17 eg_stocks_mal, tune22
    # ly_sports_table): a table's header row, cells joined by tabs, read as a subheading
    got = kinds([PARA_1, None, "المؤشر\tالإغلاق\tالتغير", None, "البورصة الرئيسي\t30125\t+1.2%", None, PARA_2])
    assert [k for k, _ in got] == ["paragraph", "paragraph", "paragraph", "paragraph"]


def test_the_first_line_cut_from_its_dateline_is_no_heading():
    # tune55 MR_iron_ore_exports_glued_dateline_wrapped: «PLACE – SITE: …» glued to a first line
    # hard-wrapped mid-sentence: cut from its dateline the rest was short, and read as a subheading
    first = "أظهرت بيانات رسمية نشرتها الشركة الوطنية للمعادن أن صادرات البلاد من خام"
    rest = "الحديد بلغت 3.4 مليون طن خلال الربع الثالث من العام الجاري، بارتفاع نسبته 12% عن الربع المماثل."
    blocks, _ = assemble([BodyLine(0, first, opens_text=True), BodyLine(1, rest)])
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", f"{first} {rest}")]
    # the same short line with no dateline cut off heads the paragraph under it
    assert kinds([first, rest])[0] == ("heading", first)


def test_a_question_over_a_lead_in_to_a_list_is_one_more_subheading():
    # /tmp/blind47 SY_winter_flu_clinics: a question subheading whose section is a lead-in
    # ending with «:» then items written as sentences (no blank lines) stayed a paragraph
    lead_in = "ونص المشروع على غرامات تفرض على الشركات في الحالات التالية:"
    items = ["العمل دون ترخيص من الجهاز.", "تشغيل سائق غير مسجل.", "رفض تسليم بيانات الرحلات."]
    got = kinds([PARA_1, "ما العقوبات التي تنتظر المخالفين؟", lead_in, *items, "شراكة مع القطاع الخاص", PARA_2])
    assert [k for k, _ in got] == ["paragraph", "heading", "paragraph", "list_item", "list_item", "list_item",
                                   "heading", "paragraph"]


def test_a_faq_heading_over_its_questions_and_the_questions_read_alike():
    # /tmp/blind49 QA_health_faq: «أسئلة شائعة» glued over its first question was read as a
    # two-item list; with a blank line under it, only the second of three questions (the one
    # over a long answer) became a subheading. The heading is one, the questions stay text.
    short_answer = "يمكن الحجز عبر تطبيق المراكز الصحية أو بالاتصال بالرقم الموحد."
    questions = ["من يحتاج إلى الفحص؟", "هل الفحص مؤلم؟", "كيف أحجز موعداً؟"]
    for gap in ([], [""]):
        got = kinds([PARA_1, "", "أسئلة شائعة", *gap, questions[0], "", PARA_2, "", questions[1], "", PARA_1, "",
                     questions[2], "", short_answer])
        assert [t for k, t in got if k == "heading"] == ["أسئلة شائعة"]
        assert [t for k, t in got if k == "paragraph" and t in questions] == questions


def test_a_long_lone_line_over_a_table_is_its_heading():
    # blind51 AE_realestate_prices: «متوسط سعر القدم المربعة في مناطق مختارة (بالدرهم)», the title of
    # a table between paragraphs and the text's only subheading, was dropped as a photo caption
    title = "أسعار تذاكر الحافلات بين المدن الرئيسية خلال العام الجاري (بالجنيه)"
    rows = ["الخط\tالسعر السابق\tالسعر الجديد", "القاهرة - الإسكندرية\t120\t150", "القاهرة - أسوان\t300\t360"]
    got = kinds([PARA_1, "", title, "", *rows, "", PARA_2])
    assert got[1] == ("heading", title)
    assert [k for k, _ in got] == ["paragraph", "heading", "list_item", "list_item", "list_item", "paragraph"]
    # the same line between two paragraphs is still a photo caption
    assert kinds([PARA_1, "", title, "", PARA_2]) == [("paragraph", PARA_1), ("paragraph", PARA_2)]


EXAM_LEAD_IN = "ودعت الوزارة الطلاب إلى الالتزام بعدد من التعليمات يوم الامتحان، أبرزها:"
EXAM_ITEMS = ["الحضور إلى المركز قبل نصف ساعة من بدء الامتحان", "إحضار بطاقة الهوية وبطاقة الجلوس",
              "عدم إدخال الهواتف المحمولة إلى القاعة", "استخدام القلم الأزرق في الإجابة"]


def test_the_last_item_of_a_list_stays_an_item_when_the_paragraph_below_takes_up_its_words():
    # regression (/tmp/attack49c/r1): a rule of the day read a list's last short line as the next
    # section's subheading when the paragraph below (across a blank line) took up its words
    # (blind55 b55_09's subheading glued under a list); a paragraph after a list as often comes
    # back to its last point, so the rule was reverted: the line stays an item
    last = "تصحيح إلكتروني للأوراق"
    para = ("وأوضحت الوزارة أن تصحيح الأوراق سيجري هذا العام إلكترونياً لأول مرة، على أن تعلن النتائج "
            "في منتصف الشهر المقبل بعد مراجعتها.")
    got = kinds([PARA_1, "", EXAM_LEAD_IN, "", *EXAM_ITEMS, last, "", para])
    assert got == [("paragraph", PARA_1), ("paragraph", EXAM_LEAD_IN),
                   *[("list_item", item) for item in (*EXAM_ITEMS, last)], ("paragraph", para)]


def test_the_last_item_of_a_list_stays_an_item_before_the_next_paragraph():
    # The last item, glued to the items, is followed across a blank
    # line by a paragraph that does not take up its words (a function word shared, «حتى», does
    # not count) — or by one that does, when the item is a row of figures (a table's last row).
    last = "الالتزام بالهدوء داخل القاعة حتى نهاية الوقت"
    para = ("وأكد المتحدث باسم الوزارة أن الاستعدادات اكتملت في جميع المحافظات، وأن عدد المتقدمين "
            "بلغ نحو مئتي ألف طالب وطالبة يتوجهون حتى الثامنة صباحاً إلى ألف ومئتي مركز.")
    got = kinds([PARA_1, "", EXAM_LEAD_IN, "", *EXAM_ITEMS, last, "", para])
    assert [k for k, _ in got] == ["paragraph", "paragraph", *["list_item"] * 5, "paragraph"]
    rows = ["الذهب عيار 24 بسعر 4170 جنيهاً", "الذهب عيار 21 بسعر 3650 جنيهاً", "الذهب عيار 18 بسعر 3130 جنيهاً"]
    gold = "وتراجعت أسعار الذهب في السوق المحلية خلال تعاملات اليوم متأثرة بانخفاض سعر الأوقية عالمياً بنحو عشرة دولارات."
    got = kinds([PARA_1, "", *rows, "", gold])
    assert [k for k, _ in got] == ["paragraph", *["list_item"] * 3, "paragraph"]


def test_wrapped_lines_make_one_paragraph_joined_once(monkeypatch):
    """Regression (attack49, item 3, found profiling dumps): each wrapped line was joined to the
    paragraph above it at once, copying the paragraph so far again for every line (2,000 wrapped
    lines of 2.5 KB took 8 s); now every block's text is joined once, and built once."""
    built = []
    monkeypatch.setattr(paragraphs, "Block", lambda **fields: built.append(fields) or Block(**fields))
    lines = [f"وتابع المتحدث في الفقرة رقم {i} حديثه عن خطة النقل الجديدة في المدينة و" for i in range(500)]
    blocks, roles = assemble([BodyLine(i, line) for i, line in enumerate(lines)])
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", " ".join(lines))]
    assert len(built) == 1
    assert roles[0] == ("paragraph", "wrapped: continues on next line") and roles[499] == ("paragraph", "")


def test_a_run_of_thousands_of_short_lines_reads_each_lines_shape_a_few_times(monkeypatch):
    """Regression (attack49, item 3, found profiling dumps): for each line of a run of short
    lines the shapes of all the lines below it were read, time quadratic in the run (a dump of
    20,000 short lines took 500 s); two lines below are all the test needs."""
    calls = []
    signature = paragraphs._signature
    monkeypatch.setattr(paragraphs, "_signature", lambda unit: calls.append(unit) or signature(unit))
    names = ["قال", "وزير", "المالية", "إن", "الحكومة", "ستطرح", "خطة", "جديدة", "لدعم", "الصناعة"]
    lines = [" ".join(names[(i * 7 + k * 3) % len(names)] for k in range(5)) for i in range(2000)]
    blocks, _ = assemble([BodyLine(i, line) for i, line in enumerate(lines)])
    assert len(blocks) == 2000
    assert len(calls) <= 5 * len(lines)
