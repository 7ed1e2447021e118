import StorefrontIcon from '@mui/icons-material/Storefront';
import { CatalogueList } from './CatalogueList';

/** The `offerings` resource: the catalogue browser; ordering happens in the order wizard (orders/create). */
export default {
  list: CatalogueList,
  icon: StorefrontIcon,
  recordRepresentation: 'name',
};
