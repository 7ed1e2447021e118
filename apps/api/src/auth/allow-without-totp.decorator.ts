import { SetMetadata } from '@nestjs/common';

export const ALLOW_WITHOUT_TOTP = 'nprod:allow-without-totp';

/**
 * Marks what an operator may still call before turning on the TOTP that
 * REQUIRE_TOTP_FOR_OPERATORS demands: reading who they are, enrolling, signing out.
 */
export const AllowWithoutTotp = () => SetMetadata(ALLOW_WITHOUT_TOTP, true);
