/**
 * CSV output (UTF-8). Rows are buffered into ~1 MB chunks and appended to the file, so memory stays flat
 * however many rows are generated. Synchronous writes keep the generator a plain loop.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { csvCell } from '../data-model/csv-text';

/** A formatted cell; null (or undefined) is written as an empty cell. */
export type Cell = string | null | undefined;

export interface TableWriter {
  row(cells: readonly Cell[]): void;
  close(): void;
  readonly rowCount: number;
}

/** Where the generator writes: one table writer per canonical table, plus named JSON files. */
export interface Sink {
  table(name: string, columns: readonly string[]): TableWriter;
  json(name: string, value: unknown): void;
}

const CHUNK_BYTES = 1 << 20;

export class CsvFileWriter implements TableWriter {
  private fd: number;
  // Rows are encoded into a byte buffer at once: row strings then die young, which keeps
  // garbage collection cheap compared with one long string built up per chunk.
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  rowCount = 0;

  constructor(file: string, columns: readonly string[]) {
    this.fd = openSync(file, 'w');
    this.append(columns.map(csvCell).join(',') + '\n');
  }

  row(cells: readonly Cell[]): void {
    let line = csvCell(cells[0]);
    for (let i = 1; i < cells.length; i++) line += ',' + csvCell(cells[i]);
    this.append(line + '\n');
    this.rowCount++;
  }

  private append(text: string): void {
    // 3 bytes per UTF-16 unit is the UTF-8 worst case.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.buffer.write(text, this.used);
  }

  private flush(): void {
    let offset = 0;
    while (offset < this.used) offset += writeSync(this.fd, this.buffer, offset, this.used - offset);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes `<dir>/<table>.csv` and `<dir>/<name>` JSON files, creating the folder. */
export function directorySink(dir: string): Sink {
  mkdirSync(dir, { recursive: true });
  return {
    table: (name, columns) => new CsvFileWriter(path.join(dir, `${name}.csv`), columns),
    json: (name, value) => writeFileSync(path.join(dir, name), JSON.stringify(value, null, 2) + '\n'),
  };
}
