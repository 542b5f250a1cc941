// Everything the wizard derives from the URL and the live cluster: the source disk and where it lives, the VM and
// whether it runs, the target node's PVs and what refuses each, the clone and where it landed.
import { useMemo } from 'react';
import { useActiveNamespace } from '@openshift-console/dynamic-plugin-sdk';
import {
  findMove,
  moveRefusals,
  nodeRefusals,
  sourceRefusals,
  targetRefusals,
  usableSize,
} from '../../../lib/clone-datavolume';
import type {
  MoveRefusal,
  MoveSourceFacts,
  MoveStage,
  MoveTargetFacts,
} from '../../../lib/clone-datavolume';
import { bytesOf } from '../../../lib/quantity';
import { useCdiConfig } from '../../k8s/hooks/useCdiSettings';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumeClaims } from '../../k8s/hooks/usePersistentVolumeClaims';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { useVirtualMachineInstances } from '../../k8s/hooks/useVirtualMachineInstances';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import { ALL_NAMESPACES_KEY } from '../../k8s/models';
import { filesystemOverheadFor } from '../../k8s/selectors/filesystem-overhead';
import {
  getPVClaim,
  getPVNodeName,
  getPVPhase,
  getPVVolumeMode,
  hostnameIndex,
} from '../../k8s/selectors/persistent-volume';
import { volumeModeOf } from '../../k8s/selectors/api-enums';
import { claimSize, claimVolumes, isVMStopped, vmsUsingClaim } from '../../k8s/selectors/vm-disks';
import type {
  DataVolumeKind,
  NodeKind,
  PersistentVolumeClaimKind,
  PersistentVolumeKind,
  VirtualMachineInstanceKind,
  VirtualMachineKind,
} from '../../k8s/types';
import type { WizardParams } from './wizard-params';

export interface TargetCandidate {
  pv: PersistentVolumeKind;
  facts: MoveTargetFacts;
  refusals: MoveRefusal[];
}

export interface MoveDiskModel {
  namespace: string;
  targetNamespace: string;
  loaded: boolean;
  /** Every list the wizard derives its step from has answered (loaded or refused). */
  settled: boolean;
  errors: { pvs: unknown; vms: unknown; pvcs: unknown; nodes: unknown };
  vms: VirtualMachineKind[];
  vm: VirtualMachineKind | undefined;
  vmi: VirtualMachineInstanceKind | undefined;
  vmStopped: boolean;
  disks: { volume: string; claim: string; pvc?: PersistentVolumeClaimKind; node?: string }[];
  volumeName: string | undefined;
  claim: string | undefined;
  pvc: PersistentVolumeClaimKind | undefined;
  sourcePV: PersistentVolumeKind | undefined;
  source: MoveSourceFacts | undefined;
  sourceRefusals: MoveRefusal[];
  nodes: NodeKind[];
  nodeOf: (pv: PersistentVolumeKind) => string | undefined;
  targetNode: string | undefined;
  nodeRefusals: MoveRefusal[];
  candidates: TargetCandidate[];
  target: TargetCandidate | undefined;
  refusals: MoveRefusal[];
  clone: DataVolumeKind | undefined;
  /** The VM's chosen volume reads the clone named in the URL. */
  rewired: boolean;
  clonePVC: PersistentVolumeClaimKind | undefined;
  cloneNode: string | undefined;
  vmsOfTargetNamespace: VirtualMachineKind[];
  vmisOfTargetNamespace: VirtualMachineInstanceKind[];
  /** The move of the chosen VM volume found on the cluster (its labelled clone), when the URL has none. */
  resume: { clone: string; stage: MoveStage; sourceClaim?: string; restart: boolean } | undefined;
  /** DataVolume and claim names taken in the target namespace. */
  takenNames: string[];
}

const nameOf = (o: { metadata?: { name?: string } }): string => o.metadata?.name ?? '';

