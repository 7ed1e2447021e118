import QuotaRequestIcon from '@mui/icons-material/Addchart';
import { QuotaRequestCreate } from './QuotaRequestCreate';
import { QuotaRequestList } from './QuotaRequestList';
import { QuotaRequestShow } from './QuotaRequestShow';

export default {
  list: QuotaRequestList,
  create: QuotaRequestCreate,
  show: QuotaRequestShow,
  icon: QuotaRequestIcon,
  recordRepresentation: 'region',
};
