/**
 * Static checks of the Electron hardening, read from the sources with the TypeScript parser (no
 * Electron needed): every BrowserWindow is isolated, sandboxed and Node-free; navigation and new
 * windows are refused; the preload exposes `instep` only; the renderer's CSP has no unsafe-eval.
 * These guard the items of docs/security.md that a refactor could silently undo.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer
  }
  return undefined
}

const literal = (e: ts.Expression | undefined) => e?.getText()

const mainFiles = sourceFiles(join(root, 'src/main')).filter((f) => !f.includes(`${join('src', 'main', 'core')}`))
const windows = mainFiles.flatMap((file) => {
  const found: { file: string; sf: ts.SourceFile; options: ts.ObjectLiteralExpression }[] = []
  const sf = parse(file)
  walk(sf, (n) => {
    if (ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow') {
      const arg = n.arguments?.[0]
      if (!arg || !ts.isObjectLiteralExpression(arg)) throw new Error(`${relative(root, file)}: new BrowserWindow without an inline options object cannot be checked`)
      found.push({ file: relative(root, file), sf, options: arg })
    }
  })
  return found
})

/** Calls like `x.on('will-navigate', handler)` or `x.setWindowOpenHandler(handler)` in a file. */
function calls(sf: ts.SourceFile, method: string, firstArg?: string): ts.CallExpression[] {
  const out: ts.CallExpression[] = []
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== method) return
    if (firstArg !== undefined) {
      const a = n.arguments[0]
      if (!a || !ts.isStringLiteral(a) || a.text !== firstArg) return
    }
    out.push(n)
  })
  return out
}

/** Every value a function returns: its expression body, or each `return x`. */
function returnedValues(fn: ts.Expression): ts.Expression[] {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) throw new Error(`handler is not an inline function: ${fn.getText()}`)
  if (!ts.isBlock(fn.body)) return [fn.body]
  const out: ts.Expression[] = []
  walk(fn.body, (n) => {
    if (ts.isReturnStatement(n)) out.push(n.expression ?? ts.factory.createIdentifier('undefined'))
  })
  return out
}

const unwrap = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e)

