import type { InstallWorld } from '../contract';
import { cdiConfigController } from '../controllers/cdi/config';
import { dataVolumeController } from '../controllers/cdi/datavolume';
import { storageProfileController } from '../controllers/cdi/profiles';
import { hyperConvergedController } from '../controllers/hco/controller';
import { hppOperator } from '../controllers/hpp/operator';
import { hppProvisioner } from '../controllers/hpp/provisioner';
import { localVolumeRecycler } from '../controllers/localstorage/recycler';
import { machineConfigController } from '../controllers/machineconfig/controller';
import { nodeChcon } from '../controllers/node/chcon';
import { ControllerRunner, TaskSet } from '../controllers/runtime';
import { podScheduler } from '../controllers/scheduling/scheduler';
import { virtualMachineController } from '../controllers/vm/controller';
import { startUploadProxy } from '../uploadproxy/server';
import { UploadTokenSigner } from '../uploadproxy/token';
import { dataVolumeAdmission } from './admission/datavolume';
import { hostPathProvisionerAdmission } from './admission/hostpathprovisioner';
import { uploadTokenAdmission } from './admission/uploadtoken';
import { virtualMachineAdmission } from './admission/virtualmachine';
import { CNV_NAMESPACE, DATA_VOLUME, HPP, NAMESPACE, UPLOAD_TOKEN_REQUEST, VM } from './refs';
import { installCdiApiServer } from './cdi-apiserver';
import { seedWorld } from './seed';
import { simulatedDelay } from './speed';
import { worldTypes } from './types';

/**
 * The simulated cluster contents: API groups (CRD-style), admission webhooks of CDI, HPP and
 * KubeVirt, the seeded lab (on an empty store), the controllers, and the CDI upload proxy whose
 * URL is published in `CDIConfig.status.uploadProxyURL`.
 */
export const installWorld: InstallWorld = async (ctx) => {
  for (const t of worldTypes(ctx.profile)) ctx.registerType(t);
  const signer = new UploadTokenSigner(ctx.dataDir);
  ctx.registerAdmission(DATA_VOLUME, dataVolumeAdmission(ctx));
  ctx.registerAdmission(HPP, hostPathProvisionerAdmission(ctx));
  ctx.registerAdmission(UPLOAD_TOKEN_REQUEST, uploadTokenAdmission(ctx, signer));
  ctx.registerAdmission(VM, virtualMachineAdmission(ctx));

  if (!ctx.store.get(NAMESPACE, undefined, CNV_NAMESPACE)) await seedWorld(ctx);
  await installCdiApiServer(ctx);

  let stopping = false;
  const proxy = await startUploadProxy(ctx, signer, () => stopping);
  const tasks = new TaskSet(ctx);
  const runner = new ControllerRunner(ctx, Math.max(300, simulatedDelay(2000)));
  runner.add([
    hyperConvergedController(ctx),
    cdiConfigController(ctx, () => proxy.url),
    storageProfileController(ctx),
    nodeChcon(ctx),
    machineConfigController(ctx, tasks),
    hppOperator(ctx, runner),
    hppProvisioner(ctx),
    localVolumeRecycler(ctx),
    dataVolumeController(ctx, tasks, runner),
    virtualMachineController(ctx, tasks),
    podScheduler(ctx),
  ]);
  await runner.start();
  ctx.log(`CDI upload proxy listening on ${proxy.url}`);
  return {
    async stop() {
      stopping = true;
      await runner.stop();
      await tasks.close();
      await proxy.close();
    },
  };
};
