/**
 * The uploads world (embedded sandbox + backend, real HTTP) as a child process, for tests that may not import
 * backend code (the plugin's component tests): it creates one unfinished upload (a DataVolume and a tus
 * creation, no byte yet), prints one JSON line `{ base, tokens, id, fileName }` on stdout and runs until its
 * stdin closes.
 */
import { NS, startUploadWorld, uploadDataVolume } from './upload-world';

const w = await startUploadWorld();
const name = 'unfinished-a';
await w.kube(
  'developer',
  'POST',
  `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
  uploadDataVolume(name, '1Gi'),
);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const fileName = 'unfinished-a.raw';
const created = await fetch(`${w.base}/api/v1/uploads/tus/`, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${w.token('developer')}`,
    'tus-resumable': '1.0.0',
    'upload-length': String(1024 * 1024),
    'upload-metadata': [
      `namespace ${b64(NS)}`,
      `targetKind ${b64('new-dv')}`,
      `targetName ${b64(name)}`,
      `filename ${b64(fileName)}`,
      `fingerprint ${b64('fp-unfinished-a')}`,
    ].join(','),
  },
});
if (created.status !== 201) throw new Error(`tus creation answered ${created.status}`);
const id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
process.stdout.write(
  `${JSON.stringify({ base: w.base, tokens: { developer: w.token('developer') }, id, fileName })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void w.close().finally(() => process.exit(0));
});
