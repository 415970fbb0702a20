"""sitegen.loaders.chrome: the web vocabulary of page chrome, on invented lines."""

from sitegen.loaders import chrome
from sitegen.loaders.chrome import chrome_kind, is_terminal


def test_related_label_with_or_without_the_article():
    # «الموضوعات المتعلقة» (seen with the article on both words) is the same label as «موضوعات متعلقة».
    for label in ("الموضوعات المتعلقة", "موضوعات متعلقة", "المواضيع المتعلقة", "الكلمات المفتاحية", "كلمات مفتاحية"):
        assert chrome_kind(label) in ("related-articles label", "tags label"), label
    assert chrome_kind("الموضوعات الرئيسية اليوم") is None


def test_comment_rules_are_terminal_chrome_but_a_story_about_comments_is_not():
    rules = "التعليقات المنشورة تعبر عن رأي كاتبيها ولا تعبر بالضرورة عن رأي الموقع."
    assert chrome_kind(rules) == "comment rules"
    assert is_terminal(rules)
    story = "وأعلنت الشركة سياسة جديدة لحذف التعليقات المسيئة خلال ساعات من نشرها."
    assert chrome_kind(story) is None


def test_opinion_disclaimer_is_house_rules_but_news_about_an_article_is_not():
    disclaimer = "المقالات المنشورة تعبّر عن رأي كتّابها ولا تعبّر بالضرورة عن رأي صحيفة الوادي."
    assert chrome_kind(disclaimer) == "comment rules"
    assert is_terminal(disclaimer)
    story = "ونشرت الصحيفة المقال بعد مراجعة قانونية استمرت أسبوعين، وفق ما قال محاميها."
    assert chrome_kind(story) is None
    # tune43 ps_column_olive_harvest: the singular, masculine form closed the column as its last paragraph
    singular = "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي شبكة بيدر الإخبارية."
    assert chrome_kind(singular) == "comment rules"
    assert chrome_kind("وقال الوزير إن المقال يعبر عن قلق المزارعين من تراجع أسعار الزيت هذا الموسم.") is None


def test_relative_time_stamps_are_chrome():
    for stamp in ("منذ ساعتين", "منذ 4 ساعات", "قبل 25 دقيقة", "منذ يومين"):
        assert chrome_kind(stamp) == "relative time", stamp
    assert chrome_kind("منذ بداية الأزمة") is None  # a heading that starts with منذ


def test_embedded_post_attribution_is_chrome():
    assert chrome_kind("— هيئة الموانئ العامة (@PortsAuthority) November 30, 2026") == "embedded post attribution"
    assert chrome_kind("— وزارة الصحة (@MOH_News) 2 ديسمبر 2026") == "embedded post attribution"
    assert chrome_kind("— وأضاف الوزير أن الحساب الرسمي سيعلن النتائج") is None


def test_author_box_label_and_advice_disclaimer_end_the_article():
    assert chrome_kind("عن الكاتبة") == "author box label" and is_terminal("عن الكاتب:")
    notice = "تنبيه: المعلومات الواردة في هذا المقال للتثقيف فقط ولا تغني عن استشارة الطبيب المختص."
    assert chrome_kind(notice) == "disclaimer" and is_terminal(notice)
    assert chrome_kind("وقال الطبيب إن الدواء الجديد لا يغني عن النوم الجيد والتغذية السليمة.") is None


def test_a_writer_in_lines_box_label_is_an_author_box_label():
    # tune13: «الكاتبة في سطور» over an op-ed writer's bio was a subheading and the bio a paragraph
    assert chrome_kind("الكاتبة في سطور") == "author box label"
    assert chrome_kind("الكاتب في سطور:") == "author box label"


def test_more_related_labels():
    # tune14: a «طالع أيضا» block inside the body and a «ترشيحات» block after it were read as text
    for label in ("طالع أيضا", "طالع أيضًا", "ترشيحات", "مواضيع مقترحة"):
        assert chrome_kind(label) == "related-articles label", label


def test_a_caption_ending_with_an_exclusive_or_social_media_credit_is_a_caption():
    # tune15: «… (خاص)» between paragraphs was a paragraph
    assert chrome_kind("مولدة أهلية في أحد أزقة حي الشعب ببغداد (خاص)") == "caption"
    assert chrome_kind("صورة متداولة للحادث (مواقع التواصل)") == "caption"
    assert chrome_kind("وقال الوزير إن الخطة جاهزة للتنفيذ خلال أسابيع (خاص).") is None


