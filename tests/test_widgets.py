"""sitegen.loaders.widgets: page widgets read across neighbouring lines (captions credited
below, sign-up boxes, pull quotes, video players), as :func:`~sitegen.loaders.lines.split_lines`
marks them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sitegen.loaders.lines import split_lines

CAIRO = ZoneInfo("Africa/Cairo")


def features(text: str):
    return {line.text: line for line in split_lines(text, CAIRO) if not line.blank}


def test_line_right_above_a_photographer_credit_is_a_caption():
    # tune6: a caption over «عدسة: NAME» read as a subheading of the text below
    got = features("حرفيون يعيدون بناء أحد العقود الحجرية في السوق\nعدسة: مازن الحلبي\n\n"
                   "تمويل محلي ودولي\n\nوأشار إلى أن نحو 400 محل تجاري عاد أصحابها إلى العمل.")
    assert got["حرفيون يعيدون بناء أحد العقود الحجرية في السوق"].vocabulary == "caption (credited below)"
    assert got["عدسة: مازن الحلبي"].vocabulary == "caption"
    assert got["تمويل محلي ودولي"].vocabulary is None  # a blank line stands between it and no credit


def test_caption_over_a_photographer_credit_set_apart_by_a_blank_line_is_a_caption():
    # tune6 re-set with a blank after every line: the caption lost its credit and read as a subheading
    got = features("حرفيون يعيدون بناء أحد العقود الحجرية في السوق\n\nعدسة: مازن الحلبي\n\n"
                   "تمويل محلي ودولي\n\nوأشار إلى أن نحو 400 محل تجاري عاد أصحابها إلى العمل.")
    assert got["حرفيون يعيدون بناء أحد العقود الحجرية في السوق"].vocabulary == "caption (credited below)"
    # a sentence across the blank line is the text's last paragraph, not the photo's caption
    sentence = features("وقال المدير إن العمل مستمر في السوق القديم.\n\nتصوير: مازن الحلبي")
    assert sentence["وقال المدير إن العمل مستمر في السوق القديم."].vocabulary is None
    # a short credit with no photographer's word takes no caption across a blank line
    archive = features("سوق العطارين بعد الترميم\n\nأرشيفية\n\nوأشار إلى أن العمل مستمر.")
    assert archive["سوق العطارين بعد الترميم"].vocabulary is None


def test_captions_in_a_row_written_as_sentences_are_a_photo_storys_text():
    # tune53 IQ_basra_corniche_photos: a photo story told in four credited captions had no body
    # at all (every caption chrome), so the page failed with «no title and no body text found»
    captions = ["عائلات بصرية تتنزه على كورنيش شط العرب مع اعتدال درجات الحرارة مساء الأحد.",
                "أطفال يلهون قرب تمثال السياب وسط الكورنيش.",
                "زوارق سياحية تنقل المتنزهين في جولات قصيرة على الشط."]
    got = features("\n".join(f"{c}\nتصوير: حيدر المالكي" for c in captions))
    assert [got[c].vocabulary for c in captions] == ["photo story caption"] * 3
    # two pictures are no story, and captions that are not sentences stay the pictures'
    two = features("\n".join(f"{c}\nتصوير: حيدر المالكي" for c in captions[:2]))
    assert two[captions[0]].vocabulary == "caption (credited below)"
    labels = ["أطفال قرب تمثال السياب", "زوارق سياحية على الشط", "باعة على الكورنيش"]
    plain = features("\n".join(f"{c}\nتصوير: حيدر المالكي" for c in labels))
    assert not any(plain[c].vocabulary == "photo story caption" for c in labels)


def test_a_newsletter_box_closed_by_its_button_is_chrome():
    # tune7: the box's heading became a subheading and its pitch a paragraph
    got = features("النشرة الصباحية\n\nاحصل كل صباح على أهم الأخبار في رسالة واحدة تصل إلى بريدك الإلكتروني.\n\nاشترك")
    assert got["النشرة الصباحية"].vocabulary == "sign-up box"
    assert got["احصل كل صباح على أهم الأخبار في رسالة واحدة تصل إلى بريدك الإلكتروني."].vocabulary == "sign-up box"
    # tune16: a pitch whose «you» word ends the sentence («… في بريدك.») was read as the last paragraph
    ended = features("النشرة الصباحية\n\nأهم الأخبار كل صباح في بريدك.\n\nاشترك الآن")
    assert ended["أهم الأخبار كل صباح في بريدك."].vocabulary == "sign-up box"
    # the article's last paragraph above a bare button is no pitch
    story = features("وقال الوزير إن الخطة ستنفذ على ثلاث مراحل خلال العام المقبل.\n\nاشترك")
    assert story["وقال الوزير إن الخطة ستنفذ على ثلاث مراحل خلال العام المقبل."].vocabulary is None


def test_a_pull_quote_and_its_attribution_are_chrome():
    # tune8: both read as subheadings between the paragraphs
    got = features("«الحرفي الإفريقي لا يحتاج إلى الشفقة، بل إلى سوق عادلة»\n\n— مديرة المعرض")
    assert got["«الحرفي الإفريقي لا يحتاج إلى الشفقة، بل إلى سوق عادلة»"].vocabulary == "pull quote"
    assert got["— مديرة المعرض"].vocabulary == "pull quote"
    # a quoted paragraph with no attribution line is the article's text
    alone = features("«نحن أمام مرحلة جديدة في العلاقات بين البلدين»\n\nوأضاف الوزير أن الاتفاق سيوقع الشهر المقبل.")
    assert alone["«نحن أمام مرحلة جديدة في العلاقات بين البلدين»"].vocabulary is None


def test_a_video_players_title_and_caption_around_its_running_time_are_flagged():
    # tune14: a video block between paragraphs («فيديو», its title, «02:41», its caption with
    # the site's credit) left the title and the caption as subheadings
    text = "\n\n".join(["فقرة أولى من الخبر تتحدث عن افتتاح المسار الجديد للدراجات في المدينة.", "فيديو",
                        "جولة على مسار الدراجات الجديد", "02:41", "المسار عند الشاطئ صباح اليوم (الموقع)",
                        "وفقرة ثانية من الخبر تكمل الحديث عن المسار ومحطاته."])
    shown = [l for l in split_lines(text, CAIRO) if not l.blank]
    assert [l.vocabulary for l in shown][2:5] == ["video player", "clock time", "video player"]
    assert shown[5].vocabulary is None


def test_a_short_line_above_a_time_with_no_video_label_is_not_flagged():
    text = "\n\n".join(["فقرة أولى من الخبر.", "موعد الانطلاق", "02:41", "فقرة ثانية من الخبر."])
    assert all(l.vocabulary != "video player" for l in split_lines(text, CAIRO))


def test_media_labels_and_captions_are_told_by_their_shape():
    # regression (blind53 b53_02): a video's label alone and its caption «فيديو | … (03:41)»;
    # /tmp/attack49b r6, r9, r15, r16: two dots after a media word and a bare «صور» open a
    # subheading as often; «شاهد بالفيديو», «إنفوغرافيك» and «فيديوهات» alone are labels
    from sitegen.loaders.line_text import norm_key
    from sitegen.loaders.widgets import is_media_label, opens_with_media_label
    assert all(is_media_label(norm_key(t)) for t in ("فيديو", "بالصور:", "شاهد", "إنفوجرافيك", "Vidéo",
                                                      "شاهد بالفيديو", "إنفوغرافيك", "فيديوهات"))
    assert not any(is_media_label(norm_key(t)) for t in ("صور", "التشكيلتان", "صورة تقول أكثر من الحوار"))
    assert all(opens_with_media_label(norm_key(t)) for t in (
        "فيديو | ملخص المباراة", "بالصور: كورنيش المدينة", "الصور - تدريبات الفريق", "شاهد: لقطات من الحفل",
        "إنفوغرافيك | أرقام الموسم"))
    assert not any(opens_with_media_label(norm_key(t)) for t in (
        "صور، 22 يوليو", "فيديوهات الهواة", "شاهدنا الحفل", "الفيديو.. والرواية الرسمية", "صور - مدينة الصيادين",
        "بالصور.. كورنيش المدينة"))
