import type { AdmissionRequest, SandboxContext } from '../../contract';
import type { VirtualMachine } from '../shapes';
import { asType } from '../shapes';
import { webhookDenied } from './webhook';

const WEBHOOK = 'virtualmachine-validator.kubevirt.io';
const STRATEGIES = ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once', 'WaitAsReceiver'];

/** virt-api's VirtualMachine admitter: `running` and `runStrategy` are mutually exclusive. */
export function virtualMachineAdmission(ctx: SandboxContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation === 'DELETE' || !req.object || req.subresource) return;
    const vm = asType<VirtualMachine>(req.object);
    if (vm.spec.running !== undefined && vm.spec.runStrategy !== undefined) {
      throw webhookDenied(
        ctx,
        WEBHOOK,
        'spec.running and spec.runStrategy are mutually exclusive. Note that spec.running is deprecated, please use spec.runStrategy',
      );
    }
    if (vm.spec.runStrategy !== undefined && !STRATEGIES.includes(vm.spec.runStrategy)) {
      throw webhookDenied(ctx, WEBHOOK, `spec.runStrategy is invalid: ${vm.spec.runStrategy}`);
    }
    if (!vm.spec.template) throw webhookDenied(ctx, WEBHOOK, 'spec.template must be specified');
  };
}
