import ApiTokenIcon from '@mui/icons-material/VpnKey';
import { ApiTokenList } from './ApiTokenList';

export default {
  list: ApiTokenList,
  icon: ApiTokenIcon,
  recordRepresentation: 'name',
};