def test_a_screenshot_or_photo_taken_caption_is_a_caption():
    # tune12: «لقطة شاشة …» and «صورة ملتقطة …» between paragraphs were subheadings
    assert chrome_kind("لقطة شاشة للمنشور المتداول") == "caption"
    assert chrome_kind("لقطة من الفيديو المتداول على مواقع التواصل") == "caption"
    assert chrome_kind("صورة ملتقطة بالكاميرا الرئيسية ليلا") == "caption"
    assert chrome_kind("لقطات الأسبوع في الدوري") is None


def test_caption_ending_with_a_dashed_photo_credit_is_a_caption():
    assert chrome_kind("حشود الزوار في ساحة المعرض عند الافتتاح - تصوير: سامر داود") == "caption"
    assert chrome_kind("حرفي يعرض طريقة صناعة الفخار | عدسة ليلى حداد") == "caption"
    assert chrome_kind("تطوير التعليم - الخطة الجديدة للوزارة") is None


def test_link_to_the_next_or_previous_article_ends_the_body():
    # «التالي: HEADLINE» (and two such links glued by the copy) open the footer; a sentence
    # that begins with «التالي» does not.
    assert chrome.is_terminal("التالي: منتخب مصر يتأهل إلى نهائيات كأس الأمم الأفريقية")
    assert chrome.is_terminal("السابق: تراجع أسعار الذهب في السوق المحليةالتالي: الأهلي يتصدر الدوري")
    assert chrome.is_terminal("المقال التالي - حكاية شارع المعز")
    assert not chrome.is_terminal("التالي في الترتيب جاء المنتخب المغربي بفارق نقطتين عن المتصدر")


def test_disclaimers_and_a_breaking_story_status_line_are_chrome():
    # Regressions (an opinion column, an economy page, a breaking story): each was kept as
    # the article's last paragraph.
    assert chrome_kind("المقال يعبر عن رأي كاتبه فقط.") == "comment rules"
    assert chrome_kind("الأسعار المنشورة للاستئناس ولا تمثل توصية بالشراء أو البيع.") == "disclaimer"
    assert chrome_kind("الخبر قيد التحديث...") == "breaking-news status"
    # news sentences with the same words are article text
    assert chrome_kind("وأصدر البنك توصية بالشراء لسهم الشركة بعد نتائجها الفصلية.") is None
    assert chrome_kind("وقال إن المقال يعبر عن رأي كاتبه في قضية الإصلاح الاقتصادي.") is None
    assert chrome_kind("وأكد أن الخبر قيد التحديث لدى الوكالة منذ الصباح.") is None


def test_makers_credits_line_is_chrome_but_a_labelled_sentence_is_not():
    # Regressions (a wire story's «ترجمة: …. تحرير: ….» after the body, a feature's «نص: … صور: …»
    # under the headline): a paragraph and a deck before.
    assert chrome_kind("ترجمة: أحمد النقبي. تحرير: مريم الكعبي.") == "credits"
    assert chrome_kind("نص: لينا فرحات صور: كريم صعب") == "credits"
    # tune45 ae_feature_pearl_diver_memory: a middle dot between the credits made them a deck
    assert chrome_kind("نص: عائشة راشد الزعابي · تصوير: سيف المنصوري") == "credits"
    assert chrome_kind("تحرير: الأسعار في السوق") is None
    assert chrome_kind("نص: الاتفاق كاملا كما نشرته الوكالة في بيانها") is None
    assert chrome_kind("إعداد: سامر خليل") is None  # a byline, read as such elsewhere


def test_a_pictures_copyright_credit_does_not_end_the_article():
    assert not is_terminal("© REUTERS / SHOKRY HUSSIEN")
    assert is_terminal("© 2020 Sputnik. جميع الحقوق محفوظة")
    assert is_terminal("كلمات دلالية: تهريب الوقود النائب العام طرابلس")


