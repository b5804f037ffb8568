import { describe, expect, it } from 'vitest';
import { createViewEnvironment } from './nunjucks.js';
import { html, link, tag } from './html.js';

describe('HTML a presenter builds', () => {
  it('escapes every value put into it, and only those', () => {
    const name = '<script>alert("x")</script> & O\'Brien';
    expect(String(html`<p class="a">${name}</p>`)).toBe(
      '<p class="a">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien</p>',
    );
    expect(String(link('/children/1?a=1&b=2', name, 'for "x"'))).toBe(
      '<a class="govuk-link" href="/children/1?a=1&amp;b=2">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien<span class="govuk-visually-hidden"> for &quot;x&quot;</span></a>',
    );
  });

  it('nests without escaping twice, and leaves out what is absent', () => {
    expect(String(html`<td>${link('/a', 'A')}${false}${null}${[tag('Late', 'red'), ' ', 3]}</td>`)).toBe(
      '<td><a class="govuk-link" href="/a">A</a><strong class="govuk-tag govuk-tag--red">Late</strong> 3</td>',
    );
  });

  it('is shown as it is, not escaped again, when a template outputs it', () => {
    const views = createViewEnvironment({ authorityName: 'Test Council' });
    expect(views.renderString('<li>{{ line }}</li>', { line: link('/x', 'A & B') })).toBe(
      '<li><a class="govuk-link" href="/x">A &amp; B</a></li>',
    );
  });

  it('reaches the page once escaped, as a govuk macro’s html parameter', () => {
    const views = createViewEnvironment({ authorityName: 'Test Council' });
    const out = views.renderString(
      '{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable({ rows: [[ { html: cell } ]] }) }}',
      { cell: link('/x', '<b>Ann</b>') },
    );
    expect(out).toContain('<a class="govuk-link" href="/x">&lt;b&gt;Ann&lt;/b&gt;</a>');
  });
});
