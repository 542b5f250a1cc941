import type { KubeObject } from '../contract';
import type { InternalEvent, SandboxStore } from '../store/store';
import { matchesStructured, type StructuredSelector } from '../store/selectors';
import { quantityValue } from '../validation/quantity';
import type { EventRecorder } from './events';
import { pvFitsNode } from './node-affinity';

const PVC = { group: '', kind: 'PersistentVolumeClaim' };
const PV = { group: '', kind: 'PersistentVolume' };
const SC = { group: 'storage.k8s.io', kind: 'StorageClass' };
const NODE = { group: '', kind: 'Node' };

const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const COMPONENT = 'persistentvolume-controller';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface ClaimSpec {
  accessModes?: string[];
  resources?: { requests?: { storage?: unknown } };
  volumeMode?: string;
  storageClassName?: string;
  volumeName?: string;
  selector?: StructuredSelector;
}

interface VolumeSpec {
  accessModes?: string[];
  capacity?: { storage?: unknown };
  volumeMode?: string;
  storageClassName?: string;
  persistentVolumeReclaimPolicy?: string;
  claimRef?: { namespace?: string; name?: string; uid?: string };
}

const claimSpec = (o: KubeObject): ClaimSpec => o.spec ?? {};
const volumeSpec = (o: KubeObject): VolumeSpec => o.spec ?? {};
const phaseOf = (o: KubeObject): string | undefined =>
  (o.status as { phase?: string } | undefined)?.phase;

/**
 * The persistent-volume controller of kube-controller-manager, for what the sandbox needs:
 * binding claims to pre-created (or provisioner-created, pre-bound) volumes, WaitForFirstConsumer,
 * external-provisioning hand-off, Released/Lost, and reclaiming with the Delete policy.
 */
