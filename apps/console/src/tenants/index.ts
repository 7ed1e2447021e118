import TenantIcon from '@mui/icons-material/AccountBalance';
import { TenantCreate } from './TenantCreate';
import { TenantList } from './TenantList';
import { TenantShow } from './TenantShow';

export default {
  list: TenantList,
  create: TenantCreate,
  show: TenantShow,
  icon: TenantIcon,
  recordRepresentation: 'name',
};
