/**
 * Business Central online's two addresses are built from the tenant and the environment
 * (business-central-api.md §1–2): people know those two names, not the URLs. Addresses of any
 * other shape (on-premises, a simulator) are left for the person to type in full.
 */
const API = /^https:\/\/api\.businesscentral\.dynamics\.com\/v2\.0\/([^/]+)\/([^/]+)\/api\/v2\.0\/?$/

export interface TenantEnvironment {
  tenant: string
  environment: string
}

/** The tenant (id or domain) and environment named in an online API address, or null for any other address. */
export function tenantAndEnvironment(baseUrl: string): TenantEnvironment | null {
  const m = API.exec(baseUrl.trim())
  return m ? { tenant: decodeURIComponent(m[1]), environment: decodeURIComponent(m[2]) } : null
}

/** The API and sign-in addresses of Business Central online for a tenant and environment. */
export function onlineAddresses({ tenant, environment }: TenantEnvironment): { baseUrl: string; tokenUrl: string } {
  const t = encodeURIComponent(tenant.trim())
  return {
    baseUrl: `https://api.businesscentral.dynamics.com/v2.0/${t}/${encodeURIComponent(environment.trim())}/api/v2.0`,
    tokenUrl: `https://login.microsoftonline.com/${t}/oauth2/v2.0/token`,
  }
}
