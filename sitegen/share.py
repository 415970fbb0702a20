"""Share links of an article page: plain links to each network's own share address.

No third-party script, button or tracking pixel is loaded: each link is an ordinary ``<a>``
that opens the network's share page with the article's absolute URL and title filled in
(the ``copy`` entry links to the article itself; the theme's small script copies it).
Query values are percent-encoded as UTF-8 (RFC 3986 §2.1); the addresses are the ones each
service documents for sharing a link:

* WhatsApp ``https://wa.me/?text=`` (WhatsApp "click to chat")
* Telegram ``https://t.me/share/url?url=&text=`` (Telegram "share links")
* X ``https://x.com/intent/post?url=&text=`` (X "web intents")
* Facebook ``https://www.facebook.com/sharer/sharer.php?u=`` (Facebook sharer)
* e-mail ``mailto:?subject=&body=`` (RFC 6068)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote


@dataclass(frozen=True)
class ShareLink:
    """One share link: ``target`` (``whatsapp`` … ``copy``) and its ``url``."""

    target: str
    url: str


@lru_cache(maxsize=256)  # one article's title and URL are quoted for several targets
def _q(text: str) -> str:
    return quote(text, safe="")


def share_url(target: str, url: str, title: str) -> str:
    """The share address of ``target`` for the page at ``url`` (absolute, ASCII) titled
    ``title``. Raises :class:`KeyError` for an unknown target."""
    return {
        "whatsapp": lambda: f"https://wa.me/?text={_q(title + ' ' + url)}",
        "telegram": lambda: f"https://t.me/share/url?url={_q(url)}&text={_q(title)}",
        "x": lambda: f"https://x.com/intent/post?url={_q(url)}&text={_q(title)}",
        "facebook": lambda: f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}",
        "email": lambda: f"mailto:?subject={_q(title)}&body={_q(url)}",
        "copy": lambda: url,
    }[target]()


def share_links(targets: tuple[str, ...], url: str, title: str) -> list[ShareLink]:
    """:class:`ShareLink` for each of ``targets`` (config ``share``), in that order."""
    return [ShareLink(target, share_url(target, url, title)) for target in targets]
