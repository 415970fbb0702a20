"""sitegen.loaders.lines: the features each dump line is described by."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sitegen.loaders.lines import content_words, split_lines

CAIRO = ZoneInfo("Africa/Cairo")


def features(text: str):
    return {line.text: line for line in split_lines(text, CAIRO) if not line.blank}


def test_prose_line_has_punctuation_and_function_words():
    line = features("وقال الوزير إن الحكومة ستبدأ تنفيذ الخطة في الشهر المقبل على مراحل.")[
        "وقال الوزير إن الحكومة ستبدأ تنفيذ الخطة في الشهر المقبل على مراحل."]
    assert line.final_punct and line.words == 12
    assert 0.2 < line.function_share < 0.5


def test_menu_items_in_a_row_are_a_link_run_but_a_head_block_is_not():
    menu = features("الرئيسية\nسياسة\nاقتصاد\nرياضة\n\nعنوان قصير للخبر الرئيسي اليوم\nالأحد 3 مارس 2024\nكتب أحمد علي")
    assert all(menu[t].link_run for t in ("الرئيسية", "سياسة", "اقتصاد", "رياضة"))
    assert not menu["عنوان قصير للخبر الرئيسي اليوم"].link_run
    assert menu["الأحد 3 مارس 2024"].date is not None
    assert menu["كتب أحمد علي"].byline == "أحمد علي"


def test_three_headlines_are_not_a_list_but_four_are():
    three = "\n".join(["وزير النقل يفتتح الجسر الجديد", "الحكومة تقر موازنة العام المقبل", "ارتفاع أسعار الذهب في الأسواق"])
    assert not any(line.link_run for line in features(three).values())
    four = three + "\nالمنتخب يفوز في مباراة الأمس الودية"
    assert all(line.link_run for line in features(four).values())


def test_mixed_lengths_break_a_run():
    # regression (pg_sa_alyaum_01-like head): breadcrumb, headline twice, caption, section
    head = "\n".join(["الرئيسية القارات السبع", "طهران تدفن العالم وتتهم المعارضة", "طهران تدفن العالم وتتهم المعارضة",
                      "عناصر من الشرطة في موقع الهجوم قرب طهران وفي الإطار العالم النووي", "القارات السبع"])
    assert not features(head)["طهران تدفن العالم وتتهم المعارضة"].link_run


def test_repeats_in_the_page_and_across_the_site_are_counted():
    text = "شارك\nالخبر الأول هنا في فقرة.\nشارك"
    lines = split_lines(text, CAIRO, site_chrome=frozenset({"الخبر الاول هنا في فقره."}))
    assert lines[0].page_repeats == 2 and lines[1].page_repeats == 1
    assert lines[1].site_repeat and not lines[0].site_repeat


def test_teaser_is_a_deck_glued_to_the_first_paragraph():
    text = "\n".join([
        "الحملة تستمر عشرة أسابيع في المدارسأعلنت الوزارة إطلاق الحملة",
        "",
        "الحملة تستمر عشرة أسابيع في المدارس",
        "أعلنت الوزارة إطلاق الحملة القومية للكشف المبكر في كل المحافظات.",
    ])
    lines = split_lines(text, CAIRO)
    assert lines[0].teaser and not lines[2].teaser and not lines[3].teaser


def test_items_under_a_related_label_are_marked_until_a_blank_line():
    lines = split_lines("اقرأ أيضا\nارتفاع أسعار الخضروات\nافتتاح مستشفى جديد\n\nوتشمل الخطة شراء حافلات.", CAIRO)
    assert [line.under_label for line in lines] == [False, True, True, False, False]


def test_content_words_drop_function_words_and_the_article():
    assert content_words("والحكومة تقر الخطة في القاهرة") == {"حكومة", "تقر", "خطة", "قاهرة"}


def test_ticker_set_apart_by_wide_spaces_is_an_inline_list():
    # regression (holdout): "عاجل    ..    خبر    ..    خبر" was read as the first paragraphs
    ticker = "عاجل    ..    ارتفاع أسعار الذهب    ..    افتتاح معرض الكتاب    ..    أمطار على الساحل"
    spaced_prose = "أعلنت الوزارة بدء موسم الحصاد.      وقال المتحدث إن المراكز جاهزة لاستقبال المحصول."
    found = features(ticker + "\n" + spaced_prose)
    assert found[ticker.replace("    ", " ")].inline_list
    assert not found[spaced_prose.replace("      ", " ")].inline_list


def test_rows_of_a_copied_table_are_table_rows_not_a_link_run():
    rows = ["القطاع\tالربع الثالث 2025\tالربع الثالث 2026", "السياحة\t6.1%\t9.7%", "العقارات\t5.4%\t8.2%",
            "التجارة\t4.3%\t5.1%", "النقل\t5.9%\t4.6%"]
    found = split_lines("\n".join(rows), CAIRO)
    assert all(line.table_row and not line.link_run for line in found)
    assert not any(line.table_row for line in split_lines("الرئيسية\nسياسة\nاقتصاد\nرياضة", CAIRO))


def test_label_value_rows_with_figures_are_data_rows_not_a_link_run():
    rows = ["المنامة: العظمى 27 – الصغرى 20", "المحرق: العظمى 26 – الصغرى 21", "الرفاع: العظمى 28 – الصغرى 18",
            "جزر حوار: العظمى 25 – الصغرى 21"]
    found = split_lines("\n".join(rows), CAIRO)
    assert all(line.table_row and not line.link_run for line in found)
    headlines = ["الوزير: لا وقت للانتظار", "المعارضة: الخطة غير كافية", "النقابات: سنضرب غدا", "الخبراء: الأسعار سترتفع"]
    assert not any(line.table_row for line in split_lines("\n".join(headlines), CAIRO))


def test_a_table_row_under_a_short_name_is_not_wordless_chrome():
    # tune7: the row «دبي⇥2.61⇥2.50⇥2.72» (3 letters) was «no words» and dropped from the table
    got = features("أبوظبي\t2.61\t2.50\t2.72\nدبي\t2.61\t2.50\t2.72\nالشارقة\t2.62\t2.51\t2.73")
    assert got["دبي 2.61 2.50 2.72"].vocabulary is None and got["دبي 2.61 2.50 2.72"].table_row


def test_sentences_under_a_key_points_label_are_marked_until_a_blank_line():
    # tune2 (tech_tekarabi): a key-points box's items are sentences; a related list's are not
    lines = split_lines("أبرز النقاط\nسرعة نقل بيانات مضاعفة.\nاستهلاك أقل للطاقة.\n\nوتشمل الخطة شراء حافلات.", CAIRO)
    assert [line.under_label for line in lines] == [False, True, True, False, False]
    lines = split_lines("اقرأ أيضا\nسرعة نقل بيانات مضاعفة.", CAIRO)
    assert [line.under_label for line in lines] == [False, False]


def test_a_headed_list_between_two_sentences_of_the_article_is_no_link_run():
    """Regression (tune24 recipe pages): an ingredients list under its subheading, between
    the intro paragraph and the steps, was read as a link list and cut the body in two."""
    text = ("تحتفظ المطابخ العراقية بهذه الوصفة منذ أجيال، وتقدمها العائلات في المناسبات الكبيرة.\n"
            "المكونات\nنصف كيلو أرز\n4 بصلات\nملح وبهارات\n"
            "اسلقي الأرز عشر دقائق ثم صفيه جيداً.")
    found = features(text)
    assert not any(found[t].link_run for t in ("المكونات", "نصف كيلو أرز", "4 بصلات", "ملح وبهارات"))


def test_items_under_a_heading_and_over_the_next_heading_of_the_article_are_no_link_run():
    # blind52 ma_anfas_ramadan: «المكونات» over ingredient lines too long to run with it, then
    # «طريقة التحضير» and the steps: the items were a link list and the body ended above them
    text = ("تحتفظ الجدات بهذه الوصفة منذ زمن بعيد، ويعددنها في الأيام الباردة لكل أفراد العائلة.\n"
            "المكونات\nكوب من الفاصوليا البيضاء المنقوعة\nحبتان من البصل المفروم ناعماً\n"
            "ملعقة كبيرة من معجون الطماطم\nرشة من الكمون والفلفل الأسود\n"
            "طريقة التحضير\nتسلق الفاصوليا ساعة كاملة ثم يضاف إليها البصل والمعجون.")
    found = features(text)
    assert not any(found[t].link_run for t in ("كوب من الفاصوليا البيضاء المنقوعة", "رشة من الكمون والفلفل الأسود"))


def test_the_same_list_after_a_menu_line_or_before_a_label_stays_a_link_run():
    """The exemption needs prose on both sides: under a headline (no sentence above) the list
    is still a link list."""
    text = ("عنوان الخبر الرئيسي اليوم\n"
            "المكونات\nنصف كيلو أرز\n4 بصلات\nملح وبهارات\n"
            "اسلقي الأرز عشر دقائق ثم صفيه جيداً.")
    found = features(text)
    assert all(found[t].link_run for t in ("المكونات", "نصف كيلو أرز", "4 بصلات", "ملح وبهارات"))


def test_bidi_marks_and_zero_width_space_leave_the_raw_line_but_joiners_stay():
    (line,) = [l for l in split_lines("\u200f\u061cكتب:\u200b أحمد\u200c علي \u200e|\u200e \u20662024\u2069", CAIRO)]
    assert line.raw == "كتب: أحمد\u200c علي | 2024"
    assert line.orig.startswith("\u200f\u061c")  # shown as given by --explain
