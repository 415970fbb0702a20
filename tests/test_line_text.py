"""sitegen.loaders.line_text: folded keys, counts and line endings, on invented lines."""

from sitegen.loaders import line_text


def test_arabic_indic_zero_is_a_full_stop_only_after_a_letter():
    assert line_text.ends_sentence("وانتهى الاجتماع بالاتفاق٠")
    assert not line_text.ends_sentence("خطة موحدة للربط السككي بحلول ٢٠٣٠")  # a year, not a full stop
    assert line_text.ends_mid_sentence("خطة موحدة للربط السككي بحلول ٢٠٣٠")
