// Runs the reader's query (?q=) against the static search index that `factdesk search-index`
// writes after the Hugo build (tools/searchindex) and lists the best ten fact-checks. It
// fetches only the term files of the query's words and the document files of the results shown.
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!results || !status || !window.fetch) return;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var input = document.getElementById("search-q");
  if (input) input.value = query;
  if (!query) return;
  var base = results.getAttribute("data-base");
  var size = +results.getAttribute("data-size");
  var say = function (k) { return status.getAttribute("data-" + k); };
  // The same rules as tools/searchindex/terms.go, which made the index; its tests run these
  // two functions through Node and compare.
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ");
  }
  function terms(s) {
    return s.replace(/\b(the|and|for|are|but|not|you|your|this|that|with|from|they|them|was|were|has|have|had|its|into|than|then|will|can|our|out|who|what|when|how|does|do|did|any|all|about|these|those|some|more|most|also|just|like|el|la|los|las|de|del|en|un|una|unos|unas|por|para|con|que|se|su|sus|al|es|lo|le|les|como|mas|pero|sin|sobre|ya|muy)\b/g, " ")
      .replace(/\b([a-z0-9]+)ies\b/g, "$1y")
      .replace(/\b([a-z0-9]{2,}[a-hj-rtv-z0-9])s\b/g, "$1")
      .replace(/\b([a-z0-9]{4,})e\b/g, "$1")
      .split(" ").filter(function (w) { return w.length > 1; });
  }
  var raw = fold(query).trim().split(" ");
  var words = terms(raw.join(" "));
  // The last word may be unfinished: it also matches as a prefix of a term, as typed.
  var last = raw[raw.length - 1];
  if (!terms(last).length) last = "";
  status.textContent = say("searching");
  var cache = {};
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function postings(list, into) {
    var n = 0;
    for (var i = 0; i < list.length; i++) {
      n += list[i] >> 4;
      into[n - 1] = Math.max(into[n - 1] || 0, list[i] & 15);
    }
  }
  // Each query word gives the weight of every fact-check it matches; the last one also
  // matches every term that starts with it.
  var groups = words.map(function (w, i) {
    return get("t/" + w.slice(0, 2) + ".json").then(function (shard) {
      var found = {};
      if (!shard) return found;
      if (shard[w]) postings(shard[w], found);
      if (i === words.length - 1 && last) {
        Object.keys(shard).forEach(function (t) { if (t.indexOf(last) === 0) postings(shard[t], found); });
      }
      return found;
    });
  });
  if (!groups.length) { status.textContent = say("none"); return; }
  Promise.all(groups).then(function (found) {
    var score = found[0];
    var hits = Object.keys(score).filter(function (d) {
      return found.every(function (f) { return f[d]; });
    }).map(function (d) {
      return { n: +d, s: found.reduce(function (s, f) { return s + f[d]; }, 0) };
    }).sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    var top = hits.slice(0, 10);
    if (!top.length && +results.getAttribute("data-count") > 0) {
      // A site published without `factdesk search-index` has no index, and every word
      // would seem to match nothing: the first document file tells the two apart.
      return get("d/0.json").then(function (d0) {
        if (!d0) throw new Error("no search index");
        results.textContent = "";
        status.textContent = say("none");
      });
    }
    return Promise.all(top.map(function (h) { return get("d/" + Math.floor(h.n / size) + ".json"); })).then(function (shards) {
      results.textContent = "";
      top.forEach(function (h, i) {
        var d = shards[i] && shards[i][h.n % size];
        if (!d) return;
        var li = el("li", "card");
        var head = el("h2", "card-title");
        var a = el("a", null, d[0]);
        a.href = d[1];
        head.appendChild(a);
        li.appendChild(head);
        if (d[3]) {
          var badge = el("p", d[2] === "withdrawn" ? "badge badge-withdrawn" : "badge verdict-" + d[2]);
          if (d[2] !== "withdrawn") badge.appendChild(el("span", "visually-hidden", say("verdict") + ": "));
          badge.appendChild(document.createTextNode(d[3]));
          li.appendChild(badge);
        }
        if (d[4]) li.appendChild(el("p", "card-text", d[4]));
        results.appendChild(li);
      });
      status.textContent = top.length ? say("count").replace("{n}", String(hits.length)) : say("none");
    });
  }).catch(function () {
    status.textContent = say("error");
  });
})();
