import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { OrderList } from './OrderList';
import { OrderShow } from './OrderShow';
import { OrderWizard } from './OrderWizard';

export default {
  list: OrderList,
  show: OrderShow,
  create: OrderWizard,
  icon: ReceiptLongIcon,
  recordRepresentation: (record: { name?: string | null; id: string }) => record.name ?? record.id.slice(0, 8),
};
