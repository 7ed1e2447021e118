import CancelIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import ReplayIcon from '@mui/icons-material/Replay';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { required, TextInput, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { trimmedLength } from '../components/validation';
import { canManageTenant, isOperator } from '../lib/access';
import { CANCELLABLE_ORDER_STATUSES, REJECTABLE_ORDER_STATUSES, type OrderRecord } from '../lib/catalogue';
import { useCaller } from '../lib/useCaller';
import { ordersApi } from './api';

type Dialog = 'approve' | 'reject' | 'cancel' | 'retry';

/**
 * What people may do with an order now: its tenant's managers cancel it until provisioning
 * starts; operators approve or reject (with a reason) what waits for them and retry what failed.
 */
export const OrderDecisionButtons = ({ order, ancestorIds = [], onDone, compact = false }: { order: OrderRecord; ancestorIds?: string[]; onDone?: () => void; compact?: boolean }) => {
  const translate = useTranslate();
  const caller = useCaller();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<Dialog | undefined>();
  const operator = isOperator(caller);
  const canCancel = CANCELLABLE_ORDER_STATUSES.includes(order.status) && canManageTenant(caller, order.tenantId, ancestorIds);
  const canApprove = operator && order.status === 'PENDING_APPROVAL';
  const canReject = operator && REJECTABLE_ORDER_STATUSES.includes(order.status);
  const canRetry = operator && order.status === 'FAILED';
  if (!canCancel && !canApprove && !canReject && !canRetry) return null;

  const done = (key: string, type: 'success' | 'info') => {
    notify(key, { type });
    refresh();
    onDone?.();
  };
  const size = compact ? 'small' : 'medium';
  const close = () => setOpen(undefined);

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }} data-testid="order-actions">
      {canApprove && (
        <Button size={size} variant="contained" color="success" startIcon={<CheckIcon />} onClick={() => setOpen('approve')} data-testid="order-approve">
          {translate('nprod.orders.actions.approve')}
        </Button>
      )}
      {canReject && (
        <Button size={size} variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen('reject')} data-testid="order-reject">
          {translate('nprod.orders.actions.reject')}
        </Button>
      )}
      {canRetry && (
        <Button size={size} variant="contained" startIcon={<ReplayIcon />} onClick={() => setOpen('retry')} data-testid="order-retry">
          {translate('nprod.orders.actions.retry')}
        </Button>
      )}
      {canCancel && (
        <Button size={size} variant="outlined" color="warning" startIcon={<CancelIcon />} onClick={() => setOpen('cancel')} data-testid="order-cancel">
          {translate('nprod.orders.actions.cancel')}
        </Button>
      )}

      <FormDialog
        open={open === 'approve'}
        onClose={close}
        testId="order-approve-dialog"
        title="nprod.orders.actions.approve_title"
        submitLabel="nprod.orders.actions.approve"
        submitIcon={<CheckIcon />}
        resource="orders"
        onSubmit={(values) => ordersApi.approveOrder(order.id, values.reason)}
        onSuccess={() => done('nprod.orders.actions.approved', 'success')}
      >
        <TextInput source="reason" label="nprod.orders.fields.note" helperText="nprod.orders.actions.note_helper" multiline minRows={2} fullWidth validate={trimmedLength(0, 2000)} />
      </FormDialog>
      <FormDialog
        open={open === 'reject'}
        onClose={close}
        testId="order-reject-dialog"
        title="nprod.orders.actions.reject_title"
        submitLabel="nprod.orders.actions.reject"
        submitIcon={<CloseIcon />}
        destructive
        resource="orders"
        onSubmit={(values) => ordersApi.rejectOrder(order.id, String(values.reason ?? ''))}
        onSuccess={() => done('nprod.orders.actions.rejected', 'info')}
      >
        <TextInput source="reason" label="nprod.orders.fields.reason" helperText="nprod.orders.actions.reason_helper" validate={[required(), trimmedLength(3, 2000)]} multiline minRows={3} fullWidth />
      </FormDialog>
      <FormDialog
        open={open === 'cancel'}
        onClose={close}
        testId="order-cancel-dialog"
        title="nprod.orders.actions.cancel_title"
        submitLabel="nprod.orders.actions.cancel"
        submitIcon={<CancelIcon />}
        destructive
        resource="orders"
        onSubmit={() => ordersApi.cancelOrder(order.id)}
        onSuccess={() => done('nprod.orders.actions.cancelled', 'info')}
      >
        <Typography variant="body2">{translate('nprod.orders.actions.cancel_intro')}</Typography>
      </FormDialog>
      <FormDialog
        open={open === 'retry'}
        onClose={close}
        testId="order-retry-dialog"
        title="nprod.orders.actions.retry_title"
        submitLabel="nprod.orders.actions.retry"
        submitIcon={<ReplayIcon />}
        resource="orders"
        onSubmit={() => ordersApi.retryOrder(order.id)}
        onSuccess={() => done('nprod.orders.actions.retried', 'success')}
      >
        <Typography variant="body2">{translate('nprod.orders.actions.retry_intro', { attempt: order.attempt + 1 })}</Typography>
      </FormDialog>
    </Box>
  );
};
