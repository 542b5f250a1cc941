import type { KubeObject } from '../contract';
import { PV_PROTECTION, PVC_PROTECTION } from '../builtin/storage';
import type { InternalEvent, SandboxStore } from '../store/store';

const PVC = { group: '', kind: 'PersistentVolumeClaim' };
const PV = { group: '', kind: 'PersistentVolume' };
const POD = { group: '', kind: 'Pod' };
const VMI = { group: 'kubevirt.io', kind: 'VirtualMachineInstance' };

interface VolumeRef {
  persistentVolumeClaim?: { claimName?: string };
  dataVolume?: { name?: string };
}

const terminal = (o: KubeObject): boolean => {
  const phase = (o.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

/**
 * The pvc-protection and pv-protection controllers: a claim in use by a pod (or by a running
 * VirtualMachineInstance, which stands for its virt-launcher pod) stays Terminating until released.
 */
export class ProtectionController {
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;

  constructor(private readonly store: SandboxStore) {}

  start(): void {
    this.unsubscribe = this.store.watchRaw((e) => {
      this.onEvent(e);
    });
    this.timer = setInterval(() => {
      this.schedule();
    }, 5000);
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  private onEvent(e: InternalEvent): void {
    const { group, kind } = e.resourceType;
    const relevant =
      (group === '' && ['PersistentVolumeClaim', 'PersistentVolume', 'Pod'].includes(kind)) ||
      (group === VMI.group && kind === VMI.kind);
    if (relevant) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.run();
    }, 10);
  }

  private inUse(pvc: KubeObject): boolean {
    const ns = pvc.metadata.namespace;
    const name = pvc.metadata.name;
    const uses = (volumes: VolumeRef[] | undefined): boolean =>
      (volumes ?? []).some(
        (v) => v.persistentVolumeClaim?.claimName === name || v.dataVolume?.name === name,
      );
    const pods = this.store.listRaw(POD, ns).filter((p) => !terminal(p));
    if (pods.some((p) => uses((p.spec as { volumes?: VolumeRef[] } | undefined)?.volumes)))
      return true;
    if (!this.store.registry.find(VMI)) return false;
    const vmis = this.store.listRaw(VMI, ns).filter((v) => !terminal(v));
    return vmis.some((v) => uses((v.spec as { volumes?: VolumeRef[] } | undefined)?.volumes));
  }

  private async run(): Promise<void> {
    try {
      for (const pvc of this.store.listRaw(PVC)) {
        if (!pvc.metadata.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION))
          continue;
        if (this.inUse(pvc)) continue;
        await this.store.mutate(PVC, pvc.metadata.namespace, pvc.metadata.name ?? '', (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION);
        });
      }
      for (const pv of this.store.listRaw(PV)) {
        if (!pv.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION))
          continue;
        const ref = (pv.spec as { claimRef?: { namespace?: string; name?: string; uid?: string } })
          .claimRef;
        const claim = ref?.name ? this.store.getRaw(PVC, ref.namespace, ref.name) : undefined;
        const bound =
          claim !== undefined &&
          (!ref?.uid || claim.metadata.uid === ref.uid) &&
          (pv.status as { phase?: string } | undefined)?.phase === 'Bound';
        if (bound) continue;
        await this.store.mutate(PV, undefined, pv.metadata.name ?? '', (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION);
        });
      }
    } catch (e) {
      console.error('sandbox: protection controller', e);
    }
  }
}
