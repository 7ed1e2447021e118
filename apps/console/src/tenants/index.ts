import TenantIcon from '@mui/icons-material/AccountBalance';
import { TenantCreate } from './TenantCreate';
import { TenantEdit } from './TenantEdit';
import { TenantList } from './TenantList';
import { TenantShow } from './TenantShow';

export default {
  list: TenantList,
  create: TenantCreate,
  edit: TenantEdit,
  show: TenantShow,
  icon: TenantIcon,
  recordRepresentation: 'name',
};
