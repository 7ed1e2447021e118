import StorefrontIcon from '@mui/icons-material/Storefront';
import Button from '@mui/material/Button';
import {
  AutocompleteInput,
  Datagrid,
  FunctionField,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { LocaleDateField } from '../components/LocaleDateField';
import { OrderActionChip, OrderStatusChip } from '../components/orderChips';
import { ORDER_ACTIONS, ORDER_STATUSES, ORDER_TARGETS, type OrderRecord } from '../lib/catalogue';
import { enumChoices } from '../lib/enums';
import { LiveIndicator } from './LiveIndicator';
import { useOrderUpdates } from './useOrderUpdates';
import { OfferingNameField } from '../components/OfferingNameField';

const LIST_POLL_MS = 5000;

const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('OrderStatus', ORDER_STATUSES)} alwaysOn />,
  <SelectInput key="action" source="action" choices={enumChoices('OrderAction', ORDER_ACTIONS)} />,
  <SelectInput key="target" source="target" choices={enumChoices('OrderTarget', ORDER_TARGETS)} />,
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
    <AutocompleteInput label="resources.orders.fields.tenantId" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

const CatalogueButton = () => {
  const translate = useTranslate();
  return (
    <Button component={RouterLink} to="/offerings" size="small" startIcon={<StorefrontIcon />} data-testid="orders-catalogue">
      {translate('nprod.orders.from_catalogue')}
    </Button>
  );
};

const OrderListActions = ({ live }: { live: boolean }) => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <LiveIndicator live={live} />
    <FilterButton />
    <CatalogueButton />
  </TopToolbar>
);

/** Orders the caller can see, newest first, updated live (polled while the socket is down); each row opens its page. */
export const OrderList = () => {
  const translate = useTranslate();
  const live = useOrderUpdates();
  return (
  <List filters={orderFilters} actions={<OrderListActions live={live} />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={{ refetchInterval: live ? false : LIST_POLL_MS }}>
    <Datagrid rowClick="show" bulkActionButtons={false} data-testid="order-list">
      <TextField source="name" emptyText="—" sortable={false} />
      {/* Named here, not only as the chips' default, so the header offers sorting by them (the API's allOrders sorts by both). */}
      <OrderActionChip source="action" label="resources.orders.fields.action" />
      <OrderStatusChip source="status" label="resources.orders.fields.status" />
      <FunctionField
        source="offeringId"
        sortable={false}
        render={(order: OrderRecord) =>
          order.offeringId ? (
            <ReferenceField record={order} source="offeringId" reference="offerings" link={false}>
              <OfferingNameField />
            </ReferenceField>
          ) : (
            translate(`nprod.orders.target.${order.target}`)
          )
        }
      />
      <ReferenceField source="tenantId" reference="tenants" link="show" sortable={false} />
      <LocaleDateField source="createdAt" showTime />
    </Datagrid>
  </List>
  );
};
