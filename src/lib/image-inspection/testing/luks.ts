/**
 * Deterministic LUKS fixtures for tests, built from the documented on-disk formats instead of with
 * `qemu-img create -f luks`: qemu-img times PBKDF2 against the thread's CPU clock when it creates a
 * LUKS header, and on a loaded machine that measurement fails ("Unable to get accurate CPU usage").
 * Here the iteration counts are fixed and every "random" byte comes from a seeded stream, so the same
 * call always writes the same bytes. Test support only (uses node:crypto).
 *
 * Formats: the LUKS1 on-disk format specification (cryptsetup, docs/on-disk-format.pdf; qemu reads it
 * in crypto/block-luks.c: magic, version 1, eight key slots of 4000 anti-forensic stripes each, master
 * key digest PBKDF2-SHA-x over 20 bytes) and the qcow2 specification (qemu docs/interop/qcow2.txt:
 * version 3 header, crypt_method 2 = LUKS, the "full disk encryption header pointer" extension).
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';

const SECTOR = 512;
const STRIPES = 4000;
const KEY_SLOTS = 8;
const HEADER_BYTES = 592;
const KEY_BYTES = 64; // aes-256 in XTS mode takes two 256-bit keys
const HASH = 'sha256';
const DIGEST_BYTES = 32;
const ITERATIONS = 1000;
/** Key material of one slot, in sectors, aligned to 4 KiB as cryptsetup and qemu lay it out. */
const SLOT_SECTORS = Math.ceil(Math.ceil((KEY_BYTES * STRIPES) / SECTOR) / 8) * 8;
const FIRST_SLOT_SECTOR = 8;
/** The payload starts at 2 MiB, after the header and all eight slots. */
const LUKS_PAYLOAD_OFFSET = 4096 * SECTOR;

/** A byte stream that depends only on its seed. */
function seededBytes(seed: string): (length: number) => Buffer {
  let counter = 0;
  return (length) => {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < length) {
      const block = createHash(HASH).update(`${seed}:${counter++}`).digest();
      parts.push(block);
      have += block.length;
    }
    return Buffer.concat(parts).subarray(0, length);
  };
}

function writeText(buf: Buffer, at: number, value: string, length: number): void {
  buf.fill(0, at, at + length);
  buf.write(value, at, length, 'latin1');
}

/** LUKS1's diffusion step: each digest-sized piece of `block` becomes H(index ‖ piece), truncated. */
function diffuse(block: Buffer): Buffer {
  const out = Buffer.alloc(block.length);
  for (let i = 0; i * DIGEST_BYTES < block.length; i++) {
    const piece = block.subarray(i * DIGEST_BYTES, Math.min(block.length, (i + 1) * DIGEST_BYTES));
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    createHash(HASH)
      .update(index)
      .update(piece)
      .digest()
      .copy(out, i * DIGEST_BYTES, 0, piece.length);
  }
  return out;
}

/** The anti-forensic split of the master key into STRIPES blocks; merging them gives the key back. */
function afSplit(masterKey: Buffer, random: (n: number) => Buffer): Buffer {
  const stripes = Buffer.alloc(KEY_BYTES * STRIPES);
  let block: Buffer = Buffer.alloc(KEY_BYTES);
  for (let i = 0; i < STRIPES - 1; i++) {
    const stripe = random(KEY_BYTES);
    stripe.copy(stripes, i * KEY_BYTES);
    for (let j = 0; j < KEY_BYTES; j++) block[j] ^= stripe[j];
    block = diffuse(block);
  }
  for (let j = 0; j < KEY_BYTES; j++)
    stripes[(STRIPES - 1) * KEY_BYTES + j] = block[j] ^ masterKey[j];
  return stripes;
}

/** aes-xts-plain64: every 512-byte sector with the tweak = its number, little-endian, from 0. */
function encryptSectors(key: Buffer, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length);
  for (let sector = 0; sector * SECTOR < data.length; sector++) {
    const iv = Buffer.alloc(16);
    iv.writeBigUInt64LE(BigInt(sector));
    const cipher = createCipheriv('aes-256-xts', key, iv).setAutoPadding(false);
    const plain = data.subarray(sector * SECTOR, (sector + 1) * SECTOR);
    Buffer.concat([cipher.update(plain), cipher.final()]).copy(out, sector * SECTOR);
  }
  return out;
}

/**
 * A LUKS1 header with key slot 0 opened by `passphrase`, followed by the key material of all slots:
 * `LUKS_PAYLOAD_OFFSET` bytes. The payload (the encrypted disk) is not included.
 */
