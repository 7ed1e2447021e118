function assertWholeAmount(amount: number, unit: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`expected a whole, non-negative number of ${unit}, got ${amount}`);
  }
}

/** Millicores as a Kubernetes quantity: whole CPUs as '2', the rest as '1500m'. */
export function formatCpu(millicores: number): string {
  assertWholeAmount(millicores, 'millicores');
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** MiB as a Kubernetes quantity: whole GiB as '4Gi', the rest as '1536Mi'. */
export function formatMemory(mebibytes: number): string {
  assertWholeAmount(mebibytes, 'MiB');
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** GiB as a Kubernetes quantity, e.g. '20Gi'. */
export function formatStorage(gibibytes: number): string {
  assertWholeAmount(gibibytes, 'GiB');
  return `${gibibytes}Gi`;
}
