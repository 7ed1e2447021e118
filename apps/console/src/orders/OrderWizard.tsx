import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import Skeleton from '@mui/material/Skeleton';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { slugify, validateSlug } from '@nprod/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Title, useGetList, useGetOne, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { OFFERING_KIND_COLORS } from '../components/orderChips';
import { ParametersForm, parametersForApi, useFieldMessage } from '../components/ParametersForm';
import { PriceText, QuoteImpact, usePrice } from '../components/QuotaImpact';
import { useFormatters } from '../components/quantities';
import { submissionFailure } from '../components/serverErrors';
import { canManageTenant } from '../lib/access';
import { HOURS_PER_MONTH, newIdempotencyKey, planPricePerHour, type Offering, type Plan } from '../lib/catalogue';
import { useLocalizedOffering } from '../lib/offeringText';
import { customSizeFromInput, customSizeProblems, type CustomSizeInput } from '../lib/customSize';
import { GraphQLRequestError } from '../lib/graphqlErrors';
import { parameterDefaults, parameterFields, serverParameterErrors, validateParameters, type FieldMessage, type ParameterErrors } from '../lib/parametersForm';
import type { TenantRecord } from '../lib/types';
import { useCaller } from '../lib/useCaller';
import { ordersApi, type OrderArgs } from './api';
import { useOrderQuote } from './useOrderQuote';

const STEPS = ['target', 'plan', 'parameters', 'review'] as const;
type StepName = (typeof STEPS)[number];

interface SpaceOption {
  id: string;
  name: string;
  namespace: string;
  region: string;
}

interface TargetInput {
  tenantId: string;
  spaceId: string;
  spaceName: string;
  spaceSlug: string;
  slugEdited: boolean;
  instanceName: string;
  leaseEndsAt: string;
}

type TargetErrors = Partial<Record<'tenantId' | 'spaceId' | 'spaceName' | 'spaceSlug' | 'instanceName' | 'leaseEndsAt', FieldMessage>>;

const INSTANCE_TARGET_FIELDS: Record<string, keyof TargetErrors> = { tenantId: 'tenantId', spaceId: 'spaceId', name: 'instanceName', leaseEndsAt: 'leaseEndsAt' };
const SPACE_TARGET_FIELDS: Record<string, keyof TargetErrors> = { tenantId: 'tenantId', name: 'spaceName', slug: 'spaceSlug' };

