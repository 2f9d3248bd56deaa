import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository explains itself from inside: code comments cite docs/<file>.md "<heading>" (or a
 * paper's equation), every such heading exists, and every file path the docs name exists. These
 * checks keep the citations from rotting when files move or headings are renamed.
 */
const repo = path.join(import.meta.dirname, '..');
const CODE_DIRS = ['src', 'test', 'bench', 'scripts'];
const CODE_FILE = /\.(ts|mjs|cjs|js|sh)$/;
/** File names the docs quote from third-party packages, not from this repository. */
const FOREIGN_FILES = new Set(['facemesh.ts', 'facemeshutil.ts', 'faceres.ts']);

function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') out.push(...listFiles(rel, keep));
    } else if (keep(entry.name)) out.push(rel);
  }
  return out;
}

const codeFiles = CODE_DIRS.filter((d) => existsSync(path.join(repo, d))).flatMap((d) => listFiles(d, (n) => CODE_FILE.test(n)));
const docFiles = ['README.md', ...listFiles('docs', (n) => n.endsWith('.md'))];
const read = (rel: string) => readFileSync(path.join(repo, rel), 'utf8');

/** The headings of a markdown file, without the leading #s; lines inside ``` fences are not headings. */
function markdownHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{1,6}\s/.test(line)) headings.push(line.replace(/^#+\s+/, '').trim());
  }
  return headings;
}

/**
 * Whether `cited` names `heading`: the whole heading, or its short title, the part before a
 * parenthesis, a colon or a dash (`"Speed"` names "Speed (`npm run bench:face`)").
 */
