import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { FocusServerError } from '../components/FocusServerError';
import { ClusterPlacementInputs } from './ClusterForm';

const EditToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="cluster-save" />
  </Toolbar>
);

/** Name, regions, capacity and rate limit; the API refuses what the worker's own start-up cluster takes from its environment. */
export const ClusterEdit = () => (
  <Edit redirect="show" mutationMode="pessimistic">
    <SimpleForm toolbar={<EditToolbar />} sx={{ maxWidth: 720 }} noValidate>
      <FocusServerError />
      <ClusterPlacementInputs />
    </SimpleForm>
  </Edit>
);
