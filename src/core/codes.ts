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