def test_widget_vocabulary_of_review_sports_and_religious_pages():
    # Regressions (a book review, a sports page with embeds, a religious-affairs page): each of
    # these lines was read as article text after or inside the body.
    assert chrome_kind("أحدث الفتاوى") == "related-articles label"
    assert chrome_kind("مراجعات أخرى") == "related-articles label"
    assert chrome_kind("الضفة الأخرى") is None  # a name, not «other X»
    assert chrome_kind("تقييم المحرر: ★★★★☆") == "rating"
    assert chrome_kind("إعجابات 184,230عرض هذا المنشور على Instagram") == "embedded post"
    # tune49 SA_esports_league_final: Instagram's «who shared it» line under the post read as a list item
    assert chrome_kind("تمت مشاركة منشور بواسطة صقور نجد (@saqoor.najd)") == "embedded post"
    assert chrome_kind("A post shared by Falcons (@falcons.gg)") == "embedded post"
    assert chrome_kind("اشتراك") == "sign-up button"
    assert chrome_kind("استطلاع") == "poll"


def test_publishing_rights_reserved_is_a_footer_line():
    # tune56 YE_fishermen_hardwrap: «جميع حقوق النشر محفوظة، ويسمح بالاقتباس …» under the text was
    # read as its last paragraph
    assert chrome_kind("جميع حقوق النشر محفوظة، ويسمح بالاقتباس مع الإشارة إلى المصدر.") == "footer/meta line"
    assert chrome_kind("حقوق النشر محفوظة لمؤسسة الساحل") == "footer/meta line"


def test_an_update_stamp_alone_on_a_line_is_chrome():
    # tune58 SA_developing_rain_floods_updates: «تحديث - 10:45 ص» between a developing story's
    # paragraphs was read as a subheading
    assert chrome_kind("تحديث - 10:45 ص") == "update stamp"
    assert chrome_kind("تحديث (13:20)") == "update stamp"
    assert chrome_kind("تحديث الخطة الوطنية للطوارئ") is None  # a heading about an update


def test_a_site_alert_strip_is_chrome():
    # tune52 CA_weather_montreal_snowstorm: the strip over the article was read as its headline
    assert chrome_kind("تنبيه: تحذير من عاصفة ثلجية — تابعوا التحديثات") == "alert strip"
    assert chrome_kind("تنبيه هام | إغلاق الطريق السريع حتى صباح الغد") == "alert strip"
    assert chrome_kind("تنبيهات الأرصاد تتواصل مع اقتراب العاصفة") is None  # a headline about alerts


def test_a_broadcasters_on_air_bar_is_chrome():
    # tune49 TN_olive_oil_export_record: a radio's bar over the headline was read as its kicker
    assert chrome_kind("الآن على المباشر: برنامج صباح القيروان") == "on air now"
    assert chrome_kind("على الهواء الآن: نشرة الثامنة") == "on air now"
    assert chrome_kind("يبث الآن | حديث المساء") == "on air now"
    # a live story's own label and a sentence about a broadcast are not the bar
    assert chrome_kind("مباشر | تطورات الحرب") != "on air now"
    assert chrome_kind("على الهواء مباشرة من الدوحة") is None


def test_maghreb_and_french_labels_of_related_lists_and_share_bars():
    # Regressions (a Tunisian and an Algerian page): these lists after the body joined it.
    assert chrome_kind("في نفس الموضوع") == "related-articles label"
    assert chrome_kind("أهم الأخبار") == "related-articles label"
    assert chrome_kind("À lire aussi") == "related-articles label"
    assert chrome_kind("Partager: Facebook LinkedIn X") == "share/tools widget"
    assert chrome_kind("شارك: المواطنون في الانتخابات بكثافة") is None


def test_production_note_of_an_investigation_ends_the_body():
    # tune3/tune5 investigations: «أُنجز هذا التحقيق بدعم من …» closed the body, and the
    # donation box below it («ادعم …», the outlet's self-description) was read as paragraphs.
    for note in ("أُنجز هذا التحقيق بدعم من صندوق الصحافة المستقلة.",
                 "نُشرت هذه المادة في الأصل على موقع شبكة الصحفيين المستقلين.",
                 "أعد هذا التقرير ضمن مشروع زمالة الصحافة العلمية.",
                 # tune45 sa_feature_jazan_coffee_terraces: the issue it ran in was the last paragraph
                 "نُشر هذا التحقيق في العدد 214 من مجلة سنابل.",
                 "يُنشر هذا المقال بالتزامن مع صحيفة الأفق."):
        assert chrome_kind(note) == "production note" and is_terminal(note)
    # a sentence about another report, or the piece named with no partner, is article text
    assert chrome_kind("وقال الوزير إن هذا التقرير لا يعكس الواقع في المدارس الحكومية.") is None
    assert chrome_kind("وأصدرت المنظمة تقريرها بدعم من الاتحاد الأوروبي أمس.") is None


