/**
 * A long list shown a page at a time: which page was asked for (a number outside the list
 * is its nearest page), and the GOV.UK pagination component's parameters for it.
 */
export interface PageOf {
  page: number;
  pages: number;
  /** The index of the first item on the page, and of the item after the last. */
  from: number;
  to: number;
}

export function pageOf(total: number, requested: unknown, size: number): PageOf {
  const pages = Math.max(1, Math.ceil(total / size));
  const asked = typeof requested === 'string' && /^\d{1,9}$/.test(requested) ? Number(requested) : 1;
  const page = Math.min(pages, Math.max(1, asked));
  return { page, pages, from: (page - 1) * size, to: Math.min(total, page * size) };
}

/** Previous, next and the page numbers, with gaps past the nearest; null for a single page. */
export function pagination(p: Pick<PageOf, 'page' | 'pages'>, href: (page: number) => string, landmarkLabel: string) {
  if (p.pages <= 1) return null;
  const shown = [...new Set([1, p.page - 1, p.page, p.page + 1, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === p.page });
  });
  return {
    landmarkLabel,
    ...(p.page > 1 ? { previous: { href: href(p.page - 1) } } : {}),
    ...(p.page < p.pages ? { next: { href: href(p.page + 1) } } : {}),
    items,
  };
}
