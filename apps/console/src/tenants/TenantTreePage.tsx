import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, RecordContextProvider, Title, useCreatePath, useGetList, useGetMany, useTranslate } from 'react-admin';
import { TenantKindChip, TenantStatusChip } from '../components/chips';
import { RegionField } from '../components/RegionField';
import { isPlatformStaff } from '../lib/access';
import type { TenantRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';

const ROOTS_PAGE = 200;
const CHILDREN_PAGE = 200;
const BY_NAME = { field: 'name', order: 'ASC' as const };

const Children = ({ parentId, depth }: { parentId: string; depth: number }) => {
  const { data, total, isPending } = useGetList<TenantRecord>('tenants', { filter: { parentId }, pagination: { page: 1, perPage: CHILDREN_PAGE }, sort: BY_NAME });
  const translate = useTranslate();
  if (isPending) return <Skeleton sx={{ ml: depth * 3 + 5 }} width={240} />;
  return (
    <Box role="group">
      {data?.map((child) => <TreeNode key={child.id} tenant={child} depth={depth} />)}
      {(total ?? 0) > CHILDREN_PAGE && (
        <Typography variant="caption" color="text.secondary" sx={{ pl: depth * 3 + 5 }}>
          {translate('resources.tenants.tree.more', { count: (total ?? 0) - CHILDREN_PAGE })}
        </Typography>
      )}
    </Box>
  );
};

const TreeNode = ({ tenant, depth }: { tenant: TenantRecord; depth: number }) => {
  const [open, setOpen] = useState(depth === 0);
  const createPath = useCreatePath();
  const translate = useTranslate();
  const hasChildren = (tenant.childrenCount ?? 0) > 0;
  return (
    <Box role="treeitem" aria-expanded={hasChildren ? open : undefined} data-testid="tenant-tree-node" data-tenant={tenant.slug}>
      <RecordContextProvider value={tenant}>
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            py: 0.5,
            pl: depth * 3,
            pr: 1,
            borderRadius: 1,
            '&:hover': { bgcolor: 'action.hover' },
          }}
        >
          <Box sx={{ width: 32, flexShrink: 0 }}>
            {hasChildren && (
              <IconButton
                size="small"
                onClick={() => setOpen(!open)}
                aria-label={translate(open ? 'resources.tenants.tree.collapse' : 'resources.tenants.tree.expand', { name: tenant.name })}
                data-testid="tenant-tree-toggle"
              >
                {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
              </IconButton>
            )}
          </Box>
          <Link to={createPath({ resource: 'tenants', id: tenant.id, type: 'show' })} sx={{ fontWeight: depth === 0 ? 600 : 400, flex: '1 1 auto', minWidth: 0 }}>
            {tenant.name}
          </Link>
          <Box sx={{ display: { xs: 'none', md: 'flex' }, alignItems: 'center', gap: 1, flexShrink: 0 }}>
            <TenantKindChip source="kind" />
            <TenantStatusChip source="status" />
            <Box sx={{ width: 90 }}>
              <RegionField source="region" />
            </Box>
            <Typography variant="caption" color="text.secondary" sx={{ width: 240, textAlign: 'right', whiteSpace: 'nowrap' }}>
              {translate('resources.tenants.tree.children_count', { smart_count: tenant.childrenCount ?? 0 })} · {translate('resources.tenants.tree.spaces_count', { smart_count: tenant.spacesCount ?? 0 })}
            </Typography>
          </Box>
        </Box>
      </RecordContextProvider>
      {hasChildren && open && <Children parentId={tenant.id} depth={depth + 1} />}
    </Box>
  );
};

/** Platform staff start from the top-level public bodies; everyone else from the tenants they manage. */
const useRoots = () => {
  const caller = useCaller();
  const staff = isPlatformStaff(caller);
  const managedIds = (caller?.memberships ?? []).filter((membership) => membership.role === 'OWNER' || membership.role === 'ADMIN').map((membership) => membership.tenantId);
  const agencies = useGetList<TenantRecord>('tenants', { filter: { kind: 'AGENCY' }, pagination: { page: 1, perPage: ROOTS_PAGE }, sort: BY_NAME }, { enabled: staff });
  const managed = useGetMany<TenantRecord>('tenants', { ids: managedIds }, { enabled: !staff && managedIds.length > 0 });
  if (staff) {
    const roots = (agencies.data ?? []).filter((tenant) => !tenant.parentId);
    return { roots, isPending: agencies.isPending, truncated: (agencies.total ?? 0) > ROOTS_PAGE };
  }
  // A managed tenant under another managed tenant shows up inside its parent's branch instead.
  const managedSet = new Set(managedIds);
  const roots = (managed.data ?? []).filter((tenant) => !(tenant.ancestorsIds ?? []).some((id) => managedSet.has(id))).sort((a, b) => a.name.localeCompare(b.name));
  return { roots, isPending: managedIds.length > 0 && managed.isPending, truncated: false };
};

export const TenantTreePage = () => {
  const translate = useTranslate();
  const { roots, isPending, truncated } = useRoots();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.tenants.tree.title')} />
      <Card>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('resources.tenants.tree.intro')}
          </Typography>
          {isPending ? (
            <Skeleton variant="rounded" height={160} />
          ) : roots.length === 0 ? (
            <Alert severity="info">{translate('resources.tenants.tree.empty')}</Alert>
          ) : (
            <Box role="tree" aria-label={translate('resources.tenants.tree.title')} data-testid="tenant-tree">
              {roots.map((tenant) => (
                <TreeNode key={tenant.id} tenant={tenant} depth={0} />
              ))}
            </Box>
          )}
          {truncated && (
            <Typography variant="caption" color="text.secondary">
              {translate('resources.tenants.tree.truncated', { count: ROOTS_PAGE })}
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
