import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { InvitationsResolver } from './invitations.resolver';
import { InvitationsService } from './invitations.service';

@Module({ imports: [AuthModule, MailModule], providers: [InvitationsService, InvitationsResolver] })
export class InvitationsModule {}
