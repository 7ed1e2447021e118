import InboxIcon from '@mui/icons-material/Inbox';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link, ReferenceField, Title, useGetList, useGetOne, useTranslate } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { OrderActionChip } from '../components/orderChips';
import { PriceText, QuotaImpact, type SpaceRoom } from '../components/QuotaImpact';
import { formatQuotaChange, useFormatters } from '../components/quantities';
import type { OrderRecord } from '../lib/catalogue';
import { LiveIndicator } from '../orders/LiveIndicator';
import { OrderDecisionButtons } from '../orders/OrderActions';
import { useOrderUpdates } from '../orders/useOrderUpdates';
import { OfferingNameField } from '../components/OfferingNameField';

const INBOX_POLL_MS = 5000;

const ApprovalCard = ({ order }: { order: OrderRecord }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const { data: space } = useGetOne<SpaceRoom & { id: string; region: string }>('spaces', { id: order.spaceId ?? '' }, { enabled: !!order.spaceId });
  const requester = order.events?.find((event) => event.actorKind === 'USER')?.actorEmail;
  const why = order.events?.findLast((event) => event.toStatus === 'PENDING_APPROVAL')?.reason;
  const change = order.quotaChange;
  return (
    <Card data-testid="approval-card" data-order-id={order.id}>
      <CardContent sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' }, gap: 3 }}>
        <Box>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <Link to={`/orders/${order.id}/show`}>
              <Typography variant="h6" component="h2">
                {order.name ?? order.id.slice(0, 8)}
              </Typography>
            </Link>
            <OrderActionChip record={order} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, typography: 'body2', mb: 2 }}>
            <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.offering')}</Typography>
            <Box>
              {order.offeringId ? (
                <ReferenceField record={order} source="offeringId" reference="offerings" link={false}>
                  <OfferingNameField />
                </ReferenceField>
              ) : (
                translate(`nprod.orders.target.${order.target}`)
              )}
              {order.planKey ? ` · ${order.planKey}` : ''}
            </Box>
            <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.tenant')}</Typography>
            <ReferenceField record={order} source="tenantId" reference="tenants" link="show" />
            <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.requestedBy')}</Typography>
            <Box>{requester ?? '—'}</Box>
            <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.createdAt')}</Typography>
            <LocaleDateField record={order} source="createdAt" showTime />
            <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.quotaChange')}</Typography>
            <Box data-testid="approval-quota-change">{formatQuotaChange(format, change)}</Box>
            {typeof order.pricePerHourTiyn === 'number' && (
              <>
                <Typography variant="body2" color="text.secondary">{translate('nprod.orders.fields.price')}</Typography>
                <PriceText tiynPerHour={order.pricePerHourTiyn} />
              </>
            )}
          </Box>
          {why && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {why}
            </Alert>
          )}
          <OrderDecisionButtons order={order} />
        </Box>
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('nprod.orders.impact.title')}
          </Typography>
          <QuotaImpact tenantId={order.tenantId} region={space?.region} change={change} alreadyReserved instanceSpace={order.target === 'INSTANCE' ? space : undefined} testId={`approval-impact-${order.id}`} />
        </Box>
      </CardContent>
    </Card>
  );
};

/** Operators' inbox: orders waiting for approval, oldest first, each with what it does to the tenant's allocation. */
export const ApprovalsPage = () => {
  const translate = useTranslate();
  const live = useOrderUpdates();
  const { data, total, isPending } = useGetList<OrderRecord>(
    'orders',
    { filter: { status: 'PENDING_APPROVAL' }, pagination: { page: 1, perPage: 50 }, sort: { field: 'createdAt', order: 'ASC' } },
    { refetchInterval: live ? false : INBOX_POLL_MS },
  );
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2 }} data-testid="approvals">
      <Title title={translate('nprod.approvals.title')} />
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('nprod.approvals.intro')}
        </Typography>
        <LiveIndicator live={live} />
      </Box>
      {isPending && <Skeleton variant="rounded" height={200} />}
      {!isPending && (data ?? []).length === 0 && (
        <Card variant="outlined" data-testid="approvals-empty">
          <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, color: 'text.secondary' }}>
            <InboxIcon />
            <Typography variant="body1">{translate('nprod.approvals.empty')}</Typography>
          </CardContent>
        </Card>
      )}
      {(data ?? []).map((order) => (
        <ApprovalCard key={order.id} order={order} />
      ))}
      {total !== undefined && total > (data?.length ?? 0) && (
        <Typography variant="body2" color="text.secondary">
          {translate('nprod.approvals.more', { count: total - (data?.length ?? 0) })}
        </Typography>
      )}
    </Box>
  );
};
