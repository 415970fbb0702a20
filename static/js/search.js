/* Site search page: reads ?q= from the URL, asks the Pagefind index (search/pagefind/, with
 * its other parts and the delta bundle of an incremental build merged in and the stale pages left out:
 * sitegen.search.write_index) and lists the articles found: headline, date, section and an
 * excerpt with the matches marked.
 *
 * The query goes through queryKey(), a port of sitegen.search_terms.query_key (each word's
 * search_key = arabic fold_for_matching + strip_prefixes, its letters and digits only, without
 * the function words of STOP_TERMS, written in ASCII word characters by sitegen.term_code),
 * because the index holds every word but those in that form.
 * A record's content is the article's index terms, each once; its words as written, for
 * the excerpt, are in search/text/, and its headline, date and section in its URL's fragment
 * (sitegen.search_entries.article_entry). tests/test_search.py checks these ports against the
 * Python functions on the same inputs.
 */
(function () {
  "use strict";

  // sitegen/arabic.py: INVISIBLE, _TASHKEEL, _TATWEEL, _FOLD_DIGITS, _FOLD_LETTERS.
  var INVISIBLE = /[\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
  var TASHKEEL = /[\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var TATWEEL = /\u0640/g;
  var LETTERS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a"
  };
  var FOLD_LETTERS = /[\u0623\u0625\u0622\u0671\u0649\u0629\u0624\u0626]/g;
  var DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
  // Exactly the characters Python's str.split() splits at (JavaScript's \s also has U+FEFF).
  var SPACES = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  // arabic.strip_prefixes (Larkey et al. 2002, light10).
  var CONJUNCTION = "\u0648";
  var ARTICLES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
                  "\u0644\u0644", "\u0627\u0644"];
  var PAGE_SIZE = 10;
  var EXCERPT_BEFORE = 12;
  var EXCERPT_WORDS = 36;

  function words(text) {
    return text.split(SPACES).filter(function (w) { return w !== ""; });
  }

  function foldForMatching(text) {
    text = text.normalize("NFC").replace(INVISIBLE, "").replace(TASHKEEL, "").replace(TATWEEL, "");
    text = text.replace(DIGITS, function (d) {
      var code = d.charCodeAt(0);
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
    });
    text = text.replace(FOLD_LETTERS, function (c) { return LETTERS[c]; }).toLowerCase();
    return words(text).join(" ");
  }

  function stripPrefixes(word) {
    if (word.startsWith(CONJUNCTION) && word.length - 1 >= 3) word = word.slice(1);
    for (var i = 0; i < ARTICLES.length; i++) {
      if (word.startsWith(ARTICLES[i]) && word.length - ARTICLES[i].length >= 2) {
        return word.slice(ARTICLES[i].length);
      }
    }
    return word;
  }

  function searchKey(word) {
    var folded = foldForMatching(word);
    return folded ? stripPrefixes(folded) : word;
  }

  // sitegen.search_terms.STOP_TERMS: function words, neither indexed nor looked up (test_search
  // checks the copy).
  var STOP_TERMS = new Set([
    "اثناء", "اذ", "اذا", "ازاء", "الي", "ان", "انه", "انها", "او", "ايضا", "بحسب", "بدون",
    "برغم", "بسبب", "بعد", "بل", "به", "بها", "بين", "تجاه", "تحت", "تكون", "تلك", "تي", "ثم",
    "حتي", "حول", "حيث", "خلال", "دون", "ذلك", "ذي", "ذين", "رغم", "ضد", "ضمن", "طوال", "عقب",
    "علي", "عليه", "عليها", "عن", "عند", "غير", "فوق", "في", "فيه", "فيها", "قبل", "قد", "كان",
    "كانت", "كل", "كما", "لا", "لان", "لتين", "لدي", "لذين", "لكن", "لكنه", "لم", "لن", "له",
    "لها", "لواتي", "ما", "مع", "من", "منذ", "منه", "منها", "نحو", "هذا", "هذه", "هل", "هم",
    "هناك", "هو", "هي", "و", "وان", "وفق", "وفي", "وقد", "ولا", "ولم", "ومن", "وهو", "وهي",
    "يكون", "يه"
  ]);

  // sitegen.search_terms.folded_term: a search key with only its letters and digits (NFD first,
  // so that the marks of a word not all ASCII go too).
  var NOT_TERM = /[^\p{L}\p{N}]/gu;
  var NOT_ASCII = /[^\u0000-\u007f]/;

  function foldedTerm(word) {
    var key = searchKey(word);
    if (NOT_ASCII.test(key)) key = key.normalize("NFD");
    return key.replace(NOT_TERM, "");
  }

  // sitegen.term_code: each character's codeword in [0-9a-z], no codeword the start of another.
  var CODE_LETTERS = {
    "\u0621": "i", "\u0627": "a", "\u0628": "b", "\u062a": "t", "\u062b": "v", "\u062c": "j",
    "\u062d": "h", "\u062e": "x", "\u062f": "d", "\u0630": "u", "\u0631": "r", "\u0632": "z",
    "\u0633": "s", "\u0634": "c", "\u0635": "p", "\u0636": "2", "\u0637": "3", "\u0638": "4",
    "\u0639": "e", "\u063a": "g", "\u0641": "f", "\u0642": "q", "\u0643": "k", "\u0644": "l",
    "\u0645": "m", "\u0646": "n", "\u0647": "o", "\u0648": "w", "\u064a": "y"
  };
  var ASCII_ESCAPE = "9", OTHER_ESCAPE = "8", OTHER_DIGITS = 4;
  var ASCII_WORD = /^[0-9a-z]$/;
  // sitegen.search_terms.TERM_END (sitegen.term_code.END): ends every indexed term.
  var TERM_END = "0";

  function termCode(term) {
    var code = "";
    for (var c of term) {  // by code point, as Python
      if (Object.prototype.hasOwnProperty.call(CODE_LETTERS, c)) code += CODE_LETTERS[c];
      else if (ASCII_WORD.test(c)) code += ASCII_ESCAPE + c;
      else code += OTHER_ESCAPE + c.codePointAt(0).toString(36).padStart(OTHER_DIGITS, "0");
    }
    return code;
  }

  // sitegen.search_terms.index_term: the coded folded term.
  function indexTerm(word) {
    return termCode(foldedTerm(word));
  }

  // sitegen.search_terms.query_key: the index term of every word but those without letters or
  // digits and the stop terms.
  function queryKey(query) {
    return words(query).map(foldedTerm).filter(function (t) { return t !== "" && !STOP_TERMS.has(t); })
      .map(termCode).join(" ");
  }

  window.SitegenSearch = {foldForMatching: foldForMatching, stripPrefixes: stripPrefixes,
                          searchKey: searchKey, queryKey: queryKey, foldedTerm: foldedTerm,
                          termCode: termCode, indexTerm: indexTerm, stopTerms: Array.from(STOP_TERMS)};

  /* The words as written of one result (sitegen.search_entries.write_texts): gzip, unless the
   * host already undid that (a .gz sent with Content-Encoding: gzip). [] when they cannot be had. */
  async function writtenWords(url) {
    try {
      var response = await fetch(url);
      if (!response.ok) return [];
      var bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      }
      return new TextDecoder().decode(bytes).split(" ");
    } catch (error) {
      return [];
    }
  }

  /* sitegen.search.LIVE_FILE: the main bundle's other parts and the delta bundle (folders
   * inside the main bundle's: a list, and one or null) and the main bundle's stale page ids.
   * An index written before it existed has none. */
  var LIVE_FILE = "sitegen-live.json";

  async function liveState(url) {
    var response = await fetch(url);
    if (response.status === 404) return {delta: null, parts: [], stale: []};
    if (!response.ok) throw new Error("search state: HTTP " + response.status);
    var live = await response.json();
    var isName = function (p) { return typeof p === "string"; };
    return {delta: isName(live.delta) ? live.delta : null,
            parts: Array.isArray(live.parts) ? live.parts.filter(isName) : [],
            stale: Array.isArray(live.stale) ? live.stale : []};
  }

  function localDigits(text, digits) {
    return digits === "arab" ? text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : text;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The words around the first match in the subtitle or body (the headline is shown above it),
   * as written, matches wrapped in <mark>. Pagefind's locations point at the index terms it
   * matched: every written word with one of those terms is marked. */
  function excerpt(data, all, title) {
    var terms = data.content.split(" ").map(function (t) {
      return t.endsWith(TERM_END) ? t.slice(0, -TERM_END.length) : t;
    });
    var matched = new Set((data.locations || []).map(function (p) { return terms[p]; }));
    var headline = Math.min(words(title).length, all.length);
    var marked = new Set();
    for (var i = 0; i < all.length; i++) if (matched.has(indexTerm(all[i]))) marked.add(i);
    var inBody = Array.from(marked).filter(function (p) { return p >= headline; });
    var start = inBody.length ? Math.max(headline, inBody[0] - EXCERPT_BEFORE) : headline;
    var end = Math.min(all.length, start + EXCERPT_WORDS);
    var paragraph = element("p", "result-excerpt");
    if (start > headline) paragraph.append("… ");
    for (var j = start; j < end; j++) {
      paragraph.append(marked.has(j) ? element("mark", "", all[j]) : all[j]);
      if (j + 1 < end) paragraph.append(" ");
    }
    if (end < all.length) paragraph.append(" …");
    return paragraph;
  }

  /* One result's data, link, shown date and section, and words as written. The record's URL
   * carries date, section and the written words' file name in its fragment
   * (sitegen.search_entries.article_entry). */
  async function resultOf(found, textFolder) {
    var data = await found.data();
    var target = new URL(data.raw_url || data.url, document.baseURI);
    var shown = new URLSearchParams(target.hash.slice(1));
    target.hash = "";
    var text = shown.get("text") || "";
    var written = /^[0-9a-f]+\.gz$/.test(text) ? await writtenWords(new URL(text, textFolder)) : [];
    return {data: data, target: target, shown: shown, written: written};
  }

  function resultItem(result) {
    var data = result.data, shown = result.shown;
    var item = element("li", "search-result");
    var heading = element("h2");
    var title = shown.get("title") || "";
    var link = element("a", "", title);
    link.href = result.target.href;
    heading.append(link);
    item.append(heading);
    var meta = element("p", "result-meta");
    if (shown.get("date")) meta.append(element("span", "result-date", shown.get("date")));
    if (shown.get("section")) meta.append(element("span", "result-section", shown.get("section")));
    if (meta.childNodes.length) item.append(meta);
    item.append(excerpt(data, result.written, title));
    return item;
  }

  function countMessage(box, n) {
    var category = new Intl.PluralRules(document.documentElement.lang || "ar").select(n);
    var template = box.dataset["msgCount" + category[0].toUpperCase() + category.slice(1)] ||
                   box.dataset.msgCountOther;
    return template.replace("{n}", localDigits(String(n), box.dataset.digits));
  }

  async function run(box) {
    var status = box.querySelector(".search-status");
    var list = box.querySelector(".search-results");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    box.querySelector("input[name=q]").value = query;
    var key = queryKey(query);
    if (!key) {  // no words, or only function words, which are not indexed
      status.textContent = words(query).length ? box.dataset.msgNone : box.dataset.msgEmpty;
      return;
    }
    status.textContent = box.dataset.msgSearching;
    var pagefind;
    var bundle = new URL(box.dataset.bundle, document.baseURI);
    var textFolder = new URL("../text/", bundle);  // search/pagefind/pagefind.js → search/text/
    var live;
    try {
      var loading = liveState(new URL(LIVE_FILE, bundle));
      pagefind = await import(bundle.href);
      await pagefind.init();
      live = await loading;
      // Pagefind adds each merged index when asked (in this order) and loads them side by side.
      var merged = live.parts.concat(live.delta ? [live.delta] : []);
      await Promise.all(merged.map(function (folder) { return pagefind.mergeIndex(new URL(folder, bundle).href); }));
    } catch (error) {
      status.textContent = box.dataset.msgUnavailable;
      return;
    }
    // Pages of the main bundle whose article was edited or deleted since it was made.
    var stale = new Set(live.stale);
    var found = (await pagefind.search(key)).results;
    // Pagefind leaves out a query word that an index does not hold, and each merged index (a
    // part, the delta) is asked on its own: a part without one of the words would list its
    // pages holding the others. As one index would, a page must hold every word some index holds.
    var keyWords = words(key);
    for (var k = 0; keyWords.length > 1 && k < keyWords.length; k++) {
      var holding = new Set((await pagefind.search(keyWords[k])).results.map(function (r) { return r.id; }));
      if (holding.size) found = found.filter(function (r) { return holding.has(r.id); });
    }
    found = found.filter(function (r) { return !stale.has(r.id); });
    status.textContent = found.length ? countMessage(box, found.length) : box.dataset.msgNone;
    var shown = 0;
    var more = element("button", "search-more", box.dataset.msgMore);
    more.type = "button";
    async function showMore() {
      var batch = await Promise.all(found.slice(shown, shown + PAGE_SIZE).map(function (r) {
        return resultOf(r, textFolder);
      }));
      batch.forEach(function (data) { list.append(resultItem(data)); });
      shown += batch.length;
      if (shown >= found.length) more.remove();
      else if (!more.isConnected) list.after(more);
    }
    more.addEventListener("click", showMore);
    await showMore();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search");
    // data-state tells tests (and styles) that the page has finished, whatever the outcome.
    if (box) run(box).finally(function () { box.dataset.state = "done"; });
  });
})();
