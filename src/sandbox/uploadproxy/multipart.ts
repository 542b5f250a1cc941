/**
 * Streams the content of the multipart/form-data part named `file` (other parts are skipped), as
 * CDI's upload server reads `upload-form` requests. Works chunk by chunk; the file is never held
 * in memory.
 */
export async function* multipartFilePart(
  body: AsyncIterable<Buffer>,
  boundary: string,
): AsyncGenerator<Buffer> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from('\r\n');
  const st: { state: 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done'; found: boolean } =
    {
      state: 'preamble',
      found: false,
    };
  let isFile = false;

  const step = function* (final: boolean): Generator<Buffer> {
    for (;;) {
      if (st.state === 'preamble') {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
          return;
        }
        buf = buf.subarray(i + delimiter.length);
        st.state = 'afterDelimiter';
      } else if (st.state === 'afterDelimiter') {
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          st.state = 'done';
          return;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        buf = buf.subarray(eol + 2);
        st.state = 'headers';
      } else if (st.state === 'headers') {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headers = buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end + 4);
        const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
        isFile = /\bname="?file"?(;|\s|$)/i.test(disposition);
        if (isFile) st.found = true;
        st.state = 'body';
      } else if (st.state === 'body') {
        const i = buf.indexOf(delimiter);
        if (i >= 0) {
          if (isFile && i > 0) yield buf.subarray(0, i);
          buf = buf.subarray(i + delimiter.length);
          st.state = 'afterDelimiter';
          continue;
        }
        const keep = final ? 0 : delimiter.length;
        if (buf.length > keep) {
          if (isFile) yield buf.subarray(0, buf.length - keep);
          buf = buf.subarray(buf.length - keep);
        }
        return;
      } else {
        buf = Buffer.alloc(0);
        return;
      }
    }
  };

  for await (const chunk of body) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    yield* step(false);
  }
  const finished = (): boolean => st.state === 'done';
  if (!finished()) throw new Error('unexpected EOF in multipart body');
  const sawFile = (): boolean => st.found;
  if (!sawFile()) throw new Error('http: no such file');
}

export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}
