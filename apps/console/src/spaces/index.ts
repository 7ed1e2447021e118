import SpaceIcon from '@mui/icons-material/ViewInAr';
import { SpaceCreate } from './SpaceCreate';
import { SpaceList } from './SpaceList';
import { SpaceShow } from './SpaceShow';

export default {
  list: SpaceList,
  create: SpaceCreate,
  show: SpaceShow,
  icon: SpaceIcon,
  recordRepresentation: 'name',
};
