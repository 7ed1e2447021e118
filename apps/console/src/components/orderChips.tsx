import type { FieldProps } from 'react-admin';
import { EnumChipField, type ChipColor } from './EnumChip';

const ORDER_STATUS_COLORS: Record<string, ChipColor> = {
  SUBMITTED: 'default',
  PENDING_APPROVAL: 'warning',
  APPROVED: 'info',
  PROVISIONING: 'info',
  COMPLETED: 'success',
  REJECTED: 'error',
  CANCELLED: 'default',
  FAILED: 'error',
};

const INSTANCE_STATUS_COLORS: Record<string, ChipColor> = {
  PROVISIONING: 'info',
  ACTIVE: 'success',
  DEGRADED: 'warning',
  DECOMMISSIONING: 'warning',
  FAILED: 'error',
  DELETED: 'default',
};

export const OFFERING_KIND_COLORS: Record<string, ChipColor> = { IAAS: 'primary', PAAS: 'secondary', SAAS: 'info' };
const ORDER_ACTION_COLORS: Record<string, ChipColor> = { CREATE: 'primary', MODIFY: 'secondary', DELETE: 'warning' };

type ChipFieldProps = Omit<FieldProps, 'source'> & { source?: string };

export const OrderStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="OrderStatus" colors={ORDER_STATUS_COLORS} data-testid="order-status" />
);

export const InstanceStatusChip = ({ source = 'status', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="InstanceStatus" colors={INSTANCE_STATUS_COLORS} data-testid="instance-status" />
);

export const OfferingKindChip = ({ source = 'kind', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="OfferingKind" colors={OFFERING_KIND_COLORS} data-testid="offering-kind" />
);

export const OrderActionChip = ({ source = 'action', ...props }: ChipFieldProps) => (
  <EnumChipField {...props} source={source} enumName="OrderAction" colors={ORDER_ACTION_COLORS} data-testid="order-action" />
);
