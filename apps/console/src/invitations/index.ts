import InvitationIcon from '@mui/icons-material/ForwardToInbox';
import { InvitationList } from './InvitationList';

export default {
  list: InvitationList,
  icon: InvitationIcon,
  recordRepresentation: 'email',
};
