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

const TENANT_ROLE_COLORS: Record<string, ChipColor> = { OWNER: 'primary', ADMIN: 'secondary', MEMBER: 'info', VIEWER: 'default' };
const PLATFORM_ROLE_COLORS: Record<string, ChipColor> = { OPERATOR: 'primary', AUDITOR: 'secondary' };
const INVITATION_STATUS_COLORS: Record<string, ChipColor> = { PENDING: 'info', ACCEPTED: 'success', EXPIRED: 'default', REVOKED: 'warning' };
const AUDIT_OUTCOME_COLORS: Record<string, ChipColor> = { SUCCESS: 'success', DENIED: 'warning', FAILURE: 'error' };
const QUOTA_REQUEST_STATUS_COLORS: Record<string, ChipColor> = { PENDING: 'info', APPROVED: 'success', PARTIALLY_APPROVED: 'warning', REJECTED: 'error' };

export const TenantRoleChip = ({ source = 'role', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="TenantRole" colors={TENANT_ROLE_COLORS} data-testid="tenant-role" />
);

export const PlatformRoleChip = ({ source = 'platformRole', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="PlatformRole" colors={PLATFORM_ROLE_COLORS} data-testid="platform-role" />
);

export const InvitationStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="InvitationStatus" colors={INVITATION_STATUS_COLORS} data-testid="invitation-status" />
);

export const AuditOutcomeChip = ({ source = 'outcome', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="AuditOutcome" colors={AUDIT_OUTCOME_COLORS} data-testid="audit-outcome" />
);

export const QuotaRequestStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="QuotaRequestStatus" colors={QUOTA_REQUEST_STATUS_COLORS} data-testid="quota-request-status" />
);
