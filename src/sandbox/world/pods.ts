import { nowIso } from './shapes';

/** Status of a pod whose containers all run and are ready, as the kubelet reports it. */
export function runningPodStatus(
  containers: { name: string; image: string }[],
  hostIP = '',
): Record<string, unknown> {
  const t = nowIso();
  return {
    phase: 'Running',
    hostIP,
    podIP: '10.128.2.' + String(10 + Math.floor(Math.random() * 200)),
    startTime: t,
    qosClass: 'Burstable',
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: t,
    })),
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: c.image,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: t } },
      containerID: `cri-o://${Math.random().toString(16).slice(2).padEnd(16, '0')}`,
    })),
  };
}
