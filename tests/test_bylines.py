"""sitegen.loaders.bylines: bylines, credits, datelines and masthead roles, on invented lines."""

from sitegen.loaders import bylines


def test_place_colon_name_is_a_dateline_and_byline():
    credit = bylines.parse_place_byline("لندن: محمد الشافعي")
    assert (credit.place, credit.source, credit.person) == ("لندن", None, "محمد الشافعي")
    assert bylines.parse_place_byline("رام الله: سعاد عبد الهادي").place == "رام الله"


def test_labels_dates_and_sentences_are_not_a_place_byline():
    assert bylines.parse_place_byline("المصدر: وكالة الأنباء السعودية") is None  # a source, not a place
    assert bylines.parse_place_byline("تصوير: أحمد حسن") is None
    assert bylines.parse_place_byline("القاهرة: 12 مارس 2025") is None
    assert bylines.parse_place_byline("وقال الوزير: إن الخطة في طريقها") is None


def test_interviewer_label_is_a_byline_not_a_dateline():
    assert bylines.parse_byline("حاوره: أحمد سمير") == "أحمد سمير"
    assert bylines.parse_byline("حاورتها - منى خليل") == "منى خليل"


def test_name_with_job_title_is_a_writer_line():
    # tune6: «رنا حداد مراسلة الشؤون البرلمانية» under the headline was read as the deck
    assert bylines.name_with_job_title("رنا حداد مراسلة الشؤون البرلمانية") == "رنا حداد"
    assert bylines.name_with_job_title("سامي يوسف خوري محرر الشؤون الاقتصادية") == "سامي يوسف خوري"
    # a deck or headline naming a role is no writer line
    assert bylines.name_with_job_title("الحكومة تعين مديراً جديداً للمصرف المركزي") is None
    assert bylines.name_with_job_title("رنا حداد مراسلة الشؤون البرلمانية منذ 2019") is None
    assert bylines.name_with_job_title("رئيس الوزراء يفتتح المعرض.") is None


def test_exclusive_credit_names_the_site_not_a_reporter():
    # tune6: «حلب - خاص الشهباء اليوم» gave the byline «خاص الشهباء اليوم»
    assert bylines.parse_credit("حلب - خاص الشهباء اليوم") == bylines.Credit(place="حلب", source="الشهباء اليوم", person=None)
    assert bylines.parse_credit("حلب - سامر داود") == bylines.Credit(place="حلب", source="سامر داود", person=None)


def test_ali_is_a_name_though_it_folds_onto_a_preposition():
    # tune6: «حاوره: علي الربيعي» lost its byline: folded ى → ي, «علي» read as «على» (on)
    assert bylines.looks_like_name("علي الربيعي")
    assert not bylines.looks_like_name("على الطريق")


def test_ali_spelt_with_a_final_alif_maqsura_ends_a_name():
    # Egyptian spelling («محمد على»; a metamorphic check writing every final ي as ى lost the bylines
    # of tune29, tune44, tune48): last in a name «على» is the name, the preposition has a word after it
    assert bylines.looks_like_name("سميرة بن على")
    assert bylines.looks_like_name("محمد على")
    assert not bylines.looks_like_name("على الطريق")
    assert not bylines.looks_like_name("وصل على الفور")


def test_ali_spelt_with_a_final_alif_maqsura_opens_a_name_under_a_byline_label():
    # «متابعة: على حسن | …», «حاوره: على الربيعى …» (Egyptian spelling of tune48, tune6): the label
    # says a name follows; alone, «على» first stays the preposition
    assert bylines.looks_like_name("على الربيعى", labelled=True)
    assert not bylines.looks_like_name("على الربيعى")
    assert not bylines.looks_like_name("على الطريق في", labelled=True)


def test_byline_naming_the_paper_it_was_written_for():
    # tune49 LB_rent_law_amendment_analysis: the paper's name was kept as part of the writer's
    assert bylines.parse_byline("كتب نبيل فرح في «الشرفة»:") == "نبيل فرح"
    assert bylines.parse_byline("كتبت منى سعيد لـ«النهار»") == "منى سعيد"
    assert bylines.parse_byline("كتب نبيل فرح فى «الشرفة»:") == "نبيل فرح"  # Egyptian spelling
    assert bylines.parse_byline('كتب نبيل فرح في "الشرفة":') == "نبيل فرح"  # straight and curly quotes
    assert bylines.parse_byline("كتب نبيل فرح في “الشرفة”") == "نبيل فرح"
    assert bylines.parse_byline("كتب محمد في الصباح") == "محمد في الصباح"  # no quotes: nothing to tell it by


def test_a_religious_formula_alone_on_a_line_is_no_name():
    # tune51 JO_obituary_salt_elder: the basmala under an obituary's headline was taken as its byline
    assert not bylines.looks_like_name("بسم الله الرحمن الرحيم")
    assert not bylines.looks_like_name("إنا لله")
    assert bylines.looks_like_name("عبد الله الرحمن")  # a name with «الله» in it stays one


