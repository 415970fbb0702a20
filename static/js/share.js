/* sitegen theme — progressive enhancement only: the "copy link" share entry copies the
   article's address instead of opening it. Without JavaScript (or clipboard access) it stays
   a plain link to the article. The message shown comes from the page (data-copied). */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-copy]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    var status = link.closest(".share").querySelector(".share-status");
    if (status) status.textContent = link.getAttribute("data-copied");
  });
});
