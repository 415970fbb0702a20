"""sitegen.loaders.sitechrome: what a site repeats across its dumps is its chrome."""

from __future__ import annotations

from sitegen.config import parse_config
from sitegen.loaders.sitechrome import learn_from_files, learn_site_chrome, line_keys

MENU = "الرئيسية\nسياسة\nاقتصاد\n"
RULES = "يرجى الالتزام بمعايير المجتمع عند كتابة التعليقات على الأخبار.\n"


def test_a_single_dump_teaches_nothing():
    assert learn_site_chrome([MENU + "نص الخبر."]) == frozenset()


def test_short_lines_in_two_dumps_are_chrome_and_own_lines_are_not():
    learnt = learn_site_chrome([MENU + "خبر أول عن الطقس.", MENU + "خبر ثان عن الاقتصاد."])
    assert learnt == line_keys(MENU)


ARTICLES = ["افتتح الوزير اليوم الجسر الجديد فوق النهر بعد سنوات من العمل.",
            "أعلنت الوزارة بدء موسم الحصاد في ثماني محافظات وسط توقعات بإنتاج كبير.",
            "قررت البلدية إغلاق الشارع الرئيسي أسبوعين لإصلاح شبكة المياه القديمة."]


def test_a_prose_sentence_needs_three_dumps():
    # two articles of one site may share a background paragraph; comment rules recur everywhere
    assert not learn_site_chrome([a + "\n" + RULES for a in ARTICLES[:2]]) & line_keys(RULES)
    assert line_keys(RULES) <= learn_site_chrome([a + "\n" + RULES for a in ARTICLES])


def test_copies_of_one_article_count_once():
    # regression (holdout): three saves of one page, differing in the header clock, were
    # emptied because every line recurred in three dumps
    copies = [f"الأحد {day} مارس 2024 10:00\n{MENU}{ARTICLES[0]}\n{RULES}" for day in (3, 4, 5)]
    learnt = learn_site_chrome(copies)
    assert not learnt & line_keys(ARTICLES[0] + "\n" + RULES)


def test_result_does_not_depend_on_file_order():
    texts = [MENU + "خبر أول.", "عاجل\n" + MENU, "عاجل\nخبر ثالث."]
    assert learn_site_chrome(texts) == learn_site_chrome(list(reversed(texts)))


def test_keys_fold_spelling_like_the_reader():
    assert line_keys("أخبار مصرية\n\n") == line_keys("اخبار مصريه")


def test_unreadable_files_are_left_out(tmp_path):
    config, _ = parse_config({}, "site.yaml")
    good = tmp_path / "a.txt"
    good.write_text(MENU + ARTICLES[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(MENU + ARTICLES[1], encoding="utf-8")
    assert learn_from_files([good, tmp_path / "b.txt", tmp_path / "missing.txt"], config) == line_keys(MENU)
