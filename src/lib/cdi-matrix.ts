/**
 * CDI's supported operations (seed 6.12.2.2 / 6.12.7.5, CDI doc/supported_operations.md): for each content type
 * and source, which image formats CDI accepts and which operations need scratch space. One data table: the
 * matrix page renders it and the upload flow checks against it. Reasons are codes; UIs word them.
 */

export type MatrixContentType = 'kubevirt-qcow2' | 'kubevirt-raw' | 'archive';
export type MatrixSource = 'http' | 'https' | 'http-basic-auth' | 'registry' | 'upload';
/** A file as the table names it: the image itself, or the image compressed. */
export type MatrixFormat = 'qcow2' | 'raw' | 'gz' | 'xz' | 'tar';

export const MATRIX_CONTENT_TYPES: readonly MatrixContentType[] = [
  'kubevirt-qcow2',
  'kubevirt-raw',
  'archive',
];
export const MATRIX_SOURCES: readonly MatrixSource[] = [
  'http',
  'https',
  'http-basic-auth',
  'registry',
  'upload',
];

/** When scratch space is needed: always, never, or only when the HTTPS server needs a custom CA. */
export type ScratchNeed = 'always' | 'never' | 'custom-ca';

/** Why a cell is what it is (worded by the UI). */
export type MatrixReason =
  | 'direct-stream' // qemu-img / the importer streams the data straight onto the target
  | 'decompress-to-scratch' // a compressed qcow2 must be unpacked before qemu-img can read it
  | 'custom-ca-download' // qemu-img cannot use a custom CA: the file is downloaded to scratch first
  | 'registry-layers' // registry images are pulled and their layers extracted on scratch space
  | 'registry-no-compression' // a registry image's disk is not compressed inside the container image
  | 'upload-no-stdin' // qemu-img does not read stdin: uploads are saved to scratch space first
  | 'archive-untar' // archives are unpacked straight into the filesystem volume
  | 'archive-no-registry' // an archive cannot come from a registry
  | 'archive-no-upload'; // the upload path takes disk images, not archives

export interface MatrixEntry {
  format: MatrixFormat;
  supported: boolean;
  scratch: ScratchNeed;
  reason: MatrixReason;
}

export interface MatrixCell {
  contentType: MatrixContentType;
  source: MatrixSource;
  entries: MatrixEntry[];
}

const ok = (format: MatrixFormat, scratch: ScratchNeed, reason: MatrixReason): MatrixEntry => ({
  format,
  supported: true,
  scratch,
  reason,
});
const no = (format: MatrixFormat, reason: MatrixReason): MatrixEntry => ({
  format,
  supported: false,
  scratch: 'never',
  reason,
});

const qcow2Http = (qcow2Scratch: ScratchNeed): MatrixEntry[] => [
  ok('qcow2', qcow2Scratch, qcow2Scratch === 'custom-ca' ? 'custom-ca-download' : 'direct-stream'),
  ok('gz', 'always', 'decompress-to-scratch'),
  ok('xz', 'always', 'decompress-to-scratch'),
];
const rawHttp = (): MatrixEntry[] => [
  ok('raw', 'never', 'direct-stream'),
  ok('gz', 'never', 'direct-stream'),
  ok('xz', 'never', 'direct-stream'),
];

/** The table, row by row, exactly as the documentation gives it. */
export const CDI_MATRIX: Record<MatrixContentType, Record<MatrixSource, MatrixEntry[]>> = {
  'kubevirt-qcow2': {
    http: qcow2Http('never'),
    https: qcow2Http('custom-ca'),
    'http-basic-auth': qcow2Http('never'),
    registry: [
      ok('qcow2', 'always', 'registry-layers'),
      no('gz', 'registry-no-compression'),
      no('xz', 'registry-no-compression'),
    ],
    upload: [
      ok('qcow2', 'always', 'upload-no-stdin'),
      ok('gz', 'always', 'upload-no-stdin'),
      ok('xz', 'always', 'upload-no-stdin'),
    ],
  },
  'kubevirt-raw': {
    http: rawHttp(),
    https: rawHttp(),
    'http-basic-auth': rawHttp(),
    registry: [
      ok('raw', 'always', 'registry-layers'),
      no('gz', 'registry-no-compression'),
      no('xz', 'registry-no-compression'),
    ],
    upload: [
      ok('raw', 'always', 'upload-no-stdin'),
      ok('gz', 'always', 'upload-no-stdin'),
      ok('xz', 'always', 'upload-no-stdin'),
    ],
  },
  archive: {
    http: [ok('tar', 'never', 'archive-untar')],
    https: [ok('tar', 'never', 'archive-untar')],
    'http-basic-auth': [ok('tar', 'never', 'archive-untar')],
    registry: [no('tar', 'archive-no-registry')],
    upload: [no('tar', 'archive-no-upload')],
  },
};

