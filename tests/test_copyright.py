"""sitegen.loaders.copyright: the site a footer's © or "rights reserved" line names, on invented lines."""

from sitegen.loaders.copyright import chrome_site


def test_bilingual_copyright_line_names_the_site_in_arabic():
    # Regression (a bilingual portal's footer «© LATIN YEAR - ARABIC»): the Latin name was taken.
    assert chrome_site("© Carthage Info 2026 - قرطاج أنفو") == "قرطاج أنفو"
    assert chrome_site("© 2026 Carthage Info") == "Carthage Info"
    # a designer's credit beside the name is no name of the site
    assert chrome_site("© 2026 Nile Plus. All rights reserved - تصميم وتطوير شركة النيل") == "Nile Plus"


def test_copyright_line_owner_printed_before_the_mark():
    # Regressions (footers «NAME © YEAR | PLACE», «NAME © YEAR - PLACE», «Copyright © YEAR NAME»):
    # the place after the separator, and the word «Copyright», were taken for the site.
    assert chrome_site("الديرة اليوم © 2026 | الكويت") == "الديرة اليوم"
    assert chrome_site("شنقيط الآن © 2026 - نواكشوط") == "شنقيط الآن"
    assert chrome_site("Copyright © 2026 Delta National University. All rights reserved.") == "Delta National University"
    assert chrome_site("جميع الحقوق محفوظة © 2026 المركز الإعلامي الحكومي") == "المركز الإعلامي الحكومي"
    assert chrome_site("© 2026 Algérie Éco - Tous droits réservés") == "Algérie Éco"


def test_copyright_line_owner_printed_before_a_dash_and_the_rights():
    # tune43 qa_shura_volunteer_law: «الخور - جميع الحقوق محفوظة 2026» (no ©) named no site, and the
    # reporter of the glued dateline «الدوحة – محمد الكواري:» was taken for it.
    assert chrome_site("الخور - جميع الحقوق محفوظة 2026") == "الخور"
    assert chrome_site("صحيفة الوادي | كافة الحقوق محفوظة") == "صحيفة الوادي"
    assert chrome_site("جميع الحقوق محفوظة - 2026") is None


def test_copyright_names_keep_their_number_and_drop_calendar_marks():
    assert chrome_site("© الإمارات 360، 2026") == "الإمارات 360"
    assert chrome_site("© 2026 البتراء نت") == "البتراء نت"
    assert chrome_site("جميع الحقوق محفوظة لـ صدى 24، 2026") == "صدى 24"
    assert chrome_site("صحتك اليوم © 1448هـ / 2026م") == "صحتك اليوم"  # the name before ©, not the calendar marks after it


def test_a_copyright_owner_then_its_publisher_names_the_owner():
    # tune45 ae_feature_pearl_diver_memory: «© 2026 مجلة المحّار - دار الساحل للنشر.» named the
    # magazine and its publishing house together as the site.
    assert chrome_site("© 2026 مجلة المحّار - دار الساحل للنشر. جميع الحقوق محفوظة.") == "مجلة المحّار"


def test_a_long_owner_after_the_mark_and_an_owner_before_a_dash():
    # tune45 mr_obituary_mahdhara_sheikh: «© 2026 NAME - جميع الحقوق محفوظة» with a name of 4 words
    # ran past the 40 characters a name is read in, and named nothing; iq_analysis_power_grid_gap:
    # «NAME — TAGLINE، بغداد. © 2026» named nothing either.
    assert chrome_site("© 2026 الوكالة الموريتانية للإعلام المستقل - جميع الحقوق محفوظة") == "الوكالة الموريتانية للإعلام المستقل"
    assert chrome_site("مرصد السدّة للسياسات — مؤسسة بحثية مستقلة غير ربحية، بغداد. © 2026") == "مرصد السدّة للسياسات"
    assert chrome_site("من نحن | اتصل بنا | © 2026") is None


def test_a_photo_credit_names_the_owner_after_the_mark_not_the_caption_before_it():
    # regression (blind55 b55_07): the photo credit «CAPTION © SITE / PHOTOGRAPHER» named its
    # caption as the site (the text before the mark was read as the owner, as in «NAME © 2026»).
    assert chrome_site("عمال الميناء يفرغون أولى الشحنات © الميناء / سامر خليل") == "الميناء"
    assert chrome_site("طلاب يؤدون الامتحان الأخير © وكالة السهل") == "وكالة السهل"


def test_an_owner_before_the_mark_with_a_year_or_the_rights_after_it_is_kept():
    # keep-case: a footer «NAME © YEAR» or «NAME © RIGHTS» names the site before the mark.
    assert chrome_site("النهار © 2025") == "النهار"
    assert chrome_site("الفجر الجديد © جميع الحقوق محفوظة") == "الفجر الجديد"
    assert chrome_site("Al Waha © All rights reserved") == "Al Waha"
    assert chrome_site("النهار ©") == "النهار"
