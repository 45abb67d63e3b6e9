import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

const ROWS_PER_STATEMENT = 64;

/**
 * Buffers rows for one INSERT and writes them many to a statement (`VALUES (…), (…), …`): a
 * statement call costs about as much as the row it writes on a bulk import. Rows are written in
 * the order they were added, so rowids come out as one insert per row would give them. `tail`
 * (e.g. an ON CONFLICT clause) applies to each row as it would to a single-row insert.
 */
export class RowBatch {
  private readonly values: unknown[] = [];
  private readonly statements = new Map<number, Statement<unknown[]>>();
  private readonly tuple: string;

  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
    private readonly tail = '',
  ) {
    this.tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length >= ROWS_PER_STATEMENT * this.width) this.write(ROWS_PER_STATEMENT);
  }

  /** Drops rows not yet written (a failed transaction must not leave them for the next one). */
  clear(): void {
    this.values.length = 0;
  }

  flush(): void {
    while (this.values.length > 0) this.write(Math.min(ROWS_PER_STATEMENT, this.values.length / this.width));
  }

  private write(rows: number): void {
    let s = this.statements.get(rows);
    if (!s) {
      s = this.db.prepare<unknown[]>(`${this.head} VALUES ${new Array<string>(rows).fill(this.tuple).join(', ')} ${this.tail}`);
      this.statements.set(rows, s);
    }
    if (this.values.length === rows * this.width) {
      // The usual case (add writes as soon as a statement's worth is in): no copy of the values.
      s.run(this.values);
      this.values.length = 0;
    } else s.run(this.values.splice(0, rows * this.width));
  }
}
