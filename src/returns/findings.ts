/**
 * What every statutory-return validator produces, whichever return it reads.
 * One finding per rule and row; the CLI, the upload page and the CSV/JSON
 * exports all speak this shape.
 */
export interface Finding {
  /** DfE rule code, as published (e.g. "101", "8640", "1103"). */
  rule: string;
  /** Table the row belongs to (903: "Header", "Episodes", ...; CIN: "Child", "Assessments", ...). */
  table: string;
  /**
   * 1-based data row in that table's file (header line not counted) for the 903;
   * 1-based position of the child in the message for the CIN census;
   * null when the finding is about the return as a whole.
   */
  row: number | null;
  /** The child's identifier in the return (903 CHILD, CIN LAchildID), when known. */
  childId: string | null;
  /** Fields the rule names as affected. */
  fields: string[];
  /** DfE's message for the rule. */
  message: string;
}

/**
 * A return that cannot be read at all. The message names the file and, where it
 * can, the line or element and what is wrong; it never carries a stack trace to
 * the user.
 */
export class ReturnReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly location?: string,
  ) {
    super(`${file}${location ? ` (${location})` : ''}: ${reason}`);
    this.name = 'ReturnReadError';
  }
}

/**
 * Findings kept compactly while the rules run (about 20 bytes each, where a Finding
 * object takes a hundred or so), then given back one at a time, in table, row and rule
 * order if asked. A national-size return has hundreds of thousands of findings: they are
 * never all objects at once, so a report is written as they come out, without holding
 * every finding, or the whole file, in memory.
 */
export class FindingStore {
  /** What findings of one rule share (its code, fields and message), stored once. */
  private readonly kinds: { rule: string; fields: string[]; message: string }[] = [];
  private readonly kindIds = new Map<string, number>();
  private lastKind = -1;
  private readonly tables: string[] = [];
  private readonly tableIds = new Map<string, number>();
  private kind = new Uint32Array(1024);
  private table = new Uint16Array(1024);
  /** The row, or -1 for a finding about the return as a whole (row null). */
  private row = new Int32Array(1024);
  private readonly child: (string | null)[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(f: Finding): void {
    if (this.n === this.kind.length) this.grow();
    const i = this.n++;
    this.kind[i] = this.kindOf(f);
    let t = this.tableIds.get(f.table);
    if (t === undefined) {
      t = this.tables.push(f.table) - 1;
      this.tableIds.set(f.table, t);
    }
    this.table[i] = t;
    this.row[i] = f.row === null ? -1 : f.row;
    this.child.push(f.childId);
  }

  /** Every finding, in the order added. */
  *inOrderAdded(): Generator<Finding> {
    for (let i = 0; i < this.n; i++) yield this.finding(i);
  }

  /**
   * Every finding ordered by table name, row, then rule code (names and codes compared
   * code unit by code unit, as `<` does; no row counts as row 0), findings that tie
   * staying in the order added: the order of a sort by those keys.
   */
  *byPlace(): Generator<Finding> {
    const n = this.n;
    const tableRank = ranks(this.tables);
    const kindRank = ranks(this.kinds.map((k) => k.rule));
    // A counting sort on (table, row) keeps the order added; then the few findings that
    // share a table and row are put in rule order.
    const rowsOf = new Array<number>(this.tables.length).fill(0);
    for (let i = 0; i < n; i++) {
      const t = tableRank[this.table[i]!]!;
      rowsOf[t] = Math.max(rowsOf[t]!, this.row[i]! + 1);
    }
    const base = new Array<number>(this.tables.length);
    let slots = 0;
    for (let t = 0; t < rowsOf.length; t++) {
      base[t] = slots;
      slots += Math.max(1, rowsOf[t]!);
    }
    const slotOf = (i: number) => base[tableRank[this.table[i]!]!]! + Math.max(0, this.row[i]!);
    const start = new Uint32Array(slots + 1);
    for (let i = 0; i < n; i++) start[slotOf(i) + 1]!++;
    for (let s = 0; s < slots; s++) start[s + 1]! += start[s]!;
    const next = start.slice(0, slots);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[next[slotOf(i)]!++] = i;
    for (let s = 0; s < slots; s++) {
      const from = start[s]!;
      const to = start[s + 1]!;
      // insertion sort: stable, and these runs are a handful of findings long
      for (let a = from + 1; a < to; a++) {
        const x = order[a]!;
        const rank = kindRank[this.kind[x]!]!;
        let b = a - 1;
        while (b >= from && kindRank[this.kind[order[b]!]!]! > rank) {
          order[b + 1] = order[b]!;
          b--;
        }
        order[b + 1] = x;
      }
    }
    for (let k = 0; k < n; k++) yield this.finding(order[k]!);
  }

  private finding(i: number): Finding {
    const kind = this.kinds[this.kind[i]!]!;
    const row = this.row[i]!;
    return {
      rule: kind.rule,
      table: this.tables[this.table[i]!]!,
      row: row < 0 ? null : row,
      childId: this.child[i]!,
      fields: kind.fields,
      message: kind.message,
    };
  }

  private kindOf(f: Finding): number {
    const last = this.kinds[this.lastKind];
    if (last && last.rule === f.rule && last.message === f.message && sameList(last.fields, f.fields)) return this.lastKind;
    const key = `${f.rule}\u0000${f.message}\u0000${f.fields.join('\u0000')}`;
    let k = this.kindIds.get(key);
    if (k === undefined) {
      k = this.kinds.push({ rule: f.rule, fields: f.fields, message: f.message }) - 1;
      this.kindIds.set(key, k);
    }
    this.lastKind = k;
    return k;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint32Array(size);
    kind.set(this.kind);
    const table = new Uint16Array(size);
    table.set(this.table);
    const row = new Int32Array(size);
    row.set(this.row);
    this.kind = kind;
    this.table = table;
    this.row = row;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Each string's place among the distinct strings sorted as `<` compares them. */
function ranks(list: readonly string[]): number[] {
  const sorted = [...new Set(list)].sort();
  const rank = new Map(sorted.map((s, i) => [s, i]));
  return list.map((s) => rank.get(s)!);
}
