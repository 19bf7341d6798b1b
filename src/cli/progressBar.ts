/**
 * A one-line progress bar on a terminal (standard error, so reports on standard output stay
 * clean). Redraws at most every 100 ms.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream & { columns?: number }) {}

  update(done: number, total: number, file: string): void {
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < total) {
      return;
    }
    this.lastDraw = now;
    const width = 24;
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * width);
    const columns = this.stream.columns ?? 80;
    const head = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} `;
    const name = file.length > columns - head.length - 1 ? `…${file.slice(-(columns - head.length - 2))}` : file;
    this.stream.write(`\r${head}${name}`.padEnd(columns - 1).slice(0, columns - 1));
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) {
      this.stream.write(`\r${' '.repeat((this.stream.columns ?? 80) - 1)}\r`);
    }
  }
}
