import * as path from 'path';
import { Worker } from 'worker_threads';
import { throwIfCancelled, type CancellationToken } from '../core/cancellation';
import type { AnalysisInput, AnalysisOptions, AnalysisResult } from '../core/engine/analyzer';
import type { FileAnalyzer } from '../core/engine/projectScan';
import type { AnalyzeReply, AnalyzeRequest } from './scanWorker';

interface Pending {
  readonly resolve: (result: AnalysisResult) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Analyses files in `size` worker threads, each with an engine of its own: a scan of thousands of
 * files uses every core. Give it as many files at once as it has workers (`concurrency`).
 */
export class WorkerPool implements FileAnalyzer {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ request: AnalyzeRequest; pending: Pending }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, wasmDir: string, workerFile = path.join(__dirname, 'scanWorker.js')) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile, { workerData: { wasmDir } });
      worker.on('message', (reply: AnalyzeReply) => this.onReply(worker, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a scan worker stopped with exit code ${code}`));
      });
      // Idle workers must not keep the process alive once the scan is over.
      worker.unref();
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  analyze(input: AnalysisInput, options: AnalysisOptions, token: CancellationToken): Promise<AnalysisResult> {
    throwIfCancelled(token);
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      const request: AnalyzeRequest = { id: this.nextId++, input, options };
      this.queue.push({ request, pending: { resolve, reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop() as Worker;
      const { request, pending } = this.queue.shift() as { request: AnalyzeRequest; pending: Pending };
      this.pending.set(request.id, pending);
      worker.ref();
      worker.postMessage(request);
    }
  }

  private onReply(worker: Worker, reply: AnalyzeReply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    worker.unref();
    this.idle.push(worker);
    if ('error' in reply) {
      pending?.reject(new Error(reply.error));
    } else {
      pending?.resolve(reply.result);
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of [...this.pending.values(), ...this.queue.map((queued) => queued.pending)]) {
      pending.reject(this.failure);
    }
    this.pending.clear();
    this.queue.length = 0;
  }

  async dispose(): Promise<void> {
    this.fail(new Error('the scan workers were stopped'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
