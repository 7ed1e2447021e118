import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender';

/** Provides MailSender; needs APP_CONFIG (ConfigModule) in the importing application. */
@Module({ providers: [MailSender], exports: [MailSender] })
export class MailModule {}
