import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import WarningIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

/** Copies with the Clipboard API, or by selecting the text where that is not allowed. */
const copy = async (text: string, input: HTMLTextAreaElement | null): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand?.('copy') ?? false;
  }
};

/** The new token, once: the API keeps only its hash, so closing this is the last chance to copy it. */
export const TokenRevealDialog = ({ token, name, onClose }: { token: string; name: string; onClose: () => void }) => {
  const translate = useTranslate();
  const input = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const doCopy = async () => setCopied(await copy(token, input.current));
  return (
    <Dialog open fullWidth maxWidth="sm" data-testid="token-reveal" aria-labelledby="token-reveal-title">
      <DialogTitle id="token-reveal-title">{translate('resources.api-tokens.reveal.title', { name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" icon={<WarningIcon />} sx={{ mb: 2 }} data-testid="token-reveal-warning">
          {translate('resources.api-tokens.reveal.warning')}
        </Alert>
        <TextField
          label={translate('resources.api-tokens.reveal.token')}
          value={token}
          fullWidth
          multiline
          inputRef={input}
          onFocus={(event) => event.target.select()}
          slotProps={{
            input: {
              readOnly: true,
              sx: { fontFamily: 'monospace', fontSize: '0.95rem', lineHeight: 1.6, wordBreak: 'break-all', alignItems: 'flex-start' },
              endAdornment: (
                <InputAdornment position="end">
                  <Tooltip title={translate(copied ? 'resources.api-tokens.reveal.copied' : 'resources.api-tokens.reveal.copy')}>
                    <IconButton onClick={doCopy} aria-label={translate('resources.api-tokens.reveal.copy')} data-testid="token-copy">
                      <ContentCopyIcon />
                    </IconButton>
                  </Tooltip>
                </InputAdornment>
              ),
            },
            htmlInput: { 'data-testid': 'token-secret' },
          }}
        />
        <Typography variant="body2" color={copied ? 'success.main' : 'text.secondary'} sx={{ mt: 1 }} data-testid="token-copied">
          {translate(copied ? 'resources.api-tokens.reveal.copied' : 'resources.api-tokens.reveal.usage')}
        </Typography>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={doCopy} startIcon={<ContentCopyIcon />}>
          {translate('resources.api-tokens.reveal.copy')}
        </Button>
        <Button variant="contained" onClick={onClose} data-testid="token-reveal-done">
          {translate('resources.api-tokens.reveal.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
