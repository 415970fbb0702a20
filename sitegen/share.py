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


@dataclass(frozen=True)
class ShareLink:
    """One share link: ``target`` (``whatsapp`` … ``copy``) and its ``url``."""

    target: str
    url: str


#: Each UTF-8 byte as ``quote(…, safe="")`` writes it: the unreserved ASCII characters
#: (RFC 3986 §2.3) as themselves, every other byte as ``%XX``.
_QUOTED = tuple(chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_.-~") else f"%{b:02X}"
                for b in range(256))


@lru_cache(maxsize=256)  # one article's title and URL are quoted for several targets
def _q(text: str) -> str:
    """``urllib.parse.quote(text, safe="")``, the same text, a table look-up a byte (an Arabic
    title is ~100 bytes, each quoted)."""
    return "".join(map(_QUOTED.__getitem__, text.encode("utf-8")))


#: Each target's share address from the quoted URL and title (``u``, ``t``) and the plain URL.
_ADDRESSES = {
    "whatsapp": lambda u, t, url: f"https://wa.me/?text={t}%20{u}",  # quote(title + " " + url)
    "telegram": lambda u, t, url: f"https://t.me/share/url?url={u}&text={t}",
    "x": lambda u, t, url: f"https://x.com/intent/post?url={u}&text={t}",
    "facebook": lambda u, t, url: f"https://www.facebook.com/sharer/sharer.php?u={u}",
    "email": lambda u, t, url: f"mailto:?subject={t}&body={u}",
    "copy": lambda u, t, url: url,
}


def share_url(target: str, url: str, title: str) -> str:
    """The share address of ``target`` for the page at ``url`` (absolute, ASCII) titled
    ``title``. Raises :class:`KeyError` for an unknown target."""
    return _ADDRESSES[target](_q(url), _q(title), url)


def share_links(targets: tuple[str, ...], url: str, title: str) -> list[ShareLink]:
    """:class:`ShareLink` for each of ``targets`` (config ``share``), in that order."""
    quoted_url, quoted_title = _q(url), _q(title)
    return [ShareLink(target, _ADDRESSES[target](quoted_url, quoted_title, url)) for target in targets]
