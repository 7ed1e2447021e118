import BlockIcon from '@mui/icons-material/Block';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { DeleteWithConfirmButton, EditButton, required, TextInput, TopToolbar, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../components/FormDialog';
import { trimmedLength } from '../components/validation';
import type { NprodDataProvider } from '../dataProvider';
import type { ClusterRecord } from './cluster';

/** Edit, cordon (with a reason) or uncordon, delete: operators only (the page is theirs). */
export const ClusterActions = () => {
  const cluster = useRecordContext<ClusterRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<NprodDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [cordoning, setCordoning] = useState(false);
  if (!cluster) return <TopToolbar />;
  const uncordon = async () => {
    try {
      await dataProvider.uncordonCluster(cluster.id);
      notify('resources.clusters.notifications.uncordoned', { type: 'success', messageArgs: { name: cluster.name } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <TopToolbar>
      <EditButton />
      {cluster.cordoned ? (
        <Button size="small" color="success" startIcon={<LockOpenIcon />} onClick={uncordon} data-testid="cluster-uncordon">
          {translate('resources.clusters.actions.uncordon')}
        </Button>
      ) : (
        <Button size="small" color="warning" startIcon={<BlockIcon />} onClick={() => setCordoning(true)} data-testid="cluster-cordon">
          {translate('resources.clusters.actions.cordon')}
        </Button>
      )}
      <DeleteWithConfirmButton mutationMode="pessimistic" data-testid="cluster-delete" />
      <FormDialog
        open={cordoning}
        onClose={() => setCordoning(false)}
        testId="cordon-dialog"
        title={translate('resources.clusters.actions.cordon_title', { name: cluster.name })}
        submitLabel="resources.clusters.actions.cordon"
        submitIcon={<BlockIcon />}
        destructive
        intro={
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('resources.clusters.actions.cordon_intro', { name: cluster.name })}
          </Alert>
        }
        onSubmit={(values) => dataProvider.cordonCluster(cluster.id, String(values.reason ?? ''))}
        onSuccess={() => {
          notify('resources.clusters.notifications.cordoned', { type: 'info', messageArgs: { name: cluster.name } });
          refresh();
        }}
      >
        <TextInput source="reason" label="resources.clusters.actions.reason" validate={[required(), trimmedLength(3, 500)]} multiline minRows={2} fullWidth />
      </FormDialog>
    </TopToolbar>
  );
};
