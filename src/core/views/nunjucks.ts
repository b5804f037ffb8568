import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { roles } from '../auth/roles.js';
import { labelOf, type CodeList } from '../codes.js';

const require = createRequire(import.meta.url);
const srcDir = fileURLToPath(new URL('../../', import.meta.url));
const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** Days already put in words: a page of long tables shows a few hundred days, many times over. */
const daysInWords = new Map<string, string>();

/** "2 May 2024" from '2024-05-02' (or a datetime, shown with its time in England). */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const s = value instanceof Date ? value.toISOString() : String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    let words = daysInWords.get(s);
    if (words === undefined) {
      // a bound, not a policy: about thirty years of days
      if (daysInWords.size >= 10_000) daysInWords.clear();
      words = longDate.format(new Date(`${s}T00:00:00Z`));
      daysInWords.set(s, words);
    }
    return words;
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : dateTime.format(d);
}

/** A table cell: dates formatted, anything else as it is. */
export function cellText(v: unknown): unknown {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(v) : v;
}

/** A code in words: "child_in_need_plan" as "Child in need plan". */
export function words(code: string | null | undefined): string {
  return code ? code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ') : '';
}

type ExportedCallback = (err: Error | null, exported: Record<string, unknown> | null) => void;
type GetExported = (ctx?: unknown, parentFrame?: unknown, cb?: unknown) => void;
const exportedOnce = new WeakMap<object, Record<string, unknown>>();
const collectExported = (nunjucks.Template.prototype as unknown as { getExported: GetExported }).getExported;
/**
 * Every page imports the govuk-frontend macros it may use, and Nunjucks runs each imported
 * template again, on every render, to collect its macros: about a quarter of the CPU of
 * showing My work.
 * Imported without context, a template's macros are the same every time, so they are
 * collected once per compiled template (a template compiled again, as when watching, is
 * collected again). Imports with context are left as they are.
 */
(nunjucks.Template.prototype as unknown as { getExported: GetExported }).getExported = function (
  this: object,
  ctx?: unknown,
  parentFrame?: unknown,
  cb?: unknown,
): void {
  if (typeof ctx !== 'function' || parentFrame !== undefined) return collectExported.call(this, ctx, parentFrame, cb);
  const done = ctx as ExportedCallback;
  const kept = exportedOnce.get(this);
  if (kept) return done(null, kept);
  collectExported.call(this, (err: Error | null, exported: Record<string, unknown> | null) => {
    if (!err && exported) exportedOnce.set(this, exported);
    done(err, exported);
  });
};

type FrameLike = { variables: Record<string, unknown>; resolve(name: string, forWrite: boolean): FrameLike | undefined };
const frameProto = (nunjucks.runtime as unknown as { Frame: { prototype: { set(name: string, val: unknown, resolveUp?: boolean): void } } })
  .Frame.prototype;
const namePaths = new Map<string, string[]>();
/**
 * Nunjucks splits a variable's name at its dots on every assignment, and a loop assigns seven
 * (`loop.index`, `loop.first`, ...) on every turn: a page of long tables made tens of thousands
 * of throwaway arrays. The names are the templates' own, so each is split once. The rest is as
 * Nunjucks does it: a dotted name builds the objects on its path, and `resolveUp` assigns in the
 * frame that already holds the name.
 */
frameProto.set = function (this: FrameLike, name: string, val: unknown, resolveUp?: boolean): void {
  let parts = namePaths.get(name);
  if (parts === undefined) {
    parts = name.split('.');
    namePaths.set(name, parts);
  }
  if (resolveUp) {
    const frame = this.resolve(parts[0]!, true);
    if (frame) return frameProto.set.call(frame, name, val);
  }
  let obj = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    const id = parts[i]!;
    if (!obj[id]) obj[id] = {};
    obj = obj[id] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]!] = val;
};

/**
 * One Nunjucks environment, autoescaping, with govuk-frontend on the search path.
 * Templates are named from src/ ("front-door/views/queue.njk"); shared layouts and
 * partials from src/core/views. `authorityName` is the council named in every page's frame.
 */
export function createViewEnvironment(opts: { authorityName: string; watch?: boolean }): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(srcDir, 'core/views'), srcDir, govukDist], {
      noCache: opts.watch ?? false,
    }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addGlobal('authorityName', opts.authorityName);
  // the named role groups, for a page that shows a manager more: `user.role in roles.managers`
  env.addGlobal('roles', roles);
  env.addFilter('date', formatDate);
  env.addFilter('cell', cellText);
  env.addFilter('code', (code: string | null | undefined, list: CodeList) => labelOf(list, code));
  env.addFilter('plural', (n: number, one: string, many?: string) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`);
  env.addFilter('yesNo', (v: unknown) => (v === true ? 'Yes' : v === false ? 'No' : ''));
  env.addFilter('words', words);
  return env;
}
