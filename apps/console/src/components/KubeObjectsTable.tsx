import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import type { KubeObjectRecord } from '../lib/catalogue';
import { EnumChipField, type ChipColor } from './EnumChip';
import { LocaleDateField } from './LocaleDateField';

/** The worker's detail code in the user's language; the English message when there is no code (older observations) or no translation. */
const kubeObjectDetail = (translate: ReturnType<typeof useTranslate>, object: KubeObjectRecord): string =>
  object.detailCode ? translate(`nprod.kube_objects.detail.${object.detailCode}`, { ...object.detailParams, _: object.message }) : object.message;

const KUBE_OBJECT_STATE_COLORS: Record<string, ChipColor> = { READY: 'success', PROGRESSING: 'info', MISSING: 'error', FAILED: 'error' };

/** Kind, name, a state chip, what was seen and since when; the API only reports what the worker recorded. */
export const KubeObjectsTable = ({ objects }: { objects: readonly KubeObjectRecord[] }) => {
  const translate = useTranslate();
  if (objects.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="kube-objects-empty">
        {translate('nprod.kube_objects.none')}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="kube-objects">
        <TableHead>
          <TableRow>
            <TableCell>{translate('nprod.kube_objects.kind')}</TableCell>
            <TableCell>{translate('nprod.kube_objects.name')}</TableCell>
            <TableCell>{translate('nprod.kube_objects.state')}</TableCell>
            <TableCell>{translate('nprod.kube_objects.message')}</TableCell>
            <TableCell>{translate('nprod.kube_objects.observed_at')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {objects.map((object) => (
            <TableRow key={`${object.kind}/${object.namespace ?? ''}/${object.name}`} data-testid="kube-object" data-kind={object.kind} data-state={object.state}>
              <TableCell>{object.kind}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{object.name}</TableCell>
              <TableCell>
                <EnumChipField record={object} source="state" enumName="KubeObjectState" colors={KUBE_OBJECT_STATE_COLORS} data-testid="kube-object-state" />
              </TableCell>
              <TableCell data-testid="kube-object-message">{kubeObjectDetail(translate, object)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {/* The same format as the page's other dates. */}
                <LocaleDateField record={object} source="observedAt" showTime />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
