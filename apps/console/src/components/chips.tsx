import type { FieldProps } from 'react-admin';
import { EnumChipField, type ChipColor } from './EnumChip';

const SPACE_STATUS_COLORS: Record<string, ChipColor> = {
  PROVISIONING: 'info',
  ACTIVE: 'success',
  FAILED: 'error',
  DECOMMISSIONING: 'warning',
  DELETED: 'default',
};

const TENANT_STATUS_COLORS: Record<string, ChipColor> = {
  PENDING: 'warning',
  ACTIVE: 'success',
  SUSPENDED: 'error',
};

const TENANT_KIND_COLORS: Record<string, ChipColor> = {
  AGENCY: 'primary',
  MUNICIPALITY: 'secondary',
  BUSINESS: 'info',
  INDIVIDUAL: 'default',
};

type ChipFieldProps = Omit<FieldProps, 'source'> & { source?: string };

export const SpaceStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="SpaceStatus" colors={SPACE_STATUS_COLORS} data-testid="space-status" />
);

export const TenantStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="TenantStatus" colors={TENANT_STATUS_COLORS} data-testid="tenant-status" />
);

export const TenantKindChip = ({ source = 'kind', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="TenantKind" colors={TENANT_KIND_COLORS} data-testid="tenant-kind" />
);
