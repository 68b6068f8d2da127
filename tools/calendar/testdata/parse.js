// Parses an export with an independent parser and prints what it found as JSON:
//   node parse.js ROOT ics FILE   → ical.js: the events (uid, summary, start, end, allDay)
//   node parse.js ROOT csv FILE   → papaparse: the rows, as arrays of strings
//   node parse.js ROOT json FILE  → JSON.parse: kind, slug, start and each channel's text length in graphemes
'use strict';
const fs = require('fs');
const path = require('path');
const [root, kind, file] = process.argv.slice(2);
const mod = (name) => require(path.join(root, 'node_modules', name));
const text = fs.readFileSync(file, 'utf8');
if (kind === 'ics') {
  const ICALmod = mod('ical.js');
  const ICAL = ICALmod.default || ICALmod;
  const comp = new ICAL.Component(ICAL.parse(text));
  const events = comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate,
      stamp: v.getFirstPropertyValue('dtstamp') ? v.getFirstPropertyValue('dtstamp').toString() : '',
    };
  });
  process.stdout.write(JSON.stringify({ version: comp.getFirstPropertyValue('version'), prodid: comp.getFirstPropertyValue('prodid'), events }));
} else if (kind === 'csv') {
  const Papa = mod('papaparse');
  const res = Papa.parse(text, { skipEmptyLines: true });
  if (res.errors.length) {
    process.stderr.write(JSON.stringify(res.errors));
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(res.data));
} else if (kind === 'json') {
  const items = JSON.parse(text);
  process.stdout.write(JSON.stringify(items.map((i) => ({ kind: i.kind, slug: i.slug, start: i.start, channels: (i.messages || []).map((m) => m.channel + '=' + [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(m.text)].length) }))));
} else {
  process.stderr.write('unknown kind ' + kind);
  process.exit(2);
}
