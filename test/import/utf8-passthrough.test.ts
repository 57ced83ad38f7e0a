import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../src/loader/file-kinds';
import { readUtf8Text, wholeCharacters } from '../../src/loader/read-input';

/**
 * readUtf8Text keeps the bytes of valid UTF-8 pieces with LF line ends as they are, and encodes
 * the decoded text only where it differs (CR line ends, invalid bytes, a BOM, another
 * encoding). Either way the result must be exactly what decoding the whole file, making its
 * line ends LF and encoding it again gives, however the source cuts the file into pieces.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...xs: (string | number[])[]) => Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? [...enc(x)] : x)));

/** The reference: the whole file decoded (BOM dropped, invalid bytes as U+FFFD), LF line ends, encoded. */
function reference(b: Uint8Array): Uint8Array {
  const text = new TextDecoder('utf-8').decode(b).replace(/\r\n?/g, '\n');
  return enc(text);
}

function pieces(b: Uint8Array, n: number): ByteSource {
  const whole = bytesSource(b);
  return { size: whole.size, read: (offset, length) => whole.read(offset, Math.min(length, n)) };
}

const CASES: [string, Uint8Array][] = [
  ['ASCII, LF', bytes('sku,name\nA1,plain\nA2,text\n')],
  ['multi-byte characters, LF', bytes('sku,name\nA1,Café €\nA2,l’été 😀\nA3,日本語\n')],
  ['a UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], 'sku,name\nA1,Café\n')],
  ['CRLF and lone CR line ends', bytes('sku,name\r\nA1,é\r\nA2,x\rA3,y\n')],
  ['invalid bytes inside', bytes('sku,name\nA1,', [0xc3], 'A\nA2,', [0xff, 0xfe], 'z\n')],
  ['a character cut off at the end of the file', bytes('sku,name\nA1,x', [0xe2, 0x82])],
  ['U+FFFD written in the file', bytes('sku,name\nA1,\uFFFD\n')],
  ['invalid bytes next to a CR', bytes('a\r', [0xe9], '\nb\n')],
];

describe('UTF-8 text kept as bytes', () => {
  for (const [label, b] of CASES) {
    it(`${label}: the same bytes as decoding and encoding the whole file, in pieces of any size`, async () => {
      const want = reference(b);
      for (const n of [1, 2, 3, 4, 5, 7, 1 << 20]) {
        const got = await readUtf8Text({ name: 'f.csv', source: pieces(b, n) }, 'utf-8');
        expect([n, [...got.bytes]]).toEqual([n, [...want]]);
      }
    });
  }

  it('a valid UTF-8 file with LF line ends is handed on as its own bytes, not encoded again', async () => {
    const b = bytes('sku,name\nA1,Café €\n');
    const got = await readUtf8Text({ name: 'f.csv', source: bytesSource(b) }, 'utf-8');
    expect(got.bytes.buffer).toBe(b.buffer);
    expect(got.head).toBe('sku,name\nA1,Café €\n');
  });

  it('cuts a piece before a character split across pieces, never inside one', () => {
    const euro = [0xe2, 0x82, 0xac];
    const at = (b: number[]) => wholeCharacters(Uint8Array.from(b), false).map((x) => (x ? [...x] : null));
    expect(at([0x41, ...euro])).toEqual([[0x41, ...euro], null]);
    expect(at([0x41, 0xe2, 0x82])).toEqual([[0x41], [0xe2, 0x82]]);
    expect(at([0x41, 0xf0, 0x9f, 0x98])).toEqual([[0x41], [0xf0, 0x9f, 0x98]]);
    expect(at([0x41, 0xc3])).toEqual([[0x41], [0xc3]]);
    // The last piece is never cut: what is incomplete there is invalid, and decoded as such.
    expect(wholeCharacters(Uint8Array.from([0x41, 0xe2]), true)[1]).toBeNull();
  });
});
