import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { usagePercent } from '../lib/units';

export interface UsageBarProps {
  label: string;
  used: number;
  allocated: number;
  /** Formats an amount; the second argument is the amount whose unit a zero should use. */
  format: (value: number, unitOf?: number) => string;
  testId: string;
}

export const UsageBar = ({ label, used, allocated, format, testId }: UsageBarProps) => {
  const translate = useTranslate();
  const percent = usagePercent(used, allocated);
  const color = percent >= 100 ? 'error' : percent >= 80 ? 'warning' : 'primary';
  const text = translate('resources.tenants.allocation.usage', { used: format(used, allocated), allocated: format(allocated) });
  return (
    <Box data-testid={testId} sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', mb: 0.5 }}>
        <Typography variant="body2" fontWeight={500}>
          {label}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {text}
        </Typography>
      </Box>
      <LinearProgress variant="determinate" value={percent} color={color} aria-label={`${label}: ${text}`} sx={{ height: 8, borderRadius: 4 }} />
    </Box>
  );
};
