import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { useTranslate } from 'react-admin';

/** "Live" while order changes arrive over the socket, "Refreshing" while the page polls instead. */
export const LiveIndicator = ({ live }: { live: boolean }) => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate(live ? 'nprod.orders.live.on_hint' : 'nprod.orders.live.off_hint')}>
      <Chip
        size="small"
        variant="outlined"
        color={live ? 'success' : 'default'}
        icon={<FiberManualRecordIcon sx={{ fontSize: 12 }} />}
        label={translate(live ? 'nprod.orders.live.on' : 'nprod.orders.live.off')}
        data-testid="live-indicator"
        data-live={String(live)}
      />
    </Tooltip>
  );
};
