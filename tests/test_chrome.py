"""sitegen.loaders.chrome: the web vocabulary of page chrome, on invented lines."""

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