def test_editorial_notes_on_the_piece_are_chrome():
    # tune6: «تحديث — …» over the body and «تصحيح: …» under it were read as paragraphs
    assert chrome_kind("تحديث — أضيفت تصريحات مدير العمليات في الأمانة.") == "editorial note"
    assert chrome_kind("تصحيح: ورد في نسخة سابقة من هذا الخبر أن عدد النقاط 32، والصحيح 23.") == "editorial note"
    assert chrome_kind("ملاحظة المحرر: نُشرت هذه المقابلة قبل إعلان النتائج.") == "editorial note"
    # a stamp «تحديث: DATE» is a date line, and a sentence about an update is text
    assert chrome_kind("تحديث: 28-11-2026 02:05 م") is None
    assert chrome_kind("تحديث البيانات الحكومية يبدأ الشهر المقبل في جميع الوزارات.") is None


def test_sources_label_opens_the_footer():
    # tune6 fact-check: «مصادر:» and its items, then a tip line, were read as the body's end
    for label in ("مصادر:", "المصادر", "المراجع:"):
        assert chrome_kind(label) == "sources label" and is_terminal(label), label
    assert chrome_kind("مصادر مطلعة: الاتفاق بات قريباً") is None
    # tune22 (tn_review_footnotes): a review's «الهوامش» and its notes were kept as paragraphs
    for label in ("الهوامش", "الحواشي:", "هوامش"):
        assert chrome_kind(label) == "sources label" and is_terminal(label), label


def test_footer_links_about_the_site_are_navigation():
    for link in ("من نحن", "اتصل بنا", "سياسة الخصوصية", "شروط الاستخدام", "أعلن معنا"):
        assert chrome_kind(link) == "navigation", link
    assert chrome_kind("من الأرشيف") == "related-articles label"


def test_a_paywall_meter_is_chrome():
    # tune6: «تبقى لك 3 مقالات مجانية هذا الشهر.» under the last paragraph was read as one more
    assert chrome_kind("تبقى لك 3 مقالات مجانية هذا الشهر.") == "paywall"
    assert chrome_kind("لقد قرأت 5 مقالات مجانية من أصل 5 هذا الشهر.") == "paywall"
    assert chrome_kind("وأتاحت الصحيفة مقالات مجانية للطلاب طوال فترة الامتحانات.") is None


def test_comments_label_with_its_count_opens_the_footer():
    # tune7: «التعليقات (٤)» was a subheading and the readers' comments became paragraphs
    for label in ("التعليقات (٤)", "تعليقات 12", "Comments [3]"):
        assert chrome_kind(label) == "comments" and is_terminal(label), label


def test_related_label_shapes_of_a_kind_of_story():
    for label in ("قضايا ذات صلة", "تقارير أخرى"):
        assert chrome_kind(label) == "related-articles label", label
    assert chrome_kind("أخبار محلية") is None  # a menu item, not a label of cards


def test_a_notice_against_copying_is_chrome_but_a_ban_in_the_news_is_not():
    notice = "ملاحظة: يمنع نقل هذا المحتوى دون الإشارة إلى المصدر."
    assert chrome_kind(notice) == "rights notice" and is_terminal(notice)
    assert chrome_kind("وقال إن القانون يمنع نقل الأسلحة عبر الحدود.") is None


def test_french_chrome_of_maghreb_pages():
    # tune8: «Mots-clés :» was a subheading, «Articles similaires» let teasers into the body
    assert chrome_kind("Mots-clés") == "tags label" and is_terminal("Mots-clés :")
    assert chrome_kind("Articles similaires") == "related-articles label"
    assert chrome_kind("Accueil") == "navigation" and chrome_kind("Qui sommes-nous") == "navigation"
    assert chrome_kind("اقرأ في الواحة") == "related-articles label"
    assert chrome_kind("اقرأ في الصحف البريطانية تحليلا مطولا عن الأزمة") is None


def test_makers_credits_with_a_qualified_label_and_a_title_before_a_name():
    # tune11: «إعداد: … | مراجعة طبية: د. …» under the headline was read as the deck
    assert chrome_kind("إعداد: فريق عافية الطبي | مراجعة طبية: د. رنا الخطيب") == "credits"
    assert chrome_kind("إعداد: سامي يوسف") is None  # one byline-like label alone: the writer


