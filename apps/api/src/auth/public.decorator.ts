import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'nprod:public';

/** Marks a resolver or handler that answers without an access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