function namesHeading(cited: string, heading: string): boolean {
  const plain = (s: string) => s.replace(/`/g, '').trim();
  const short = heading.split(/ \(|: | — /)[0];
  return plain(cited) === plain(heading) || plain(cited) === plain(short);
}

/**
 * Every `docs/<file>.md "<heading>"` in a source text, with headings chained by `,`, `and`, `or`
 * or `/` (`docs/face.md "Similarity transform" and "Warp"`). Comment continuations (`*`, `//`,
 * `#` at the start of a line) are joined first, so a citation may wrap across lines.
 */
function docCitations(source: string, prefix = 'docs/'): { file: string; heading: string }[] {
  const joined = source.replace(/\n[ \t]*(?:\*(?!\/)|\/\/|#)?[ \t]*/g, ' ');
  const found: { file: string; heading: string }[] = [];
  const citation = new RegExp(`(?<![\\w/-])${prefix}([\\w.-]+\\.md)((?:(?:,|\\s+and|\\s+or|\\s*\\/)?\\s*"[^"]{1,120}")*)`, 'g');
  for (const m of joined.matchAll(citation)) {
    if (!m[2]) found.push({ file: m[1], heading: '' });
    for (const h of m[2].matchAll(/"([^"]+)"/g)) found.push({ file: m[1], heading: h[1] });
  }
  return found;
}

test('the helpers read headings and citations as meant', () => {
  assert.deepEqual(markdownHeadings('# A\n```sh\n# not a heading\n```\n## B (`x`)\ntext #no'), ['A', 'B (`x`)']);
  assert.ok(namesHeading('Speed', 'Speed (`npm run bench:face`)'));
  assert.ok(namesHeading('Conv2DBackpropInput', 'Conv2DBackpropInput: sub-pixel phase decomposition'));
  assert.ok(!namesHeading('Cost', 'Cost and memory'));
  assert.deepEqual(docCitations(' * see docs/face.md "Similarity transform" (F1) and\n * docs/model.md "Networks" and\n * "Crossover"; docs/eval.md.'), [
    { file: 'face.md', heading: 'Similarity transform' },
    { file: 'model.md', heading: 'Networks' },
    { file: 'model.md', heading: 'Crossover' },
    { file: 'eval.md', heading: '' },
  ]);
  assert.deepEqual(docCitations('as training.md "Losses" says; docs/model.md "Networks"', ''), [{ file: 'training.md', heading: 'Losses' }]);
});

test('every docs/<file>.md "<heading>" cited in src, test, bench and scripts exists', () => {
  const headings = new Map<string, string[]>();
  const broken: string[] = [];
  for (const rel of codeFiles) {
    for (const { file, heading } of docCitations(read(rel))) {
      if (!existsSync(path.join(repo, 'docs', file))) {
        broken.push(`${rel}: docs/${file} does not exist`);
        continue;
      }
      if (!heading) continue;
      if (!headings.has(file)) headings.set(file, markdownHeadings(read(`docs/${file}`)));
      if (!headings.get(file)!.some((h) => namesHeading(heading, h))) broken.push(`${rel}: docs/${file} has no heading "${heading}"`);
    }
  }
  assert.deepEqual(broken, [], `expected every cited docs heading to exist, but got:\n${broken.join('\n')}`);
});

test('every "<file>.md" "<heading>" cited inside docs/ and README.md exists', () => {
  const broken: string[] = [];
  for (const doc of docFiles) {
    // Inside docs/ a sibling is cited as model.md "Crossover"; code fences are prose here too.
    for (const { file, heading } of [...docCitations(read(doc), 'docs/'), ...docCitations(read(doc), '')]) {
      if (!heading) continue;
      if (!existsSync(path.join(repo, 'docs', file))) broken.push(`${doc}: docs/${file} does not exist`);
      else if (!markdownHeadings(read(`docs/${file}`)).some((h) => namesHeading(heading, h))) broken.push(`${doc}: docs/${file} has no heading "${heading}"`);
    }
  }
  assert.deepEqual(broken, [], `expected every cited docs heading to exist, but got:\n${broken.join('\n')}`);
});

test('no comment cites the spec files outside the repository, and none carries a process note', () => {
  const outside = /\bspec\//;
  const processNote = /\bissue \d+|\b(model|face|data|service|eval) engineer\b|\bthe brief\b/i;
  const found = codeFiles.flatMap((rel) =>
    read(rel).split('\n').flatMap((line, i) => (outside.test(line) || processNote.test(line) ? [`${rel}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(found, [], `expected no outside citation nor process note, but got:\n${found.join('\n')}`);
});

/** The repository's file names, for bare names such as `generator.ts`. */
const fileNames = new Set([...CODE_DIRS, 'bin'].filter((d) => existsSync(path.join(repo, d))).flatMap((d) => listFiles(d, () => true)).map((f) => path.posix.basename(f)));

/**
 * File paths in one line of text that do not exist: paths from the repository root
 * (src/model/generator.ts, src/train/parallel/, src/eval/*.test.ts, src/face/warpAffine without
 * its .ts) and bare source file names (`generator.ts`), which must name a file somewhere.
 */
function missingPaths(line: string): string[] {
  const missing: string[] = [];
  for (const m of line.matchAll(/(?<![\w/.@$-])(?:src|test|bench|scripts)\/[\w./*{},-]*[\w/*}]/g)) {
    let p = m[0];
    const glob = p.search(/[*{]/);
    if (glob >= 0) p = p.slice(0, p.lastIndexOf('/', glob) + 1);
    if (!existsSync(path.join(repo, p)) && !existsSync(path.join(repo, `${p}.ts`))) missing.push(m[0]);
  }
  for (const m of line.matchAll(/(?<![\w/.*$-])([\w-]+(?:\.[\w-]+)*\.(?:ts|mjs|cjs|sh))\b/g)) {
    if (!fileNames.has(m[1]) && !FOREIGN_FILES.has(m[1])) missing.push(m[1]);
  }
  return missing;
}

test('every file path named in docs/ and README.md exists', () => {
  const broken = docFiles.flatMap((doc) => read(doc).split('\n').flatMap((line, i) => missingPaths(line).map((p) => `${doc}:${i + 1}: ${p}`)));
  assert.deepEqual(broken, [], `expected every path in the docs to exist, but got:\n${broken.join('\n')}`);
});

test('every file path named in the code\'s comments exists', () => {
  const isImport = (line: string) => /^\s*(import|export)\b.*\bfrom\s/.test(line) || /\bimport\(/.test(line);
  const broken = codeFiles.flatMap((rel) =>
    read(rel).split('\n').flatMap((line, i) => (isImport(line) ? [] : missingPaths(line).map((p) => `${rel}:${i + 1}: ${p}`))),
  );
  assert.deepEqual(broken, [], `expected every path named in the code to exist, but got:\n${broken.join('\n')}`);
});
