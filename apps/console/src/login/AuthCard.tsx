import LockIcon from '@mui/icons-material/Lock';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { LocalesMenuButton, useTranslate } from 'react-admin';
import { SandboxBanner } from '../layout/SandboxBanner';

/** The frame of the public pages (sign-in, sign-up, invitation, single sign-on): banner, language, one card. */
export const AuthCard = ({ title, subtitle, icon, width = 380, children }: { title: string; subtitle?: ReactNode; icon?: ReactNode; width?: number; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <SandboxBanner />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', p: 1 }}>
        <LocalesMenuButton />
      </Box>
      <Box sx={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', pt: '6vh', pb: 4 }}>
        <Card sx={{ width, maxWidth: '92vw' }}>
          <CardContent>
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 2, textAlign: 'center' }}>
              <Avatar sx={{ bgcolor: 'secondary.main', mb: 1 }}>{icon ?? <LockIcon />}</Avatar>
              <Typography component="h1" variant="h6">
                {translate(title)}
              </Typography>
              {subtitle && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                  {subtitle}
                </Typography>
              )}
            </Box>
            {children}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
};