export class PvBinder {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SandboxStore,
    private readonly events: EventRecorder,
    private readonly resyncMs = 15000,
  ) {}

  start(): void {
    this.unsubscribe = this.store.watchRaw((e) => {
      this.onEvent(e);
    });
    this.timer = setInterval(() => {
      this.resync();
    }, this.resyncMs);
    this.resync();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private resync(): void {
    for (const pv of this.store.listRaw(PV)) {
      if (!pv.status || phaseOf(pv) === 'Pending') this.enqueue(`pv:${pv.metadata.name ?? ''}`);
    }
    for (const pvc of this.store.listRaw(PVC)) {
      if (phaseOf(pvc) !== 'Bound')
        this.enqueue(`pvc:${pvc.metadata.namespace ?? ''}/${pvc.metadata.name ?? ''}`);
    }
  }

  private onEvent(e: InternalEvent): void {
    const { group, kind } = e.resourceType;
    if (group !== '') return;
    if (kind === 'PersistentVolumeClaim') {
      const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`;
      if (e.type === 'DELETED') this.enqueue(`released:${e.object.metadata.uid ?? ''}`);
      else this.enqueue(`pvc:${key}`);
    } else if (kind === 'PersistentVolume') {
      this.enqueue(`pv:${e.object.metadata.name ?? ''}`);
      const ref = volumeSpec(e.object).claimRef;
      if (ref?.name) this.enqueue(`pvc:${ref.namespace ?? ''}/${ref.name}`);
      if (e.type !== 'DELETED' && !ref) {
        for (const pvc of this.store.listRaw(PVC)) {
          if (phaseOf(pvc) === 'Pending')
            this.enqueue(`pvc:${pvc.metadata.namespace ?? ''}/${pvc.metadata.name ?? ''}`);
        }
      }
    }
  }

  private enqueue(key: string): void {
    this.pending.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.running = this.running.then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      try {
        await this.sync(key);
      } catch (e) {
        // Conflicts and races resolve on the next event or resync, as in the real controller.
        if (!(e instanceof Error && 'code' in e)) console.error('sandbox: pv-binder', e);
      }
    }
  }

  private async sync(key: string): Promise<void> {
    const sep = key.indexOf(':');
    const kind = key.slice(0, sep);
    const rest = key.slice(sep + 1);
    if (kind === 'pv') return this.syncVolume(rest);
    if (kind === 'released') return this.syncReleased(rest);
    const slash = rest.indexOf('/');
    await this.syncClaim(rest.slice(0, slash), rest.slice(slash + 1));
  }

  private async syncVolume(name: string): Promise<void> {
    const pv = this.store.getRaw(PV, undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = volumeSpec(pv).claimRef;
    if (!ref) {
      if (phaseOf(pv) !== 'Available') {
        await this.store.mutate(
          PV,
          undefined,
          name,
          (o) => {
            o.status = { phase: 'Available' };
          },
          { status: true },
        );
      }
      return;
    }
    const claim = ref.name ? this.store.getRaw(PVC, ref.namespace, ref.name) : undefined;
    const claimGone =
      !claim || (ref.uid !== undefined && ref.uid !== '' && claim.metadata.uid !== ref.uid);
    if (claimGone && phaseOf(pv) === 'Bound') await this.release(pv);
    else if (claimGone && (phaseOf(pv) === 'Pending' || !pv.status) && ref.uid)
      await this.release(pv);
    else if (!claimGone && phaseOf(pv) !== 'Bound' && phaseOf(pv) !== 'Released' && !ref.uid) {
      // Pre-bound by name only: the claim side will complete it.
      if (phaseOf(pv) !== 'Available') {
        await this.store.mutate(
          PV,
          undefined,
          name,
          (o) => {
            o.status = { phase: 'Available' };
          },
          { status: true },
        );
      }
    }
  }

  /** The claim a volume was bound to is gone: Retain → Released, Delete → the volume is deleted. */
  private async release(pv: KubeObject): Promise<void> {
    const name = pv.metadata.name ?? '';
    if (volumeSpec(pv).persistentVolumeReclaimPolicy === 'Delete') {
      try {
        await this.store.deleteObject(PV, undefined, name);
      } catch {
        // Already gone.
      }
      return;
    }
    if (phaseOf(pv) === 'Released') return;
    await this.store.mutate(
      PV,
      undefined,
      name,
      (o) => {
        o.status = { phase: 'Released' };
      },
      { status: true },
    );
  }

  private async syncReleased(uid: string): Promise<void> {
    for (const pv of this.store.listRaw(PV)) {
      if (volumeSpec(pv).claimRef?.uid === uid) await this.syncVolume(pv.metadata.name ?? '');
    }
  }

  private async syncClaim(namespace: string, name: string): Promise<void> {
    const pvc = this.store.getRaw(PVC, namespace, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const spec = claimSpec(pvc);
    if (phaseOf(pvc) === 'Bound' || phaseOf(pvc) === 'Lost') {
      const pv = spec.volumeName ? this.store.getRaw(PV, undefined, spec.volumeName) : undefined;
      if (!pv && phaseOf(pvc) === 'Bound') {
        await this.store.mutate(
          PVC,
          namespace,
          name,
          (o) => {
            o.status = { ...(o.status as object), phase: 'Lost' };
          },
          { status: true },
        );
        await this.events.record(
          pvc,
          'Warning',
          'ClaimLost',
          'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
          COMPONENT,
        );
      }
      return;
    }
    if (spec.volumeName) {
      const pv = this.store.getRaw(PV, undefined, spec.volumeName);
      if (!pv) {
        await this.events.record(
          pvc,
          'Warning',
          'FailedBinding',
          `volume "${spec.volumeName}" not found`,
          COMPONENT,
          15000,
        );
        return;
      }
      const ref = volumeSpec(pv).claimRef;
      if (
        ref &&
        (ref.name !== name ||
          ref.namespace !== namespace ||
          (ref.uid && ref.uid !== pvc.metadata.uid))
      ) {
        await this.events.record(
          pvc,
          'Warning',
          'FailedBinding',
          `volume "${spec.volumeName}" already bound to a different claim.`,
          COMPONENT,
          15000,
        );
        return;
      }
      await this.bind(pvc, pv);
      return;
    }
    const preBound = this.store.listRaw(PV).find((pv) => {
      const ref = volumeSpec(pv).claimRef;
      return (
        ref?.name === name &&
        ref.namespace === namespace &&
        (!ref.uid || ref.uid === pvc.metadata.uid) &&
        !pv.metadata.deletionTimestamp
      );
    });
    if (preBound) {
      await this.bind(pvc, preBound);
      return;
    }
    const className = spec.storageClassName ?? '';
    const sc = className ? this.store.getRaw(SC, undefined, className) : undefined;
    const selectedNode = pvc.metadata.annotations?.[SELECTED_NODE];
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) {
      await this.events.record(
        pvc,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
        COMPONENT,
        15000,
      );
      return;
    }
    const match = this.findVolume(pvc, selectedNode);
    if (match) {
      await this.bind(pvc, match);
      return;
    }
    if (!className) {
      await this.events.record(
        pvc,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
        COMPONENT,
        15000,
      );
      return;
    }
    if (!sc) {
      await this.events.record(
        pvc,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
        COMPONENT,
        15000,
      );
      return;
    }
    const provisioner = typeof sc.provisioner === 'string' ? sc.provisioner : '';
    if (spec.selector && provisioner !== NO_PROVISIONER) {
      await this.events.record(
        pvc,
        'Warning',
        'ProvisioningFailed',
        'claim Selector is not supported',
        COMPONENT,
        15000,
      );
      return;
    }
    if (pvc.metadata.annotations?.[STORAGE_PROVISIONER] !== provisioner) {
      await this.store.mutate(PVC, namespace, name, (o) => {
        o.metadata.annotations = {
          ...o.metadata.annotations,
          [STORAGE_PROVISIONER]: provisioner,
          [BETA_STORAGE_PROVISIONER]: provisioner,
        };
      });
    }
    await this.events.record(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      COMPONENT,
      15000,
    );
  }

  /** The smallest available volume that satisfies the claim (and fits the selected node). */
  private findVolume(pvc: KubeObject, selectedNode: string | undefined): KubeObject | undefined {
    const spec = claimSpec(pvc);
    const want = quantityValue(spec.resources?.requests?.storage) ?? 0;
    const className = spec.storageClassName ?? '';
    const modes = spec.accessModes ?? [];
    const node = selectedNode ? this.store.getRaw(NODE, undefined, selectedNode) : undefined;
    let best: KubeObject | undefined;
    let bestSize = Infinity;
    for (const pv of this.store.listRaw(PV)) {
      const v = volumeSpec(pv);
      if (v.claimRef || pv.metadata.deletionTimestamp) continue;
      if (phaseOf(pv) !== 'Available' && phaseOf(pv) !== 'Pending' && pv.status !== undefined)
        continue;
      if ((v.storageClassName ?? '') !== className) continue;
      if ((v.volumeMode ?? 'Filesystem') !== (spec.volumeMode ?? 'Filesystem')) continue;
      if (!modes.every((m) => (v.accessModes ?? []).includes(m))) continue;
      const size = quantityValue(v.capacity?.storage) ?? 0;
      if (size < want) continue;
      if (!matchesStructured(spec.selector, pv.metadata.labels)) continue;
      if (selectedNode && !pvFitsNode(pv, selectedNode, node)) continue;
      if (size < bestSize) {
        best = pv;
        bestSize = size;
      }
    }
    return best;
  }

  private async bind(pvc: KubeObject, pv: KubeObject): Promise<void> {
    const namespace = pvc.metadata.namespace ?? '';
    const name = pvc.metadata.name ?? '';
    const pvName = pv.metadata.name ?? '';
    const hadRef = volumeSpec(pv).claimRef?.uid === pvc.metadata.uid;
    if (!hadRef) {
      await this.store.mutate(PV, undefined, pvName, (o) => {
        const s = volumeSpec(o);
        const preset = s.claimRef !== undefined;
        s.claimRef = {
          kind: 'PersistentVolumeClaim',
          namespace,
          name,
          uid: pvc.metadata.uid,
          apiVersion: 'v1',
          resourceVersion: pvc.metadata.resourceVersion,
        } as VolumeSpec['claimRef'];
        o.spec = s;
        if (!preset)
          o.metadata.annotations = { ...o.metadata.annotations, [BOUND_BY_CONTROLLER]: 'yes' };
      });
    }
    const fresh = this.store.getRaw(PV, undefined, pvName);
    if (fresh && phaseOf(fresh) !== 'Bound') {
      await this.store.mutate(
        PV,
        undefined,
        pvName,
        (o) => {
          o.status = { phase: 'Bound' };
        },
        { status: true },
      );
    }
    const userSetVolume = !!claimSpec(pvc).volumeName;
    await this.store.mutate(PVC, namespace, name, (o) => {
      const s = claimSpec(o);
      s.volumeName = pvName;
      o.spec = s;
      o.metadata.annotations = {
        ...o.metadata.annotations,
        [BIND_COMPLETED]: 'yes',
        ...(userSetVolume ? {} : { [BOUND_BY_CONTROLLER]: 'yes' }),
      };
    });
    await this.store.mutate(
      PVC,
      namespace,
      name,
      (o) => {
        const v = volumeSpec(fresh ?? pv);
        o.status = { phase: 'Bound', accessModes: v.accessModes, capacity: v.capacity };
      },
      { status: true },
    );
  }

  /** WaitForFirstConsumer: the scheduler picked `nodeName` for the claim's first consumer. */
  async bindClaim(namespace: string, name: string, nodeName: string): Promise<string | undefined> {
    const updated = await this.store.mutate(PVC, namespace, name, (o) => {
      o.metadata.annotations = { ...o.metadata.annotations, [SELECTED_NODE]: nodeName };
    });
    if (!updated) return undefined;
    await this.running;
    await this.syncClaim(namespace, name);
    const pvc = this.store.getRaw(PVC, namespace, name);
    return pvc && phaseOf(pvc) === 'Bound' ? claimSpec(pvc).volumeName : undefined;
  }
}
