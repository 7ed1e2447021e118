/** Texts of space resize and deletion and of per-tenant approval policies; spread into en.ts (nprod.*, nprod.enums.*). */

export const spaceOrdersNprodEn = {
  space_orders: {
    room: {
      title: 'Used by its instances',
      hint: "An instance's CPU, memory and storage come out of its space's size (the size already counts in the tenant allocation); a new instance or a bigger plan must fit what is free here.",
    },
    impact_scope: {
      space: 'In space %{name}',
      allocation: 'Tenant allocation',
    },
    resize: {
      open: 'Resize',
      title: 'Resize %{name}',
      intro: 'Choose a new size. Only growth counts against the allocation; what shrinks is given back once the new quota is in place. A space cannot shrink below what its instances use.',
      current: 'current',
      unchanged: 'This is the current size.',
      new_price: 'New price: %{hour} per hour (%{month} per month)',
      submit: 'Order the resize',
    },
    delete: {
      open: 'Delete',
      title: 'Delete %{name}',
      warning: 'The namespace and everything in it are deleted; its quota is given back once it is gone. A space with instances cannot be deleted: decommission them first.',
      type_name: 'Type %{name} to confirm',
      submit: 'Delete the space',
    },
  },
  approval_policy: {
    title: 'Approval policy',
    intro: "Overrides the offerings' own approval policy for this tenant: for one offering, or for all of them. The one for an offering wins over the one for all offerings.",
    none: "No override: every offering's own policy applies.",
    offering: 'Offering',
    all_offerings: 'All offerings',
    policy: 'Policy',
    threshold: 'Threshold',
    threshold_help: 'Orders above this wait for an operator; leave empty for no limit',
    clear: 'Remove the override',
    save: 'Save',
  },
};

export const spaceOrdersEnumsEn = {
  ApprovalPolicy: {
    AUTO_WITHIN_ALLOCATION: 'Automatic within the allocation',
    OPERATOR_ABOVE_THRESHOLD: 'Operator above a threshold',
    ALWAYS_OPERATOR: 'Always an operator',
  },
};
