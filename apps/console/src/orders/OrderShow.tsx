import ArrowRightAltIcon from '@mui/icons-material/ArrowRightAlt';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, type ReactNode } from 'react';
import { Link, ReferenceField, ShowBase, Title, useGetOne, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { OrderActionChip, OrderStatusChip } from '../components/orderChips';
import { PriceText, QuotaImpact, type SpaceRoom } from '../components/QuotaImpact';
import { formatQuotaChange, useFormatters } from '../components/quantities';
import { SpaceStatusChip } from '../components/chips';
import { isTerminalOrder, waitsForRoom, type OrderEvent, type OrderRecord } from '../lib/catalogue';
import { LiveIndicator } from './LiveIndicator';
import { OrderDecisionButtons } from './OrderActions';
import { InstanceStatusField } from '../instances/InstanceStatusField';
import { useOrderUpdates } from './useOrderUpdates';
import { OfferingNameField } from '../components/OfferingNameField';

export const ORDER_POLL_INTERVAL_MS = 1000;

/** Poll while the order still moves and live updates are down; stop once it is COMPLETED, REJECTED, CANCELLED or FAILED. */
export const orderRefetchInterval = (status: string | undefined, live: boolean): number | false => (!live && status && !isTerminalOrder(status) ? ORDER_POLL_INTERVAL_MS : false);

const useDateTime = () => {
  const [locale] = useLocaleState();
  const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return (value: string | undefined | null) => (value ? format.format(new Date(value)) : '—');
};

const Detail = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <Box sx={{ py: 0.75 }} data-testid={testId}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2' }}>{children}</Box>
  </Box>
);

const StatusChipFor = ({ status }: { status?: string | null }) => {
  const translate = useTranslate();
  if (!status) return <Chip size="small" variant="outlined" label={translate('nprod.orders.timeline.start')} />;
  return <OrderStatusChip record={{ id: status, status }} />;
};