describe('BrowserWindow hardening (read from src/main)', () => {
  it('finds the windows it checks', () => {
    expect(windows.map((w) => w.file)).toContain(join('src', 'main', 'windows', 'main-window.ts'))
  })

  it('every window is context-isolated, sandboxed and has no Node integration', () => {
    for (const { file, options } of windows) {
      const prefs = property(options, 'webPreferences')
      expect(prefs && ts.isObjectLiteralExpression(prefs), `${file}: webPreferences must be an inline object`).toBe(true)
      const p = prefs as ts.ObjectLiteralExpression
      expect(literal(property(p, 'contextIsolation')), `${file}: contextIsolation`).toBe('true')
      expect(literal(property(p, 'sandbox')), `${file}: sandbox`).toBe('true')
      expect(literal(property(p, 'nodeIntegration')), `${file}: nodeIntegration`).toBe('false')
      // options that would undo the above, whatever their neighbours say
      expect(literal(property(p, 'nodeIntegrationInWorker')) ?? 'false', `${file}: nodeIntegrationInWorker`).toBe('false')
      expect(literal(property(p, 'nodeIntegrationInSubFrames')) ?? 'false', `${file}: nodeIntegrationInSubFrames`).toBe('false')
      expect(literal(property(p, 'webSecurity')) ?? 'true', `${file}: webSecurity`).toBe('true')
      expect(literal(property(p, 'allowRunningInsecureContent')) ?? 'false', `${file}: allowRunningInsecureContent`).toBe('false')
      expect(literal(property(p, 'experimentalFeatures')) ?? 'false', `${file}: experimentalFeatures`).toBe('false')
      expect(literal(property(p, 'webviewTag')) ?? 'false', `${file}: webviewTag`).toBe('false')
      expect(property(p, 'enableBlinkFeatures'), `${file}: enableBlinkFeatures`).toBeUndefined()
    }
  })

  it('every window refuses navigation: will-navigate is prevented', () => {
    for (const { file, sf } of windows) {
      const handlers = calls(sf, 'on', 'will-navigate')
      expect(handlers.length, `${file}: no will-navigate handler`).toBeGreaterThan(0)
      for (const h of handlers) expect(h.arguments[1].getText(), file).toMatch(/\.preventDefault\(\)/)
    }
  })

  it('every window denies new windows, and opens only https links outside the app', () => {
    for (const { file, sf } of windows) {
      const handlers = calls(sf, 'setWindowOpenHandler')
      expect(handlers.length, `${file}: no setWindowOpenHandler`).toBeGreaterThan(0)
      for (const h of handlers) {
        const returns = returnedValues(h.arguments[0]).map(unwrap)
        expect(returns.length).toBeGreaterThan(0)
        for (const r of returns) {
          expect(ts.isObjectLiteralExpression(r) && literal(property(r, 'action')), `${file}: ${r.getText()}`).toBe("'deny'")
        }
      }
      for (const open of calls(sf, 'openExternal')) {
        let guarded = false
        for (let n: ts.Node | undefined = open; n; n = n.parent) {
          if (ts.isIfStatement(n) && /\.startsWith\(['"]https:\/\/['"]\)/.test(n.expression.getText())) guarded = true
        }
        expect(guarded, `${file}: shell.openExternal must sit under an https:// check`).toBe(true)
      }
    }
  })

  it('webviews cannot be attached and permission requests are refused', () => {
    const text = readFileSync(join(root, 'src/main/windows/main-window.ts'), 'utf8')
    expect(text).toMatch(/on\('will-attach-webview',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\)/)
    expect(text).toMatch(/setPermissionRequestHandler\(\([^)]*\)\s*=>\s*callback\(false\)\)/)
    expect(text).toMatch(/setPermissionCheckHandler\(\(\)\s*=>\s*false\)/)
  })

  it('nothing in the app uses the remote module', () => {
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8')
      expect(text, relative(root, file)).not.toMatch(/@electron\/remote|enableRemoteModule/)
    }
  })
})

describe('preload bridge (read from src/preload)', () => {
  const preloadFiles = sourceFiles(join(root, 'src/preload'))
  const exposures = preloadFiles.flatMap((file) => calls(parse(file), 'exposeInMainWorld').map((c) => ({ file, call: c })))

  it('exposes exactly one global, window.instep', () => {
    expect(exposures).toHaveLength(1)
    const [{ call }] = exposures
    expect(call.expression.getText()).toBe('contextBridge.exposeInMainWorld')
    expect(literal(call.arguments[0])).toBe("'instep'")
  })

  it('window.instep holds only call and on — never ipcRenderer or a generic send', () => {
    const [{ file, call }] = exposures
    const arg = call.arguments[1]
    let obj: ts.Expression | undefined = arg
    if (ts.isIdentifier(arg)) {
      walk(parse(file), (n) => {
        if (ts.isVariableDeclaration(n) && n.name.getText() === arg.text) obj = n.initializer
      })
    }
    expect(obj && ts.isObjectLiteralExpression(obj), 'the exposed bridge must be an object literal in the preload').toBe(true)
    const keys = (obj as ts.ObjectLiteralExpression).properties.map((p) => p.name?.getText())
    expect(keys.sort()).toEqual(['call', 'on'])
    const text = (obj as ts.ObjectLiteralExpression).getText()
    expect(text).not.toMatch(/ipcRenderer/)
    // calls and subscriptions are limited to names declared in the contract
    expect(text).toMatch(/isMethodName\(method\)/)
    expect(text).toMatch(/isEventName\(event\)/)
  })
})

describe('Content Security Policy', () => {
  const indexHtml = join(root, 'src/renderer/index.html')

  it('the CSP header main sends has no unsafe-eval and no inline scripts', async () => {
    const text = readFileSync(join(root, 'src/main/windows/main-window.ts'), 'utf8')
    expect(text).toMatch(/RENDERER_CSP = contentSecurityPolicy\(\)/)
    const { contentSecurityPolicy } = await import('../../src/shared/csp')
    const csp = contentSecurityPolicy()
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self';/)
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(csp).toMatch(/object-src 'none'/)
  })

  it.skipIf(!existsSync(indexHtml))('the renderer index.html CSP has no unsafe-eval (skipped only while src/renderer/index.html does not exist)', () => {
    const html = readFileSync(indexHtml, 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta, 'index.html must carry a CSP meta tag').not.toBeNull()
    const csp = meta![1]
    expect(csp).not.toMatch(/unsafe-eval/)
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? ''
    expect(scriptSrc).not.toMatch(/unsafe-inline|\*/)
  })
})
