/**
 * The page's security policy, defined once. vite.config.ts sends it as HTTP headers on every
 * response of the dev server and of `vite preview`, and writes it into the built index.html
 * as a <meta> tag (for hosts that send no headers). The README's hosting section gives the
 * same header values for nginx, Netlify and Caddy.
 *
 * Everything stays on this origin: the data never leaves the machine, and no script, font or
 * analytics is loaded from elsewhere. 'wasm-unsafe-eval' lets DuckDB and parquet-wasm compile
 * their WebAssembly (no JavaScript is evaluated: JSON is read without code generation);
 * blob: workers are allowed because DuckDB may start one; worker-src 'self' also admits the
 * service worker (dist/sw.js), and manifest-src 'self' the web app manifest. connect-src 'self' is what keeps
 * DuckDB's worker, which holds all the data, from reaching another host: a dedicated worker
 * loaded from a URL takes its policy from that response's headers, not from the page, so the
 * <meta> tag alone never covered it.
 */

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  // No site may frame the page (clickjacking). Only a header can say so: browsers ignore
  // frame-ancestors in a <meta> tag, with a console error.
  ['frame-ancestors', "'none'"],
];

export interface PolicyOptions {
  /** For a <meta> tag: without the directives a <meta> cannot carry. */
  meta?: boolean;
  /** The dev server: React Refresh injects an inline preamble script. Never in a build. */
  dev?: boolean;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  return DIRECTIVES.filter(([name]) => !(options.meta && name === 'frame-ancestors'))
    .map(([name, value]) => `${name} ${options.dev && name === 'script-src' ? `${value} 'unsafe-inline'` : value}`)
    .join('; ');
}

/** The headers every response carries (pages, scripts, DuckDB's worker, wasm, data files). */
export function securityHeaders(options: Pick<PolicyOptions, 'dev'> = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