function luksHeader(passphrase: string, seed = 'vm-disks-luks-fixture'): Buffer {
  const random = seededBytes(seed);
  const masterKey = random(KEY_BYTES);
  const digestSalt = random(32);
  const slotSalt = random(32);
  const area = Buffer.alloc(LUKS_PAYLOAD_OFFSET);

  area.write('LUKS\xba\xbe', 0, 'latin1');
  area.writeUInt16BE(1, 6);
  writeText(area, 8, 'aes', 32);
  writeText(area, 40, 'xts-plain64', 32);
  writeText(area, 72, HASH, 32);
  area.writeUInt32BE(LUKS_PAYLOAD_OFFSET / SECTOR, 104);
  area.writeUInt32BE(KEY_BYTES, 108);
  pbkdf2Sync(masterKey, digestSalt, ITERATIONS, 20, HASH).copy(area, 112);
  digestSalt.copy(area, 132);
  area.writeUInt32BE(ITERATIONS, 164);
  writeText(area, 168, '2f1d7c3e-5b7a-4c1e-9d0e-6a8b4f3c2e10', 40);

  for (let slot = 0; slot < KEY_SLOTS; slot++) {
    const at = 208 + slot * 48;
    const offsetSector = FIRST_SLOT_SECTOR + slot * SLOT_SECTORS;
    area.writeUInt32BE(slot === 0 ? 0x00ac71f3 : 0x0000dead, at);
    area.writeUInt32BE(slot === 0 ? ITERATIONS : 0, at + 4);
    if (slot === 0) slotSalt.copy(area, at + 8);
    area.writeUInt32BE(offsetSector, at + 40);
    area.writeUInt32BE(STRIPES, at + 44);
    if (slot === 0) {
      const slotKey = pbkdf2Sync(passphrase, slotSalt, ITERATIONS, KEY_BYTES, HASH);
      encryptSectors(slotKey, afSplit(masterKey, random)).copy(area, offsetSector * SECTOR);
    }
  }
  if (FIRST_SLOT_SECTOR * SECTOR < HEADER_BYTES) throw new Error('key slots overlap the header');
  return area;
}

/**
 * A raw LUKS volume (`qemu-img create -f luks` writes the same layout): header and key material, then
 * `payloadBytes` of payload. The payload is left as zeros: nothing in the tests reads it decrypted.
 */
export function luksVolume(passphrase: string, payloadBytes: number): Buffer {
  return Buffer.concat([luksHeader(passphrase), Buffer.alloc(payloadBytes)]);
}

const CLUSTER = 65536;

/**
 * A qcow2 v3 image of `virtualSize` bytes, encrypted with LUKS (crypt_method 2) as `qemu-img create -f
 * qcow2 -o encrypt.format=luks` makes it: header, the crypto-header extension pointing at a LUKS header
 * stored in its own clusters, a refcount table and block that account for every cluster, an empty L1
 * table (no data written yet).
 */
export function luksQcow2(passphrase: string, virtualSize: number): Buffer {
  const l2Entries = CLUSTER / 8;
  const l1Size = Math.ceil(virtualSize / (CLUSTER * l2Entries));
  const refcountTableCluster = 1;
  const refcountBlockCluster = 2;
  const l1Cluster = 3;
  const cryptoCluster = 4;
  const crypto = luksHeader(passphrase);
  const cryptoClusters = Math.ceil(crypto.length / CLUSTER);
  const clusters = cryptoCluster + cryptoClusters;
  const image = Buffer.alloc(clusters * CLUSTER);

  image.write('QFI\xfb', 0, 'latin1');
  image.writeUInt32BE(3, 4); // version
  image.writeUInt32BE(16, 20); // cluster_bits: 64 KiB
  image.writeBigUInt64BE(BigInt(virtualSize), 24);
  image.writeUInt32BE(2, 32); // crypt_method: LUKS
  image.writeUInt32BE(l1Size, 36);
  image.writeBigUInt64BE(BigInt(l1Cluster * CLUSTER), 40);
  image.writeBigUInt64BE(BigInt(refcountTableCluster * CLUSTER), 48);
  image.writeUInt32BE(1, 56); // refcount_table_clusters
  // nb_snapshots, snapshots_offset, feature bits: all zero
  image.writeUInt32BE(4, 96); // refcount_order: 16-bit refcounts
  image.writeUInt32BE(104, 100); // header_length

  let ext = 104;
  image.writeUInt32BE(0x0537be77, ext); // full disk encryption header pointer
  image.writeUInt32BE(16, ext + 4);
  image.writeBigUInt64BE(BigInt(cryptoCluster * CLUSTER), ext + 8);
  image.writeBigUInt64BE(BigInt(cryptoClusters * CLUSTER), ext + 16);
  ext += 24;
  image.writeUInt32BE(0, ext); // end of the header extensions
  image.writeUInt32BE(0, ext + 4);

  image.writeBigUInt64BE(BigInt(refcountBlockCluster * CLUSTER), refcountTableCluster * CLUSTER);
  for (let c = 0; c < clusters; c++) image.writeUInt16BE(1, refcountBlockCluster * CLUSTER + c * 2);
  crypto.copy(image, cryptoCluster * CLUSTER);
  return image;
}
