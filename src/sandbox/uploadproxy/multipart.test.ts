import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { multipartBoundary, multipartFilePart } from './multipart';

async function collect(parts: Buffer[], boundary: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of multipartFilePart(Readable.from(parts), boundary)) out.push(chunk);
  return Buffer.concat(out);
}

function body(boundary: string, file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="disk.img"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('multipartFilePart', () => {
  const boundary = '----vmdisks1234';
  const file = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));

  it('extracts the part named file, whatever the chunking', async () => {
    const whole = body(boundary, file);
    expect((await collect([whole], boundary)).equals(file)).toBe(true);
    const small: Buffer[] = [];
    for (let i = 0; i < whole.length; i += 7) small.push(whole.subarray(i, i + 7));
    expect((await collect(small, boundary)).equals(file)).toBe(true);
  });

  it('keeps CRLF sequences and boundary-like bytes inside the file', async () => {
    const tricky = Buffer.from(`a\r\n--${boundary.slice(0, 6)}x\r\n\r\nb`);
    expect((await collect([body(boundary, tricky)], boundary)).equals(tricky)).toBe(true);
  });

  it('fails when the body is cut short or has no file part', async () => {
    const whole = body(boundary, file);
    await expect(collect([whole.subarray(0, whole.length - 20)], boundary)).rejects.toThrow(
      'unexpected EOF',
    );
    const noFile = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--${boundary}--\r\n`,
    );
    await expect(collect([noFile], boundary)).rejects.toThrow('no such file');
  });

  it('reads the boundary from the Content-Type header', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/octet-stream')).toBeUndefined();
  });
});
