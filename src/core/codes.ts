/** A code from one of DfE's code lists, with its label. */
export interface Code {
  readonly code: string;
  readonly label: string;
}
export type CodeList = readonly Code[];

export function labelOf(list: CodeList, code: string | null | undefined): string {
  if (!code) return '';
  return list.find((c) => c.code === code)?.label ?? code;
}

/** A list's codes, for a choice field. */
export function codesOf(list: CodeList): [string, ...string[]] {
  const codes = list.map((c) => c.code);
  if (codes.length === 0) throw new Error('empty code list');
  return codes as [string, ...string[]];
}

/**
 * A DfE label in sentence case: the census's lists head each label with capitals ("HEALTH
 * SERVICES – health visitor"), which read as shouting in a list. Only that heading is
 * changed, and only its words of three letters or more, so "LA" stays as it is.
 */
export function sentenceCase(label: string): string {
  const text = label.startsWith('(') && !label.includes(')') ? label.slice(1) : label;
  const dash = text.search(/ [–-] /);
  const head = dash < 0 ? text : text.slice(0, dash);
  const lowered = head.replace(/\b[A-Z]{3,}\b/g, (w) => w.toLowerCase());
  const out = lowered + (dash < 0 ? '' : text.slice(dash));
  return out.charAt(0).toUpperCase() + out.slice(1);
}