/** The tenants the caller may order for (OWNER/ADMIN there or above; operators all), active ones only. */
const useOrderableTenants = () => {
  const caller = useCaller();
  const { data, isPending } = useGetList<TenantRecord>('tenants', { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' }, filter: { status: 'ACTIVE' } });
  const tenants = useMemo(() => (data ?? []).filter((tenant) => canManageTenant(caller, tenant.id, tenant.ancestorsIds ?? [])), [data, caller]);
  return { tenants, isPending };
};

const slugProblem = (value: string): FieldMessage | undefined => (validateSlug(value).ok ? undefined : { key: 'nprod.validation.slug' });

const tomorrow = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------

const TargetStep = ({
  offering,
  target,
  setTarget,
  errors,
  tenants,
  tenantsPending,
  spaces,
  spacesPending,
}: {
  offering: Offering;
  target: TargetInput;
  setTarget: (change: Partial<TargetInput>) => void;
  errors: TargetErrors;
  tenants: TenantRecord[];
  tenantsPending: boolean;
  spaces: SpaceOption[];
  spacesPending: boolean;
}) => {
  const translate = useTranslate();
  const message = useFieldMessage();
  const isSpace = offering.kind === 'IAAS';
  const tenant = tenants.find((candidate) => candidate.id === target.tenantId) ?? null;
  return (
    <Box sx={{ display: 'grid', gap: 2, maxWidth: 640 }}>
      <Autocomplete
        options={tenants}
        loading={tenantsPending}
        value={tenant}
        getOptionLabel={(option) => option.name}
        isOptionEqualToValue={(option, value) => option.id === value.id}
        onChange={(_event, value) => setTarget({ tenantId: value?.id ?? '', spaceId: '' })}
        renderInput={(params) => (
          <TextField
            {...params}
            name="tenantId"
            label={translate('nprod.orders.wizard.tenant')}
            required
            error={!!errors.tenantId}
            helperText={message(errors.tenantId) ?? translate('nprod.orders.wizard.tenant_help')}
          />
        )}
        noOptionsText={translate('nprod.orders.wizard.no_tenants')}
        data-testid="wizard-tenant"
      />
      {isSpace ? (
        <>
          <Alert severity="info">{translate('nprod.orders.wizard.new_space_intro')}</Alert>
          <TextField
            name="spaceName"
            label={translate('nprod.orders.wizard.space_name')}
            required
            value={target.spaceName}
            onChange={(event) => setTarget({ spaceName: event.target.value, ...(target.slugEdited ? {} : { spaceSlug: slugify(event.target.value).slice(0, 30) }) })}
            error={!!errors.spaceName}
            helperText={message(errors.spaceName)}
            data-testid="wizard-space-name"
          />
          <TextField
            name="spaceSlug"
            label={translate('nprod.orders.wizard.space_slug')}
            required
            value={target.spaceSlug}
            onChange={(event) => setTarget({ spaceSlug: event.target.value, slugEdited: true })}
            error={!!errors.spaceSlug}
            helperText={message(errors.spaceSlug) ?? translate('resources.tenants.helpers.slug')}
            data-testid="wizard-space-slug"
          />
        </>
      ) : (
        <>
          <TextField
            select
            name="spaceId"
            label={translate('nprod.orders.wizard.space')}
            required
            disabled={!target.tenantId}
            value={spaces.some((space) => space.id === target.spaceId) ? target.spaceId : ''}
            onChange={(event) => setTarget({ spaceId: event.target.value })}
            error={!!errors.spaceId}
            helperText={message(errors.spaceId) ?? translate('nprod.orders.wizard.space_help')}
            data-testid="wizard-space"
          >
            {spaces.map((space) => (
              <MenuItem key={space.id} value={space.id}>
                {space.name} <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>{space.namespace}</Typography>
              </MenuItem>
            ))}
          </TextField>
          {target.tenantId && !spacesPending && spaces.length === 0 && (
            <Alert severity="warning" data-testid="wizard-no-spaces">
              {translate('nprod.orders.wizard.no_spaces')}
            </Alert>
          )}
          <TextField
            name="name"
            label={translate('nprod.orders.wizard.instance_name')}
            value={target.instanceName}
            onChange={(event) => setTarget({ instanceName: event.target.value })}
            error={!!errors.instanceName}
            helperText={message(errors.instanceName) ?? translate('nprod.orders.wizard.instance_name_help')}
            data-testid="wizard-instance-name"
          />
          <TextField
            name="leaseEndsAt"
            type="date"
            label={translate('nprod.orders.wizard.lease_ends')}
            value={target.leaseEndsAt}
            onChange={(event) => setTarget({ leaseEndsAt: event.target.value })}
            error={!!errors.leaseEndsAt}
            helperText={message(errors.leaseEndsAt) ?? translate('nprod.orders.wizard.lease_help')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: tomorrow() } }}
            data-testid="wizard-lease"
          />
        </>
      )}
    </Box>
  );
};

// ---------------------------------------------------------------------------------------------

