import type { LoggerService, LogLevel } from '@nestjs/common';

const severity: Record<string, number> = { fatal: 60, error: 50, warn: 40, log: 30, info: 30, debug: 20, verbose: 10, trace: 10 };

/** Nest logger writing one JSON object a line, in the shape Fastify's pino logs use. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    level: string,
    private readonly service: string,
  ) {
    this.threshold = severity[level] ?? 30;
  }

  log(message: unknown, context?: string) {
    this.write('log', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('verbose', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }
  setLogLevels(_levels: LogLevel[]) {}

  private write(level: string, message: unknown, context?: string, trace?: string) {
    const value = severity[level];
    if (value < this.threshold) return;
    const body = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    const line = JSON.stringify({ level: value, time: Date.now(), service: this.service, context, ...body, ...(trace ? { stack: trace } : {}) });
    (value >= 50 ? process.stderr : process.stdout).write(line + '\n');
  }
}
