// Short human descriptions of an inspection (format, compression, sizes) for labels.
import type { ImageInspection } from '../../../lib/image-inspection';

const FORMAT_NAMES: Record<string, string> = {
  raw: 'raw',
  iso: 'ISO 9660',
  qcow2: 'qcow2',
  qcow: 'qcow (v1)',
  qed: 'QED',
  vmdk: 'VMDK',
  vpc: 'VHD',
  vhdx: 'VHDX',
  vdi: 'VDI',
  luks: 'LUKS',
  tar: 'tar',
};

export const formatName = (i: ImageInspection): string => {
  const base = i.innerReadable === false ? '?' : (FORMAT_NAMES[i.format] ?? i.format);
  const version = i.qcow2 ? ` v${i.qcow2.version}` : '';
  return i.compression ? `${base}${version} (${i.compression})` : `${base}${version}`;
};

export const bytesText = (n: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[u] ?? 'B'}`;
};

export const durationText = (seconds: number): string => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
};
