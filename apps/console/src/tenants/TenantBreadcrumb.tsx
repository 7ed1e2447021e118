import AccountTreeIcon from '@mui/icons-material/AccountTree';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Typography from '@mui/material/Typography';
import { Link, useCreatePath, useGetMany, useRecordContext, useTranslate } from 'react-admin';
import type { TenantRecord } from '../lib/types';

/** The tenant's place in the tree: the ancestors the caller can see, root first, then the tenant itself. */
export const TenantBreadcrumb = () => {
  const tenant = useRecordContext<TenantRecord>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const ids = tenant?.ancestorsIds ?? [];
  const { data: ancestors = [] } = useGetMany<TenantRecord>('tenants', { ids }, { enabled: ids.length > 0 });
  if (!tenant) return null;
  const byId = new Map(ancestors.map((ancestor) => [ancestor.id, ancestor]));
  return (
    <Breadcrumbs aria-label={translate('resources.tenants.tree.breadcrumb')} sx={{ px: 2, pt: 1.5 }} data-testid="tenant-breadcrumb">
      <Link to="/tenant-tree" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }} variant="body2">
        <AccountTreeIcon fontSize="inherit" />
        {translate('resources.tenants.tree.title')}
      </Link>
      {ids.map((id) => (
        <Link key={id} to={createPath({ resource: 'tenants', id, type: 'show' })} variant="body2" data-testid="tenant-breadcrumb-ancestor">
          {byId.get(id)?.name ?? '…'}
        </Link>
      ))}
      <Typography variant="body2" color="text.primary" fontWeight={600}>
        {tenant.name}
      </Typography>
    </Breadcrumbs>
  );
};
