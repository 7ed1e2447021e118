import { Module } from '@nestjs/common';
import { MailModule } from '@nprod/mail';
import { LeaseNoticeService } from './lease-notice.service';

@Module({ imports: [MailModule], providers: [LeaseNoticeService], exports: [LeaseNoticeService] })
export class NotifyModule {}
