import type { RaRecord } from 'react-admin';
import { coresToMillicores, gibToMib, millicoresToCores, mibToGib } from '../lib/units';

/** A cluster as the API returns it (credentials never come back). */
export interface ClusterRecord extends RaRecord {
  id: string;
  name: string;
  regions: string[];
  apiUrl: string;
  credentialsSource: 'SEALED' | 'KUBECONFIG_FILE' | 'IN_CLUSTER' | 'EMULATOR';
  sandbox: boolean;
  cordoned: boolean;
  cordonReason: string | null;
  health: 'UNKNOWN' | 'HEALTHY' | 'UNREACHABLE';
  /** English; shown when the console has no translation of healthReasonCode (OTHER). */
  healthReason: string | null;
  healthReasonCode: string | null;
  lastSeenAt: string | null;
  qps: number | null;
  capacityCpuMillicores: number | null;
  capacityMemoryMiB: number | null;
  capacityStorageGiB: number | null;
  capacityMaxSpaces: number | null;
  spacesCount: number;
  reservedCpuMillicores: number;
  reservedMemoryMiB: number;
  reservedStorageGiB: number;
}

const blank = (value: unknown) => value === null || value === undefined || value === '';

/**
 * Capacity inputs show people's units (cores, GiB) over the API's (millicores, MiB); an empty
 * input is null, which the API reads as "no limit".
 */
export const capacityInput = {
  cpu: { format: (value: number | null) => (blank(value) ? '' : millicoresToCores(Number(value))), parse: (value: unknown) => (blank(value) ? null : coresToMillicores(Number(value))) },
  memory: { format: (value: number | null) => (blank(value) ? '' : mibToGib(Number(value))), parse: (value: unknown) => (blank(value) ? null : gibToMib(Number(value))) },
  whole: { format: (value: number | null) => (blank(value) ? '' : value), parse: (value: unknown) => (blank(value) ? null : Math.round(Number(value))) },
};
