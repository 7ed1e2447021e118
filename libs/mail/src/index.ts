export { MailSender, consoleBaseUrl, type OutgoingMail } from './mail-sender';
export { MailModule } from './mail.module';
