import { describe, expect, it } from 'vitest';
import { statusKindOf } from './phase';

describe('statusKindOf', () => {
  it.each([
    ['Bound', 'success'],
    ['Available', 'success'],
    ['Released', 'warning'],
    ['Lost', 'danger'],
    ['Pending', 'pending'],
    ['Succeeded', 'success'],
    ['Failed', 'danger'],
    ['ImportInProgress', 'progress'],
    ['CloneScheduled', 'progress'],
    ['UploadReady', 'progress'],
    ['WaitForFirstConsumer', 'pending'],
    ['Running', 'success'],
    ['Stopped', 'neutral'],
    ['ErrorUnschedulable', 'danger'],
    ['SomeNewError', 'danger'],
    ['Ready', 'success'],
    ['NotReady', 'danger'],
    ['True', 'success'],
    ['False', 'danger'],
    ['Unknown', 'neutral'],
    ['Whatever', 'neutral'],
    ['', 'pending'],
    [undefined, 'pending'],
  ])('%j → %s', (phase, kind) => {
    expect(statusKindOf(phase)).toBe(kind);
  });
});