export const useMoveDiskModel = (params: WizardParams): MoveDiskModel => {
  const [activeNamespace] = useActiveNamespace();
  const namespace = params.ns ?? (activeNamespace === ALL_NAMESPACES_KEY ? '' : activeNamespace);
  const targetNamespace = params.targetNs ?? namespace;
  const ns = namespace || undefined;
  const [vms, vmsLoaded, vmsError] = useVirtualMachines(ns);
  const [vmis] = useVirtualMachineInstances(ns);
  const [pvcs, pvcsLoaded, pvcsError] = usePersistentVolumeClaims(ns);
  const [pvs, pvsLoaded, pvsError] = usePersistentVolumes();
  const [nodes, nodesLoaded, nodesError] = useNodes();
  const [cdiConfig] = useCdiConfig();
  const [targetDVs, targetDVsLoaded, targetDVsError] = useDataVolumes(targetNamespace || undefined);
  const [targetPVCs] = usePersistentVolumeClaims(targetNamespace || undefined);
  const [targetVMs] = useVirtualMachines(targetNamespace || undefined);
  const [targetVMIs] = useVirtualMachineInstances(targetNamespace || undefined);

  return useMemo(() => {
    const index = hostnameIndex(nodes);
    const nodeOf = (pv: PersistentVolumeKind) => getPVNodeName(pv, index);
    const nsVMs = vms.filter((v) => v.metadata?.namespace === namespace);
    const pvcOf = (claim: string) =>
      pvcs.find((p) => p.metadata?.namespace === namespace && nameOf(p) === claim);
    const pvOf = (pvc: PersistentVolumeClaimKind | undefined) =>
      pvc?.spec?.volumeName ? pvs.find((pv) => nameOf(pv) === pvc.spec?.volumeName) : undefined;

    // From a claim (PVC / DataVolume action): the VM that uses it, when exactly one does.
    let vmName = params.vm;
    let volumeName = params.volume;
    if (!vmName && params.claim) {
      const users = nsVMs.filter((v) =>
        claimVolumes(v).some(({ claim }) => claim === params.claim),
      );
      if (users.length === 1 && users[0]) {
        vmName = nameOf(users[0]);
        volumeName = claimVolumes(users[0]).find(({ claim }) => claim === params.claim)?.volume
          .name;
      }
    }
    const vm = vmName ? nsVMs.find((v) => nameOf(v) === vmName) : undefined;
    const vmi = vm
      ? vmis.find((i) => i.metadata?.namespace === namespace && nameOf(i) === vmName)
      : undefined;
    const disks = vm
      ? claimVolumes(vm).map(({ volume, claim }) => {
          const pvc = pvcOf(claim);
          const pv = pvOf(pvc);
          return { volume: volume.name, claim, pvc, node: pv ? nodeOf(pv) : undefined };
        })
      : [];
    if (vm && !volumeName && disks.length > 0) volumeName = disks[0]?.volume;
    // Once the clone has started the source claim is pinned (`claim`): re-wiring changes what the VM's volume reads.
    const claim =
      params.dv && params.claim
        ? params.claim
        : vm
          ? disks.find((d) => d.volume === volumeName)?.claim
          : params.claim;
    const pvc = claim ? pvcOf(claim) : undefined;
    const sourcePV = pvOf(pvc);
    const vmStopped = vm ? isVMStopped(vm, vmi) : true;
    let source: MoveSourceFacts | undefined;
    if (pvc && claim) {
      const mode = volumeModeOf(pvc.spec?.volumeMode) ?? 'Filesystem';
      const bytes = Number(bytesOf(claimSize(pvc)) ?? 0n);
      source = {
        node: sourcePV ? nodeOf(sourcePV) : undefined,
        usableBytes: usableSize(
          bytes,
          mode,
          filesystemOverheadFor(cdiConfig, pvc.spec?.storageClassName),
        ),
        vmsUsing: vmsUsingClaim(nsVMs, namespace, claim),
        vmRunning: !vmStopped,
      };
    }
    const targetNode = params.node;
    const candidates: TargetCandidate[] =
      source && targetNode
        ? pvs
            .filter((pv) => nodeOf(pv) === targetNode)
            .map((pv) => {
              const claimRef = getPVClaim(pv);
              const facts: MoveTargetFacts = {
                name: nameOf(pv),
                node: nodeOf(pv),
                phase: getPVPhase(pv),
                claim: claimRef ? `${claimRef.namespace}/${claimRef.name}` : undefined,
                usableBytes: usableSize(
                  Number(bytesOf(pv.spec?.capacity?.storage) ?? 0n),
                  getPVVolumeMode(pv),
                  filesystemOverheadFor(cdiConfig, pv.spec?.storageClassName),
                ),
              };
              return { pv, facts, refusals: targetRefusals(source, facts) };
            })
            .sort((a, b) => a.facts.name.localeCompare(b.facts.name))
        : [];
    const target = params.pv ? candidates.find((c) => c.facts.name === params.pv) : undefined;
    const clone = params.dv
      ? targetDVs.find((d) => d.metadata?.namespace === targetNamespace && nameOf(d) === params.dv)
      : undefined;
    const clonePVC = params.dv
      ? targetPVCs.find((p) => p.metadata?.namespace === targetNamespace && nameOf(p) === params.dv)
      : undefined;
    const clonePV = pvOf(clonePVC);
    const nsDVs = targetDVs.filter((d) => d.metadata?.namespace === targetNamespace);
    const nsTargetVMs = targetVMs.filter((v) => v.metadata?.namespace === targetNamespace);
    const resume =
      vm && volumeName && !params.dv
        ? findMove(
            nsDVs,
            vm,
            volumeName,
            pvcs.filter((p) => p.metadata?.namespace === namespace).map(nameOf),
          )
        : undefined;
    const takenNames = [
      ...new Set([
        ...nsDVs.map(nameOf),
        ...targetPVCs.filter((p) => p.metadata?.namespace === targetNamespace).map(nameOf),
      ]),
    ];
    return {
      namespace,
      targetNamespace,
      loaded: vmsLoaded && pvcsLoaded && pvsLoaded && nodesLoaded,
      settled:
        (vmsLoaded || Boolean(vmsError)) &&
        (pvcsLoaded || Boolean(pvcsError)) &&
        (pvsLoaded || Boolean(pvsError)) &&
        (nodesLoaded || Boolean(nodesError)) &&
        (targetDVsLoaded || Boolean(targetDVsError)),
      errors: { pvs: pvsError, vms: vmsError, pvcs: pvcsError, nodes: nodesError },
      vms: nsVMs,
      vm,
      vmi,
      vmStopped,
      disks,
      volumeName,
      claim,
      pvc,
      sourcePV,
      source,
      sourceRefusals: source ? sourceRefusals(source) : [],
      nodes,
      nodeOf,
      targetNode,
      nodeRefusals: source && targetNode ? nodeRefusals(source, targetNode) : [],
      candidates,
      target,
      refusals: source ? moveRefusals(source, target?.facts, targetNode) : [],
      clone,
      rewired: Boolean(
        params.dv &&
        vm?.spec?.template.spec?.volumes?.some(
          (v) => v.name === volumeName && v.dataVolume?.name === params.dv,
        ),
      ),
      clonePVC,
      cloneNode: clonePV ? nodeOf(clonePV) : undefined,
      vmsOfTargetNamespace: nsTargetVMs,
      resume,
      takenNames,
      vmisOfTargetNamespace: targetVMIs.filter((i) => i.metadata?.namespace === targetNamespace),
    };
  }, [
    params,
    namespace,
    targetNamespace,
    vms,
    vmis,
    pvcs,
    pvs,
    nodes,
    cdiConfig,
    targetDVs,
    targetPVCs,
    targetVMs,
    targetVMIs,
    vmsLoaded,
    targetDVsLoaded,
    targetDVsError,
    pvcsLoaded,
    pvsLoaded,
    nodesLoaded,
    pvsError,
    vmsError,
    pvcsError,
    nodesError,
  ]);
};
