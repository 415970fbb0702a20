"""The shape of a line that could be a headline or a deck (sitegen.loaders.title_shape)."""

from __future__ import annotations

from datetime import timezone

from sitegen.loaders.lines import split_lines
from sitegen.loaders.title_shape import deck_like, fact_box_row, label_and_number, metadata_fields, title_like


def _lines(*texts: str):
    return split_lines("\n".join(texts), timezone.utc, frozenset())


def test_a_market_ticker_of_signed_changes_is_no_headline():
    # tune61 JO_phosphate_company_profits: the stock ticker glued over the head became the headline
    ticker, headline = _lines(
        "البادية للفوسفات 29.80 (+3.4%) ... البنك العربي الأهلي 5.12 (-0.4%) ... المؤشر العام 2,684.11 (-0.21%)",
        "«البادية للفوسفات» تربح 312.4 مليون دينار في 9 أشهر بنمو 16.2%")
    assert not title_like(ticker)
    assert title_like(headline)  # unsigned figures and one percentage make a headline
    one_change, = _lines("سهم البادية يرتفع +3.4% بعد إعلان النتائج")
    assert title_like(one_change)


def test_a_rates_box_price_is_a_label_and_number():
    # tune61 MR_iron_ore_exports: «الدولار: 39,86 أوقية» over the headline was taken as its kicker
    assert label_and_number("الدولار: 39,86 أوقية")
    assert label_and_number("خدمة الطوارئ على مدار الساعة: 121")
    assert not label_and_number("الحصيلة: 12 قتيلا")  # a whole figure and a noun: a kicker may say so
    assert not label_and_number("الدولار يتجاوز 39,86 أوقية")


def test_rows_of_a_match_box_are_told_from_the_articles_meta_rows():
    # tune60 SA_derby_preview_lineups: «المباراة: الفيصلي × النخيل» of a match box was the
    # headline, and its kick-off «الموعد: …» the article's date
    box = _lines("المباراة: الفيصلي × النخيل", "الموعد: السبت 5 ديسمبر 2026 - 9:00 م", "",
                 "الملعب: ملعب النخلة الكبير", "الحكم: خالد الصبحي")
    assert [fact_box_row(box, line) for line in box] == [True, True, False, True, True]
    # tune5 ma_midan24: a headline «مباشر: …» over two date rows is no box
    meta = _lines("مباشر: يوم الاقتراع في الانتخابات البلدية", "بدأت التغطية: 29 نوفمبر 2026 - 07:45",
                  "آخر تحديث: 29 نوفمبر 2026 - 18:45")
    assert not any(fact_box_row(meta, line) for line in meta)


def test_a_prices_strip_of_labelled_figures_is_no_headline():
    # tune69 SY_bread_every_two_days_smart_card: «غرام الذهب عيار 21: 1.210.000 ل.س الدولار: 13.150 ل.س»
    # over the headline was read as the headline, and the headline as its deck
    strip, one, clock = _lines("غرام الذهب عيار 21: 1.210.000 ل.س الدولار: 13.150 ل.س",
                               "المركزي يرفع سعر الصرف الرسمي إلى 13.150 ليرة والدولار الجمركي: 11 ألفاً",
                               "مجلس الوزراء: إغلاق المحال عند 10:30 مساءً ابتداءً من الأحد")
    assert not title_like(strip)
    assert title_like(one)  # one labelled figure: a headline may print one
    assert title_like(clock)  # a clock's colon is no label's


def test_a_writers_name_then_how_long_ago_is_no_deck():
    # tune67 SA_womens_literary_salon_jeddah: «منى الزهراني منذ 5 أيام» under the headline was its deck
    meta, deck = _lines("منى الزهراني منذ 5 أيام", "عشرون عاماً من الحكايات والقراءة في بيت قديم منذ 2006")
    assert not deck_like(meta)
    assert deck_like(deck)


def test_a_line_of_the_pages_metadata_fields_is_a_label_and_number():
    # regression (blind53 b53_11): «رقم الخبر: 884213 التصنيف: اقتصاد» over the headline was its kicker
    assert metadata_fields("رقم الخبر: 884213 التصنيف: اقتصاد")
    assert metadata_fields("القسم: محليات | المصدر: وكالات")
    assert label_and_number("رقم الخبر: 884213 التصنيف: اقتصاد")
    # kickers: one label at most, a short figure, or a quote's sentence
    for kicker in ("عاجل: الرئيس يصل إلى العاصمة", "رأي: الاقتصاد أولا", "خاص", "مونديال 2026: المنتخب يستعد",
                   "الحصيلة: 12 قتيلا", "الوزير: مصر لن تتراجع: الحوار أولا",
                   # a figure after one label is the story's (/tmp/attack49b r2, r3)
                   "الكوليرا: 12540 إصابة في أسبوع", "الصحة: 12540 إصابة جديدة خلال أسبوع في المحافظات الجنوبية"):
        assert not metadata_fields(kicker), kicker
