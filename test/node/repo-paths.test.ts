/**
 * Repository hygiene: a fresh clone runs its own tests, benches, scripts and stories, so none of
 * them may reach for a file outside the repository (such as the `shared` folder that sits beside
 * the working copy on the team's machines, whose fixtures now live in test/fixtures/).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['test', 'bench', 'scripts', 'stories', '.storybook'];
const TEXT = new Set([
  '.ts',
  '.mts',
  '.cts',
  '.js',
  '.mjs',
  '.cjs',
  '.json',
  '.html',
  '.md',
  '.css',
  '.sh',
  '',
]);

/** Every text file under `dir` (recursively). */
function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...textFiles(path));
    } else if (entry.isFile() && TEXT.has(extname(entry.name))) {
      out.push(path);
    }
  }
  return out;
}

const files = FOLDERS.map((f) => join(ROOT, f))
  .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(textFiles);

/** Dot-dot, slash, "shared": built from pieces so that this file does not match itself. */
const SHARED = new RegExp(['\\.\\.', '[\\\\/]', 'shared\\b'].join(''));
/** Absolute paths of the team's machines. */
const ABSOLUTE = new RegExp(['/work', '/'].join(''));
/** A relative path in quotes or backticks, e.g. '../../src/x.js'. */
const RELATIVE = /['"`](\.\.(?:\/\.\.)*\/[\w.@-][^'"`\s]*)['"`]/g;

it('finds the files it checks', () => {
  assert.ok(files.length > 50, `only ${files.length} files found under ${FOLDERS.join(', ')}`);
  assert.ok(files.some((f) => f.endsWith(join('scripts', 'wtr-share.mjs'))));
  assert.ok(files.some((f) => f.endsWith(join('test', 'browser', 'fixtures', 'slide-files.ts'))));
});

it(`no file under ${FOLDERS.join('/, ')}/ refers to the sibling shared folder or an absolute path of this machine`, () => {
  const offending: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (SHARED.test(line) || ABSOLUTE.test(line))
          offending.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offending, [], `paths outside the repository:\n${offending.join('\n')}`);
});

it('no relative path in those files climbs out of the repository', () => {
  const offending: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(RELATIVE)) {
      const target = resolve(dirname(file), m[1]!);
      if (target !== ROOT && !target.startsWith(ROOT + sep)) {
        const line = text.slice(0, m.index).split('\n').length;
        offending.push(`${relative(ROOT, file)}:${line}: ${m[1]}`);
      }
    }
  }
  assert.deepEqual(offending, [], `relative paths leaving the repository:\n${offending.join('\n')}`);
});

it('the fixtures the slide tests fetch are in the repository, with their provenance beside them', () => {
  const readme = readFileSync(join(ROOT, 'test/fixtures/README.md'), 'utf8');
  for (const name of ['real-world-spec.pdf', 'logo.gif']) {
    assert.ok(statSync(join(ROOT, 'test/fixtures', name)).size > 0, `test/fixtures/${name} is missing`);
    assert.match(
      readme,
      new RegExp(`\`${name.replace('.', '\\.')}\`[^]*?Licence:`),
      `no provenance for ${name}`,
    );
  }
});