def test_share_buttons_with_their_verb_glued_by_the_copy():
    # tune10: «شارك:شارك في فيسبوكشارك في واتساب» ended no body: the cards below it were read on
    assert chrome_kind("شارك:شارك في فيسبوكشارك في واتساب") == "share/tools widget"
    assert chrome_kind("share on facebookshare on x") is None  # an all-Latin line may be a name
    assert chrome_kind("شارك في المؤتمر") is None


def test_share_bar_glued_by_the_copy_and_more_labels():
    # tune9: «تويترلينكدإن» (two links with no space between) was a subheading
    assert chrome_kind("تويترلينكدإن") == "share/tools widget"
    assert chrome_kind("فيسبوكواتساب تلغرام") == "share/tools widget"
    assert chrome_kind("تويتر تعلن تغيير اسمها") is None
    # blind50 LY_oil_price: the tweet button «غرّد» between share and print; the bar was the byline
    assert chrome_kind("شارك غرّد طباعة") == "share/tools widget"
    assert chrome_kind("تسجيل") == "sign-up button"


def test_share_bar_with_its_counts():
    # tune16: «تويتر 14 واتساب 32» (each button and its count) was read into the body
    assert chrome_kind("تويتر 14 واتساب 32") == "share/tools widget"
    assert chrome_kind("فيسبوك 1.2 ألف") == "share/tools widget"
    assert chrome_kind("فيسبوك 1.2 ألف تويتر 34") == "share/tools widget"
    assert chrome_kind("14 32") != "share/tools widget"  # counts alone name no network
    assert chrome_kind("تويتر تخسر 14 مليون مستخدم") is None


def test_read_also_link_run_into_its_headline_and_a_label_with_a_colon():
    # tune17: «اقرأ أيضًا سعر الدولار اليوم في البنوك المصرية» (no colon, no dots) was a subheading
    assert chrome_kind("اقرأ أيضًا سعر الدولار اليوم في البنوك المصرية") == "related card (label: headline)"
    assert chrome_kind("طالع أيضا نتائج الجولة الأولى") == "related card (label: headline)"
    assert chrome_kind("اقرأ أيضا:") == "related-articles label"
    assert chrome_kind("أخبار ذات صلة :") == "related-articles label"
    assert chrome_kind("تابع الوزير جولته في المحافظات الجنوبية") is None


def test_a_key_points_box_label():
    # tune2 (tech_tekarabi): «أبرز النقاط» over three sentences repeating the article, above it
    for label in ("أبرز النقاط", "باختصار:", "أهم النقاط"):
        assert chrome_kind(label) == "summary box label", label
    assert chrome_kind("أبرز النقاط التي ناقشها الاجتماع الوزاري") is None


def test_a_verb_and_too_labels_a_list_of_other_stories():
    # tune24 (a recipe site): «جربي أيضاً» over three other recipes was read as a closing box
    for label in ("جربي أيضاً", "استمع كذلك", "شاهدوا أيضا"):
        assert chrome_kind(label) == "related-articles label", label
    assert chrome_kind("الوزير أيضا") is None  # a noun, not a verb telling the reader to go on


def test_a_notice_on_the_figures_is_an_editorial_note():
    # tune26 (gold prices): «تنويه: الأسعار استرشادية …» under the body was its last paragraph
    assert chrome_kind("تنويه: الأسعار استرشادية وقد تختلف من محل لآخر.") == "editorial note"
    assert chrome_kind("ملاحظة: الأسعار لا تشمل الضريبة.") == "editorial note"
    assert chrome_kind("تنويه الوزارة بجهود الفرق الميدانية لقي ترحيبا واسعا.") is None  # no label



def test_a_print_bars_send_by_email_button_is_chrome_not_a_byline():
    """tune30 wire_khaleej_cabinet_statement: «إرسال بالبريد» under «طباعة» was taken as the
    writer's name (two words, letters only: :func:`bylines.looks_like_name` says yes)."""
    for text in ("إرسال بالبريد", "أرسل بالبريد", "إرسال بالبريد الإلكتروني"):
        assert chrome_kind(text) == "share/tools widget", text


def test_how_to_cite_the_article_is_chrome():
    # tune35 iq_author_box_analysis: «للاقتباس: الساعدي، كرار. «موازنة 2027 …»، مركز …» under a
    # think tank's analysis was its last paragraph
    assert chrome_kind("للاقتباس: الساعدي، كرار. «موازنة 2027: هل يكسر العراق حلقة الاعتماد على النفط؟»، مركز دجلة للدراسات، 1 كانون الأول 2026.") == "footer/meta line"
    assert chrome_kind("وقال الباحث إن الاقتباس من الدراسات السابقة لا يكفي لفهم الموازنة.") is None


