import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { createViewEnvironment } from './nunjucks.js';

/** An environment whose templates are these strings, with a global that counts its calls. */
function environment(templates: Record<string, string>) {
  const loader = { getSource: (name: string) => ({ src: templates[name]!, path: name, noCache: false }) };
  const env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader);
  let runs = 0;
  env.addGlobal('run', () => ++runs);
  return { env, runs: () => runs };
}

describe('imported macros', () => {
  // the patch is made when the view environment's module loads
  createViewEnvironment({ authorityName: 'Test Council' });

  it('are collected once per template when imported without context, and work every time', () => {
    const { env, runs } = environment({
      'macros.njk': '{% set n = run() %}{% macro hello(name) %}Hello {{ name }}{% endmacro %}',
      'page.njk': '{% from "macros.njk" import hello %}{{ hello(who) }}',
    });
    expect(env.render('page.njk', { who: 'Ada' })).toBe('Hello Ada');
    expect(env.render('page.njk', { who: 'Bo' })).toBe('Hello Bo');
    expect(runs()).toBe(1);
  });

  it('are collected at every render when imported with context, which they may read', () => {
    const { env, runs } = environment({
      'macros.njk': '{% set n = run() %}{% macro hello() %}Hello {{ who }}{% endmacro %}',
      'page.njk': '{% from "macros.njk" import hello with context %}{{ hello() }}',
    });
    expect(env.render('page.njk', { who: 'Ada' })).toBe('Hello Ada');
    expect(env.render('page.njk', { who: 'Bo' })).toBe('Hello Bo');
    expect(runs()).toBe(2);
  });
});
