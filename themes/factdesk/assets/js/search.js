// Runs the reader's query (?q=) against the static search index that `factdesk search-index`
// writes after the Hugo build (tools/searchindex) and lists the best ten fact-checks. It
// fetches the index's word rules, then only the term files of the query's words and the
// document files of the results shown. search-en.js and search-es.js run it with the
// stemmer of their language; Hugo bundles the one of the page's language with words.js
// (js.Build), for the search page alone.
import { analyser, fold, tokens } from "./words.js";

// shardKey names the term file a term is in, as tools/searchindex.ShardKey does: its first
// two characters, each kept if a–z or 0–9 and "_" otherwise.
function shardKey(term) {
  return Array.from(term).slice(0, 2).map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_"; }).join("");
}

// search runs the page's query with stemmer, Snowball's stemmer of the index's language.
export function search(stemmer) {
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
  function shard(term) {
    return get("t/" + shardKey(term) + ".json");
  }
  // The index's rules file gives the language, stop words and synonyms with which the
  // index was made (tools/words); without it the site has no index.
  get("rules.json").then(function (rules) {
    if (!rules) throw new Error("no search index");
    var analyse = analyser(rules, stemmer);
    var groups = analyse(query);
    if (!groups.length) { status.textContent = say("none"); return; }
    // The last word may be unfinished ("vacc"): when its own stems find nothing, it
    // matches every term that starts with it as typed (accents folded).
    var toks = tokens(query);
    var last = toks[toks.length - 1];
    var prefix = analyse(last).length && !Object.prototype.hasOwnProperty.call(rules.synonyms, last) ? fold(last) : "";
    // Each word gives the weight of every fact-check that has one of its terms; a
    // fact-check is listed when every word finds it.
    return Promise.all(groups.map(function (group, i) {
      return Promise.all(group.map(shard)).then(function (shards) {
        var found = {};
        group.forEach(function (t, k) { if (shards[k] && shards[k][t]) postings(shards[k][t], found); });
        if (i < groups.length - 1 || !prefix || Object.keys(found).length) return found;
        return shard(prefix).then(function (s) {
          if (s) Object.keys(s).forEach(function (t) { if (t.indexOf(prefix) === 0) postings(s[t], found); });
          return found;
        });
      });
    })).then(show);
  }).catch(function () {
    status.textContent = say("error");
  });
  function show(found) {
    var score = found[0];
    var hits = Object.keys(score).filter(function (d) {
      return found.every(function (f) { return f[d]; });
    }).map(function (d) {
      return { n: +d, s: found.reduce(function (s, f) { return s + f[d]; }, 0) };
    }).sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    var top = hits.slice(0, 10);
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
  }
}
