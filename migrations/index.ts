import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { IncidentsAndSchemaDrift1764500000000 } from './1764500000000-incidents-and-schema-drift';
import { PipelineQualitySettings1764600000000 } from './1764600000000-pipeline-quality-settings';
import { QualityAndAlerts1764700000000 } from './1764700000000-quality-and-alerts';
import { LineageAndQuarantine1764800000000 } from './1764800000000-lineage-and-quarantine';
import { EncryptWebhookSecrets1764900000000 } from './1764900000000-encrypt-webhook-secrets';
import { RowLevelSecurity1765000000000 } from './1765000000000-row-level-security';
import { AuthSessions1765100000000 } from './1765100000000-auth-sessions';
import { ApiKeys1765200000000 } from './1765200000000-api-keys';
import { AuditAndRetention1765300000000 } from './1765300000000-audit-and-retention';
import { PipelineMappings1765400000000 } from './1765400000000-pipeline-mappings';
import { RejectTransactionSets1765500000000 } from './1765500000000-reject-transaction-sets';
import { CatalogHealthChecks1765600000000 } from './1765600000000-catalog-health-checks';
import { Connectors1765700000000 } from './1765700000000-connectors';
import { TableExports1765800000000 } from './1765800000000-table-exports';
import { SessionAlerts1765900000000 } from './1765900000000-session-alerts';
import { Mfa1766000000000 } from './1766000000000-mfa';
import { CatalogEngines1766100000000 } from './1766100000000-catalog-engines';
import { Billing1766200000000 } from './1766200000000-billing';
import { RunCosts1766300000000 } from './1766300000000-run-costs';
import { QualityDropAlerts1766400000000 } from './1766400000000-quality-drop-alerts';

/** Listed explicitly (not globbed) so the same list works from sources, tests and the build. */
export const migrations = [InitialSchema1764400000000, IncidentsAndSchemaDrift1764500000000, PipelineQualitySettings1764600000000, QualityAndAlerts1764700000000, LineageAndQuarantine1764800000000, EncryptWebhookSecrets1764900000000, RowLevelSecurity1765000000000, AuthSessions1765100000000, ApiKeys1765200000000, AuditAndRetention1765300000000, PipelineMappings1765400000000, RejectTransactionSets1765500000000, CatalogHealthChecks1765600000000, Connectors1765700000000, TableExports1765800000000, SessionAlerts1765900000000, Mfa1766000000000, CatalogEngines1766100000000, Billing1766200000000, RunCosts1766300000000, QualityDropAlerts1766400000000];
