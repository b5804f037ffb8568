import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../../', import.meta.url));
const templates = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.njk'))
  .sort()
  .map((f) => ({ name: f.split(path.sep).join('/'), text: readFileSync(path.join(srcDir, f), 'utf8') }));

/** Each line of every template that matches, as "file:line: text". */
function linesMatching(pattern: RegExp, except: string[] = []): string[] {
  return templates
    .filter((t) => !except.includes(t.name))
    .flatMap((t) => t.text.split('\n').map((line, i) => ({ where: `${t.name}:${i + 1}`, line })))
    .filter(({ line }) => pattern.test(line))
    .map(({ where, line }) => `${where}: ${line.trim()}`);
}

// The shapes a page's HTML takes, held for every template: values are escaped by Nunjucks as
// the HTML is built (in a macro, a {% set %} block or the template itself), never by hand.
describe('the templates', () => {
  it('are found', () => {
    expect(templates.map((t) => t.name)).toContain('core/views/layouts/base.njk');
    expect(templates.length).toBeGreaterThan(30);
  });

  it('never escape by hand, nor mark a value safe', () => {
    expect(linesMatching(/\|\s*(escape|e|safe)\b/)).toEqual([]);
  });

  it('never build HTML as a string: an html option is a macro’s output or a {% set %} block', () => {
    expect(linesMatching(/\bhtml:\s*[("']/)).toEqual([]);
    expect(linesMatching(/["'][^"'\n]*<[a-z/][^"'\n]*["']\s*\+|\+\s*["'][^"'\n]*<[a-z/]/)).toEqual([]);
  });

  it('leave building table rows to presenters', () => {
    // Rows built in the template with push() are view logic a presenter should hold. appTable
    // alone builds cells, turning a presenter's `forms` into forms that carry the page's CSRF token.
    expect(linesMatching(/\.push\(/, ['core/views/macros.njk'])).toEqual([]);
  });

  it('give every form that posts the CSRF field through csrfInput', () => {
    expect(linesMatching(/name="_csrf"/, ['core/views/macros.njk'])).toEqual([]);
    const posts = templates.flatMap((t) =>
      [...t.text.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({ name: t.name, body: m[1]! })),
    );
    expect(posts.length).toBeGreaterThan(20);
    expect(posts.filter((f) => !f.body.includes('{{ csrfInput() }}')).map((f) => f.name)).toEqual([]);
  });

  it('put every table in a region that scrolls on a narrow screen (appTable)', () => {
    expect(linesMatching(/govukTable\(/, ['core/views/macros.njk'])).toEqual([]);
  });
});
