/**
 * The only code that writes or moves files. Writes are atomic (temp name, fsync, rename) so
 * the ERP never picks up half an order, and file-system failures are classified once, here,
 * the way an HTTP client classifies status codes.
 */
import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { ConnectorError, type FailureKind } from '../../connector-error'
import { unreachableMessage } from '../unreachable'

/** A share that went away or a disk that failed: try again later. */
const OFFLINE = new Set(['ENOTCONN', 'EHOSTDOWN', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETUNREACH', 'ENETDOWN', 'ESTALE', 'EIO', 'ECONNRESET'])
const RETRYABLE = new Set(['ENOSPC', 'EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'EDQUOT'])
const AUTH = new Set(['EACCES', 'EPERM', 'EROFS'])

export function fsErrorKind(e: unknown): FailureKind {
  const code = (e as NodeJS.ErrnoException)?.code ?? ''
  if (OFFLINE.has(code)) return 'offline'
  if (RETRYABLE.has(code)) return 'retryable'
  if (AUTH.has(code)) return 'auth'
  if (code === 'ENOENT') return 'offline' // the exchange folder itself is missing: usually an unmounted share
  return 'invalid'
}

export function fsError(action: string, path: string, e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e
  const code = (e as NodeJS.ErrnoException)?.code
  const kind = fsErrorKind(e)
  const retry = kind === 'offline' ? ' Check the network share or VPN; Instep will try again every minute.' : ''
  return new ConnectorError({
    system: 'erp',
    kind,
    message: `File exchange: could not ${action} ${path}${code ? ` (${code})` : ''}: ${(e as Error)?.message ?? e}.${retry}`,
    cause: e,
  })
}

export function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT'
}

/**
 * Writes `content` to `path` so that a reader sees either no file or the whole file: the bytes go
 * to `<name>.<random>.tmp` in the same folder (readers skip *.tmp), are flushed to disk, and the
 * temp file is renamed over the final name, which is atomic within one file system.
 */
export async function writeFileAtomic(path: string, content: string | Buffer, options: { exclusive?: boolean } = {}): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true })
  const tmp = join(dir, `${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const handle = await open(tmp, 'wx')
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.exclusive) await publishExclusive(tmp, path)
    else await rename(tmp, path)
  } catch (e) {
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  await syncDir(dir)
}

/**
 * Publishes `tmp` as `path` only if `path` does not exist yet (EEXIST otherwise), atomically:
 * a hard link cannot replace a file, unlike rename. Two writers racing for the same order key
 * therefore never overwrite each other. File systems without hard links (some SMB shares) get
 * a check-then-rename, which leaves a small window.
 */
async function publishExclusive(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e
    if (await exists(path)) throw Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' })
    await rename(tmp, path)
    return
  }
  await unlink(tmp)
}

/** Makes the rename itself durable; not possible on Windows, where it is skipped. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // some network file systems refuse fsync on directories; the data itself is synced
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (e) {
    if (isMissing(e)) return false
    throw e
  }
}

/** A free name in `dir` for `name`: the name itself, else `<base>-<tag><ext>`, else with a counter. */
export async function freeName(dir: string, name: string, tag: string): Promise<string> {
  if (!(await exists(join(dir, name)))) return join(dir, name)
  const ext = extname(name)
  const base = name.slice(0, name.length - ext.length)
  for (let i = 0; ; i++) {
    const candidate = join(dir, `${base}-${tag}${i ? `-${i}` : ''}${ext}`)
    if (!(await exists(candidate))) return candidate
  }
}

/** Moves a file, also across volumes (archive on another disk than the inbox). */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  try {
    await rename(from, to)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e
    await copyFile(from, to)
    await unlink(from)
  }
}

/**
 * The exchange folder must already exist. Creating it would hide an unmounted share: orders
 * would pile up on the local disk where the ERP never looks.
 */
export async function assertRoot(root: string): Promise<void> {
  try {
    const st = await stat(root)
    if (st.isDirectory()) return
  } catch (e) {
    if (!isMissing(e)) throw fsError('open the exchange folder', root, e)
  }
  throw new ConnectorError({
    system: 'erp',
    kind: 'offline',
    message: `${unreachableMessage('the ERP exchange folder', root, null)} If the folder is on a network share, check that the share is mounted.`,
  })
}
