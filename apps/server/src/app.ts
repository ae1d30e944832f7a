import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import type { DatabaseKind } from './db/database';
import type { Db } from './db/types';
import { ctxOf, registerAuth } from './http/auth-hook';
import { registerErrorHandler, registerNotFound } from './http/error-handler';
import { registerXlsxExport } from './http/xlsx-export';
import { guardedValidatorCompiler } from './http/input-guard';
import { registerOverloadShedding } from './http/overload';
import { addUserRateLimits, rateLimitPluginOptions } from './http/rate-limit';
import { registerMetrics } from './http/metrics';
import { registerReadYourWrites } from './http/read-routing';
import { ReadRouter } from './db/replicas';
import { HELMET_OPTIONS } from './http/security-headers';
import type { RouteModule } from './http/route-types';
import { type Clock, systemClock } from './lib/clock';
import type { Deps } from './lib/deps';
import { httpLoggerOptions } from './lib/redact';
import { registerAccountRoutes } from './modules/accounts/accounts.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerCatalogRoutes, registerPublicCatalogRoutes } from './modules/catalog/catalog.routes';
import { registerEvaluationOrgRoutes } from './modules/catalog/orgs.routes';
import { registerExportRoutes } from './modules/exports/exports.routes';
import { registerFileRoutes } from './modules/files/files.routes';
import { MAX_PDF_BYTES as MAX_UPLOAD_BYTES } from './modules/files/files.rules';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerRegionRoutes } from './modules/regions/regions.routes';
import { registerSchoolRoutes } from './modules/schools/schools.routes';
import { registerSchoolRegistrationRoutes } from './modules/school-registrations/school-registrations.routes';
import { registerFilingFactRoutes } from './modules/filing-facts/filing-facts.routes';
import { registerFilingRoutes } from './modules/filings/filings.routes';
import { registerFilingExportRoutes } from './modules/filing-exports/filing-exports.routes';
import { registerAnnualPlanRoutes } from './modules/annual-plans/annual-plans.routes';
import { registerFilingChangeRoutes } from './modules/filing-changes/filing-changes.routes';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes';
import { registerPassRateRoutes } from './modules/pass-rates/pass-rates.routes';
import { registerPolicyRoutes } from './modules/policies/policies.routes';
import { registerResultImportRoutes } from './modules/results-import/results-import.routes';
import { registerLearnerRoutes } from './modules/learners/learners.routes';
import { registerAgreementRoutes } from './modules/agreements/agreements.routes';
import { registerScoreReviewRoutes } from './modules/score-reviews/score-reviews.routes';
import { registerPilotScaleRoutes } from './modules/pilot-scale/pilot-scale.routes';
import { registerFeeRoutes } from './modules/fees/fees.routes';
import { registerFundRoutes, registerFundViewRoutes } from './modules/funds/funds.routes';
import { registerExamSiteRoutes } from './modules/exam-sites/exam-sites.routes';
import { registerExamSessionRoutes } from './modules/exam-sessions/exam-sessions.routes';
import { registerRegistrationRoutes } from './modules/registrations/registrations.routes';
import { registerSocialLearnerRoutes } from './modules/social-learners/social-learners.routes';
import { registerFeeNoticeRoutes } from './modules/fee-notices/fee-notices.routes';
import { registerInvigilationRoutes } from './modules/invigilation/invigilation.routes';
import { registerCreditBankRoutes } from './modules/credit-bank/credit-bank.routes';
import { registerOutcomeApplicationRoutes } from './modules/credit-bank/outcome-applications.routes';
import { registerPilotAcceptanceRoutes } from './modules/pilot-acceptance/pilot-acceptance.routes';
import { registerCertificateRoutes } from './modules/certificates/certificates.routes';
import { registerStatisticsRoutes } from './modules/statistics/statistics.routes';
import { registerSecurityEventRoutes } from './modules/security-events/security-events.routes';
import { recordSecurityEvent } from './modules/security-events/security-events.service';
import { registerSupervisionRoutes } from './modules/supervision/supervision.routes';
import { registerMeRoutes } from './modules/me/me.routes';
import { registerPublicTypicalCaseRoutes, registerTypicalCaseRoutes } from './modules/typical-cases/typical-cases.routes';
import { registerTrainingRoutes } from './modules/training/training.routes';
import { registerConsultationRoutes, registerPublicConsultationRoutes } from './modules/consultations/consultations.routes';
import { registerNoticeRoutes } from './modules/notices/notices.routes';

// Validation messages in Chinese, for people.
z.config(z.locales.zhCN());

