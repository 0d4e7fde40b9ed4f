import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { BillingAccountsRepository } from '../billing/billing-accounts.repository';
import { BillingJobs } from '../billing/billing-jobs';
import { CatalogProvisioner } from '../catalog/catalog-provisioner';
import { ConflictError, InvalidFieldError, NotFoundError } from '../common/app-error';
import { BillingConfig } from '../config/billing.config';
import { CatalogDefaultsConfig } from '../config/control-plane.config';
import { isUniqueViolation } from '../database/unique-violation';
import type { CreateTenantDto } from './dto/create-tenant.dto';
import { Tenant } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  private readonly logger = new Logger(TenantsService.name);

  constructor(
    private readonly tenants: TenantsRepository,
    private readonly provisioner: CatalogProvisioner,
    private readonly defaults: CatalogDefaultsConfig,
    private readonly billing: BillingConfig,
    private readonly billingAccounts: BillingAccountsRepository,
    private readonly billingJobs: BillingJobs,
  ) {}

  /**
   * Creating a tenant also opens its billing account (on a plan, trialing until Stripe says
   * otherwise; active when no Stripe account is connected) and asks its data plane to provision
   * the tenant's catalog. The Stripe customer is created by a job, so an outage at Stripe never
   * fails the creation.
   */
  async create(dto: CreateTenantDto): Promise<Tenant> {
    const taken = () => new ConflictError('a tenant with this slug already exists', [{ field: 'slug', message: 'is already taken' }]);
    const planId = dto.plan ?? this.billing.defaultPlanId;
    const unknownPlan = this.billing.unknownPlanProblem(planId);
    if (unknownPlan) throw new InvalidFieldError('plan', unknownPlan);
    if (await this.tenants.findBySlug(dto.slug)) throw taken();
    const tenant = new Tenant();
    tenant.id = randomUUID();
    tenant.slug = dto.slug;
    tenant.name = dto.name;
    tenant.catalogName = dto.catalogName ?? this.defaults.catalogName;
    tenant.catalogStatus = 'provisioning';
    tenant.catalogError = null;
    const billingStatus = this.billing.stripe ? 'trialing' : 'active';
    try {
      await this.tenants.insert(tenant, (tx) => this.billingAccounts.openWithin(tx, tenant.id, planId, billingStatus));
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_slug_key')) throw taken();
      throw error;
    }
    if (this.billing.stripe) await this.openStripeAccount(tenant.id);
    return this.provisioner.provision(tenant);
  }

  /** A queue outage leaves the account without a customer, visible in its billing; it is logged for operators. */
  private async openStripeAccount(tenantId: string): Promise<void> {
    try {
      await this.billingJobs.openAccount(tenantId);
    } catch (error) {
      this.logger.error({ msg: 'could not queue opening the Stripe account', tenantId, error: (error as Error).message });
      await this.billingAccounts.recordAccountError(tenantId, 'the job queue could not be reached to open the Stripe account');
    }
  }

  /** Operators see every tenant; a tenant user sees only its own. */
  async list(caller: AuthUser): Promise<Tenant[]> {
    if (caller.role === 'platform_operator') return this.tenants.list();
    const own = await this.tenants.findById(caller.tenantId!);
    return own ? [own] : [];
  }

  async get(caller: AuthUser, id: string): Promise<Tenant> {
    const visible = caller.role === 'platform_operator' || caller.tenantId === id;
    const tenant = visible ? await this.tenants.findById(id) : null;
    if (!tenant) throw new NotFoundError('tenant');
    return tenant;
  }
}
