import DeleteIcon from '@mui/icons-material/Delete';
import SaveIcon from '@mui/icons-material/Save';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { useFormatters } from '../components/quantities';
import { useDialogAction } from '../components/useDialogAction';
import { graphqlRequest } from '../lib/apiClient';
import type { Offering } from '../lib/catalogue';
import { coresToMillicores, gibToMib } from '../lib/units';

const POLICIES = ['AUTO_WITHIN_ALLOCATION', 'OPERATOR_ABOVE_THRESHOLD', 'ALWAYS_OPERATOR'] as const;
type Policy = (typeof POLICIES)[number];
/** The select's value for "all offerings" (offeringId left out). */
const ALL = '';

interface Override {
  id: string;
  offeringId: string | null;
  policy: Policy;
  thresholdCpuMillicores: number | null;
  thresholdMemoryMiB: number | null;
  thresholdStorageGiB: number | null;
}

const OVERRIDE_FIELDS = 'id offeringId policy thresholdCpuMillicores thresholdMemoryMiB thresholdStorageGiB';

const approvalPolicyApi = {
  list: async (tenantId: string) =>
    (await graphqlRequest<{ allApprovalPolicyOverrides: Override[] }>(`query ApprovalPolicies($tenantId: ID!) { allApprovalPolicyOverrides(filter: { tenantId: $tenantId }, perPage: 500) { ${OVERRIDE_FIELDS} } }`, { tenantId }))
      .allApprovalPolicyOverrides,
  set: (variables: { tenantId: string; offeringId?: string; policy: Policy; thresholdCpuMillicores?: number; thresholdMemoryMiB?: number; thresholdStorageGiB?: number }) =>
    graphqlRequest(
      `mutation SetApprovalPolicy($tenantId: ID!, $offeringId: ID, $policy: ApprovalPolicy!, $thresholdCpuMillicores: Int, $thresholdMemoryMiB: Int, $thresholdStorageGiB: Int) {
        setApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId, policy: $policy, thresholdCpuMillicores: $thresholdCpuMillicores, thresholdMemoryMiB: $thresholdMemoryMiB, thresholdStorageGiB: $thresholdStorageGiB) { id }
      }`,
      variables,
    ),
  clear: (tenantId: string, offeringId: string | null) =>
    graphqlRequest('mutation ClearApprovalPolicy($tenantId: ID!, $offeringId: ID) { clearApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId) }', { tenantId, offeringId }),
};

/** A number typed in cores or GiB, as the API's unit; undefined when the box is empty. */
const amount = (text: string, toUnit: (value: number) => number): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? undefined : toUnit(value);
};

/**
 * Operators set, per tenant, an approval policy for all its orders or for one offering; the
 * most specific wins, and without one the offering's own applies (the API's effectiveApprovalRule).
 */