const MODULES: RouteModule[] = [
  registerHealthRoutes,
  registerAuthRoutes,
  registerAccountRoutes,
  registerAuditRoutes,
  registerRegionRoutes,
  registerPublicCatalogRoutes,
  registerCatalogRoutes,
  registerEvaluationOrgRoutes,
  registerFileRoutes,
  registerExportRoutes,
  registerSchoolRoutes,
  registerSchoolRegistrationRoutes,
  registerFilingRoutes,
  registerFilingFactRoutes,
  registerPassRateRoutes,
  registerPolicyRoutes,
  registerFilingChangeRoutes,
  registerAnnualPlanRoutes,
  registerFilingExportRoutes,
  registerNotificationRoutes,
  registerLearnerRoutes,
  registerAgreementRoutes,
  registerScoreReviewRoutes,
  registerPilotScaleRoutes,
  registerFeeRoutes,
  registerFundRoutes,
  registerFundViewRoutes,
  registerTypicalCaseRoutes,
  registerPublicTypicalCaseRoutes,
  registerTrainingRoutes,
  registerConsultationRoutes,
  registerPublicConsultationRoutes,
  registerExamSiteRoutes,
  registerExamSessionRoutes,
  registerRegistrationRoutes,
  registerSocialLearnerRoutes,
  registerFeeNoticeRoutes,
  registerInvigilationRoutes,
  registerResultImportRoutes,
  registerCreditBankRoutes,
  registerOutcomeApplicationRoutes,
  registerPilotAcceptanceRoutes,
  registerCertificateRoutes,
  registerStatisticsRoutes,
  registerSecurityEventRoutes,
  registerSupervisionRoutes,
  registerMeRoutes,
  registerNoticeRoutes,
];

export interface BuildOptions {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  pool: Deps['pool'];
  clock?: Clock;
  /** Pino logger options; tests pass false. */
  logger?: boolean | object;
}

/** The whole HTTP application, without listening: tests drive it with `app.inject()`. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const deps: Deps = { config: opts.config, db: opts.db, dbKind: opts.dbKind, pool: opts.pool, clock: opts.clock ?? systemClock };
  const { replicas } = opts.config;
  if (replicas.urls.length > 0 && opts.dbKind === 'postgresql') {
    deps.reads = new ReadRouter({ db: opts.db, pool: opts.pool }, replicas.urls, { ...replicas, poolSize: opts.config.poolSize });
    await deps.reads.start();
  }
  const app = Fastify({
    logger: opts.logger ?? httpLoggerOptions(opts.config.logLevel),
    trustProxy: opts.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const reads = deps.reads;
  app.decorate('readRouter', reads ?? null);
  if (reads) app.addHook('onClose', () => reads.close());
  await registerOverloadShedding(app, opts.config.overload);
  await app.register(helmet, HELMET_OPTIONS);
  await app.register(cookie);
  addUserRateLimits(app, deps);
  await app.register(rateLimit, await rateLimitPluginOptions(app, opts.config));
  // Uploads (PDFs and imports): one file per request, read into memory, 20 MB at most.
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '1+X 证书信息管理服务平台 API',
        description:
          '公开契约见 api-v1（/api/v1）；其余接口由本文档描述。The public contract is api-v1; this document describes every endpoint.',
        version: opts.config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'onex_sid' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app, (req, e) =>
    recordSecurityEvent(deps, ctxOf(req), {
      ...e,
      method: req.method,
      route: req.routeOptions.url ?? '',
      target: req.url.split('?')[0]!,
    }),
  );
  registerAuth(app, deps);
  registerReadYourWrites(app, deps);
  registerMetrics(app, deps);
  registerXlsxExport(app, deps);
  for (const register of MODULES) register(app, deps);

  await serveWebApp(app, opts.config.webDist, opts.config.webPrecompressed);
  return app;
}

/** Serves the built web app on the same port, when it has been built. */
async function serveWebApp(app: FastifyInstance, webDist: string, preCompressed: boolean): Promise<void> {
  const built = existsSync(path.join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      index: 'index.html',
      cacheControl: false,
      // The build writes .br/.gz beside each text asset (apps/web/build/precompress.ts): sent as they are, with Vary.
      preCompressed,
      // Hashed bundles never change; index.html must be re-checked so a deploy is picked up at once.
      setHeaders: (res, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The light login page, its own entry (issue 21 item 12): the same headers and precompressed copies as index.html.
    if (existsSync(path.join(webDist, 'login.html')))
      app.get('/login', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('login.html'));
  }
  registerNotFound(app, built);
}
