"""Hostile strings for the escaping tests (tests/test_hostile.py).

Each payload is a plain ``str`` put verbatim into a front matter value (JSON-quoted,
so YAML reads exactly these characters) or into a body. They cover the usual
families: script elements, ``javascript:`` URLs hidden by case, whitespace, control
characters and entities, event handlers, SVG/MathML, ``data:``/``vbscript:`` URLs,
attribute and script-string break-outs, template syntax (Jinja2, Angular, ERB),
``<iframe srcdoc>``, CSS expressions, CDATA and comment tricks for XML and JSON-LD,
Unicode look-alikes and bidi controls, mixed with Arabic text. Sources of the
patterns: the OWASP XSS Filter Evasion Cheat Sheet and the html5sec.org vectors.
"""

from __future__ import annotations

#: Text payloads: used in title, subtitle, summary, tags, section, author, image_alt,
#: image, slug and as raw HTML in the body.
PAYLOADS: list[str] = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" alt="x"onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)//",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<x onclick=alert(1)>انقر</x>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    " \tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\x00script:alert(1)",
    "\x01javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "javascript&colon;alert(1)",
    "javascript://%0Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "'-alert(1)-'",
    '";alert(1);//',
    "\\\";alert(1);//",
    "{{7*7}}",
    "{{ config.__class__.__init__.__globals__ }}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe src="https://evil.example/embed"></iframe>',
    '<a href="javascript:alert(1)">اضغط هنا</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="  jav&#x0A;ascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<script>alert(1)//-->",
    "]]><script>alert(1)</script><![CDATA[",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "＜script＞alert(1)＜/script＞",
    "\u202e<script>alert(1)</script>\u202c",
    "عاجل: <script>alert(\"مرحبا\")</script> خبر",
    "وزير الخارجية \"><img src=x onerror=alert('عربي')> يصرّح",
    "الدخول إلى javascript:alert('اختراق') الآن",
]

#: Markdown link and image payloads (body only).
MARKDOWN_PAYLOADS: list[str] = [
    "[رابط](javascript:alert(1))",
    "[رابط](JAVASCRIPT:alert(1))",
    "[رابط](<javascript:alert(1)>)",
    "[رابط]( javascript:alert(1) )",
    "[رابط](&#106;avascript:alert(1))",
    "[رابط](java&#x09;script:alert(1))",
    "[رابط](vbscript:msgbox(1))",
    "[رابط](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[رابط](https://example.org/ "title\\" onmouseover=\\"alert(1)")',
    "![صورة](javascript:alert(1))",
    "![صورة](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![صورة" onerror="alert(1)](x.png)',
    "<javascript:alert(1)>",
    "[مرجع][xss]\n\n[xss]: javascript:alert(1)",
]

#: URL schemes that must never appear in an ``href``/``src``/``action`` of the output.
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