def test_a_menu_button_at_either_end_of_the_logo_line():
    # tune35 iq_amp_minimal / sa_amp_dust_alert: «☰ المربد نيوز», «رصد الشمال القائمة»
    assert chrome.without_menu_button("☰ المربد نيوز") == "المربد نيوز"
    assert chrome.without_menu_button("رصد الشمال القائمة") == "رصد الشمال"
    assert chrome.without_menu_button("القائمة النهائية للمرشحين") == "القائمة النهائية للمرشحين"
    assert chrome.without_menu_button("Al Mirbad News ≡") == "Al Mirbad News"


def test_a_live_blogs_controls_are_chrome():
    # tune35 om_live_updates: «التحديثات الحية (٤)» and «الأحدث أولاً» over the updates were read
    # as two list items of the article
    assert chrome_kind("التحديثات الحية (٤)") == "live blog controls"
    assert chrome_kind("الأحدث أولاً") == "live blog controls"
    assert chrome_kind("الأحدث أولاً في أسواق الخليج") is None


def test_a_pages_feedback_question_and_a_login_form_are_chrome():
    # tune38 om_ministry: «هل كانت هذه الصفحة مفيدة؟» under a ministry's news was its last
    # paragraph; tune39 dz_forum_post: a login form's fields on one line were the deck
    assert chrome_kind("هل كانت هذه الصفحة مفيدة؟") == "navigation"
    assert chrome_kind("اسم العضو كلمة المرور تسجيل الدخول") == "login form"
    assert chrome_kind("وقال الخبير إن تغيير كلمة المرور كل شهر يحمي الحسابات من الاختراق بنسبة كبيرة جداً وفق الدراسة الأخيرة") is None


def test_a_view_of_the_event_is_a_caption():
    # tune38 iq_zagros_news: «جانب من البيوت المرممة … - زاگروس نيوز» under the deck outscored
    # the headline, and the deck became the title
    assert chrome_kind("جانب من البيوت المرممة في محلة التكية داخل قلعة أربيل - زاگروس نيوز") == "caption"


def test_paid_content_labels_a_partners_credit_and_a_live_stream_link_are_chrome():
    # tune40 gb_arab_students_visa: «هذا المحتوى من «…» بالشراكة مع ضوء» under the headline was the
    # deck, and a paid card under «محتوى مدفوع» two list items of the text; jo_petra_visitors: the
    # «البث المباشر» link was the site's name
    assert chrome_kind("محتوى مدفوع") == "sponsored label"
    assert chrome.is_block_label("محتوى مدفوع")
    assert chrome_kind("هذا المحتوى من «مرصد التعليم العربي» بالشراكة مع ضوء") == "partner credit"
    assert chrome_kind("البث المباشر") == "navigation"
    assert chrome_kind("وقال إن هذا المحتوى من الدراسات لا يكفي لفهم ما جرى في الأسواق خلال الأسابيع الماضية.") is None


def test_a_glued_print_and_share_bar_and_a_sections_most_read_label():
    # tune42 kw_parliament_rent_law: «طباعةمشاركةXواتساب» and «الأكثر قراءة في برلمان» under the
    # text were read as list items of the article
    assert chrome_kind("طباعةمشاركةXواتساب") == "share/tools widget"
    assert chrome_kind("الأكثر قراءة في برلمان") == "related-articles label"
    assert chrome_kind("الأكثر قراءة في الأسبوع الماضي كان تقرير الموازنة عن المدارس الحكومية.") is None


def test_a_label_known_by_its_shape_alone_is_told_from_a_printed_one():
    assert chrome.related_by_shape_only("بنود أخرى")
    assert not chrome.related_by_shape_only("أخبار ذات صلة")
    assert not chrome.related_by_shape_only("ثم رفع رئيس المجلس الجلسة إلى يوم الثلاثاء المقبل.")


def test_a_read_more_button_with_its_arrow_is_navigation():
    """tune44 ae_fujairah_desalination_plant: the expander «اقرأ المزيد ⌄» in the middle of the
    body was no chrome with its caret, and made a list of two items with the subheading under it."""
    for button in ("اقرأ المزيد ⌄", "اقرأ المزيد »", "عرض المزيد ▼"):
        assert chrome_kind(button) == "navigation", button
    assert chrome_kind("الوزير يقرأ المزيد من التقارير »") is None


