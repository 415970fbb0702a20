"""sitegen.loaders.header: title bars and date lines, on invented lines."""

from zoneinfo import ZoneInfo

from sitegen.loaders.header import byline_on_date_line, date_line, says_updated

CAIRO = ZoneInfo("Africa/Cairo")


def _day(line):
    return line.match.value.strftime("%Y-%m-%dT%H:%M") if line else None


def test_a_post_meta_line_with_byline_counts_and_date_is_a_date_line():
    # WordPress entry meta, an interview's head, a report's head glued by inline spans
    assert _day(date_line("بواسطة هيئة التحرير 12 نونبر 2026 - 18:25 لا توجد تعليقات", CAIRO)) == "2026-11-12T18:25"
    assert _day(date_line("حاوره: عثمان الطيب     السبت, 21 نوفمبر, 2026     532 مشاهدة", CAIRO)) == "2026-11-21T00:00"
    assert _day(date_line("روبورتاج: سليم بن علي - وهراننشر في 08 نوفمبر 2026 على الساعة 08:00مدة القراءة: 7 دقائق",
                          CAIRO)) == "2026-11-08T08:00"


def test_a_meta_line_of_items_set_apart_by_middle_dots_is_a_date_line():
    # tune45 iq_analysis_power_grid_gap: the writer, the writer's post, the date and the reading
    # time between middle dots: too many words besides the date for a date line, so no date was read
    line = "د. علي حسين الموسوي · باحث غير مقيم · ٢٢ تشرين الثاني ٢٠٢٦ · قراءة في ٧ دقائق"
    assert _day(date_line(line, CAIRO)) == "2026-11-22T00:00"
    assert date_line("وقال الوزير إن الاجتماع سيعقد · في 12 مارس 2026 بحضور الوفود العربية كلها وممثلي الهيئات الدولية.", CAIRO) is None


def test_a_sentence_holding_a_date_is_not_a_date_line():
    assert date_line("وقال الوزير إن الاجتماع المقبل سيعقد في 12 مارس 2026 بحضور الوفود", CAIRO) is None
    # meta words alone do not make a sentence a meta line: a name is allowed only after a byline label
    assert date_line("اللجنة لا توجد لديها خطة قبل 12 مارس 2026 لمراجعة الملف كاملا", CAIRO) is None


def test_a_dateline_credit_glued_in_front_of_the_date_is_a_date_line():
    assert _day(date_line("غزة - شبكة الساحل نيوز27-11-2026 | 10:15 ص", CAIRO)) == "2026-11-27T10:15"
    # a credit followed by words that are not the date's is no date line
    assert date_line("غزة - الساحل نيوز 27-11-2026 افتتاح مركز ثقافي جديد", CAIRO) is None


def _byline(text):
    return byline_on_date_line(text, date_line(text, CAIRO).match)


def test_the_writer_on_a_meta_line_before_the_date():
    # Regression (a post's meta line «بقلم NAME WEEKDAY، DATE - TIME مدة القراءة: …»): the date
    # was read and the writer's name lost.
    assert _byline("بقلم سارة عبد الحميد الاثنين، 18 نوفمبر 2024 - 3:30 م مدة القراءة: دقيقة") == "سارة عبد الحميد"
    assert _byline("بقلم سارة عبد الحميد، كريم يوسف الأربعاء، 20 نوفمبر 2024 - 10:00 ص") == "سارة عبد الحميد، كريم يوسف"
    assert _byline("بواسطة هيئة التحرير 12 نونبر 2026 - 18:25 لا توجد تعليقات") == "هيئة التحرير"
    # no byline label: the words before the date are a place or a site, not a writer
    assert _byline("القاهرة الاثنين، 18 نوفمبر 2024 - 3:30 م") is None


def test_an_editor_label_with_a_colon_on_a_meta_line_names_the_writer():
    # /tmp/blind48 IQ_rafidain_electricity_explainer: «تحرير: NAME • DATE • TIME» gave no byline
    # (the label «تحرير» was read as the site's name on the date line)
    text = "تحرير: زينب الموسوي • 2 كانون الأول 2026 • 16:05"
    assert _byline(text) == "زينب الموسوي"
    assert date_line(text, CAIRO).site is None
    assert _byline("ترجمة: سامي حداد | 3 ديسمبر 2026") == "سامي حداد"


def test_a_writers_name_with_no_label_before_the_date():
    # tune54 OM_column_falaj_heritage, SY_column_reconstruction_trust: «NAME DATE» and
    # «NAME | DATE | TIME» under a column's headline were no date lines, and the columns had no date
    assert _day(date_line("سعيد بن حمد الرواحي الخميس 26/11/2026", CAIRO)) == "2026-11-26T00:00"
    assert _day(date_line("هشام عبد الكريم الأحمد | 27 تشرين الثاني/نوفمبر 2026 | 11:45", CAIRO)) == "2026-11-27T11:45"
    assert _byline("سعيد بن حمد الرواحي الخميس 26/11/2026") == "سعيد بن حمد الرواحي"
    # a place of two words is no writer; words after the date that are no date's make no date line
    assert _byline("شرم الشيخ الخميس 26/11/2026") is None
    assert date_line("سعيد بن حمد الرواحي الخميس 26/11/2026 يفتتح المعرض الجديد", CAIRO) is None


