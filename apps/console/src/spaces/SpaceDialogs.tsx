import type { Offering } from '../lib/catalogue';
import { ordersApi } from '../orders/api';
import { DeletionDialog, type DeletionTexts } from '../orders/DeletionDialog';
import { ResizeOrderDialog, type ResizeTexts } from '../orders/ResizeParts';

export interface SpaceRecord {
  id: string;
  tenantId: string;
  name: string;
  status: string;
  planKey?: string | null;
  offeringId?: string | null;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
}

const RESIZE_TEXTS: ResizeTexts = {
  title: 'nprod.space_orders.resize.title',
  intro: 'nprod.space_orders.resize.intro',
  current: 'nprod.space_orders.resize.current',
  unchanged: 'nprod.space_orders.resize.unchanged',
  newPrice: 'nprod.space_orders.resize.new_price',
  submit: 'nprod.space_orders.resize.submit',
};

const DELETE_TEXTS: DeletionTexts = {
  title: 'nprod.space_orders.delete.title',
  warning: 'nprod.space_orders.delete.warning',
  typeName: 'nprod.space_orders.delete.type_name',
  submit: 'nprod.space_orders.delete.submit',
};

interface DialogProps {
  open: boolean;
  onClose: () => void;
  space: SpaceRecord;
}

/** A new size for the space: a plan of its offering, or a custom size. */
export const ResizeSpaceDialog = ({ open, onClose, space, offering }: DialogProps & { offering: Offering }) => (
  <ResizeOrderDialog
    open={open}
    onClose={onClose}
    subject={space}
    target={{ spaceId: space.id }}
    plans={offering.plans}
    schema={offering.parametersSchema}
    resource="spaces"
    submit={(planKey, parameters, key) => ordersApi.resizeSpace(space.id, planKey, parameters, key)}
    texts={RESIZE_TEXTS}
    testIdPrefix="space-resize"
  />
);

/** Orders the deletion after the person types the space's name; the API refuses while instances live in it and says which. */
export const DeleteSpaceDialog = ({ open, onClose, space }: DialogProps) => (
  <DeletionDialog
    open={open}
    onClose={onClose}
    name={space.name}
    resource="spaces"
    submit={(key) => ordersApi.deleteSpace(space.id, key)}
    texts={DELETE_TEXTS}
    testIdPrefix="space-delete"
  />
);
