// Runs the reader's query (?q=) against the Pagefind index built over the site and lists
// the matching fact-checks. Pagefind downloads only the index chunks the query needs.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!results || !status) return;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var input = document.getElementById("search-q");
  if (input) input.value = query;
  if (!query) return;
  status.textContent = status.getAttribute("data-searching");
  var bundle = results.getAttribute("data-bundle");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  import(bundle + "pagefind.js").then(function (pagefind) {
    return pagefind.options({ baseUrl: "/", noWorker: true, excerptLength: 24 }).then(function () {
      return pagefind.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (pages) {
        results.textContent = "";
        pages.forEach(function (page) {
          var li = el("li", "card");
          var h = el("h2", "card-title");
          var a = el("a", null, page.meta.title || page.url);
          a.href = page.url;
          h.appendChild(a);
          li.appendChild(h);
          if (page.meta.verdict) li.appendChild(el("p", "badge", page.meta.verdict));
          var excerpt = el("p", "card-text");
          // The bottom line (or the withdrawal notice) says more to a reader than matched words.
          if (page.meta.summary) {
            excerpt.textContent = page.meta.summary;
            li.appendChild(excerpt);
            results.appendChild(li);
            return;
          }
          // Pagefind marks matches with <mark> in escaped text: parse it inertly and keep
          // only the text and the marks.
          var parsed = new DOMParser().parseFromString(page.excerpt, "text/html");
          parsed.body.childNodes.forEach(function (n) {
            if (n.nodeName === "MARK") excerpt.appendChild(el("mark", null, n.textContent));
            else excerpt.appendChild(document.createTextNode(n.textContent));
          });
          li.appendChild(excerpt);
          results.appendChild(li);
        });
        status.textContent = pages.length
          ? status.getAttribute("data-count").replace("{n}", String(search.results.length))
          : status.getAttribute("data-none");
      });
    });
  }).catch(function () {
    status.textContent = status.getAttribute("data-error");
  });
})();
