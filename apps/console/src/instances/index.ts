import AppsIcon from '@mui/icons-material/Apps';
import { InstanceList } from './InstanceList';
import { InstanceShow } from './InstanceShow';

export default {
  list: InstanceList,
  show: InstanceShow,
  icon: AppsIcon,
  recordRepresentation: 'name',
};
