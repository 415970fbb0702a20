"""Loaders: content files (raw text dumps and Markdown with front matter) → :class:`Article`.

The suffixes of the files they read are named here, not in :mod:`sitegen.loaders.article`: the
content walk (:mod:`sitegen.sources`) needs them before a build knows whether anything changed,
without importing the loaders themselves (Markdown, the dump reader's rules: ~40 ms).
"""

MARKDOWN_SUFFIXES = (".md", ".markdown")
RAW_SUFFIXES = (".txt",)
CONTENT_SUFFIXES = MARKDOWN_SUFFIXES + RAW_SUFFIXES
