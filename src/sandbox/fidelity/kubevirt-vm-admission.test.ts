// KubeVirt's VirtualMachine admission and run strategies, through real kubectl and HTTP, checked
// against kubevirt/kubevirt:
// - pkg/storage/admitters/data-volume-template.go (`ValidateDataVolumeTemplate`: every
//   dataVolumeTemplates entry referenced by a template volume),
// - pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go (`validateRunStrategy`,
//   the `spec.running` deprecation warning, since v1.4.0),
// - pkg/util/webhooks/webhooks.go (`ToAdmissionResponse`: 422, reason Invalid, causes),
// - pkg/virt-controller/watch/vm/vm.go (`startStop`: Manual does not start, Once starts once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldHarness } from '../world/testing/harness';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld();
});

afterAll(async () => {
  await w.close();
});

const WARNING = 'spec.running is deprecated, please use spec.runStrategy instead.';

/** A VM built the way the console's VM wizard builds it: its disk from `dataVolumeTemplates`. */
function wizardVm(name: string, run: string, volumeName: string): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: vm-images
spec:
  ${run}
  dataVolumeTemplates:
  - metadata:
      name: ${name}-rootdisk
    spec:
      source:
        blank: {}
      storage:
        resources:
          requests:
            storage: 1Gi
  template:
    spec:
      domain:
        devices:
          disks:
          - name: rootdisk
            disk: {bus: virtio}
        resources:
          requests:
            memory: 1Gi
      volumes:
      - name: rootdisk
        dataVolume:
          name: ${volumeName}
`;
}

function bareVm(name: string, run: string): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: vm-images
spec:
  ${run}
  template:
    spec:
      domain:
        devices: {}
        resources:
          requests:
            memory: 1Gi
`;
}

const create = (yaml: string) => w.kubectl(['create', '-f', '-', '-o', 'name'], { input: yaml });

async function post(
  body: unknown,
): Promise<{ status: number; warning: string | null; json: unknown }> {
  const token = w.sandbox.users.find((u) => u.name === 'admin')?.token ?? '';
  const res = await fetch(
    `${w.sandbox.url}/apis/kubevirt.io/v1/namespaces/vm-images/virtualmachines?dryRun=All`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/yaml' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  );
  return { status: res.status, warning: res.headers.get('warning'), json: await res.json() };
}

describe('KubeVirt VirtualMachine admission (kubevirt/kubevirt data-volume-template.go, vms-admitter.go)', () => {
  it('refuses a dataVolumeTemplates entry that no template volume references, with 422 Invalid', async () => {
    const r = await create(wizardVm('orphan-template', 'runStrategy: Halted', 'some-other-dv'));
    expect(r.code).not.toBe(0);
    // kubectl renders a 422 Invalid with causes as "The request is invalid: <field>: <message>".
    expect(r.stderr).toContain(
      `The request is invalid: spec.dataVolumeTemplate[0]: DataVolumeTemplate entry spec.dataVolumeTemplate[0] must be referenced in the VMI template's 'volumes' list`,
    );
    expect(await w.get('vm', 'orphan-template', 'vm-images')).toBeUndefined();

    const http = await post(wizardVm('orphan-template', 'runStrategy: Halted', 'some-other-dv'));
    expect(http.status).toBe(422);
    expect(http.json).toMatchObject({
      kind: 'Status',
      message: `admission webhook "virtualmachine-validator.kubevirt.io" denied the request: DataVolumeTemplate entry spec.dataVolumeTemplate[0] must be referenced in the VMI template's 'volumes' list`,
      reason: 'Invalid',
      code: 422,
      details: {
        causes: [
          {
            reason: 'FieldValueRequired',
            field: 'spec.dataVolumeTemplate[0]',
            message:
              "DataVolumeTemplate entry spec.dataVolumeTemplate[0] must be referenced in the VMI template's 'volumes' list",
          },
        ],
      },
    });
  });

  it('refuses re-wiring the volume away from its template entry (what a disk move must not do)', async () => {
    const ok = await create(wizardVm('wizard-vm', 'runStrategy: Halted', 'wizard-vm-rootdisk'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).not.toContain('Warning');
    const rewire = await w.kubectl([
      'patch',
      'vm',
      'wizard-vm',
      '-n',
      'vm-images',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/template/spec/volumes/0/dataVolume/name","value":"moved-disk"}]',
    ]);
    expect(rewire.code).not.toBe(0);
    expect(rewire.stderr).toContain(
      "DataVolumeTemplate entry spec.dataVolumeTemplate[0] must be referenced in the VMI template's 'volumes' list",
    );
    const both = await w.kubectl([
      'patch',
      'vm',
      'wizard-vm',
      '-n',
      'vm-images',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/template/spec/volumes/0/dataVolume/name","value":"moved-disk"},{"op":"replace","path":"/spec/dataVolumeTemplates/0/metadata/name","value":"moved-disk"}]',
    ]);
    expect(both.code, both.stderr).toBe(0);
    const vm = await w.get('vm', 'wizard-vm', 'vm-images');
    expect(field(vm, 'spec.template.spec.volumes.0.dataVolume.name')).toBe('moved-disk');
  });

  it('refuses running together with runStrategy, and a VM with neither', async () => {
    const both = await create(bareVm('both-set', 'running: false\n  runStrategy: Halted'));
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain(
      'The request is invalid: spec.running: Running and RunStrategy are mutually exclusive. Note that Running is deprecated, please use RunStrategy instead',
    );
    const neither = await create(bareVm('neither-set', ''));
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toContain('spec.running: RunStrategy must be specified');
    const bogus = await create(bareVm('bogus-strategy', 'runStrategy: Sometimes'));
    expect(bogus.code).not.toBe(0);
    expect(bogus.stderr).toContain('spec.runStrategy: Invalid RunStrategy (Sometimes)');
  });

  it('warns on every write that sets spec.running (HTTP Warning 299, as kubectl prints it)', async () => {
    const r = await create(bareVm('legacy-running', 'running: false'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Warning: ${WARNING}`);
    const label = await w.kubectl(['label', 'vm', 'legacy-running', '-n', 'vm-images', 'a=b']);
    expect(label.code).toBe(0);
    expect(label.stderr).toContain(`Warning: ${WARNING}`);
    const http = await post(bareVm('legacy-running-2', 'running: false'));
    expect(http.status).toBe(201);
    expect(http.warning).toBe(`299 - "${WARNING}"`);
    const modern = await post(bareVm('modern', 'runStrategy: Halted'));
    expect(modern.status).toBe(201);
    expect(modern.warning).toBeNull();
  });

  it('runStrategy Once starts the VM; Manual leaves it stopped', async () => {
    expect((await create(bareVm('manual-vm', 'runStrategy: Manual'))).code).toBe(0);
    expect((await create(bareVm('once-vm', 'runStrategy: Once'))).code).toBe(0);
    await waitFor('Once VMI', async () => await w.get('vmi', 'once-vm', 'vm-images'));
    await waitFor(
      'Manual VM Stopped',
      async () =>
        field(await w.get('vm', 'manual-vm', 'vm-images'), 'status.printableStatus') === 'Stopped',
    );
    expect(await w.get('vmi', 'manual-vm', 'vm-images')).toBeUndefined();
  });
});
