import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import KeyIcon from '@mui/icons-material/Key';
import LanguageIcon from '@mui/icons-material/Language';
import LanIcon from '@mui/icons-material/Lan';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { ReferenceField, ShowBase, Title, useGetList, useGetOne, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { KubeObjectsTable } from '../components/KubeObjectsTable';
import { OrderActionChip, OrderStatusChip } from '../components/orderChips';
import { PriceText } from '../components/QuotaImpact';
import { useFormatters } from '../components/quantities';
import { submissionFailure } from '../components/serverErrors';
import { canManageTenant } from '../lib/access';
import { estimateOrder, TRANSIENT_INSTANCE_STATUSES, type InstanceRecord, type Offering, type OrderRecord, type Plan } from '../lib/catalogue';
import { useLocalizedOffering } from '../lib/offeringText';
import { OfferingNameField } from '../components/OfferingNameField';
import { useCaller } from '../lib/useCaller';
import { ordersApi } from '../orders/api';
import { OrderTimeline } from '../orders/OrderShow';
import { useOrderUpdates } from '../orders/useOrderUpdates';
import { InstanceStatusField, useAwaitingApproval } from './InstanceStatusField';
import { CredentialsDialog, DecommissionDialog, RenewDialog, ResizeDialog } from './InstanceDialogs';

export const INSTANCE_POLL_INTERVAL_MS = 1000;
/** DEGRADED turns ACTIVE through the worker's periodic reconcile, which is no order change and sends no notice. */
export const DEGRADED_POLL_INTERVAL_MS = 10_000;

/**
 * Poll while the worker is still changing the instance, and slowly while it is DEGRADED; changes
 * by orders (a resize completing, a failure) come from `orderUpdated` notices.
 */
export const instanceRefetchInterval = (status: string | undefined): number | false =>
  status && TRANSIENT_INSTANCE_STATUSES.includes(status) ? INSTANCE_POLL_INTERVAL_MS : status === 'DEGRADED' ? DEGRADED_POLL_INTERVAL_MS : false;

const Detail = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <Box sx={{ py: 0.75 }} data-testid={testId}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2' }}>{children}</Box>
  </Box>
);

type OfferingWithVersions = Offering & { versions?: Array<{ id: string; plans: Plan[]; parametersSchema: Offering['parametersSchema'] }> };

/** Endpoints as links: public ones open in a new tab; internal ones are addresses inside the cluster. */
const Endpoints = ({ instance }: { instance: InstanceRecord }) => {
  const translate = useTranslate();
  if (instance.endpoints.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(instance.status === 'PROVISIONING' ? 'nprod.instances.endpoints.pending' : 'nprod.instances.endpoints.none')}
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }} data-testid="instance-endpoints">
      {instance.endpoints.map((endpoint) => (
        <Box component="li" key={`${endpoint.kind}-${endpoint.url}`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {endpoint.kind === 'public' ? <LanguageIcon fontSize="small" color="primary" /> : <LanIcon fontSize="small" color="action" />}
          {/^https?:\/\//.test(endpoint.url) ? (
            <MuiLink href={endpoint.url} target="_blank" rel="noopener noreferrer" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="instance-endpoint">
              {endpoint.url}
            </MuiLink>
          ) : (
            // Addresses inside the cluster open nothing in a browser: shown to copy into an app's settings.
            <Box component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all' }} data-testid="instance-endpoint">
              {endpoint.url}
            </Box>
          )}
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {translate(`nprod.instances.endpoints.${endpoint.kind === 'public' ? 'public' : 'internal'}`, { component: endpoint.component })}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};

/** Every order of the instance, newest first, each with its events (who, when, from, to, why). */
const OrderHistory = ({ instanceId }: { instanceId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data } = useGetList<OrderRecord>('orders', { filter: { instanceId }, pagination: { page: 1, perPage: 10 }, sort: { field: 'createdAt', order: 'DESC' } });
  if (!data?.length) return null;
  const date = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card data-testid="instance-order-history">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate('nprod.instances.sections.history')}
        </Typography>
        {data.map((order) => (
          <Box key={order.id} sx={{ mb: 2 }} data-testid="instance-order" data-order-id={order.id}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5, mb: 1 }}>
              <OrderActionChip record={order} />
              <OrderStatusChip record={order} />
              <MuiLink href={`#/orders/${order.id}/show`} variant="body2">
                {date.format(new Date(order.createdAt))}
              </MuiLink>
            </Box>
            <OrderTimeline events={order.events ?? []} />
          </Box>
        ))}
      </CardContent>
    </Card>
  );
};

type Open = 'resize' | 'renew' | 'decommission' | 'credentials' | undefined;

