/**
 * What SQL the page sends DuckDB, recorded in the page for the native side of the all-pages
 * table (src/bench/all-pages.ts, replayed by src/bench/native-replay.ts): the statements a view
 * change ran, with their bound values, in order. Only the page's own engine is recorded (the
 * first DuckDB worker the page starts); the copy written to the browser's storage runs on
 * another. Plain script text, run before the app's code: it wraps the Worker constructor to
 * see each request and the prepared statement ids that come back.
 */
export const CAPTURE_QUERIES = `(() => {
  const sent = [];
  window.__riSent = sent;
  const NativeWorker = window.Worker;
  let engines = 0;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      if (engines++ > 0) return;
      const prepared = new Map(), pendingSql = new Map();
      this.addEventListener('message', (e) => {
        const m = e.data;
        if (m && m.type === 'PREPARED_STATEMENT_ID' && pendingSql.has(m.requestId)) prepared.set(m.data, pendingSql.get(m.requestId));
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (m, t) => {
        if (m && (m.type === 'RUN_QUERY' || m.type === 'START_PENDING_QUERY')) sent.push({ sql: m.data[1], params: [], at: performance.now() });
        else if (m && m.type === 'CREATE_PREPARED') pendingSql.set(m.messageId, m.data[1]);
        else if (m && m.type === 'RUN_PREPARED' && prepared.has(m.data[1])) sent.push({ sql: prepared.get(m.data[1]), params: m.data[2], at: performance.now() });
        return post(m, t);
      };
    }
  };
})();`;

/** One statement the page ran: its SQL text and the values bound to it. */
export interface SentQuery {
  sql: string;
  params: unknown[];
  /** When the page sent it (performance.now()). */
  at: number;
}
