// Translations: every message extracted from the source has a translation in every language, with the
// same placeholders, and the generated runtime modules (src/i18n/locales/*.ts) match the XLIFF files.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as {
  sourceLocale: string;
  targetLocales: string[];
  tsConfig: string;
  output: { mode: 'runtime'; outputDir: string; localeCodesModule: string };
  interchange: { format: 'xliff'; xliffDir: string };
};
const locales = config.targetLocales;
const xliffDir = join(root, config.interchange.xliffDir);
const outputDir = join(root, config.output.outputDir);
const localeCodesModule = join(root, config.output.localeCodesModule);

const FIX =
  'Run `npm run i18n` (lit-localize extract + build), add a <target> for each new <trans-unit> in ' +
  'xliff/*.xlf (`node scripts/i18n-check.mjs list <locale>` lists them), then run `npm run i18n` again.';

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

const UNIT = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
const PLACEHOLDER = /<x id="(\d+)" equiv-text="([^"]*)"\/>/g;

function element(xml: string, tag: string): string | undefined {
  const m = xml.match(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>|<${tag}(?:\\s[^>]*)?/>`));
  return m ? (m[1] ?? '') : undefined;
}

function readUnits(locale: string): Unit[] {
  const xml = readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8');
  return [...xml.matchAll(UNIT)].map((m) => ({
    id: m[1]!,
    source: element(m[2]!, 'source') ?? '',
    target: element(m[2]!, 'target'),
  }));
}

/** Placeholders of a source or target, as sorted `id=equiv-text` (order may change in translation). */
const placeholders = (xml: string): string[] =>
  [...xml.matchAll(PLACEHOLDER)].map((m) => `${m[1]}=${m[2]}`).sort();
const text = (xml: string): string =>
  xml
    .replace(PLACEHOLDER, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const shown = (xml: string): string => text(xml.replace(PLACEHOLDER, (_, id: string) => `{${id}}`));

/** Message ids of a generated runtime module (`'s0123…': \`…\``). */
const moduleIds = (path: string): string[] =>
  [...readFileSync(path, 'utf8').matchAll(/^\s*'([a-z][0-9a-f]+)':/gm)].map((m) => m[1]!).sort();

describe('translations (xliff/*.xlf)', () => {
  it('lit-localize.json lists the languages the XLIFF files are for', () => {
    for (const locale of locales) {
      const xml = readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8');
      assert.match(
        xml,
        new RegExp(`target-language="${locale}"`),
        `xliff/${locale}.xlf is not for ${locale}`,
      );
    }
  });

  it('every language has the same messages', () => {
    const [first, ...rest] = locales;
    const ids = readUnits(first!)
      .map((u) => u.id)
      .sort();
    assert.ok(ids.length > 0, `xliff/${first}.xlf has no messages. ${FIX}`);
    for (const locale of rest) {
      const other = readUnits(locale)
        .map((u) => u.id)
        .sort();
      assert.deepEqual(
        other,
        ids,
        `xliff/${locale}.xlf and xliff/${first}.xlf list different messages. ${FIX}`,
      );
    }
  });

  for (const locale of locales) {
    it(`every message has a ${locale} translation`, () => {
      const missing = readUnits(locale)
        .filter(
          (u) => u.target === undefined || (!text(u.target).trim() && placeholders(u.target).length === 0),
        )
        .map((u) => `  ${u.id}: "${shown(u.source)}"`);
      assert.equal(
        missing.length,
        0,
        `${missing.length} message(s) in xliff/${locale}.xlf have no <target>:\n${missing.join('\n')}\n${FIX}`,
      );
    });

    it(`${locale} translations keep exactly the placeholders of the English`, () => {
      const wrong = readUnits(locale)
        .filter((u) => u.target !== undefined)
        .filter((u) => placeholders(u.source).join() !== placeholders(u.target!).join())
        .map((u) => `  ${u.id}: "${shown(u.source)}" → "${shown(u.target!)}"`);
      assert.equal(
        wrong.length,
        0,
        `In xliff/${locale}.xlf these targets drop, add or change an <x id="…" equiv-text="…"/> of their ` +
          `source (keep every one, exactly as in <source>):\n${wrong.join('\n')}`,
      );
    });

    it(`${locale} text messages contain no < > & (lit-localize 0.8 would show them as &lt; &gt; &amp;)`, () => {
      // Only `html` templates (ids starting with "h") are parsed as HTML; plain and str`` messages are
      // text, and lit-localize build escapes these characters in them anyway (lit/lit#5012).
      const wrong = readUnits(locale)
        .filter((u) => u.id.startsWith('s') && u.target !== undefined && /[<>&]/.test(text(u.target)))
        .map((u) => `  ${u.id}: "${shown(u.target!)}"`);
      assert.equal(
        wrong.length,
        0,
        `Reword these ${locale} translations without < > &:\n${wrong.join('\n')}`,
      );
    });
  }
});

describe('generated locale modules (src/i18n/locales/*.ts)', () => {
  let tmp = '';
  let built: Promise<string> | undefined;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'pex-i18n-'));
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /**
   * Runs `lit-localize extract` and `build` on copies of the XLIFF files into a temporary directory, so
   * nothing in the repository changes; resolves to that directory.
   */
  const build = (): Promise<string> =>
    (built ??= (async () => {
      const xliff = join(tmp, 'xliff');
      cpSync(xliffDir, xliff, { recursive: true });
      const tmpConfig = join(tmp, 'lit-localize.json');
      writeFileSync(
        tmpConfig,
        JSON.stringify({
          ...config,
          tsConfig: join(root, config.tsConfig),
          output: {
            ...config.output,
            outputDir: join(tmp, 'locales'),
            localeCodesModule: join(tmp, 'locale-codes.ts'),
          },
          interchange: { ...config.interchange, xliffDir: xliff },
        }),
      );
      const cli = join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js');
      for (const command of ['extract', 'build']) {
        try {
          await promisify(execFile)(process.execPath, [cli, `--config=${tmpConfig}`, command], {
            cwd: root,
            maxBuffer: 16 * 1024 * 1024,
          });
        } catch (e) {
          const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
          throw new Error(`lit-localize ${command} failed:\n${stderr || stdout}`, { cause: e });
        }
      }
      return tmp;
    })());

  for (const locale of locales) {
    it(`src/i18n/locales/${locale}.ts has exactly the messages of xliff/${locale}.xlf`, () => {
      const ids = readUnits(locale)
        .map((u) => u.id)
        .sort();
      const generated = moduleIds(join(outputDir, `${locale}.ts`));
      const missing = ids.filter((id) => !generated.includes(id));
      const extra = generated.filter((id) => !ids.includes(id));
      assert.ok(
        missing.length === 0 && extra.length === 0,
        `src/i18n/locales/${locale}.ts is stale (missing ${missing.join(', ') || 'none'}; ` +
          `not in the XLIFF ${extra.join(', ') || 'none'}). ${FIX}`,
      );
    });
  }

  it('the XLIFF files list every msg() of the source (lit-localize extract changes nothing)', async () => {
    const dir = await build();
    const stale = locales.filter(
      (locale) =>
        readFileSync(join(dir, 'xliff', `${locale}.xlf`), 'utf8') !==
        readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8'),
    );
    const added = locales.flatMap((locale) => {
      const before = new Set(readUnits(locale).map((u) => u.id));
      const xml = readFileSync(join(dir, 'xliff', `${locale}.xlf`), 'utf8');
      return [...xml.matchAll(UNIT)]
        .filter((m) => !before.has(m[1]!))
        .map((m) => `  ${locale} ${m[1]}: "${shown(element(m[2]!, 'source') ?? '')}"`);
    });
    assert.deepEqual(
      stale,
      [],
      `The source has messages that are new, changed or gone compared with xliff/*.xlf` +
        (added.length ? `; new:\n${added.join('\n')}\n` : '. ') +
        FIX,
    );
  });

  it('lit-localize build reproduces src/i18n/locales/*.ts and locale-codes.ts', async () => {
    const dir = await build();
    const files = [
      ...locales.map((locale) => [join(dir, 'locales', `${locale}.ts`), join(outputDir, `${locale}.ts`)]),
      [join(dir, 'locale-codes.ts'), localeCodesModule],
    ];
    const stale = files
      .filter(([fresh, committed]) => readFileSync(fresh!, 'utf8') !== readFileSync(committed!, 'utf8'))
      .map(([, committed]) => committed!.slice(root.length + 1));
    assert.deepEqual(stale, [], `These generated files are out of date with the XLIFF or the source. ${FIX}`);
  });
});
