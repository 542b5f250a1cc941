/**
 * Simulated durations (node reboots, operator rollouts, copy progress). `VM_DISKS_SANDBOX_SPEED`
 * divides them: `10` runs ten times faster, `1000` makes them nearly instant (tests).
 */
export function simulatedDelay(ms: number): number {
  const raw = Number(process.env.VM_DISKS_SANDBOX_SPEED ?? '1');
  const speed = Number.isFinite(raw) && raw > 0 ? raw : 1;
  return Math.max(1, Math.round(ms / speed));
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