const PlanStep = ({
  offering,
  planKey,
  setPlanKey,
  custom,
  setCustom,
  customErrors,
  replicas,
}: {
  offering: Offering;
  planKey: string;
  setPlanKey: (key: string) => void;
  custom: CustomSizeInput;
  setCustom: (change: Partial<CustomSizeInput>) => void;
  customErrors: Partial<Record<keyof CustomSizeInput, FieldMessage>>;
  replicas: boolean;
}) => {
  const translate = useTranslate();
  const format = useFormatters();
  const price = usePrice();
  const message = useFieldMessage();
  const selected = offering.plans.find((plan) => plan.key === planKey);
  const customSize = customSizeFromInput(custom);
  return (
    <Box>
      {replicas && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('nprod.orders.wizard.per_replica')}
        </Alert>
      )}
      <Table size="small" data-testid="plan-table" aria-label={translate('nprod.orders.wizard.steps.plan')}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>{translate('nprod.orders.fields.plan')}</TableCell>
            <TableCell align="right">{translate('nprod.orders.impact.resources.cpu')}</TableCell>
            <TableCell align="right">{translate('nprod.orders.impact.resources.memory')}</TableCell>
            <TableCell align="right">{translate('nprod.orders.impact.resources.storage')}</TableCell>
            <TableCell align="right">{translate('nprod.orders.wizard.price_hour')}</TableCell>
            <TableCell align="right">{translate('nprod.orders.wizard.price_month')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {offering.plans.map((plan) => {
            const isCustom = !!plan.custom;
            const hourly = isCustom ? (plan.key === planKey ? planPricePerHour(plan, customSize) : undefined) : plan.pricePerHourTiyn;
            return (
              <TableRow
                key={plan.key}
                hover
                selected={plan.key === planKey}
                onClick={() => setPlanKey(plan.key)}
                sx={{ cursor: 'pointer' }}
                data-testid={`plan-${plan.key}`}
              >
                <TableCell padding="checkbox">
                  <Radio checked={plan.key === planKey} value={plan.key} name="planKey" inputProps={{ 'aria-label': plan.name }} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2" fontWeight={600}>
                    {plan.name}
                  </Typography>
                  {plan.description && (
                    <Typography variant="caption" color="text.secondary">
                      {plan.description}
                    </Typography>
                  )}
                </TableCell>
                {isCustom ? (
                  <TableCell align="right" colSpan={3}>
                    <Typography variant="body2" color="text.secondary">
                      {translate('nprod.orders.wizard.custom_up_to', { cpu: format.cpu(plan.cpuMillicores), memory: format.memory(plan.memoryMiB), storage: format.storage(plan.storageGiB) })}
                    </Typography>
                  </TableCell>
                ) : (
                  <>
                    <TableCell align="right">{format.cpu(plan.cpuMillicores)}</TableCell>
                    <TableCell align="right">{format.memory(plan.memoryMiB)}</TableCell>
                    <TableCell align="right">{format.storage(plan.storageGiB)}</TableCell>
                  </>
                )}
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {hourly !== undefined ? price(hourly) : translate('nprod.orders.wizard.custom_rates', { cpu: price(plan.custom!.cpuCoreHourTiyn), memory: price(plan.custom!.memoryGiBHourTiyn), storage: price(plan.custom!.storageGiBHourTiyn) })}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {hourly !== undefined ? price(hourly * HOURS_PER_MONTH) : '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {selected?.custom && (
        <Card variant="outlined" sx={{ mt: 2 }} data-testid="custom-size">
          <CardContent>
            <Typography variant="subtitle1" sx={{ mb: 2 }}>
              {translate('nprod.orders.wizard.custom_title')}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, gap: 2 }}>
              {(
                [
                  ['cpuCores', 'resources.tenants.fields.cpuCores', selected.cpuMillicores / 1000],
                  ['memoryGiB', 'resources.tenants.fields.memoryGiB', selected.memoryMiB / 1024],
                  ['storageGiB', 'resources.tenants.fields.storageGiB', selected.storageGiB],
                ] as const
              ).map(([key, label, max]) => (
                <TextField
                  key={key}
                  name={key}
                  type="number"
                  label={translate(label)}
                  required
                  value={custom[key]}
                  onChange={(event) => setCustom({ [key]: event.target.value })}
                  error={!!customErrors[key]}
                  helperText={message(customErrors[key]) ?? translate('nprod.orders.wizard.custom_max', { max })}
                  slotProps={{ htmlInput: { min: 0, max, step: 'any' } }}
                  data-testid={`custom-${key}`}
                />
              ))}
            </Box>
          </CardContent>
        </Card>
      )}
    </Box>
  );
};

// ---------------------------------------------------------------------------------------------

const Row = ({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 2, py: 0.75 }} data-testid={testId}>
    <Typography variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2', wordBreak: 'break-word' }}>{children}</Box>
  </Box>
);

