import { Module } from '@nestjs/common';
import { PlatformResolver } from './platform.resolver';

@Module({ providers: [PlatformResolver] })
export class PlatformModule {}
