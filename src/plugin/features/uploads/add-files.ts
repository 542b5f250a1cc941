// Files dropped or picked: each is inspected in the worker (by content) and gets a fingerprint; a file picked
// to resume an upload the backend already holds must be the same file (same fingerprint).
import { looksLikeText, TEXT_SNIFF_BYTES } from '../../../lib/text-content';
import type { UploadView } from './backend-api';
import { fileFingerprint } from './fingerprint';
import { inspectInWorker } from './image-worker-client';
import { startTransfer } from './transfer';
import { uploadStore } from './upload-store';

/** Whether the file's first bytes read as text (a text file is not a disk image). */
const sniffText = async (file: File): Promise<boolean> =>
  looksLikeText(new Uint8Array(await file.slice(0, TEXT_SNIFF_BYTES).arrayBuffer()));

let counter = 0;
const newKey = () => `upload-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function addFiles(files: readonly File[]): void {
  for (const file of files) {
    const key = newKey();
    uploadStore.add({ key, file, phase: 'inspecting', sent: 0, rate: 0, eta: null });
    Promise.all([inspectInWorker(file), sniffText(file)]).then(
      ([inspected, text]) => {
        uploadStore.update(key, {
          phase: 'ready',
          inspected,
          looksLikeText: text,
          fingerprint: fileFingerprint(file, inspected.headSha256),
        });
      },
      (err: unknown) => {
        uploadStore.update(key, { phase: 'failed', error: (err as Error).message });
      },
    );
  }
}

/** Why a file picked to resume an upload is not that upload's file. */
export type ResumeRefusal = 'size' | 'content' | 'name';

/** Resumes `session` with `file`; resolves the cause (nothing started) when it is not the same file. */
export async function resumeWithFile(
  session: UploadView,
  file: File,
): Promise<ResumeRefusal | undefined> {
  if (file.size !== session.size) return 'size';
  const inspected = await inspectInWorker(file);
  const fingerprint = fileFingerprint(file, inspected.headSha256);
  if (fingerprint !== session.fingerprint) {
    // Same size: the first MiB differs (other content) unless only the name does.
    const renamed = fileFingerprint(
      { name: session.fileName, size: file.size },
      inspected.headSha256,
    );
    return renamed === session.fingerprint ? 'name' : 'content';
  }
  const key = newKey();
  uploadStore.add({
    key,
    file,
    phase: 'uploading',
    inspected,
    fingerprint,
    resumeId: session.id,
    sessionId: session.id,
    sent: session.received,
    rate: 0,
    eta: null,
    values: {
      kind: session.targetKind,
      name: session.targetName,
      namespace: session.namespace,
      size: '',
      storageClassName: '',
      accessMode: '',
      volumeMode: 'Filesystem',
      forceBind: false,
    },
  });
  await startTransfer(key);
  return undefined;
}
