/**
 * Webhook subscriptions as BC offers them (api-reference/v2.0/dynamics-subscriptions): a
 * validation handshake on create and renew, three-day expiry, and change notifications that
 * arrive batched and delayed (BC: ~30 s; configurable here), never one call per change.
 */
import { randomBytes } from 'node:crypto'
import { BcError, badRequest } from './errors'

export type ChangeType = 'created' | 'updated' | 'deleted'

export interface Subscription {
  subscriptionId: string
  notificationUrl: string
  /** as given, e.g. `api/v2.0/companies(<id>)/salesShipments` */
  resource: string
  clientState: string
  expirationDateTime: string
  lastModifiedDateTime: string
  etag: string
}

interface Pending {
  resource: string
  changeType: ChangeType
  lastModifiedDateTime: string
}

const LIFETIME_MS = 3 * 24 * 3600 * 1000
const MAX_SUBSCRIPTIONS = 200

export class Webhooks {
  readonly subscriptions: Subscription[] = []
  delivered = 0
  private pending = new Map<string, Pending[]>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly companyId: string,
    private readonly delayMs: number,
  ) {}

  async create(body: unknown): Promise<Subscription> {
    const input = (body ?? {}) as Record<string, unknown>
    const notificationUrl = input.notificationUrl
    const resource = input.resource
    if (typeof notificationUrl !== 'string' || !/^https?:\/\//.test(notificationUrl)) {
      throw badRequest('BadRequest', "The 'notificationUrl' must be an absolute http(s) URL")
    }
    if (typeof resource !== 'string' || !setOf(resource)) {
      throw badRequest('BadRequest', `The resource '${String(resource)}' is not valid for a subscription`)
    }
    if (this.subscriptions.length >= MAX_SUBSCRIPTIONS) {
      throw badRequest('Application_DialogException', `The maximum number of ${MAX_SUBSCRIPTIONS} subscriptions has been reached`)
    }
    await handshake(notificationUrl)
    const now = new Date()
    const sub: Subscription = {
      subscriptionId: randomBytes(16).toString('hex'),
      notificationUrl,
      resource,
      clientState: typeof input.clientState === 'string' ? input.clientState : '',
      expirationDateTime: new Date(now.getTime() + LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lastModifiedDateTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      etag: etag(),
    }
    this.subscriptions.push(sub)
    return sub
  }

  /** PATCH renews: BC validates the endpoint again and extends the expiry. */
  async renew(sub: Subscription): Promise<Subscription> {
    await handshake(sub.notificationUrl)
    const now = Date.now()
    sub.expirationDateTime = new Date(now + LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
    sub.lastModifiedDateTime = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')
    sub.etag = etag()
    return sub
  }

  remove(sub: Subscription): void {
    this.subscriptions.splice(this.subscriptions.indexOf(sub), 1)
    this.pending.delete(sub.subscriptionId)
  }

  /** Called by the store for every change to a record of an entity set. */
  changed(set: string, id: string, changeType: ChangeType): void {
    const now = new Date().toISOString()
    for (const sub of this.subscriptions) {
      if (setOf(sub.resource) !== set || Date.parse(sub.expirationDateTime) < Date.now()) continue
      const list = this.pending.get(sub.subscriptionId) ?? []
      list.push({ resource: `api/v2.0/companies(${this.companyId})/${set}(${id})`, changeType, lastModifiedDateTime: now })
      this.pending.set(sub.subscriptionId, list)
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs)
      this.timer.unref()
    }
  }

  async flush(): Promise<void> {
    this.timer = null
    const batches = [...this.pending.entries()]
    this.pending.clear()
    await Promise.all(
      batches.map(async ([id, items]) => {
        const sub = this.subscriptions.find((s) => s.subscriptionId === id)
        if (!sub) return
        const value = items.map((p) => ({
          subscriptionId: sub.subscriptionId,
          clientState: sub.clientState,
          expirationDateTime: sub.expirationDateTime,
          ...p,
        }))
        try {
          await fetch(sub.notificationUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) })
          this.delivered += value.length
        } catch {
          // An unreachable endpoint loses this batch; subscribers re-read on their own schedule.
        }
      }),
    )
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

/** `api/v2.0/companies(<id>)/salesShipments` (absolute, or with a leading slash) → `salesShipments`. */
function setOf(resource: string): string | null {
  const m = /companies\([^)]+\)\/([A-Za-z]+)\/?$/.exec(resource)
  return m ? m[1] : null
}

async function handshake(url: string): Promise<void> {
  const token = randomBytes(12).toString('hex')
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${token}`
  const ok = await fetch(target, { method: 'POST', signal: AbortSignal.timeout(5000) })
    .then(async (res) => res.status === 200 && (await res.text()).trim() === token)
    .catch(() => false)
  if (!ok) {
    throw new BcError(400, 'Application_DialogException', `The subscription endpoint ${url} did not echo the validation token`)
  }
}

function etag(): string {
  return `W/"${Buffer.from(`'${Date.now()};${randomBytes(6).toString('hex')};00;'`).toString('base64')}"`
}