const InstanceView = () => {
  const instance = useRecordContext<InstanceRecord>();
  const translate = useTranslate();
  const format = useFormatters();
  const caller = useCaller();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState<Open>();
  const [credentials, setCredentials] = useState<{ secretName: string; values: Record<string, string> } | undefined>();
  const [revealing, setRevealing] = useState(false);
  const { data: loadedOffering } = useGetOne<OfferingWithVersions>('offerings', { id: instance?.offeringId ?? '' }, { enabled: !!instance?.offeringId });
  const offering = useLocalizedOffering(loadedOffering);
  const { data: tenant } = useGetOne<{ id: string; ancestorsIds?: string[] }>('tenants', { id: instance?.tenantId ?? '' }, { enabled: !!instance?.tenantId });
  const { data: space } = useGetOne<{ id: string; namespace?: string | null }>('spaces', { id: instance?.spaceId ?? '' }, { enabled: !!instance?.credentialsSecretName });
  // Re-reads the instance and its order history whenever one of its orders changes.
  useOrderUpdates({ tenantId: instance?.tenantId, instanceId: instance?.id }, !!instance);
  const awaitingApproval = useAwaitingApproval(instance);
  if (!instance) return <LinearProgress sx={{ mt: 2 }} />;

  const version = offering?.versions?.find((candidate) => candidate.id === instance.offeringVersionId);
  const plans = version?.plans ?? offering?.plans ?? [];
  const plan = plans.find((candidate) => candidate.key === instance.planKey);
  const manages = canManageTenant(caller, instance.tenantId, tenant?.ancestorsIds ?? []);
  const running = ['ACTIVE', 'DEGRADED'].includes(instance.status);
  const price = plan ? estimateOrder(plan, { ...instance.parameters }).pricePerHourTiyn : undefined;
  const date = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'long' });

  const reveal = async () => {
    setRevealing(true);
    try {
      setCredentials(await ordersApi.revealInstanceCredentials(instance.id));
      setOpen('credentials');
    } catch (error) {
      const failure = submissionFailure(error, 'instances');
      notify(failure.message, { type: 'error' });
      // Someone may have revealed them meanwhile: show who and when.
      refresh();
    } finally {
      setRevealing(false);
    }
  };
  const closeCredentials = () => {
    setOpen(undefined);
    setCredentials(undefined);
    // The instance now says when and to whom they were shown.
    refresh();
  };

  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2 }} data-testid="instance-show" data-status={instance.status}>
      <Title title={translate('nprod.instances.title_one', { name: instance.name })} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 2 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="h5" component="h1">
                {instance.name}
              </Typography>
              <InstanceStatusField record={instance} />
            </Box>
            {manages && (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                {instance.canRevealCredentials && running && (
                  <Button variant="outlined" startIcon={<KeyIcon />} onClick={reveal} disabled={revealing} data-testid="instance-reveal">
                    {translate('nprod.instances.credentials.reveal')}
                  </Button>
                )}
                {running && plans.length > 0 && (
                  <Button variant="outlined" startIcon={<OpenInFullIcon />} onClick={() => setOpen('resize')} data-testid="instance-resize">
                    {translate('nprod.instances.resize.button')}
                  </Button>
                )}
                {['ACTIVE', 'DEGRADED', 'PROVISIONING'].includes(instance.status) && (
                  <Button variant="outlined" startIcon={<EventRepeatIcon />} onClick={() => setOpen('renew')} data-testid="instance-renew">
                    {translate('nprod.instances.lease.renew')}
                  </Button>
                )}
                {['ACTIVE', 'DEGRADED', 'FAILED'].includes(instance.status) && (
                  <Button variant="outlined" color="error" startIcon={<DeleteForeverIcon />} onClick={() => setOpen('decommission')} data-testid="instance-decommission">
                    {translate('nprod.instances.decommission.button')}
                  </Button>
                )}
              </Box>
            )}
          </Box>
          {TRANSIENT_INSTANCE_STATUSES.includes(instance.status) && (
            <Box sx={{ mt: 2 }} data-testid="instance-progress">
              <Typography variant="body2" color="text.secondary">
                {translate(awaitingApproval ? 'nprod.instances.progress.awaiting_approval' : `nprod.instances.progress.${instance.status}`)}
              </Typography>
              <LinearProgress sx={{ mt: 1 }} />
            </Box>
          )}
          {instance.credentialsSecretName && instance.credentialsRevealedAt && (
            <Alert severity="info" sx={{ mt: 2 }} data-testid="instance-credentials-revealed">
              <AlertTitle>{translate('nprod.instances.credentials.revealed', { person: instance.credentialsRevealedTo ?? '', date: date.format(new Date(instance.credentialsRevealedAt)) })}</AlertTitle>
              {translate('nprod.instances.credentials.revealed_hint', { secret: instance.credentialsSecretName, namespace: space?.namespace ?? '' })}
            </Alert>
          )}
          {instance.credentialsSecretName && !instance.credentialsRevealedAt && manages && !instance.canRevealCredentials && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="instance-credentials-not-revealed">
              {translate('nprod.instances.credentials.not_revealed')}
            </Typography>
          )}
          {instance.suspendedAt && (
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="instance-suspended">
              <AlertTitle>{translate('nprod.instances.lease.suspended_title')}</AlertTitle>
              {translate('nprod.instances.lease.suspended')}
            </Alert>
          )}
          {instance.statusReason && !TRANSIENT_INSTANCE_STATUSES.includes(instance.status) && (
            <Alert severity={instance.status === 'FAILED' ? 'error' : 'warning'} sx={{ mt: 2 }} data-testid="instance-status-reason">
              {instance.statusReason}
            </Alert>
          )}
        </CardContent>
      </Card>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {translate('nprod.instances.sections.endpoints')}
            </Typography>
            <Endpoints instance={instance} />
            <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1 }}>
              {translate('nprod.instances.sections.details')}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 3 }}>
              <Detail label={translate('nprod.orders.fields.offering')}>
                <ReferenceField record={instance} source="offeringId" reference="offerings" link={false}>
                  <OfferingNameField />
                </ReferenceField>
              </Detail>
              <Detail label={translate('nprod.orders.fields.plan')} testId="instance-plan">
                {plan?.name ?? instance.planKey}
              </Detail>
              <Detail label={translate('nprod.orders.wizard.size')} testId="instance-size">
                {[format.cpu(instance.cpuMillicores), format.memory(instance.memoryMiB), format.storage(instance.storageGiB)].join(' · ')}
              </Detail>
              {price !== undefined && (
                <Detail label={translate('nprod.orders.fields.price')}>
                  <PriceText tiynPerHour={price} />
                </Detail>
              )}
              <Detail label={translate('nprod.orders.fields.tenant')}>
                <ReferenceField record={instance} source="tenantId" reference="tenants" link="show" />
              </Detail>
              <Detail label={translate('nprod.orders.fields.space')}>
                <ReferenceField record={instance} source="spaceId" reference="spaces" link="show" />
              </Detail>
              <Detail label={translate('nprod.instances.fields.leaseEndsAt')} testId="instance-lease">
                {instance.leaseEndsAt ? date.format(new Date(instance.leaseEndsAt)) : translate('nprod.instances.lease.none')}
              </Detail>
              <Detail label={translate('nprod.instances.fields.slug')}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {instance.slug}
                </Box>
              </Detail>
            </Box>
            {Object.keys(instance.parameters ?? {}).length > 0 && (
              <>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  {translate('nprod.orders.fields.parameters')}
                </Typography>
                <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mt: 1, typography: 'body2' }}>
                  {Object.entries(instance.parameters).map(([key, value]) => (
                    <Box key={key} sx={{ display: 'contents' }}>
                      <Box component="dt" sx={{ color: 'text.secondary' }}>
                        {(version?.parametersSchema ?? offering?.parametersSchema)?.properties?.[key]?.title ?? key}
                      </Box>
                      <Box component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>
                        {typeof value === 'object' ? JSON.stringify(value) : String(value)}
                      </Box>
                    </Box>
                  ))}
                </Box>
              </>
            )}
          </CardContent>
        </Card>
        <OrderHistory instanceId={instance.id} />
      </Box>
      {instance.status !== 'DELETED' && (
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2">
              {translate('nprod.kube_objects.title')}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
              {translate('nprod.kube_objects.hint')}
            </Typography>
            <KubeObjectsTable objects={instance.kubeObjects ?? []} />
          </CardContent>
        </Card>
      )}
      {open === 'resize' && (
        <ResizeDialog open onClose={() => setOpen(undefined)} instance={instance} plans={plans} schema={version?.parametersSchema ?? offering?.parametersSchema} />
      )}
      {open === 'renew' && <RenewDialog open onClose={() => setOpen(undefined)} instance={instance} />}
      {open === 'decommission' && <DecommissionDialog open onClose={() => setOpen(undefined)} instance={instance} />}
      <CredentialsDialog open={open === 'credentials'} onClose={closeCredentials} credentials={credentials} namespace={space?.namespace ?? ''} />
    </Box>
  );
};

export const InstanceShow = () => (
  <ShowBase
    queryOptions={{
      refetchInterval: (query) => instanceRefetchInterval((query.state.data as { status?: string } | undefined)?.status),
    }}
  >
    <InstanceView />
  </ShowBase>
);
