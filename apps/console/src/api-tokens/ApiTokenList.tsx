import Chip from '@mui/material/Chip';
import {
  AutocompleteInput,
  Datagrid,
  FilterButton,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { TenantRoleChip } from '../components/chips';
import { RevokeButton } from '../components/RevokeButton';
import { CreateTokenButton } from './CreateTokenButton';

interface TokenRecord {
  active?: boolean;
  revokedAt?: string | null;
  name?: string;
}

/** Active, revoked, or expired: the three states people care about. */
export const TokenStateField = (_props: { label?: string }) => {
  const record = useRecordContext<TokenRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const state = record.active ? 'ACTIVE' : record.revokedAt ? 'REVOKED' : 'EXPIRED';
  const color = state === 'ACTIVE' ? 'success' : state === 'REVOKED' ? 'warning' : 'default';
  return <Chip size="small" color={color} label={translate(`nprod.enums.TokenState.${state}`)} data-testid="api-token-state" data-value={state} />;
};

const RevokeToken = () => {
  const record = useRecordContext<TokenRecord>();
  if (!record?.active) return null;
  return (
    <RevokeButton
      resource="api-tokens"
      confirmTitle="resources.api-tokens.messages.revoke_title"
      confirmContent="resources.api-tokens.messages.revoke_content"
      done="resources.api-tokens.notifications.revoked"
      nameOf={(token) => String(token.name ?? '')}
      testId="api-token-revoke"
    />
  );
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.api-tokens.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <NullableBooleanInput key="active" source="active" />,
];

export const ApiTokenColumns = ({ tenant = true }: { tenant?: boolean }) => [
  <TextField key="name" source="name" label="resources.api-tokens.fields.name" sx={{ whiteSpace: 'nowrap' }} />,
  <TextField key="prefix" source="prefix" label="resources.api-tokens.fields.prefix" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} />,
  ...(tenant ? [<ReferenceField key="tenantId" source="tenantId" reference="tenants" link="show" label="resources.api-tokens.fields.tenantId" sortable={false} />] : []),
  <TenantRoleChip key="role" source="role" label="resources.api-tokens.fields.role" />,
  <TokenStateField key="state" label="resources.api-tokens.fields.active" />,
  <LocaleDateField key="expiresAt" source="expiresAt" label="resources.api-tokens.fields.expiresAt" />,
  <LocaleDateField key="lastUsedAt" source="lastUsedAt" label="resources.api-tokens.fields.lastUsedAt" showTime emptyText="—" />,
  <RevokeToken key="revoke" />,
];

export const ApiTokenList = () => (
  <List
    filters={filters}
    actions={
      <TopToolbar>
        <FilterButton />
        <CreateTokenButton />
      </TopToolbar>
    }
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid bulkActionButtons={false} rowClick={false} data-testid="api-token-list">
      {ApiTokenColumns({})}
    </Datagrid>
  </List>
);