def test_what_closes_a_column_is_chrome():
    """Probes of a column's end (round 43's kinds of page): a signature after a dash, the
    writer's handle, the label of the writer's other columns and the disclaimer in its
    masculine singular form stayed in the body or made a closing box of the related list."""
    assert chrome_kind("— د. سامر عودة") == "signature"
    assert chrome_kind("– في غزة اليوم") is None  # a function word: no name
    for handle in ("@samer_odeh", "X: @samer_odeh"):
        assert chrome_kind(handle) == "e-mail/URL", handle
    for label in ("مقالات أخرى للكاتب", "المزيد من مقالات الكاتبة", "للكاتب نفسه", "مقالات للكاتب نفسه"):
        assert chrome_kind(label) == "related-articles label", label
    assert chrome_kind("مقالات الرأي") is None
    assert chrome_kind("ما يُنشر في هذه الزاوية يعبّر عن رأي كاتبه.") == "comment rules"


def test_a_bar_of_print_send_and_font_size_buttons_is_a_tools_widget():
    # tune63 EG_fayoum_tunis_village_potter_interview: the bar was read as a breadcrumb
    assert chrome_kind("نسخة للطباعة | أرسل لصديق | تكبير الخط | تصغير الخط") == "share/tools widget"
    assert chrome_kind("طباعة • حفظ") == "share/tools widget"
    assert chrome_kind("الرئيسية | أخبار | حوارات") != "share/tools widget"


def test_a_series_part_is_a_label():
    # tune64 IQ_series_part3_marshes_buffalo_herders
    assert chrome_kind("الحلقة الثالثة") == "series part"
    assert chrome_kind("الجزء 2") == "series part"
    assert chrome_kind("حلقة نقاش") is None
    assert chrome.opens_with_series_part("الحلقة الثالثة | رحلة في الأهوار")
    assert not chrome.opens_with_series_part("حلقة نقاش | الأهوار")


def test_buttons_glued_by_spaces_alone_are_a_tools_widget():
    # tune65 SA_jeddah_book_fair: «تكبير الخط تصغير الخط» under the date was read as a writer's name
    assert chrome_kind("تكبير الخط تصغير الخط") == "share/tools widget"
    assert chrome_kind("طباعة الخبر أرسل لصديق") == "share/tools widget"
    assert chrome_kind("تكبير الخط في الصحف") is None  # words of no button left over
    assert chrome_kind("الخط") is None


def test_a_line_of_hashtags_is_the_articles_tags():
    # tune64 MA_hiwar_film_director_festival: the tags under an interview were its last paragraph
    assert chrome_kind("#نادية_العلوي #رمال_الشتاء #مهرجان_سلا #سينما_مغربية") == "tags"
    assert chrome_kind("#مصر") == "tags"
    assert chrome_kind("#مصر تفوز بالبطولة") is None  # a sentence opening with a hashtag


def test_a_table_row_of_buy_and_sell_prices_is_no_breadcrumb():
    # tune61 YE_rial_exchange_aden_sanaa: the rows of a rates table («2,315 / 2,330») were read
    # as section paths and dropped from the text
    assert chrome_kind("الدولار الأمريكي\t2,315 / 2,330\t533 / 535") != "breadcrumb"
    assert chrome_kind("الرئيسية / اقتصاد / أسعار الصرف") == "breadcrumb"


def test_a_same_section_label_with_its_colon_is_a_related_label():
    # tune66 MR_anemia_women_survey: «أخبار من نفس القسم:» and the tools line above it ended the text
    assert chrome_kind("أخبار من نفس القسم:") == "related-articles label"
    assert chrome_kind("طباعة أرسل إلى صديق PDF") == "share/tools widget"


def test_a_share_bar_naming_what_it_shares():
    # blind50 DZ_photo_gallery_oasis: «شارك الألبوم: فايسبوك تويتر» (a share word, its object, the
    # networks) was no share bar, so the gallery's "other albums" list under it ran into the body
    for bar in ("شارك الصور: فايسبوك تويتر", "انشر المقال عبر: واتساب تلغرام", "مشاركة الخبر | فيسبوك | إكس",
                "شارك القصة فيسبوك تويتر"):
        assert chrome_kind(bar) == "share/tools widget", bar
    assert chrome_kind("شارك الوزير في الاجتماع الطارئ") is None  # no network after the verb and its object
    assert chrome_kind("شارك الفريق في بطولة تويتر للرياضات الإلكترونية") is None


