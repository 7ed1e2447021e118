import Chip from '@mui/material/Chip';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { InstanceStatusChip } from '../components/orderChips';

/** How many waiting CREATE orders are looked at: more than an inbox holds in practice. */
const WAITING_ORDERS_PAGE = 100;

/**
 * Whether an instance's CREATE order waits for an operator. The API keeps such an instance
 * PROVISIONING, though nothing is built until the order is approved. Every row of a list asks the
 * same query, so react-query sends it once; orderUpdated notices re-read it.
 */
export const useAwaitingApproval = (instance: { id: string; status: string } | undefined): boolean => {
  const { data } = useGetList<{ id: string; instanceId?: string | null }>(
    'orders',
    { filter: { status: 'PENDING_APPROVAL', action: 'CREATE', target: 'INSTANCE' }, pagination: { page: 1, perPage: WAITING_ORDERS_PAGE }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled: instance?.status === 'PROVISIONING' },
  );
  return instance?.status === 'PROVISIONING' && !!data?.some((order) => order.instanceId === instance.id);
};

/** The instance's status chip, "Awaiting approval" while its CREATE order waits for an operator. */
export const InstanceStatusField = ({ record: given }: { record?: { id: string; status: string }; label?: string }) => {
  const context = useRecordContext<{ id: string; status: string }>();
  const record = given ?? context;
  const translate = useTranslate();
  if (useAwaitingApproval(record)) {
    return <Chip size="small" color="warning" label={translate('nprod.instances.awaiting_approval')} data-testid="instance-status" data-value="AWAITING_APPROVAL" />;
  }
  return <InstanceStatusChip record={record} />;
};
