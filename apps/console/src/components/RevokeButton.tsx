import BlockIcon from '@mui/icons-material/Block';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';

/**
 * Revokes a token or an invitation after a confirmation. The record stays (revoked), so this is
 * not react-admin's delete, which would drop the row from the list.
 */
export const RevokeButton = ({
  resource,
  confirmTitle,
  confirmContent,
  done,
  nameOf,
  testId,
}: {
  resource: 'api-tokens' | 'invitations';
  confirmTitle: string;
  confirmContent: string;
  done: string;
  nameOf: (record: Record<string, unknown>) => string;
  testId: string;
}) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const confirm = async () => {
    setBusy(true);
    try {
      await dataProvider.delete(resource, { id: record.id, previousData: record });
      notify(done, { type: 'info', messageArgs: { name: nameOf(record) } });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<BlockIcon />}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        data-testid={testId}
      >
        {translate('nprod.actions.revoke')}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={confirmTitle}
        content={confirmContent}
        translateOptions={{ name: nameOf(record) }}
        confirm="nprod.actions.revoke"
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
