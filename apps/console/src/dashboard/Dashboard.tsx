import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link, Title, useCreatePath, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { enumLabelKey, SPACE_STATUSES, type SpaceStatus } from '../lib/enums';
import { usePlatformInfo } from '../lib/platformInfo';
import type { Me } from '../lib/types';
import { isOperator } from '../lib/access';
import { useCaller } from '../lib/useCaller';

const COUNT_ONLY = { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' as const } };

const STATUS_COLOURS: Record<SpaceStatus, string> = {
  PROVISIONING: 'info.main',
  ACTIVE: 'success.main',
  FAILED: 'error.main',
  DECOMMISSIONING: 'warning.main',
  DELETED: 'grey.500',
};

/** Total of a (filtered) list, fetched as a one-row page. */
const useCount = (resource: string, filter: Record<string, unknown> = {}) => {
  const { total, isPending } = useGetList(resource, { ...COUNT_ONLY, filter });
  return { count: total ?? 0, isPending };
};

const CountCard = ({ label, resource, testId }: { label: string; resource: string; testId: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { count, isPending } = useCount(resource);
  return (
    <Card sx={{ flex: '1 1 200px' }}>
      <Link to={createPath({ resource, type: 'list' })} underline="none" color="inherit">
        <CardContent>
        <Typography variant="overline" color="text.secondary">
          {translate(label)}
        </Typography>
        <Typography variant="h3" component="p" data-testid={testId}>
          {isPending ? <Skeleton width={60} /> : count}
          </Typography>
        </CardContent>
      </Link>
    </Card>
  );
};

const StatusBar = ({ status, max }: { status: SpaceStatus; max: number }) => {
  const translate = useTranslate();
  const { count, isPending } = useCount('spaces', { status });
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '140px 1fr 48px', alignItems: 'center', gap: 1, mb: 1 }} data-testid={`spaces-count-${status}`}>
      <Typography variant="body2">{translate(enumLabelKey('SpaceStatus', status))}</Typography>
      <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, height: 14, overflow: 'hidden' }}>
        <Box
          sx={{
            bgcolor: STATUS_COLOURS[status],
            height: '100%',
            width: max > 0 ? `${(count / max) * 100}%` : 0,
            minWidth: count > 0 ? 4 : 0,
            transition: 'width 300ms',
          }}
        />
      </Box>
      <Typography variant="body2" textAlign="right" data-value={count}>
        {isPending ? '…' : count}
      </Typography>
    </Box>
  );
};

const SpacesByStatus = () => {
  const translate = useTranslate();
  const { count: total } = useCount('spaces');
  return (
    <Card sx={{ flex: '2 1 360px' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {translate('nprod.dashboard.spaces_by_status')}
        </Typography>
        <Box sx={{ mt: 1 }}>
          {SPACE_STATUSES.map((status) => (
            <StatusBar key={status} status={status} max={total} />
          ))}
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate('nprod.dashboard.total', { count: total })}
        </Typography>
      </CardContent>
    </Card>
  );
};

const Welcome = () => {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();
  const info = usePlatformInfo();
  if (isPending || !identity) return <Skeleton height={72} />;
  const user = identity as unknown as Pick<Me, 'displayName' | 'platformRole' | 'memberships'> & { fullName?: string };
  const roles = [
    ...(user.platformRole ? [translate(enumLabelKey('PlatformRole', user.platformRole))] : []),
    ...(user.memberships ?? []).map((membership) =>
      translate('nprod.dashboard.membership', {
        role: translate(enumLabelKey('TenantRole', membership.role)),
        tenant: membership.tenantName,
      }),
    ),
  ];
  return (
    <Box sx={{ mb: 2 }} data-testid="dashboard-welcome">
      <Typography variant="h5" component="h1">
        {translate('nprod.dashboard.welcome', { name: identity.fullName ?? '' })}
      </Typography>
      <Typography variant="body1" color="text.secondary">
        {roles.length ? translate('nprod.dashboard.role', { role: roles.join(', ') }) : translate('nprod.dashboard.no_role')}
      </Typography>
      {info?.version && (
        <Typography variant="caption" color="text.secondary">
          {translate('nprod.dashboard.version', { version: info.version })}
        </Typography>
      )}
    </Box>
  );
};

/** What is waiting for a decision: pending sign-ups (operators) and pending quota requests. */
const WaitingCard = () => {
  const translate = useTranslate();
  const caller = useCaller();
  const operator = isOperator(caller);
  const signUps = useGetList('tenants', { ...COUNT_ONLY, filter: { status: 'PENDING' } }, { enabled: operator });
  const requests = useGetList('quota-requests', { ...COUNT_ONLY, filter: { status: 'PENDING' } });
  const rows = [
    ...(operator ? [{ key: 'sign_ups', to: '/sign-ups', count: signUps.total ?? 0, testId: 'waiting-sign-ups' }] : []),
    {
      key: 'quota_requests',
      to: `/quota-requests?filter=${encodeURIComponent(JSON.stringify({ status: 'PENDING' }))}`,
      count: requests.total ?? 0,
      testId: 'waiting-quota-requests',
    },
  ];
  return (
    <Card sx={{ flex: '1 1 240px' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {translate('nprod.dashboard.waiting')}
        </Typography>
        {rows.map((row) => (
          <Box key={row.key} sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', mt: 1 }}>
            <Link to={row.to}>{translate(`nprod.dashboard.waiting_${row.key}`)}</Link>
            <Typography variant="h5" component="span" data-testid={row.testId} color={row.count > 0 ? 'warning.main' : 'text.secondary'}>
              {row.count}
            </Typography>
          </Box>
        ))}
      </CardContent>
    </Card>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('nprod.app.title')} />
      <Welcome />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
        <CountCard label="nprod.dashboard.tenants" resource="tenants" testId="tenants-count" />
        <CountCard label="nprod.dashboard.spaces" resource="spaces" testId="spaces-count" />
        <SpacesByStatus />
        <WaitingCard />
      </Box>
    </Box>
  );
};
