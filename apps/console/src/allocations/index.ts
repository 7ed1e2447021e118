import AllocationIcon from '@mui/icons-material/DataUsage';
import { AllocationList } from './AllocationList';

export default {
  list: AllocationList,
  icon: AllocationIcon,
  recordRepresentation: 'region',
};