def test_a_credit_and_weekday_before_the_date_and_counts_after_it():
    # Regression (a video page and a breaking story): «PLACE - NAME WEEKDAY، DATE TIME 18.4 ألف
    # مشاهدة» and «PLACE - مراسل SITE WEEKDAY DATE - TIME» were read as decks and the date lost.
    assert _day(date_line("المنصورة - هالة فتحي الخميس، 26 نوفمبر 2026 07:12 م 18.4 ألف مشاهدة", CAIRO)) == "2026-11-26T19:12"
    assert _day(date_line("الحديدة - مراسل شبكة الساحل السبت 28/11/2026 - 11:50 م", CAIRO)) == "2026-11-28T23:50"
    # words after the date that are not counts or date words: a sentence, not a date line
    assert date_line("المنصورة - هالة فتحي الخميس، 26 نوفمبر 2026 افتتاح معرض الكتاب الدولي", CAIRO) is None


def test_a_byline_label_before_the_date_is_no_site_name():
    # Regression (a review page): «بقلم: NAME DATE» named the site «بقلم».
    line = date_line("بقلم: حسان الدين فؤاد الأربعاء 25 نوفمبر 2026 - 03:00 م", CAIRO)
    assert _day(line) == "2026-11-25T15:00"
    assert line.site is None
    assert date_line("الوئام: تم إضافته يوم الأربعاء 25 نوفمبر 2026", CAIRO).site == "الوئام"


def test_a_french_meta_line_with_its_clock():
    # Regression (a bilingual Algerian page): «Par NAME DD/MM/YYYY à 16h00» was read as a deck.
    assert _day(date_line("Par Karim B. 27/11/2026 à 16h00", CAIRO)) == "2026-11-27T16:00"


def test_a_meta_line_with_publication_and_update_dates_is_a_date_line():
    # tune6 Moroccan page: the update date's French label made the line too wordy to be a date line
    found = date_line("Par Karim Bennani | Publié le samedi 28 novembre 2026 à 14h30 | Mis à jour le 28/11/2026 à 16h05",
                      ZoneInfo("Africa/Casablanca"))
    assert found is not None and found.match.value.strftime("%Y-%m-%dT%H:%M") == "2026-11-28T14:30"
    assert found.is_update  # the line also says when it was updated


def test_says_updated_reads_arabic_and_french_labels():
    assert says_updated("حُدّث في: 29-11-2026 13:45") and says_updated("Mis à jour le 28/11/2026")
    assert says_updated("آخر تحديث: 29 نوفمبر 2026")
    assert not says_updated("نُشر في: 29-11-2026 10:20")


def test_a_meta_line_with_how_long_ago_before_the_date():
    # tune10: «SITE منذ ساعتين DATE - TIME» had four words besides the date and was no date line,
    # so a related card's date below the body became the article's
    found = date_line("نواكشوط إنفو منذ ساعتين 2026/12/02 - 16:20", CAIRO)
    assert found is not None and found.match.value.isoformat() == "2026-12-02T16:20:00+02:00"


def test_a_sentence_saying_how_long_ago_is_still_no_date_line():
    assert date_line("قال الوزير منذ ساعتين إن الاجتماع المقبل سيعقد في 2026/12/09 بالعاصمة", CAIRO) is None


def test_a_credit_then_the_date_then_how_long_ago_is_a_date_line():
    # tune36 sd_league_match_report: «PLACE - WRITER | DATE - TIME | منذ 13 ساعة» — how long ago
    # after the date was counted as words of the line, which then was no date line (no date found)
    found = date_line("بورتسودان - عبد الباقي إدريس | الخميس 3 ديسمبر 2026 - 21:45 | منذ 13 ساعة", CAIRO)
    assert found is not None and found.match.value.isoformat() == "2026-12-03T21:45:00+02:00"
    # words that are neither date words nor how long ago still make it no date line
    assert date_line("بورتسودان - عبد الباقي إدريس | الخميس 3 ديسمبر 2026 - 21:45 | نتائج الجولة العاشرة", CAIRO) is None


def test_a_date_set_apart_from_its_credits_by_a_space_run_is_a_date_line():
    # tune35 ae_video_transcript: the date and the credits, separate elements copied side by side
    found = date_line("03 ديسمبر 2026 | 11:20 ص   إعداد: ريم الظاهري تصوير: خالد المرزوقي", CAIRO)
    assert found is not None and found.match.value.isoformat() == "2026-12-03T11:20:00+02:00"
    assert (found.match.start, found.match.end) == (0, 24)
    found = date_line("إعداد: ريم الظاهري   03 ديسمبر 2026 | 11:20 ص", CAIRO)
    assert found is not None and found.match.start == 21
    # a sentence beside the date is no credit
    assert date_line("03 ديسمبر 2026 | 11:20 ص   وقالت الوزارة إن المحطة تعمل بكامل طاقتها منذ أسابيع.", CAIRO) is None


def test_an_edit_stamp_is_an_update_and_names_no_site():
    # tune38 fr_state_broadcaster: «تعديل: 29/11/2026 - 09:10» under the publication date gave the
    # site's name «تعديل» (a «SITE: DATE» line) and was no update stamp
    found = date_line("تعديل: 29/11/2026 - 09:10", CAIRO)
    assert found is not None and found.is_update and found.site is None
    assert says_updated("Modifié le 29/11/2026") and not says_updated("نُشرت في: 28/11/2026 - 17:48")


def test_a_label_ending_with_a_colon_before_the_date_is_no_writer():
    # /tmp/blind47 EG_alex_storm_liveblog: a live blog's «بدأت التغطية: DATE» (the coverage-start
    # label) was taken as the byline
    assert _byline("بدأت التغطية: الخميس 3 ديسمبر 2026 - 06:00 ص") is None
    assert _byline("سعيد بن حمد الرواحي | 26/11/2026") == "سعيد بن حمد الرواحي"
