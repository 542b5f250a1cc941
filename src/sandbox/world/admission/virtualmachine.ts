import type { AdmissionRequest, SandboxContext } from '../../contract';
import type { DataVolumeSpec, VirtualMachine } from '../shapes';
import { asType } from '../shapes';
import { webhookDenied } from './webhook';

const WEBHOOK = 'virtualmachine-validator.kubevirt.io';

/** kubevirt/kubevirt vms-admitter.go `validRunStrategies` (WaitAsReceiver needs a feature gate). */
const STRATEGIES = ['Halted', 'Manual', 'Always', 'RerunOnFailure', 'Once'];

/**
 * The warning KubeVirt returns for every VM write that sets `spec.running` (kubevirt/kubevirt
 * pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go `Admit`, KubeVirt ≥ v1.4). Only on
 * `current` (KubeVirt v1.9): the seed's era (KubeVirt v0.4x) accepted `spec.running` silently.
 */
const RUNNING_DEPRECATED = 'spec.running is deprecated, please use spec.runStrategy instead.';

interface Cause {
  reason: string;
  message: string;
  field: string;
}

const invalid = (message: string, field: string): Cause => ({
  reason: 'FieldValueInvalid',
  message,
  field,
});
const required = (message: string, field: string): Cause => ({
  reason: 'FieldValueRequired',
  message,
  field,
});

type Template = NonNullable<VirtualMachine['spec']['dataVolumeTemplates']>[number];

/** The parts of a DataVolume spec KubeVirt's DataVolumeTemplate rules look at. */
interface TemplateSpec extends DataVolumeSpec {
  pvc?: DataVolumeSpec['pvc'] & { dataSource?: unknown; dataSourceRef?: unknown };
  storage?: DataVolumeSpec['storage'] & { dataSource?: unknown; dataSourceRef?: unknown };
}

/**
 * One `spec.dataVolumeTemplates` entry (kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go
 * `validateDataVolume`): a name, exactly one of pvc/storage, a source or external population.
 */
function templateEntryCauses(path: string, entry: Template): Cause[] {
  if (!entry.metadata?.name) {
    return [
      required(
        `'name' field must not be empty for DataVolumeTemplate entry ${path}.name.`,
        `${path}.name`,
      ),
    ];
  }
  const spec: TemplateSpec = entry.spec ?? {};
  if (!spec.pvc && !spec.storage) {
    return [invalid('Missing Data volume PVC or Storage', `${path}.PVC.Storage`)];
  }
  if (spec.pvc && spec.storage) {
    return [
      invalid(
        'Duplicate storage definition, both target storage and target pvc defined',
        `${path}.PVC.Storage`,
      ),
    ];
  }
  const target = spec.pvc ?? spec.storage;
  const external = target?.dataSource !== undefined || target?.dataSourceRef !== undefined;
  const sourced = spec.source !== undefined || spec.sourceRef !== undefined;
  if (external && sourced) {
    return [
      invalid('External population is incompatible with Source and SourceRef', `${path}.source`),
    ];
  }
  if (!external && !sourced) {
    return [
      invalid(
        'Data volume should have either Source, SourceRef, or be externally populated',
        `${path}.source.sourceRef`,
      ),
    ];
  }
  if (spec.source !== undefined) {
    const n = Object.values(spec.source as Record<string, unknown>).filter(
      (v) => v !== undefined && v !== null,
    ).length;
    if (n === 0) return [invalid('Missing dataVolume valid source', `${path}.source`)];
    if (n > 1) return [invalid('Multiple dataVolume sources', `${path}.source`)];
  }
  return [];
}

/**
 * kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go `ValidateDataVolumeTemplate`:
 * every entry must be referenced by a template volume (`dataVolume.name` or
 * `persistentVolumeClaim.claimName`). The path is printed `spec.dataVolumeTemplate[i]` (singular).
 */
