import { describe, expect, it } from 'vitest';
import { CDI_MATRIX, checkOperation, matrixCells } from './cdi-matrix';

// The documentation's table in its own notation (✓ supported, □ not, * scratch, ** scratch with a custom CA).
const DOC: Record<string, string[]> = {
  'kubevirt-qcow2': [
    '✓qcow2 ✓gz* ✓xz*',
    '✓qcow2** ✓gz* ✓xz*',
    '✓qcow2 ✓gz* ✓xz*',
    '✓qcow2* □gz □xz',
    '✓qcow2* ✓gz* ✓xz*',
  ],
  'kubevirt-raw': [
    '✓raw ✓gz ✓xz',
    '✓raw ✓gz ✓xz',
    '✓raw ✓gz ✓xz',
    '✓raw* □gz □xz',
    '✓raw* ✓gz* ✓xz*',
  ],
  archive: ['✓tar', '✓tar', '✓tar', '□tar', '□tar'],
};

const notation = (row: keyof typeof CDI_MATRIX): string[] =>
  Object.values(CDI_MATRIX[row]).map((entries) =>
    entries
      .map(
        (e) =>
          `${e.supported ? '✓' : '□'}${e.format}${
            e.scratch === 'always' ? '*' : e.scratch === 'custom-ca' ? '**' : ''
          }`,
      )
      .join(' '),
  );

describe('CDI operations matrix', () => {
  it('is the documented table, cell by cell', () => {
    for (const row of Object.keys(DOC) as (keyof typeof CDI_MATRIX)[]) {
      expect(notation(row)).toEqual(DOC[row]);
    }
    expect(matrixCells()).toHaveLength(15);
  });

  it('checks uploads the way the upload flow needs', () => {
    expect(
      checkOperation({
        contentType: 'kubevirt',
        source: 'upload',
        format: 'qcow2',
        compression: 'xz',
      }),
    ).toMatchObject({ supported: true, needsScratch: true, contentType: 'kubevirt-qcow2' });
    expect(
      checkOperation({
        contentType: 'archive',
        source: 'upload',
        format: 'tar',
        compression: 'none',
      }),
    ).toMatchObject({ supported: false, problems: ['not-in-matrix'] });
    expect(
      checkOperation({
        contentType: 'archive',
        source: 'http',
        format: 'tar',
        compression: 'none',
        volumeMode: 'Block',
      }).problems,
    ).toEqual(['archive-to-block']);
    expect(
      checkOperation({
        contentType: 'kubevirt',
        source: 'upload',
        format: 'tar',
        compression: 'none',
      }).problems,
    ).toEqual(['tar-needs-archive-content']);
  });

  it('knows scratch needs of imports', () => {
    const raw = checkOperation({
      contentType: 'kubevirt',
      source: 'http',
      format: 'iso',
      compression: 'gz',
    });
    expect(raw).toMatchObject({
      supported: true,
      needsScratch: false,
      contentType: 'kubevirt-raw',
    });
    const https = {
      contentType: 'kubevirt',
      source: 'https',
      format: 'qcow2',
      compression: 'none',
    } as const;
    expect(checkOperation(https).needsScratch).toBe(false);
    expect(checkOperation({ ...https, customCA: true }).needsScratch).toBe(true);
    expect(
      checkOperation({
        contentType: 'kubevirt',
        source: 'registry',
        format: 'qcow2',
        compression: 'gz',
      }),
    ).toMatchObject({ supported: false, problems: ['not-in-matrix'] });
    expect(
      checkOperation({
        contentType: 'kubevirt',
        source: 'upload',
        format: 'vmdk',
        compression: 'zst',
      }),
    ).toMatchObject({ supported: true, needsScratch: true, beyondTable: true });
  });
});
