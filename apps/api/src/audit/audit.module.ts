import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditExportController } from './audit-export.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditInterceptor } from './audit.interceptor';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/** Global: any feature can record events with AuditService; every mutation is recorded by the interceptor. */
@Global()
@Module({
  controllers: [AuditExportController],
  providers: [AuditService, AuditQueryService, AuditResolver, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