export const ApprovalPolicyPanel = ({ tenantId }: { tenantId: string }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const { busy, problem, run } = useDialogAction('tenants');
  const { data: offerings } = useGetList<Offering>('offerings', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } });
  const [overrides, setOverrides] = useState<Override[]>();
  const [offeringId, setOfferingId] = useState(ALL);
  const [policy, setPolicy] = useState<Policy>('ALWAYS_OPERATOR');
  const [threshold, setThreshold] = useState({ cpuCores: '', memoryGiB: '', storageGiB: '' });

  const load = useCallback(() => approvalPolicyApi.list(tenantId).then(setOverrides), [tenantId]);
  useEffect(() => {
    void load();
  }, [load]);

  const offeringName = (id: string | null) => (id ? (offerings?.find((offering) => offering.id === id)?.name ?? id) : translate('nprod.approval_policy.all_offerings'));
  const thresholdText = (override: Override) =>
    [
      override.thresholdCpuMillicores !== null ? format.cpu(override.thresholdCpuMillicores) : undefined,
      override.thresholdMemoryMiB !== null ? format.memory(override.thresholdMemoryMiB) : undefined,
      override.thresholdStorageGiB !== null ? format.storage(override.thresholdStorageGiB) : undefined,
    ]
      .filter(Boolean)
      .join(' · ') || '—';

  const save = () =>
    run(async () => {
      const above = policy === 'OPERATOR_ABOVE_THRESHOLD';
      await approvalPolicyApi.set({
        tenantId,
        offeringId: offeringId || undefined,
        policy,
        thresholdCpuMillicores: above ? amount(threshold.cpuCores, coresToMillicores) : undefined,
        thresholdMemoryMiB: above ? amount(threshold.memoryGiB, gibToMib) : undefined,
        thresholdStorageGiB: above ? amount(threshold.storageGiB, Math.round) : undefined,
      });
      await load();
    });
  const clear = (override: Override) =>
    run(async () => {
      await approvalPolicyApi.clear(tenantId, override.offeringId);
      await load();
    });

  return (
    <Box data-testid="approval-policy">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('nprod.approval_policy.intro')}
      </Typography>
      {overrides && overrides.length === 0 && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="approval-policy-none">
          {translate('nprod.approval_policy.none')}
        </Typography>
      )}
      {overrides && overrides.length > 0 && (
        <Table size="small" sx={{ mb: 2 }} data-testid="approval-policy-list">
          <TableHead>
            <TableRow>
              <TableCell>{translate('nprod.approval_policy.offering')}</TableCell>
              <TableCell>{translate('nprod.approval_policy.policy')}</TableCell>
              <TableCell>{translate('nprod.approval_policy.threshold')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {overrides.map((override) => (
              <TableRow key={override.id} data-testid={`approval-policy-${override.offeringId ?? 'all'}`}>
                <TableCell>{offeringName(override.offeringId)}</TableCell>
                <TableCell>{translate(`nprod.enums.ApprovalPolicy.${override.policy}`)}</TableCell>
                <TableCell>{thresholdText(override)}</TableCell>
                <TableCell align="right">
                  <Tooltip title={translate('nprod.approval_policy.clear')}>
                    <IconButton size="small" onClick={() => clear(override)} disabled={busy} aria-label={translate('nprod.approval_policy.clear')}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, gap: 2, maxWidth: 720 }}>
        <TextField
          select
          size="small"
          name="approvalOffering"
          label={translate('nprod.approval_policy.offering')}
          value={offeringId}
          onChange={(event) => setOfferingId(event.target.value)}
          // "All offerings" is the empty value: a select shows an empty value as blank unless told otherwise.
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid="approval-policy-offering"
        >
          <MenuItem value={ALL}>{translate('nprod.approval_policy.all_offerings')}</MenuItem>
          {(offerings ?? []).map((offering) => (
            <MenuItem key={offering.id} value={offering.id}>
              {offering.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" name="approvalPolicy" label={translate('nprod.approval_policy.policy')} value={policy} onChange={(event) => setPolicy(event.target.value as Policy)} data-testid="approval-policy-policy">
          {POLICIES.map((candidate) => (
            <MenuItem key={candidate} value={candidate}>
              {translate(`nprod.enums.ApprovalPolicy.${candidate}`)}
            </MenuItem>
          ))}
        </TextField>
        {policy === 'OPERATOR_ABOVE_THRESHOLD' &&
          (
            [
              ['cpuCores', 'resources.tenants.fields.cpuCores'],
              ['memoryGiB', 'resources.tenants.fields.memoryGiB'],
              ['storageGiB', 'resources.tenants.fields.storageGiB'],
            ] as const
          ).map(([field, label]) => (
            <TextField
              key={field}
              size="small"
              type="number"
              name={`threshold-${field}`}
              label={translate(label)}
              helperText={translate('nprod.approval_policy.threshold_help')}
              value={threshold[field]}
              onChange={(event) => setThreshold((current) => ({ ...current, [field]: event.target.value }))}
              data-testid={`approval-policy-${field}`}
            />
          ))}
      </Box>
      {problem && (
        <Alert severity="error" sx={{ mt: 2 }} role="alert" data-testid="approval-policy-problem">
          {problem}
        </Alert>
      )}
      <Button variant="contained" size="small" startIcon={<SaveIcon />} onClick={save} disabled={busy} sx={{ mt: 2 }} data-testid="approval-policy-save">
        {translate('nprod.approval_policy.save')}
      </Button>
    </Box>
  );
};
