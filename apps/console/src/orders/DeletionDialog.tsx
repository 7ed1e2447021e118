import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useDialogAction } from '../components/useDialogAction';
import { newIdempotencyKey } from '../lib/catalogue';

/** Translation keys of a deletion dialog; `title` and `typeName` get `name`. */
export interface DeletionTexts {
  title: string;
  warning: string;
  typeName: string;
  submit: string;
}

/**
 * Orders the deletion of an instance or a space once the person has typed its name, then opens
 * the order's page. Test ids `<testIdPrefix>-dialog`, `-confirm-name`, `-problem` and `-submit`.
 */
export const DeletionDialog = ({
  open,
  onClose,
  name,
  resource,
  submit: placeOrder,
  texts,
  testIdPrefix,
}: {
  open: boolean;
  onClose: () => void;
  /** What the person must type. */
  name: string;
  /** The resource whose errors useDialogAction translates. */
  resource: string;
  submit: (idempotencyKey: string) => Promise<{ id: string }>;
  texts: DeletionTexts;
  testIdPrefix: string;
}) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { busy, problem, run } = useDialogAction(resource);
  const [typed, setTyped] = useState('');
  const [key] = useState(newIdempotencyKey);
  const submit = () =>
    run(async () => {
      const order = await placeOrder(key);
      onClose();
      navigate(`/orders/${order.id}/show`);
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid={`${testIdPrefix}-dialog`}>
      <DialogTitle>{translate(texts.title, { name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate(texts.warning)}
        </Alert>
        <TextField
          fullWidth
          name="confirmName"
          label={translate(texts.typeName, { name })}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          data-testid={`${testIdPrefix}-confirm-name`}
        />
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert" data-testid={`${testIdPrefix}-problem`}>
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color="error" startIcon={<DeleteForeverIcon />} disabled={busy || typed.trim() !== name} onClick={submit} data-testid={`${testIdPrefix}-submit`}>
          {translate(texts.submit)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
