import { parentPort, workerData } from 'worker_threads';
import { neverCancelled } from '../core/cancellation';
import { Analyzer, type AnalysisInput, type AnalysisOptions } from '../core/engine/analyzer';
import { TreeSitterHost } from '../core/parsing/treeSitter';
import { allRules } from '../core/rules/catalogue';

/**
 * A worker thread of `ucanpay scan --jobs N`: its own engine (WebAssembly runtime, grammars),
 * analysing the files the main thread sends, one at a time.
 */
export interface AnalyzeRequest {
  readonly id: number;
  readonly input: AnalysisInput;
  readonly options: AnalysisOptions;
}

export type AnalyzeReply = { readonly id: number; readonly result: Awaited<ReturnType<Analyzer['analyze']>> } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port) {
  const analyzer = new Analyzer(new TreeSitterHost((workerData as { wasmDir: string }).wasmDir), allRules);
  port.on('message', (request: AnalyzeRequest) => {
    analyzer.analyze(request.input, request.options, neverCancelled).then(
      (result) => port.postMessage({ id: request.id, result } satisfies AnalyzeReply),
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies AnalyzeReply),
    );
  });
}
