// factdesk's word analyser in the browser: the rules of tools/words (see its package
// comment), which made the search index, applied to a reader's query. The stop words and
// synonyms come from the index's rules file (rules.json); the stemmer is Snowball's for the
// index's language, which the search page's script brings: English (Porter2,
// wink-porter2-stemmer) in search-en.js, Spanish (from @orama/stemmers) in search-es.js,
// both vendored in ./vendor from npm. tools/words' TestSameTermsAsSearchJS runs this file
// through Node and compares its terms with Go's, word for word.

// Each character lower-cased on its own, keeping one character as Go's simple case
// mapping does ("İ" gives "i", not "i" and a combining dot).
function lower(c) {
  return String.fromCodePoint(c.toLowerCase().codePointAt(0));
}

// tokens splits text into lower-case words: letters, marks and decimal digits, joined by
// "-", "'" or "=", with "-" and "'" trimmed from both ends.
export function tokens(text) {
  return Array.from(text.normalize("NFC"), lower).join("")
    .split(/[^\p{L}\p{M}\p{Nd}'=-]+/u)
    .map(function (w) { return w.replace(/^['-]+|['-]+$/g, ""); })
    .filter(function (w) { return w !== ""; });
}

// fold removes accents and other nonspacing marks.
export function fold(s) {
  return s.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
}

// stem returns the stem of a word (a token) in lang with that language's Snowball
// stemmer, accents folded.
export function stem(w, lang, stemmer) {
  if (lang !== "es" && w.slice(-2) === "'s") w = w.slice(0, -2);
  if (Array.from(w).length > 2 && !/\p{Nd}/u.test(w)) w = stemmer(w);
  return fold(w);
}

// analyser returns a function that turns a text into groups of terms, one group per word
// that is not a stop word: a word's stem, or the stems of the fact-checks' words that a
// synonym maps it to. rules is the index's rules file: {lang, stop, synonyms}; stemmer is
// Snowball's stemmer of rules.lang.
export function analyser(rules, stemmer) {
  var lang = rules.lang === "es" ? "es" : "en";
  var stop = new Set(rules.stop);
  var syn = new Map(Object.entries(rules.synonyms));
  return function groups(text) {
    var out = [];
    tokens(text).forEach(function (w) {
      if (syn.has(w)) {
        out.push(syn.get(w).map(function (x) { return stem(x, lang, stemmer); }));
      } else if (!stop.has(w) && (Array.from(w).length > 1 || w === "c")) {
        out.push([stem(w, lang, stemmer)]);
      }
    });
    return out;
  };
}