export const matrixCells = (): MatrixCell[] =>
  MATRIX_CONTENT_TYPES.flatMap((contentType) =>
    MATRIX_SOURCES.map((source) => ({
      contentType,
      source,
      entries: CDI_MATRIX[contentType][source],
    })),
  );

// ---------------------------------------------------------------------------------------------------------------
// Checking one operation

/** Image formats as an inspector reports them. Formats converted by qemu-img like qcow2 use the qcow2 row. */
export type ImageFormat = 'qcow2' | 'raw' | 'iso' | 'vmdk' | 'vdi' | 'vpc' | 'vhdx' | 'tar';
export type Compression = 'none' | 'gz' | 'xz' | 'zst';

export interface OperationInput {
  /** DataVolume `contentType`. */
  contentType: 'kubevirt' | 'archive';
  source: MatrixSource;
  /** The inner format, after any compression layer. */
  format: ImageFormat;
  compression: Compression;
  volumeMode?: 'Filesystem' | 'Block';
  /** For `https`: whether the server needs a custom CA (`certConfigMap`). */
  customCA?: boolean;
}

export type OperationProblem =
  | 'archive-to-block' // archives are unpacked into a filesystem; a Block volume has none
  | 'archive-content-needs-tar' // contentType archive takes a tar
  | 'tar-needs-archive-content' // a disk image inside a tar is not supported for kubevirt content
  | 'not-in-matrix'; // the table marks the combination unsupported

export interface OperationCheck {
  supported: boolean;
  /** Whether CDI will need a scratch PVC (`<pvc>-scratch`, Filesystem, RWO) for it. */
  needsScratch: boolean;
  problems: OperationProblem[];
  /** The table entry that decided, if any. */
  entry?: MatrixEntry;
  contentType?: MatrixContentType;
  /** The format is not in the table but CDI converts it like qcow2 (vmdk, vdi, vhd, vhdx; zst compression). */
  beyondTable: boolean;
}

const rowFor = (format: ImageFormat): MatrixContentType =>
  format === 'raw' || format === 'iso' ? 'kubevirt-raw' : 'kubevirt-qcow2';

/** Whether CDI supports the operation and whether it needs scratch space, per the table. */
export const checkOperation = (input: OperationInput): OperationCheck => {
  const problems: OperationProblem[] = [];
  if (input.contentType === 'archive') {
    if (input.format !== 'tar') problems.push('archive-content-needs-tar');
    if (input.volumeMode === 'Block') problems.push('archive-to-block');
    const entry = CDI_MATRIX.archive[input.source].at(0);
    if (entry && !entry.supported) problems.push('not-in-matrix');
    return {
      supported: problems.length === 0,
      needsScratch: problems.length === 0 && entry?.scratch === 'always',
      problems,
      entry,
      contentType: 'archive',
      beyondTable: false,
    };
  }
  if (input.format === 'tar') {
    return {
      supported: false,
      needsScratch: false,
      problems: ['tar-needs-archive-content'],
      beyondTable: false,
    };
  }
  const contentType = rowFor(input.format);
  const entries = CDI_MATRIX[contentType][input.source];
  const tableFormat: MatrixFormat =
    input.compression === 'none' || input.compression === 'zst'
      ? contentType === 'kubevirt-raw'
        ? 'raw'
        : 'qcow2'
      : input.compression;
  // zst is handled like gz/xz by CDI versions that know it; the table predates it.
  const lookup: MatrixFormat = input.compression === 'zst' ? 'gz' : tableFormat;
  const entry = entries.find((e) => e.format === lookup);
  if (!entry?.supported) problems.push('not-in-matrix');
  const needsScratch =
    entry?.scratch === 'always' || (entry?.scratch === 'custom-ca' && input.customCA === true);
  return {
    supported: problems.length === 0,
    needsScratch: problems.length === 0 && needsScratch,
    problems,
    entry,
    contentType,
    beyondTable: input.compression === 'zst' || !['qcow2', 'raw', 'iso'].includes(input.format),
  };
};
