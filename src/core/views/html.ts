import nunjucks from 'nunjucks';

/**
 * HTML a presenter builds for a macro's `html` parameter (a link or a tag in a table cell):
 * every value put into it is escaped, so none can be forgotten, and what it builds is
 * Nunjucks' own safe string, so it is not escaped twice, given to a macro or shown as it is.
 * Templates never build HTML from strings.
 */
export class Html extends nunjucks.runtime.SafeString {}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => entities[c]!);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.toString();
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part);
}

/** html`<a href="${href}">${text}</a>`: the text between is trusted, every value escaped. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** A link, with words for a screen reader after it ("Change" then " ana"), as OpenCSC's tables use. */
export function link(href: string, text: string | number, visuallyHidden?: string): Html {
  return html`<a class="govuk-link" href="${href}">${text}${visuallyHidden ? html`<span class="govuk-visually-hidden"> ${visuallyHidden}</span>` : ''}</a>`;
}

/** A GOV.UK tag, coloured (`red`, `grey`, ...). */
export function tag(text: string, colour?: string): Html {
  return html`<strong class="govuk-tag${colour ? ` govuk-tag--${colour}` : ''}">${text}</strong>`;
}
