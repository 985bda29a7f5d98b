// XLIFF bookkeeping for the translations in xliff/*.xlf (lit-localize, XLIFF 1.2 with <x/> placeholders).
//
//   node scripts/i18n-check.mjs                 check every language: each <trans-unit> has a non-empty
//                                               <target> with exactly the placeholders of its <source>
//   node scripts/i18n-check.mjs list nb         the untranslated messages of a language, as JSON
//                                               { id: "source text with {0} placeholders" }
//   node scripts/i18n-check.mjs apply nb f.json  writes the targets of a JSON file in that shape into
//                                               xliff/nb.xlf ({0}, {1}… become the source's <x/> elements)
//
// After `apply`, run `npm run i18n` (extract + build) so src/i18n/locales/*.ts pick the translations up.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const locales = config.targetLocales;
const xliffPath = (locale) => join(root, config.interchange.xliffDir, `${locale}.xlf`);

const UNIT = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
const PLACEHOLDER = /<x id="(\d+)" equiv-text="([^"]*)"\/>/g;

const inner = (xml, tag) => {
  const m = xml.match(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>|<${tag}(?:\\s[^>]*)?/>`));
  return m ? (m[1] ?? '') : undefined;
};
const unescape = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const placeholders = (xml) => [...xml.matchAll(PLACEHOLDER)].map((m) => `${m[1]}=${m[2]}`).sort();

/** The trans-units of one language: id, source and target as XML, and the unit's position in the file. */
export function readUnits(locale) {
  const xml = readFileSync(xliffPath(locale), 'utf8');
  return [...xml.matchAll(UNIT)].map((m) => ({
    id: m[1],
    source: inner(m[2], 'source') ?? '',
    target: inner(m[2], 'target'),
  }));
}

/** Problems with one language's units, one line each (empty when it is fully translated). */
export function problems(locale) {
  const out = [];
  for (const u of readUnits(locale)) {
    const text = u.target === undefined ? '' : unescape(u.target.replace(PLACEHOLDER, '')).trim();
    if (u.target === undefined || (text === '' && placeholders(u.target).length === 0)) {
      out.push(`${locale} ${u.id}: no translation for "${unescape(u.source)}"`);
      continue;
    }
    const want = placeholders(u.source).join(', ');
    const got = placeholders(u.target).join(', ');
    if (want !== got) out.push(`${locale} ${u.id}: placeholders [${got}] differ from the source's [${want}]`);
    // Plain and str`` messages are text, yet lit-localize 0.8 build writes < > & in them as entities
    // (lit/lit#5012), so a translation must not use them.
    if (u.id.startsWith('s') && /[<>&]/.test(text))
      out.push(`${locale} ${u.id}: reword without < > &: "${text}"`);
  }
  return out;
}

/** Source XML → "text with {0}" (what a translator edits). */
const toEditable = (source) =>
  source
    .split(/(<x id="\d+" equiv-text="[^"]*"\/>)/)
    .map((part) => (part.startsWith('<x ') ? `{${part.match(/id="(\d+)"/)[1]}}` : unescape(part)))
    .join('');

/** "text with {0}" → target XML, using the source's own <x/> elements. */
function toTarget(text, source) {
  const byId = new Map([...source.matchAll(PLACEHOLDER)].map((m) => [m[1], m[0]]));
  return escape(text).replace(/\{(\d+)\}/g, (_, id) => {
    const x = byId.get(id);
    if (!x) throw new Error(`{${id}} is not a placeholder of "${source}"`);
    return x;
  });
}

function apply(locale, file) {
  const translations = JSON.parse(readFileSync(file, 'utf8'));
  const path = xliffPath(locale);
  let xml = readFileSync(path, 'utf8');
  const known = new Set();
  let changed = 0;
  xml = xml.replace(UNIT, (whole, id, body) => {
    known.add(id);
    const text = translations[id];
    if (typeof text !== 'string' || !text.trim()) return whole;
    const source = inner(body, 'source') ?? '';
    const target = `<target>${toTarget(text, source)}</target>`;
    changed++;
    const withoutTarget = body.replace(/\n?[ \t]*<target(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/target>)/, '');
    return whole.replace(body, withoutTarget.replace(/(<\/source>)/, `$1\n  ${target}`));
  });
  const unknown = Object.keys(translations).filter((id) => !known.has(id));
  writeFileSync(path, xml);
  console.log(`${locale}: ${changed} targets written`);
  if (unknown.length) console.warn(`${locale}: not in the XLIFF (stale ids?): ${unknown.join(', ')}`);
}

const [command = 'check', ...args] = process.argv.slice(2);
if (command === 'list') {
  const [locale = locales[0]] = args;
  const todo = Object.fromEntries(
    readUnits(locale)
      .filter((u) => u.target === undefined || !u.target.trim())
      .map((u) => [u.id, toEditable(u.source)]),
  );
  console.log(JSON.stringify(todo, null, 2));
} else if (command === 'apply') {
  const [locale, file] = args;
  if (!locales.includes(locale) || !file) {
    console.error('usage: node scripts/i18n-check.mjs apply <locale> <translations.json>');
    process.exit(2);
  }
  apply(locale, file);
} else if (command === 'check') {
  const all = locales.flatMap(problems);
  for (const locale of locales) console.log(`${locale}: ${readUnits(locale).length} messages`);
  if (all.length) {
    console.error(all.join('\n'));
    console.error(
      `\n${all.length} problem(s). Run \`npm run i18n\`, translate the new strings in xliff/*.xlf, then \`npm run i18n\` again.`,
    );
    process.exit(1);
  }
  console.log('All messages translated.');
} else {
  console.error(`unknown command ${command}; use check, list <locale> or apply <locale> <file.json>`);
  process.exit(2);
}
