// The node heading counts its PersistentVolumes in English plural forms (i18next `_one` / `_other` keys of the real
// locale file): "1 PersistentVolume", "2 PersistentVolumes".
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { PersistentVolumeKind } from '../../k8s/types';
import { renderInConsole } from '../../testing/render';
import { NodePVGroup } from './NodePVGroup';

const pv = (name: string): PersistentVolumeKind => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: '10Gi' }, local: { path: `/mnt/local/${name}` } },
});

describe('NodePVGroup', () => {
  it.each([
    ['1 PersistentVolume', [pv('pv-1')]],
    ['2 PersistentVolumes', [pv('pv-1'), pv('pv-2')]],
  ])('heads the group with "%s"', (heading, pvs) => {
    renderInConsole(
      <NodePVGroup group={{ node: 'worker-0', pvs }} dataTest="group" emptyDataTest="empty" />,
    );
    expect(screen.getByText(heading, { exact: true })).toBeInTheDocument();
  });
});
