// Why a move is refused, in words.
import type { MoveRefusal } from '../../../lib/clone-datavolume';
import { formatBytes } from '../../../lib/quantity';
import type { usePluginTranslation } from '../../i18n/usePluginTranslation';

export type Translate = ReturnType<typeof usePluginTranslation>['t'];

export const refusalMessage = (t: Translate, refusal: MoveRefusal): string => {
  switch (refusal.kind) {
    case 'vm-running':
      return t(
        'The virtual machine is running. CDI does not clone a disk while a running virtual machine (its virt-launcher pod) writes to it: stop the virtual machine first.',
      );
    case 'shared-disk':
      return t(
        'The disk is used by several virtual machines ({{vms}}). Moving it would change where all of them can run; detach it from all but one first.',
        { vms: refusal.vms.join(', ') },
      );
    case 'same-node':
      return t('The disk is already on {{node}}. Choose another node.', { node: refusal.node });
    case 'target-bound':
      return t('The PersistentVolume {{pv}} is already bound to {{claim}}.', {
        pv: refusal.pv,
        claim: refusal.claim,
      });
    case 'target-unavailable':
      return t('The PersistentVolume {{pv}} is {{phase}}, not Available.', {
        pv: refusal.pv,
        phase: refusal.phase,
      });
    case 'target-smaller':
      return t(
        'The PersistentVolume {{pv}} is smaller than the source: {{target}} usable, the source needs {{source}}.',
        {
          pv: refusal.pv,
          target: formatBytes(refusal.targetBytes),
          source: formatBytes(refusal.sourceBytes),
        },
      );
    case 'target-not-pinned':
      return t('The PersistentVolume {{pv}} is not pinned to one node.', { pv: refusal.pv });
  }
};