function dataVolumeTemplateCauses(vm: VirtualMachine): Cause[] {
  const causes: Cause[] = [];
  const volumes = vm.spec.template?.spec?.volumes ?? [];
  (vm.spec.dataVolumeTemplates ?? []).forEach((entry, i) => {
    const path = `spec.dataVolumeTemplate[${i}]`;
    const own = templateEntryCauses(path, entry);
    if (own.length > 0) {
      causes.push(...own);
      return;
    }
    const name = entry.metadata?.name;
    const referenced = volumes.some(
      (v) => v.dataVolume?.name === name || v.persistentVolumeClaim?.claimName === name,
    );
    if (!referenced) {
      causes.push(
        required(
          `DataVolumeTemplate entry ${path} must be referenced in the VMI template's 'volumes' list`,
          path,
        ),
      );
    }
  });
  return causes;
}

/** kubevirt/kubevirt vms-admitter.go `validateRunStrategy`. */
function runStrategyCauses(vm: VirtualMachine): Cause[] {
  const { running, runStrategy } = vm.spec;
  const causes: Cause[] = [];
  if (running !== undefined && runStrategy !== undefined) {
    causes.push(
      invalid(
        'Running and RunStrategy are mutually exclusive. Note that Running is deprecated, please use RunStrategy instead',
        'spec.running',
      ),
    );
  }
  if (running === undefined && runStrategy === undefined) {
    causes.push(invalid('RunStrategy must be specified', 'spec.running'));
  }
  if (runStrategy === 'WaitAsReceiver') {
    causes.push(
      invalid(
        'Invalid RunStrategy (WaitAsReceiver), DecentralizedLiveMigration feature gate is not enabled in kubevirt resource',
        'spec.runStrategy',
      ),
    );
  } else if (runStrategy !== undefined && !STRATEGIES.includes(runStrategy)) {
    causes.push(invalid(`Invalid RunStrategy (${runStrategy})`, 'spec.runStrategy'));
  }
  return causes;
}

/**
 * kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go
 * `validateVirtualMachineDataVolumeTemplateNamespace` (checked after the spec rules, and on update
 * only when the templates changed).
 */
function namespaceCauses(vm: VirtualMachine, old: VirtualMachine | undefined): Cause[] {
  const templates = vm.spec.dataVolumeTemplates ?? [];
  if (old && JSON.stringify(old.spec.dataVolumeTemplates) === JSON.stringify(templates)) return [];
  const ns = vm.metadata.namespace ?? '';
  const causes: Cause[] = [];
  templates.forEach((t, i) => {
    const own = (t.metadata as { namespace?: string } | undefined)?.namespace;
    if (own && own !== ns) {
      causes.push(
        invalid(
          `Embedded DataVolume namespace ${own} differs from VM namespace ${ns}`,
          `spec.dataVolumeTemplates[${i}]`,
        ),
      );
    }
  });
  return causes;
}

/**
 * virt-api's VirtualMachine validating webhook (kubevirt/kubevirt
 * pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go `Admit`): refuses with 422,
 * reason Invalid, the causes' messages joined with ", " (at most 10, pkg/util/webhooks
 * `ToAdmissionResponse`); on success warns when the deprecated `spec.running` is set.
 */
export function virtualMachineAdmission(ctx: SandboxContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation === 'DELETE' || !req.object || req.subresource) return;
    const vm = asType<VirtualMachine>(req.object);
    if (vm.metadata.deletionTimestamp) return;
    const deny = (causes: Cause[]): Error => {
      const shown = causes.slice(0, 10);
      const more = causes.length - shown.length;
      const message =
        shown.map((c) => c.message).join(', ') +
        (more > 0 ? `, and ${String(more)} more validation errors` : '');
      return webhookDenied(ctx, WEBHOOK, message, 422, { reason: 'Invalid', causes: shown });
    };
    if (!vm.spec.template) {
      throw deny([required('missing virtual machine template.', 'spec.template')]);
    }
    const causes = [...dataVolumeTemplateCauses(vm), ...runStrategyCauses(vm)];
    if (causes.length > 0) throw deny(causes);
    const old = req.oldObject ? asType<VirtualMachine>(req.oldObject) : undefined;
    const nsCauses = namespaceCauses(vm, old);
    if (nsCauses.length > 0) throw deny(nsCauses);
    if (ctx.profile === 'current' && vm.spec.running !== undefined) req.warn?.(RUNNING_DEPRECATED);
  };
}