/** Every transition of the order, oldest first: who (a person, the worker, or the platform), when, from → to, and why. */
export const OrderTimeline = ({ events }: { events: readonly OrderEvent[] }) => {
  const translate = useTranslate();
  const dateTime = useDateTime();
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="order-timeline">
      {events.map((event, index) => (
        <Box
          component="li"
          key={event.id}
          data-testid="order-event"
          data-to={event.toStatus}
          sx={{ position: 'relative', pl: 3, pb: index === events.length - 1 ? 0 : 2.5, borderLeft: '2px solid', borderColor: index === events.length - 1 ? 'transparent' : 'divider', ml: 1 }}
        >
          <Box sx={{ position: 'absolute', left: -7, top: 4, width: 12, height: 12, borderRadius: '50%', bgcolor: index === events.length - 1 ? 'primary.main' : 'grey.400' }} />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
            <StatusChipFor status={event.fromStatus} />
            <ArrowRightAltIcon fontSize="small" color="action" />
            <StatusChipFor status={event.toStatus} />
            <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
              {dateTime(event.createdAt)}
            </Typography>
          </Box>
          <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="order-event-actor">
            {event.actorKind === 'USER' ? (event.actorEmail ?? translate('nprod.orders.timeline.someone')) : translate(`nprod.enums.OrderEventActor.${event.actorKind}`)}
          </Typography>
          {event.reason && (
            <Typography variant="body2" color="text.secondary" data-testid="order-event-reason">
              {event.reason}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
};

/** What the order makes or changes, with its own status: re-read with the order (live or polled), and once more when the order settles. */
const TargetLink = ({ order, live }: { order: OrderRecord; live: boolean }) => {
  const translate = useTranslate();
  const isSpace = order.target === 'SPACE';
  const resource = isSpace ? 'spaces' : 'instances';
  const id = (isSpace ? order.spaceId : order.instanceId) ?? '';
  const moving = !isTerminalOrder(order.status);
  const { data: target, refetch } = useGetOne<{ id: string; name: string; status: string }>(resource, { id }, { enabled: !!id, refetchInterval: moving && !live ? ORDER_POLL_INTERVAL_MS : false });
  useEffect(() => {
    if (id && !moving) void refetch();
  }, [id, moving, refetch]);
  if (!id) return null;
  return (
    <Detail label={translate(isSpace ? 'nprod.orders.fields.space' : 'nprod.orders.fields.instance')} testId={isSpace ? 'order-space' : 'order-instance'}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Link to={`/${resource}/${id}/show`} data-testid={isSpace ? 'order-space-link' : 'order-instance-link'}>
          {target?.name ?? order.name ?? id.slice(0, 8)}
        </Link>
        {target && (isSpace ? <SpaceStatusChip record={target} /> : <InstanceStatusField record={target} />)}
      </Box>
    </Detail>
  );
};

const OrderView = ({ live }: { live: boolean }) => {
  const order = useRecordContext<OrderRecord>();
  const translate = useTranslate();
  const format = useFormatters();
  const dateTime = useDateTime();
  const { data: tenant } = useGetOne<{ id: string; ancestorsIds?: string[] }>('tenants', { id: order?.tenantId ?? '' }, { enabled: !!order?.tenantId });
  const { data: space } = useGetOne<SpaceRoom & { id: string; region: string }>('spaces', { id: order?.spaceId ?? '' }, { enabled: !!order?.spaceId });
  if (!order) return <LinearProgress sx={{ mt: 2 }} />;
  const moving = !isTerminalOrder(order.status);
  const change = order.quotaChange;
  const failed = order.status === 'FAILED' || order.status === 'REJECTED';
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2 }} data-testid="order-show" data-status={order.status}>
      <Title title={translate('nprod.orders.title_one', { name: order.name ?? order.id.slice(0, 8) })} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 2 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="h5" component="h1">
                {order.name ?? translate('nprod.orders.unnamed')}
              </Typography>
              <OrderActionChip record={order} />
              <OrderStatusChip record={order} />
              <LiveIndicator live={live} />
            </Box>
            <OrderDecisionButtons order={order} ancestorIds={tenant?.ancestorsIds ?? []} />
          </Box>
          {moving && (
            <Box sx={{ mt: 2 }} data-testid="order-progress" data-waiting={waitsForRoom(order)}>
              <Typography variant="body2" color="text.secondary">
                {translate(`nprod.orders.progress.${waitsForRoom(order) ? 'WAITING' : order.status}`)}
              </Typography>
              <LinearProgress sx={{ mt: 1 }} variant={order.status === 'PENDING_APPROVAL' ? 'determinate' : 'indeterminate'} value={order.status === 'PENDING_APPROVAL' ? 25 : undefined} />
            </Box>
          )}
          {order.statusReason && (
            <Alert severity={failed ? 'error' : order.status === 'COMPLETED' ? 'success' : 'info'} sx={{ mt: 2 }} data-testid="order-status-reason">
              {failed && <AlertTitle>{translate(`nprod.orders.reason_title.${order.status}`)}</AlertTitle>}
              {order.statusReason}
            </Alert>
          )}
        </CardContent>
      </Card>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {translate('nprod.orders.sections.details')}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 3 }}>
              <Detail label={translate('nprod.orders.fields.offering')} testId="order-offering">
                {order.offeringId ? (
                  <ReferenceField record={order} source="offeringId" reference="offerings" link={false}>
                    <OfferingNameField />
                  </ReferenceField>
                ) : (
                  translate(`nprod.orders.target.${order.target}`)
                )}
              </Detail>
              <Detail label={translate('nprod.orders.fields.tenant')}>
                <ReferenceField record={order} source="tenantId" reference="tenants" link="show" />
              </Detail>
              <TargetLink order={order} live={live} />
              {order.target === 'INSTANCE' && order.spaceId && (
                <Detail label={translate('nprod.orders.fields.space')}>
                  <ReferenceField record={order} source="spaceId" reference="spaces" link="show" />
                </Detail>
              )}
              {order.planKey && <Detail label={translate('nprod.orders.fields.plan')}>{order.planKey}</Detail>}
              {typeof order.pricePerHourTiyn === 'number' && (
                <Detail label={translate('nprod.orders.fields.price')}>
                  <PriceText tiynPerHour={order.pricePerHourTiyn} />
                </Detail>
              )}
              <Detail label={translate('nprod.orders.fields.quotaChange')} testId="order-quota-change">
                {formatQuotaChange(format, change)}
              </Detail>
              <Detail label={translate('nprod.orders.fields.attempt')}>{order.attempt}</Detail>
              <Detail label={translate('nprod.orders.fields.createdAt')}>{dateTime(order.createdAt)}</Detail>
              <Detail label={translate('nprod.orders.fields.updatedAt')}>{dateTime(order.updatedAt)}</Detail>
            </Box>
            {order.parameters && Object.keys(order.parameters).length > 0 && (
              <>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  {translate('nprod.orders.fields.parameters')}
                </Typography>
                <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mt: 1, typography: 'body2' }} data-testid="order-parameters">
                  {Object.entries(order.parameters).map(([key, value]) => (
                    <Box key={key} sx={{ display: 'contents' }}>
                      <Box component="dt" sx={{ color: 'text.secondary', fontFamily: 'monospace' }}>
                        {key}
                      </Box>
                      <Box component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>
                        {typeof value === 'object' ? JSON.stringify(value) : String(value)}
                      </Box>
                    </Box>
                  ))}
                </Box>
              </>
            )}
            {order.status === 'PENDING_APPROVAL' && (
              <Box sx={{ mt: 2 }}>
                <Typography variant="subtitle2" sx={{ mb: 1 }}>
                  {translate('nprod.orders.impact.title')}
                </Typography>
                <QuotaImpact tenantId={order.tenantId} region={space?.region} change={change} alreadyReserved instanceSpace={order.target === 'INSTANCE' ? space : undefined} />
              </Box>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
              {translate('nprod.orders.sections.timeline')}
            </Typography>
            <OrderTimeline events={order.events ?? []} />
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};

export const OrderShow = () => {
  const { id } = useParams<{ id: string }>();
  const live = useOrderUpdates({ orderId: id }, !!id);
  return (
    <ShowBase
      queryOptions={{
        refetchInterval: (query) => orderRefetchInterval((query.state.data as { status?: string } | undefined)?.status, live),
      }}
    >
      <OrderView live={live} />
    </ShowBase>
  );
};
