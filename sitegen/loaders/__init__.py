"""Loaders: content files (raw text dumps and Markdown with front matter) → :class:`Article`.

The suffixes of the files they read are named here, not in :mod:`sitegen.loaders.article`: the
content walk (:mod:`sitegen.sources`) needs them before a build knows whether anything changed,
without importing the loaders themselves (Markdown, the dump reader's rules: ~40 ms).
"""

MARKDOWN_SUFFIXES = (".md", ".markdown")
RAW_SUFFIXES = (".txt",)
CONTENT_SUFFIXES = MARKDOWN_SUFFIXES + RAW_SUFFIXES


def is_raw(name: str) -> bool:
    """Whether the content file ``name`` (a path) is a raw dump (:data:`RAW_SUFFIXES`, any
    case): what ``Path(name).suffix.lower() in RAW_SUFFIXES`` says, without a ``Path`` (the
    load stage asks for each of ~10,000 files)."""
    base = name.rpartition("/")[2].lower()
    return base.endswith(RAW_SUFFIXES) and base not in RAW_SUFFIXES  # ".txt" alone is a hidden file
