import { describe, expect, it } from 'vitest';
import { precacheOf } from '../../src/build/offline-plugin';

/** One build's files as the plugin sees them: Vite's output, and public/ copied beside it. */
const emitted = () =>
  new Map<string, string | Uint8Array>([
    ['index.html', '<html>'],
    ['assets/index-abc.js', 'console.log(1)'],
    ['assets/index-abc.js.map', '{}'],
    ['assets/duckdb-eh-xyz.wasm', new Uint8Array([0, 97, 115, 109])],
    ['sw.js', 'self'],
  ]);
const publicFiles = () =>
  new Map<string, Uint8Array>([
    ['manifest.webmanifest', new TextEncoder().encode('{}')],
    ['icon-192.png', new Uint8Array([137, 80])],
    ['_headers', new TextEncoder().encode('/*')],
  ]);

describe('precacheOf (the service worker file list)', () => {
  it('lists hashed build files apart from the ones whose names stay, without sw.js, source maps or _headers', () => {
    const p = precacheOf(emitted(), publicFiles(), 'assets');
    expect(p.hashed).toEqual(['assets/duckdb-eh-xyz.wasm', 'assets/index-abc.js']);
    expect(p.plain).toEqual(['icon-192.png', 'index.html', 'manifest.webmanifest']);
  });

  it('gives the same version to the same files and a new one when any content changes', () => {
    const a = precacheOf(emitted(), publicFiles(), 'assets').version;
    expect(precacheOf(emitted(), publicFiles(), 'assets').version).toBe(a);
    const icon = publicFiles().set('icon-192.png', new Uint8Array([137, 81]));
    expect(precacheOf(emitted(), icon, 'assets').version).not.toBe(a);
    const page = emitted().set('index.html', '<html lang="en">');
    expect(precacheOf(page, publicFiles(), 'assets').version).not.toBe(a);
  });

  it('a public file under the assets folder is not taken for a hashed one', () => {
    const p = precacheOf(emitted(), new Map([['assets/logo.png', new Uint8Array([1])]]), 'assets');
    expect(p.plain).toContain('assets/logo.png');
    expect(p.hashed).not.toContain('assets/logo.png');
  });
});
