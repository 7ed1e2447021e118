import ClusterIcon from '@mui/icons-material/Dns';
import { ClusterCreate } from './ClusterCreate';
import { ClusterEdit } from './ClusterEdit';
import { ClusterList } from './ClusterList';
import { ClusterShow } from './ClusterShow';

export default {
  list: ClusterList,
  create: ClusterCreate,
  edit: ClusterEdit,
  show: ClusterShow,
  icon: ClusterIcon,
  recordRepresentation: 'name',
};
