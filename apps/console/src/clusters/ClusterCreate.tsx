import { Create, FormDataConsumer, RadioButtonGroupInput, SaveButton, SimpleForm, TextInput, Toolbar, required, useNotify, useRedirect, type RaRecord } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { ClusterPlacementInputs } from './ClusterForm';

const CREDENTIAL_KINDS = [
  { id: 'kubeconfig', name: 'resources.clusters.credentials.kubeconfig' },
  { id: 'token', name: 'resources.clusters.credentials.token' },
];

const RegisterToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="cluster-save" alwaysEnable label="resources.clusters.page.create" />
  </Toolbar>
);

/** Register a cluster: where it may take spaces, how big it is, and its credentials (a kubeconfig, or API address and token). */
export const ClusterCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const registered = (cluster: RaRecord) => {
    notify('resources.clusters.notifications.registered', { type: 'success' });
    redirect('show', 'clusters', cluster.id);
  };
  return (
    <Create title="resources.clusters.page.create" mutationOptions={{ onSuccess: registered }}>
      <SimpleForm toolbar={<RegisterToolbar />} defaultValues={{ credentialsKind: 'kubeconfig', regions: [] }} sx={{ maxWidth: 720 }} noValidate>
        <FocusServerError />
        <ClusterPlacementInputs />
        <RadioButtonGroupInput source="credentialsKind" choices={CREDENTIAL_KINDS} row />
        <FormDataConsumer>
          {({ formData }) =>
            formData.credentialsKind === 'token' ? (
              <>
                <TextInput source="apiUrl" validate={required()} placeholder="https://k8s.almaty.gov.kz:6443" fullWidth />
                <TextInput source="token" type="password" validate={required()} helperText="resources.clusters.helpers.token" fullWidth />
                <TextInput source="caData" multiline minRows={2} helperText={false} fullWidth />
              </>
            ) : (
              <TextInput source="kubeconfig" validate={required()} multiline minRows={8} helperText="resources.clusters.helpers.kubeconfig" fullWidth inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }} />
            )
          }
        </FormDataConsumer>
      </SimpleForm>
    </Create>
  );
};