def test_two_nouns_joined_by_wa_and_the_article_are_no_name():
    # tune59 YE_food_coffee_husk_qishr_ritual: the kicker «مشروب الجبال والسهول» under the breadcrumb
    # was read as a person's name, so it could not be the kicker
    assert not bylines.looks_like_name("مشروب الجبال والسهول")
    assert bylines.looks_like_name("مشروب الجبال")  # the «وال» word is what tells it
    assert bylines.looks_like_name("محمد والي")  # a surname opening with «وال» is short
    assert bylines.looks_like_name("سامي وليلى الحاج")


def test_a_name_written_with_a_shadda_is_a_name():
    # tune52 LB_culture_theatre_festival: «نور حدّاد» was no name (a shadda is no letter to
    # str.isalpha), so her author box under the text was read as two list items
    assert bylines.looks_like_name("نور حدّاد")
    assert bylines.looks_like_name("محمّد الحلبي")
    assert not bylines.looks_like_name("قرأ حدّاد 12 كتابا")
    # tanween marks an indefinite noun, which no name is: a headline written with it stays none
    assert not bylines.looks_like_name("الموازنة ليست أرقاماً فقط")
    # tune54 MA_opinion_advanced_regionalization: a star after the name points to the note on the
    # writer under the text; the name over the headline was read as its kicker
    assert bylines.looks_like_name("د. عبد الإله الوزاني*")


def test_an_analysis_byline():
    # tune54 SD_analysis_ceasefire_talks: «تحليل: محرر الشؤون السياسية» was read as PLACE: SOURCE,
    # and the desk taken for the site
    assert bylines.parse_byline("تحليل: محرر الشؤون السياسية") == "محرر الشؤون السياسية"
    assert bylines.parse_byline("تحليل - سامر الحلبي") == "سامر الحلبي"


def test_a_byline_glued_to_the_first_paragraph_after_its_place():
    # tune56 PS_olive_harvest_two_writers: «سلفيت - كتب A وB: يسابق …» kept the credit in the text
    glued = bylines.glued_credit("سلفيت - كتب وليد أبو زيد وهبة دراغمة: يسابق مزارعو قرى سلفيت الوقت")
    assert glued is not None and glued[2:] == ("وليد أبو زيد وهبة دراغمة", "يسابق مزارعو قرى سلفيت الوقت")


def test_french_byline_label():
    assert bylines.parse_byline("Par Karim Bennani") == "Karim Bennani"
    assert bylines.parse_byline("Parlement: séance du jour") is None


def test_a_credit_naming_a_doctor_or_an_engineer():
    # tune24 (ps_health_flu): the point of «د.» made «نابلس - د. رامي عودة» no credit, and the
    # line under the headline was read as its deck
    assert bylines.parse_credit("نابلس - د. رامي عودة") == bylines.Credit(place="نابلس", source=None, person="د. رامي عودة")
    assert bylines.parse_credit("غزة - م. خالد") == bylines.Credit(place="غزة", source=None, person="م. خالد")
    # a point that is no title's still makes the line a sentence
    assert bylines.parse_credit("نابلس - انتهى الاجتماع.") is None


def test_a_dateline_with_a_labelled_credit():
    # tune26: «بشار: حاوره …» and «ود مدني: مراسل منبر ود مدني» under the headline were decks
    assert bylines.parse_place_credit("بشار: حاوره عبد القادر بلخير") == bylines.Credit("بشار", None, "عبد القادر بلخير")
    assert bylines.parse_place_credit("ود مدني: مراسل منبر ود مدني") == bylines.Credit("ود مدني", "منبر ود مدني", None)
    assert bylines.parse_place_credit("ود مدني: مراسلنا") == bylines.Credit("ود مدني", None, None)
    # a speaker and a quote, or a plain name, carry no credit label
    assert bylines.parse_place_credit("مدرب الساورة: هدفنا البقاء") is None
    assert bylines.parse_place_credit("لندن: محمد الشافعي") is None


def test_a_byline_without_the_reading_time_or_the_place_after_the_name():
    # /tmp/blind47 LY_fintech_wallet_launch, SA_khobar_corniche_track: «By: NAME | 5 min read»
    # kept the reading time, «كتب: NAME - PLACE» the place
    assert bylines.parse_byline("By: فريق التحرير | 5 min read") == "فريق التحرير"
    assert bylines.parse_byline("كتب: سامر يوسف الحلبي - الخبر") == "سامر يوسف الحلبي"
    # two writers set apart by a dash stay, even past six words
    assert bylines.parse_byline("متابعة: هبة الله عبد الرازق - محمود الشاذلي") == "هبة الله عبد الرازق - محمود الشاذلي"


def test_two_labels_joined_by_wa_are_a_byline_not_a_dateline():
    # /tmp/blind47 OM_falaj_restoration_feature: «تقرير وتصوير: NAME» gave the dateline «تقرير وتصوير»
    assert bylines.parse_place_byline("تقرير وتصوير: سالم بن حمد الحارثي") is None
    assert bylines.parse_byline("تقرير وتصوير: سالم بن حمد الحارثي") == "سالم بن حمد الحارثي"
    assert bylines.parse_byline("نص وتصوير: سلطان البوسعيدي") == "سلطان البوسعيدي"
    assert bylines.parse_byline("نص البيان") is None
