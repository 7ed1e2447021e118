import ScienceIcon from '@mui/icons-material/Science';
import Box from '@mui/material/Box';
import { useTranslate } from 'react-admin';
import { usePlatformInfo } from '../lib/platformInfo';

/** Says loudly that nothing created here reaches a real cluster. */
export const SandboxBanner = () => {
  const info = usePlatformInfo();
  const translate = useTranslate();
  if (!info?.sandboxCluster) return null;
  return (
    <Box
      role="status"
      data-testid="sandbox-banner"
      sx={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 1,
        px: 2,
        py: 0.5,
        bgcolor: '#f9a825',
        color: '#1a1a1a',
        fontSize: '0.875rem',
        fontWeight: 600,
        textAlign: 'center',
        backgroundImage: 'repeating-linear-gradient(-45deg, transparent 0 12px, rgba(0,0,0,0.06) 12px 24px)',
      }}
    >
      <ScienceIcon fontSize="small" aria-hidden />
      {translate('nprod.sandbox.banner')}
    </Box>
  );
};
