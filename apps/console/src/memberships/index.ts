import MembershipIcon from '@mui/icons-material/Badge';
import { MembershipCreate } from './MembershipCreate';
import { MembershipList } from './MembershipList';

export default {
  list: MembershipList,
  create: MembershipCreate,
  icon: MembershipIcon,
  recordRepresentation: (record: { userDisplayName?: string; tenantName?: string }) => `${record.userDisplayName ?? ''} · ${record.tenantName ?? ''}`,
};