const displayValue = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}=${String(item)}`).join(', ') || '—';
  return String(value);
};

// ---------------------------------------------------------------------------------------------

/**
 * Ordering from the catalogue in four steps: where (tenant, space), which plan, the offering's
 * parameters (a form from its JSON Schema, checked with the same schema as the API), and a
 * review with the quota impact. One idempotency key per wizard, so a double click or a retry
 * after a lost answer gives the same order.
 */
export const OrderWizard = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const offeringId = searchParams.get('offeringId') ?? '';
  const { data: loadedOffering, isPending, error } = useGetOne<Offering & { id: string }>('offerings', { id: offeringId }, { enabled: !!offeringId });
  const offering = useLocalizedOffering(loadedOffering);
  const { tenants, isPending: tenantsPending } = useOrderableTenants();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const submitting = useRef(false);

  const [step, setStep] = useState(0);
  const [target, setTargetState] = useState<TargetInput>({ tenantId: '', spaceId: '', spaceName: '', spaceSlug: '', slugEdited: false, instanceName: '', leaseEndsAt: '' });
  const [targetErrors, setTargetErrors] = useState<TargetErrors>({});
  const [planKey, setPlanKey] = useState('');
  const [custom, setCustomState] = useState<CustomSizeInput>({ cpuCores: '2', memoryGiB: '4', storageGiB: '20' });
  const [customErrors, setCustomErrors] = useState<Partial<Record<keyof CustomSizeInput, FieldMessage>>>({});
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [paramErrors, setParamErrors] = useState<ParameterErrors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: string[] } | undefined>();

  const fields = useMemo(() => parameterFields(offering?.parametersSchema), [offering]);
  const plan: Plan | undefined = offering?.plans.find((candidate) => candidate.key === planKey);
  const isSpace = offering?.kind === 'IAAS';
  const apiParameters: Record<string, unknown> = { ...parametersForApi(fields, values), ...(plan?.custom ? customSizeFromInput(custom) : {}) };
  // What the order asks the API: the review shows its quote, the submit sends the same with the idempotency key.
  const orderArgs: OrderArgs | undefined =
    offering && plan && target.tenantId
      ? {
          tenantId: target.tenantId,
          offeringId: offering.id,
          planKey: plan.key,
          parameters: apiParameters,
          ...(isSpace
            ? { name: target.spaceName.trim(), slug: target.spaceSlug }
            : {
                spaceId: target.spaceId,
                name: target.instanceName.trim() || undefined,
                leaseEndsAt: target.leaseEndsAt ? new Date(`${target.leaseEndsAt}T23:59:59`).toISOString() : undefined,
              }),
        }
      : undefined;
  const { quote, failure: quoteFailure, pending: quotePending } = useOrderQuote(STEPS[step] === 'review' ? orderArgs : undefined);

  useEffect(() => {
    if (!offering) return;
    setValues(parameterDefaults(offering.parametersSchema));
    const fixed = offering.plans.filter((candidate) => !candidate.custom);
    setPlanKey((current) => current || (fixed[0] ?? offering.plans[0])?.key || '');
  }, [offering]);

  useEffect(() => {
    if (!target.tenantId && tenants.length === 1) setTargetState((current) => ({ ...current, tenantId: tenants[0].id }));
  }, [tenants, target.tenantId]);

  const { data: spaceData, isPending: spacesPending } = useGetList<SpaceOption>(
    'spaces',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' }, filter: { tenantId: target.tenantId, status: 'ACTIVE' } },
    { enabled: !!target.tenantId && offering?.kind !== 'IAAS' },
  );
  const spaces = target.tenantId ? (spaceData ?? []) : [];

  const setTarget = (change: Partial<TargetInput>) => {
    setTargetState((current) => ({ ...current, ...change }));
    setTargetErrors({});
  };
  const setCustom = (change: Partial<CustomSizeInput>) => {
    setCustomState((current) => ({ ...current, ...change }));
    setCustomErrors({});
  };
  const onParameter = (name: string, value: unknown) => {
    setValues((current) => ({ ...current, [name]: value }));
    setParamErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  if (!offeringId || error) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title={translate('nprod.orders.wizard.title')} />
        <Alert severity="warning" action={<Button component={Link} to="/offerings">{translate('nprod.catalogue.title')}</Button>}>
          {translate('nprod.orders.wizard.no_offering')}
        </Alert>
      </Box>
    );
  }
  if (isPending || !offering) return <Skeleton variant="rounded" height={400} sx={{ mt: 2 }} />;

  const tenant = tenants.find((candidate) => candidate.id === target.tenantId);
  const space = spaces.find((candidate) => candidate.id === target.spaceId);
  // An order that does not fit is not placed at all, so it needs no approval either.
  const needsApproval = (quote?.fits && quote.approvalRequired) ?? false;

  if (offering.retiredAt) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title={translate('nprod.orders.wizard.title')} />
        <Alert severity="warning">{translate('nprod.orders.wizard.retired', { name: offering.name })}</Alert>
      </Box>
    );
  }

  const checkTarget = (): boolean => {
    const errors: TargetErrors = {};
    if (!target.tenantId) errors.tenantId = { key: 'ra.validation.required' };
    if (isSpace) {
      if (!target.spaceName.trim()) errors.spaceName = { key: 'ra.validation.required' };
      else if (target.spaceName.trim().length < 2) errors.spaceName = { key: 'nprod.validation.length_between', args: { min: 2, max: 200 } };
      errors.spaceSlug = target.spaceSlug ? slugProblem(target.spaceSlug) : { key: 'ra.validation.required' };
    } else {
      if (!target.spaceId) errors.spaceId = { key: 'ra.validation.required' };
      if (target.instanceName.trim()) errors.instanceName = slugProblem(target.instanceName.trim());
      if (target.leaseEndsAt && !(new Date(target.leaseEndsAt).getTime() > Date.now())) errors.leaseEndsAt = { key: 'nprod.orders.wizard.lease_future' };
    }
    const present = Object.fromEntries(Object.entries(errors).filter(([, value]) => value)) as TargetErrors;
    setTargetErrors(present);
    return Object.keys(present).length === 0;
  };
  const checkPlan = (): boolean => {
    if (!plan) return false;
    if (!plan.custom) return true;
    const problems = customSizeProblems(plan, offering.parametersSchema, custom);
    setCustomErrors(problems);
    return Object.keys(problems).length === 0;
  };
  const checkParameters = (): boolean => {
    const errors = validateParameters(offering.parametersSchema, apiParameters);
    // The plan step already checked the size fields of a custom plan.
    const shown = Object.fromEntries(Object.entries(errors).filter(([name]) => fields.some((field) => field.name === name)));
    setParamErrors(shown);
    return Object.keys(shown).length === 0;
  };
  const checks: Record<StepName, () => boolean> = { target: checkTarget, plan: checkPlan, parameters: checkParameters, review: () => true };

  const next = () => {
    if (checks[STEPS[step]]()) setStep(step + 1);
  };

  const submit = async () => {
    if (submitting.current || !plan || !orderArgs) return;
    submitting.current = true;
    setBusy(true);
    setProblem(undefined);
    try {
      const order = await ordersApi.submitOrder({ ...orderArgs, idempotencyKey });
      navigate(`/orders/${order.id}/show`);
    } catch (caught) {
      submitting.current = false;
      setBusy(false);
      const graphQLErrors = caught instanceof GraphQLRequestError ? caught.graphQLErrors : [];
      const failure = submissionFailure(caught, 'orders');
      const fromServer = serverParameterErrors(graphQLErrors);
      const sizeFields = Object.keys(fromServer).filter((name) => ['cpuMillicores', 'memoryMiB', 'storageGiB'].includes(name));
      const formFields = Object.keys(fromServer).filter((name) => fields.some((field) => field.name === name));
      if (formFields.length > 0) {
        setParamErrors(Object.fromEntries(formFields.map((name) => [name, fromServer[name]])));
        setStep(STEPS.indexOf('parameters'));
        return;
      }
      if (sizeFields.length > 0 && plan.custom) {
        const byInput = { cpuMillicores: 'cpuCores', memoryMiB: 'memoryGiB', storageGiB: 'storageGiB' } as const;
        setCustomErrors(Object.fromEntries(sizeFields.map((name) => [byInput[name as keyof typeof byInput], fromServer[name]])));
        setStep(STEPS.indexOf('plan'));
        return;
      }
      const targetField = failure.field ? (isSpace ? SPACE_TARGET_FIELDS : INSTANCE_TARGET_FIELDS)[failure.field] : undefined;
      if (targetField && failure.code !== 'QUOTA_EXCEEDED') {
        setTargetErrors({ [targetField]: { key: 'nprod.parameters.errors.server', text: failure.message } });
        setStep(STEPS.indexOf('target'));
        return;
      }
      const details = Object.entries(failure.errors)
        .filter(([key]) => key !== 'root')
        .map(([, value]) => String(value))
        .filter((text) => text !== failure.message);
      setProblem({ message: failure.message, details });
    }
  };

  const current = STEPS[step];
  return (
    <Box sx={{ mt: 2 }} data-testid="order-wizard" data-step={current}>
      <Title title={translate('nprod.orders.wizard.title_for', { name: offering.name })} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <Typography variant="h5" component="h1">
              {offering.name}
            </Typography>
            <Chip size="small" label={translate(`nprod.enums.OfferingKind.${offering.kind}`)} color={OFFERING_KIND_COLORS[offering.kind]} />
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
            {offering.description}
          </Typography>
          <Stepper activeStep={step} alternativeLabel sx={{ mb: 4 }}>
            {STEPS.map((name) => (
              <Step key={name}>
                <StepLabel>{translate(`nprod.orders.wizard.steps.${name}`)}</StepLabel>
              </Step>
            ))}
          </Stepper>

          {current === 'target' && (
            <TargetStep offering={offering} target={target} setTarget={setTarget} errors={targetErrors} tenants={tenants} tenantsPending={tenantsPending} spaces={spaces} spacesPending={spacesPending} />
          )}
          {current === 'plan' && (
            <PlanStep
              offering={offering}
              planKey={planKey}
              setPlanKey={(key) => {
                setPlanKey(key);
                setCustomErrors({});
              }}
              custom={custom}
              setCustom={setCustom}
              customErrors={customErrors}
              replicas={fields.some((field) => field.name === 'replicas')}
            />
          )}
          {current === 'parameters' &&
            (fields.length > 0 ? (
              <ParametersForm fields={fields} values={values} errors={paramErrors} onChange={onParameter} />
            ) : (
              <Alert severity="info" data-testid="no-parameters">
                {translate('nprod.orders.wizard.no_parameters')}
              </Alert>
            ))}
          {current === 'review' && plan && !quote && quotePending && <Skeleton variant="rounded" height={240} data-testid="order-quote-pending" />}
          {current === 'review' && quoteFailure && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="order-quote-error">
              {translate(quoteFailure.message, { _: quoteFailure.message })}
            </Alert>
          )}
          {current === 'review' && plan && quote && (
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' }, gap: 4 }} data-testid="order-review">
              <Box>
                <Typography variant="subtitle1" sx={{ mb: 1 }}>
                  {translate('nprod.orders.wizard.summary')}
                </Typography>
                <Row label={translate('nprod.orders.wizard.tenant')}>{tenant?.name}</Row>
                {isSpace ? (
                  <Row label={translate('nprod.orders.wizard.new_space')}>
                    {target.spaceName} ({target.spaceSlug})
                  </Row>
                ) : (
                  <>
                    <Row label={translate('nprod.orders.wizard.space')}>{space?.name}</Row>
                    <Row label={translate('nprod.orders.wizard.instance_name')}>{target.instanceName.trim() || translate('nprod.orders.wizard.generated_name')}</Row>
                    {target.leaseEndsAt && <Row label={translate('nprod.orders.wizard.lease_ends')}>{target.leaseEndsAt}</Row>}
                  </>
                )}
                <Row label={translate('nprod.orders.fields.plan')} testId="review-plan">
                  {plan.name}
                </Row>
                <ReviewSize size={quote.quotaChange} />
                <Row label={translate('nprod.orders.wizard.price')} testId="review-price">
                  <PriceText tiynPerHour={quote.pricePerHourTiyn ?? 0} />
                  <Typography component="span" variant="body2" color="text.secondary">
                    {' · '}
                    <MonthPrice tiynPerHour={quote.pricePerHourTiyn ?? 0} />
                  </Typography>
                </Row>
                {fields.map((field) => (
                  <Row key={field.name} label={field.schema.title ?? field.name}>
                    {field.kind === 'boolean' ? translate(apiParameters[field.name] ? 'nprod.orders.wizard.yes' : 'nprod.orders.wizard.no') : displayValue(apiParameters[field.name])}
                  </Row>
                ))}
                <Divider sx={{ my: 2 }} />
                {!quote.fits ? (
                  <Alert severity="error" data-testid="review-approval" data-value="refused">
                    <AlertTitle>{translate('nprod.orders.wizard.cannot_place_title')}</AlertTitle>
                    {translate('nprod.orders.wizard.cannot_place')}
                  </Alert>
                ) : needsApproval ? (
                  <Alert severity="warning" data-testid="review-approval" data-value="required">
                    <AlertTitle>{translate('nprod.orders.wizard.approval_required_title')}</AlertTitle>
                    {translate('nprod.orders.wizard.approval_required')}
                    <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="review-approval-reason">
                      {quote.approvalReason}
                    </Typography>
                  </Alert>
                ) : (
                  <Alert severity="success" data-testid="review-approval" data-value="automatic">
                    {translate('nprod.orders.wizard.approval_automatic')}
                  </Alert>
                )}
              </Box>
              <Box>
                <Typography variant="subtitle1" sx={{ mb: 1 }}>
                  {translate('nprod.orders.impact.title')}
                </Typography>
                <QuoteImpact quote={quote} pending={quotePending} />
                {quote.quotaChange.storageGiB > 0 && !isSpace && (
                  <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                    {translate('nprod.orders.impact.at_most')}
                  </Typography>
                )}
              </Box>
            </Box>
          )}

          {problem && (
            <Alert severity="error" sx={{ mt: 3 }} role="alert" data-testid="order-submit-error">
              {translate(problem.message, { _: problem.message })}
              {problem.details.length > 0 && (
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {problem.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </Box>
              )}
            </Alert>
          )}

          <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 4 }}>
            <Button startIcon={<ArrowBackIcon />} onClick={() => (step === 0 ? navigate('/offerings') : setStep(step - 1))} disabled={busy} data-testid="wizard-back">
              {translate(step === 0 ? 'nprod.orders.wizard.to_catalogue' : 'nprod.orders.wizard.back')}
            </Button>
            {current === 'review' ? (
              <Button
                variant="contained"
                startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <SendIcon />}
                onClick={submit}
                // Submitting an order the quote refuses would only fail: the refusal is shown instead.
                disabled={busy || !quote?.fits}
                data-testid="wizard-submit"
              >
                {translate(needsApproval ? 'nprod.orders.wizard.submit_for_approval' : 'nprod.orders.wizard.submit')}
              </Button>
            ) : (
              <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={next} disabled={current === 'target' && !isSpace && !!target.tenantId && !spacesPending && spaces.length === 0} data-testid="wizard-next">
                {translate('nprod.orders.wizard.next')}
              </Button>
            )}
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};

const ReviewSize = ({ size }: { size: { cpuMillicores: number; memoryMiB: number; storageGiB: number } }) => {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <Row label={translate('nprod.orders.wizard.size')} testId="review-size">
      {[format.cpu(size.cpuMillicores), format.memory(size.memoryMiB), format.storage(size.storageGiB)].join(' · ')}
    </Row>
  );
};

const MonthPrice = ({ tiynPerHour }: { tiynPerHour: number }) => {
  const translate = useTranslate();
  const price = usePrice();
  return <>{translate('nprod.catalogue.per_month', { price: price(tiynPerHour * HOURS_PER_MONTH) })}</>;
};
