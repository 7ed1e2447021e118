import ShoppingCartIcon from '@mui/icons-material/AddShoppingCart';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import Skeleton from '@mui/material/Skeleton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { OFFERING_KIND_COLORS } from '../components/orderChips';
import { usePrice } from '../components/QuotaImpact';
import { cheapestPricePerHour, OFFERING_KINDS, type Offering, type OfferingKind } from '../lib/catalogue';
import { useLocalizedOfferings } from '../lib/offeringText';
import { managesAnyTenant, isOperator } from '../lib/access';
import { useCaller } from '../lib/useCaller';

export const orderPath = (offeringId: string) => `/orders/create?offeringId=${encodeURIComponent(offeringId)}`;

const OfferingCard = ({ offering, canOrder }: { offering: Offering; canOrder: boolean }) => {
  const translate = useTranslate();
  const price = usePrice();
  const cheapest = cheapestPricePerHour(offering.plans);
  const custom = offering.plans.find((plan) => plan.custom);
  return (
    <Card variant="outlined" sx={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid={`offering-card-${offering.key}`}>
      <CardContent sx={{ flex: 1 }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h3" sx={{ lineHeight: 1.3 }}>
            {offering.name}
          </Typography>
          <Chip size="small" label={translate(`nprod.enums.OfferingKind.${offering.kind}`)} color={OFFERING_KIND_COLORS[offering.kind]} data-testid="offering-kind" />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {offering.description}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {translate('nprod.catalogue.plans', { smart_count: offering.plans.length })}
          {custom ? ` · ${translate('nprod.catalogue.custom_available')}` : ''}
        </Typography>
      </CardContent>
      <CardActions sx={{ justifyContent: 'space-between', px: 2, pb: 2 }}>
        <Box data-testid="offering-price">
          {cheapest !== undefined ? (
            <>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate('nprod.catalogue.price_from')}
              </Typography>
              <Typography variant="subtitle1" component="div" fontWeight={600}>
                {translate('nprod.catalogue.per_hour', { price: price(cheapest) })}
              </Typography>
            </>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {translate('nprod.catalogue.price_by_size')}
            </Typography>
          )}
        </Box>
        {canOrder && (
          <Button component={RouterLink} to={orderPath(offering.id)} variant="contained" startIcon={<ShoppingCartIcon />} data-testid={`order-${offering.key}`}>
            {translate('nprod.catalogue.order')}
          </Button>
        )}
      </CardActions>
    </Card>
  );
};

type KindTab = 'ALL' | OfferingKind;

/** The catalogue as tenants see it: cards per kind, what each costs, and an Order button. Retired offerings are not offered. */
export const CatalogueList = () => {
  const translate = useTranslate();
  const caller = useCaller();
  const [tab, setTab] = useState<KindTab>('ALL');
  const [query, setQuery] = useState('');
  const { data: loaded, isPending, error } = useGetList<Offering>('offerings', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } });
  const data = useLocalizedOfferings(loaded);
  const canOrder = isOperator(caller) || managesAnyTenant(caller);

  const offerings = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return (data ?? []).filter((offering) => !offering.retiredAt && (!needle || `${offering.name} ${offering.description} ${offering.key}`.toLowerCase().includes(needle)));
  }, [data, query]);
  const kinds = tab === 'ALL' ? OFFERING_KINDS : [tab];

  return (
    <Box sx={{ mt: 2 }} data-testid="catalogue">
      <Title title={translate('nprod.catalogue.title')} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 2, mb: 2 }}>
        <Tabs value={tab} onChange={(_event, value: KindTab) => setTab(value)} aria-label={translate('nprod.catalogue.title')}>
          <Tab value="ALL" label={translate('nprod.catalogue.all')} data-testid="catalogue-tab-ALL" />
          {OFFERING_KINDS.map((kind) => (
            <Tab key={kind} value={kind} label={translate(`nprod.catalogue.kinds.${kind}`)} data-testid={`catalogue-tab-${kind}`} />
          ))}
        </Tabs>
        <TextField
          size="small"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={translate('ra.action.search')}
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          sx={{ width: 280, my: 0 }}
          data-testid="catalogue-search"
        />
      </Box>
      {!canOrder && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('nprod.catalogue.read_only')}
        </Alert>
      )}
      {error && <Alert severity="error">{translate('nprod.catalogue.load_failed')}</Alert>}
      {kinds.map((kind) => {
        const ofKind = offerings.filter((offering) => offering.kind === kind);
        if (!isPending && ofKind.length === 0 && tab === 'ALL') return null;
        return (
          <Box key={kind} component="section" sx={{ mb: 4 }} data-testid={`catalogue-section-${kind}`}>
            <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>
              {translate(`nprod.catalogue.kinds.${kind}`)}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate(`nprod.catalogue.kind_intro.${kind}`)}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 2 }}>
              {isPending
                ? [0, 1, 2].map((index) => <Skeleton key={index} variant="rounded" height={220} />)
                : ofKind.map((offering) => <OfferingCard key={offering.id} offering={offering} canOrder={canOrder} />)}
            </Box>
            {!isPending && ofKind.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {translate('nprod.catalogue.empty')}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
};
