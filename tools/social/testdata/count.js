// Counts each string of a JSON array read from stdin with twitter-text (X) and with
// Intl.Segmenter (graphemes, as Bluesky counts), and prints the results as JSON.
'use strict';
const path = require('path');
const twitter = require(path.join(process.argv[2], 'node_modules', 'twitter-text'));
const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((s) => ({
    x: twitter.parseTweet(s).weightedLength,
    urls: twitter.extractUrls(s),
    graphemes: [...seg.segment(s)].length,
  }));
  process.stdout.write(JSON.stringify(out));
});
