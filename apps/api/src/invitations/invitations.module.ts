import { Module } from '@nestjs/common';
import { MailModule } from '@nprod/mail';
import { AuthModule } from '../auth/auth.module';
import { InvitationsResolver } from './invitations.resolver';
import { InvitationsService } from './invitations.service';

@Module({ imports: [AuthModule, MailModule], providers: [InvitationsService, InvitationsResolver] })
export class InvitationsModule {}
