/* Site search page: reads ?q= from the URL, asks the Pagefind index (search/pagefind/) and
 * lists the articles found: headline, date, section and an excerpt with the matches marked.
 *
 * The query goes through searchKey(), a port of sitegen.search.search_key (= arabic
 * fold_for_matching + strip_prefixes), because the index holds every word in that form.
 * tests/test_search.py checks this port against the Python functions on the same inputs.
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

  function queryKey(query) {
    return words(query).map(searchKey).join(" ");
  }

  window.SitegenSearch = {foldForMatching: foldForMatching, stripPrefixes: stripPrefixes,
                          searchKey: searchKey, queryKey: queryKey};

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
   * as written, matches wrapped in <mark>. The indexed content is n words as written (headline,
   * subtitle, body) then their n search keys (sitegen.search.article_record), so a match at
   * position p >= n is on written word p - n. */
  function excerpt(data) {
    var content = data.content.split(" ");
    var half = content.length / 2;
    var all = content.slice(0, half);
    var marked = new Set((data.locations || []).map(function (p) { return p >= half ? p - half : p; }));
    var headline = Math.min(words(data.meta.title || "").length, all.length);
    var inBody = Array.from(marked).filter(function (p) { return p >= headline; });
    var start = inBody.length ? Math.max(headline, Math.min.apply(null, inBody) - EXCERPT_BEFORE) : headline;
    var end = Math.min(all.length, start + EXCERPT_WORDS);
    var paragraph = element("p", "result-excerpt");
    if (start > headline) paragraph.append("… ");
    for (var i = start; i < end; i++) {
      paragraph.append(marked.has(i) ? element("mark", "", all[i]) : all[i]);
      if (i + 1 < end) paragraph.append(" ");
    }
    if (end < all.length) paragraph.append(" …");
    return paragraph;
  }

  function resultItem(data) {
    var item = element("li", "search-result");
    var heading = element("h2");
    // The record's URL carries the shown date and section in its fragment (sitegen.search.article_record).
    var target = new URL(data.raw_url || data.url, document.baseURI);
    var shown = new URLSearchParams(target.hash.slice(1));
    target.hash = "";
    var link = element("a", "", data.meta.title);
    link.href = target.href;
    heading.append(link);
    item.append(heading);
    var meta = element("p", "result-meta");
    if (shown.get("date")) meta.append(element("span", "result-date", shown.get("date")));
    if (shown.get("section")) meta.append(element("span", "result-section", shown.get("section")));
    if (meta.childNodes.length) item.append(meta);
    item.append(excerpt(data));
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
    if (!key) {
      status.textContent = box.dataset.msgEmpty;
      return;
    }
    status.textContent = box.dataset.msgSearching;
    var pagefind;
    try {
      pagefind = await import(new URL(box.dataset.bundle, document.baseURI).href);
      await pagefind.init();
    } catch (error) {
      status.textContent = box.dataset.msgUnavailable;
      return;
    }
    var found = (await pagefind.search(key)).results;
    status.textContent = found.length ? countMessage(box, found.length) : box.dataset.msgNone;
    var shown = 0;
    var more = element("button", "search-more", box.dataset.msgMore);
    more.type = "button";
    async function showMore() {
      var batch = await Promise.all(found.slice(shown, shown + PAGE_SIZE).map(function (r) { return r.data(); }));
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