def test_a_labelled_source_or_reference_credit_whatever_it_ends_with():
    # blind50 XA_science_portal: «المرجع: دراسة منشورة في دورية …، 2026.» ends with a stop
    assert chrome.is_source_credit("المرجع: دراسة منشورة في مجلة الطب الحديث، العدد 4، 2026.")
    assert chrome.is_source_credit("المصدر: وكالة الأنباء الرسمية")
    assert chrome.is_source_credit("Source : Reuters")
    assert not chrome.is_source_credit("مصدر القلق الأكبر: ارتفاع الأسعار في الأسواق.")  # no label before the colon
    assert not chrome.is_source_credit("وقال المصدر: إن المفاوضات ستستأنف الأسبوع المقبل.")
    # attack48b r1: a long sentence under the label names no publication, year or link: an answer
    assert not chrome.is_source_credit("المصدر: ستبدأ الرحلات الجديدة مطلع الشهر المقبل بعد اكتمال أعمال الصالة، "
                                       "ولن ترتفع أسعار التذاكر على الخط الحالي الذي يخدم آلاف المسافرين.")
    assert not chrome.is_source_credit("المصدر: لن ترتفع أسعار التذاكر على الخط الحالي قبل نهاية الصيف.")
    # /tmp/attack48c/r11: a ministry or another public body is a source as an agency is
    assert chrome.is_source_credit("المصدر: وزارة الصحة الفلسطينية ومنظمة الصحة العالمية.")


def test_a_read_also_label_the_copy_glued_to_its_headline():
    # blind51 AE_realestate_prices: «اقرأ أيضاًإيجارات أبوظبي …» (label and link in two elements,
    # no space between) was read as a subheading; spaced or with a colon it was already chrome
    kind = "related card (label: headline)"
    assert chrome_kind("اقرأ أيضاًارتفاع أسعار الذهب في الأسواق المحلية") == kind
    assert chrome_kind("طالع كذلكالحكومة تقر موازنة العام المقبل") == kind
    assert chrome_kind("اقرأ أيضاً ارتفاع أسعار الذهب في الأسواق المحلية") == kind
    assert chrome_kind("اقرأ أيضاً:ارتفاع أسعار الذهب في الأسواق المحلية") == kind
    assert chrome_kind("ارتفاع أسعار الذهب في الأسواق المحلية") is None
    # /tmp/attack48b (outside its scripts): «تابع» is also the past tense «he followed»: a
    # paragraph opening «تابع كذلك المحافظ …» and closed by a full stop was dropped as a card
    assert chrome_kind("تابع كذلك المحافظ سير العمل في مشروع الطريق الدائري وأمر بتسريع التنفيذ.") is None
    assert chrome_kind("شاهد أيضا الرئيس الافتتاح مع الوزراء في القاعة الكبرى.") is None
    # /tmp/attack48c/r4: a sentence ends with a question mark, or its stop inside a closing quote
    assert chrome_kind("تابع كذلك المحافظ سير العمل وسأل: «متى ينتهي المشروع؟»") is None
    assert chrome_kind("تابع كذلك المحافظ سير العمل وقال: «سننجز المشروع قبل الصيف.»") is None
    # /tmp/attack48c/r9: «اقرأ» and «طالع» are only ever commands: a card even with a stop
    assert chrome_kind("اقرأ أيضا وزير الصحة يعلن خطة لتطوير المستشفيات الجنوبية.") == kind


def test_a_cookie_consent_banner_with_its_buttons():
    # blind51 MR_culture_poem: «يستخدم هذا الموقع الكوكيز. قبول رفض» right above the headline
    # was taken for its kicker
    for banner in ("يستخدم هذا الموقع الكوكيز. قبول رفض", "نستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق",
                   "يعتمد موقعنا على ملفات الارتباط قبول الكل | رفض", "This website uses cookies. Accept"):
        assert chrome_kind(banner) == "cookie notice", banner
    # cookies named without the banner's buttons, or buttons without cookies: not this kind
    assert chrome_kind("يمكن للمستخدم رفض ملفات تعريف الارتباط من إعدادات المتصفح") is None
    assert chrome_kind("أعلن المجلس قبول الطلب بعد الرفض") is None
