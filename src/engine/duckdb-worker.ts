import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/*
 * DuckDB-WASM's worker, made to compile its wasm straight from the fetch response. When
 * TransformStream exists, duckdb-wasm 1.32 pipes the wasm download through one to report
 * progress, and Chromium keeps no compiled code for a module compiled from such a stream: every
 * visit compiled the 34 MB again. Without it the worker streams the response itself, which the
 * browser keeps compiled next to the cached file for the next visit. The app shows no download
 * progress, so nothing is lost.
 *
 * DuckDB's worker script is loaded after that change (an import runs before any code of the
 * importing module); messages that arrive meanwhile are held and handed to it in order.
 */
type Scope = { onmessage: ((e: MessageEvent) => unknown) | null; TransformStream?: unknown };
const scope = globalThis as unknown as Scope;
const held: MessageEvent[] = [];
scope.onmessage = (e) => held.push(e);
scope.TransformStream = undefined;
await import(/* @vite-ignore */ duckdbWorkerUrl);
for (const e of held) void scope.onmessage?.(e);
