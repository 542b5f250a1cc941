/**
 * `npm run bench:load`: load through the backend (its own process, fresh embedded sandbox, loopback):
 * 100 watchers on the sandbox while objects are created, then concurrent uploads (see uploads.ts).
 * Prints a table: throughput, p50/p99 latency, backend RSS, data errors. Port: BENCH_PORT or 19020.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, startBackend } from '../support/backend-process';
import { runUploads } from './uploads';
import { runWatchers } from './watchers';

const PORT = Number(process.env.BENCH_PORT ?? 19020);

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-bench-load-'));
  const backend = await startBackend({ port: PORT, dataDir: path.join(dir, 'sandbox') });
  const rows: (string | number)[][] = [];
  try {
    const rssBefore = await backend.rssBytes();
    const w = await runWatchers(backend, Number(process.env.BENCH_WATCHERS ?? 100), 200);
    const rssWatch = await backend.rssBytes();
    rows.push([
      `${w.watchers} watchers × ${w.objects} creates`,
      `${w.eventsPerSecond.toFixed(0)} events/s`,
      `${w.p50Ms.toFixed(1)} / ${w.p99Ms.toFixed(1)} / ${w.maxMs.toFixed(0)}`,
      `${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssWatch / 2 ** 20).toFixed(0)}`,
      `${w.missing} missing, ${w.duplicates} duplicated, ${w.outOfOrder} out of order (of ${w.watchers * w.objects})`,
    ]);
    process.stdout.write(`watchers done\n`);
    if (process.env.BENCH_SKIP_UPLOADS !== '1') {
      const u = await runUploads(backend, dir, {
        count: Number(process.env.BENCH_UPLOADS ?? 20),
        mib: Number(process.env.BENCH_UPLOAD_MIB ?? 256),
      });
      rows.push(u.row);
    }
  } finally {
    await backend.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nLoad bench (backend and embedded sandbox in one process, loopback)\n\n` +
      markdownTable(
        ['scenario', 'throughput', 'latency ms p50 / p99 / max', 'backend RSS MiB', 'data errors'],
        rows,
      ) +
      '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:load failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
