// The clone's blocking reasons from CDI's DataVolume conditions Bound and Running
// (kubevirt/containerized-data-importer doc/datavolumes.md "Conditions").
import { describe, expect, it } from 'vitest';
import { cloneBlockers } from './clone-blockers';

describe('cloneBlockers', () => {
  it.each([
    ['no conditions yet', 'Pending', undefined, []],
    [
      'claim waiting for a volume',
      'Pending',
      [
        { type: 'Bound', status: 'False', reason: 'Pending', message: '0/6 nodes are available' },
        { type: 'Running', status: 'False', reason: '' },
      ],
      ['Bound:Pending:0/6 nodes are available'],
    ],
    [
      'source in use',
      'CloneScheduled',
      [
        { type: 'Bound', status: 'True', reason: 'Bound' },
        { type: 'Running', status: 'False', reason: 'CloneSourceInUse', message: 'in use by pod' },
      ],
      ['Running:CloneSourceInUse:in use by pod'],
    ],
    [
      'finished: nothing blocks',
      'Succeeded',
      [{ type: 'Running', status: 'False', reason: 'Completed' }],
      [],
    ],
    [
      'running normally',
      'CloneInProgress',
      [
        { type: 'Bound', status: 'True', reason: 'Bound' },
        { type: 'Running', status: 'True', reason: 'Pod is running' },
      ],
      [],
    ],
  ] as const)('%s', (_name, phase, conditions, expected) => {
    expect(
      cloneBlockers(phase, conditions).map((b) => `${b.type}:${b.reason}:${b.message}`),
    ).toEqual(expected);
  });
});
