"""Loaders: content files (raw text dumps and Markdown with front matter) → :class:`Article`."""
