import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS } from '@onex/shared';

/**
 * R1.6 / issue 21: a readable audit log — every action the server writes has a label (packages/shared/src/audit-labels.ts).
 * The scanner finds, in the server's source at the time it runs, every audit action the code can write: every object literal
 * handed to the audit writer (`recordAudit(…, { action, targetType, … })`, or `audit: { action, … }` returned to
 * `auditedTransaction`) and the values its `action` can take — string literals, template literals over string-literal
 * unions (`filing.${action}`), conditionals, and variables typed as such unions (read with the TypeScript checker).
 * It runs at test time, so actions added later (on other branches) are caught once merged.
 */

interface ScannedAction {
  action: string;
  targetTypes: string[];
  where: string;
}

interface ScanResult {
  actions: ScannedAction[];
  /** Writer calls whose action could not be read as a finite set of strings (each `file:line`). */
  unresolved: string[];
}

const SERVER_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    // The audit module itself passes its input through generically; its callers are what is scanned.
    if (e.isDirectory()) {
      if (p !== join(SERVER_SRC, 'modules', 'audit')) out.push(...sourceFiles(p));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | null {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return null;
}

/**
 * Is this object literal an audit input? Passed to recordAudit, the `audit` of an audited transaction, or shaped like
 * one ('shaped': an action and a target type; counted only when its actions read as `object.verb`).
 */
function auditInputKind(obj: ts.ObjectLiteralExpression): 'writer' | 'shaped' | null {
  if (!property(obj, 'action')) return null;
  const parent = obj.parent;
  if (ts.isCallExpression(parent) && parent.expression.getText().endsWith('recordAudit')) return 'writer';
  if (ts.isPropertyAssignment(parent) && parent.name.getText() === 'audit') return 'writer';
  if (ts.isVariableDeclaration(parent) && parent.name.getText() === 'audit') return 'writer';
  return property(obj, 'targetType') ? 'shaped' : null;
}

function typeValues(checker: ts.TypeChecker, type: ts.Type): string[] | null {
  if (type.isStringLiteral()) return [type.value];
  if (type.isUnion()) {
    const out: string[] = [];
    for (const t of type.types) {
      const v = typeValues(checker, t);
      if (!v) return null;
      out.push(...v);
    }
    return out;
  }
  return null;
}

function values(checker: ts.TypeChecker, e: ts.Expression): string[] | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return values(checker, e.expression);
  if (ts.isConditionalExpression(e)) {
    const a = values(checker, e.whenTrue);
    const b = values(checker, e.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isTemplateExpression(e)) {
    let acc = [e.head.text];
    for (const span of e.templateSpans) {
      const v = values(checker, span.expression);
      if (!v) return null;
      acc = acc.flatMap((prefix) => v.map((x) => prefix + x + span.literal.text));
    }
    return acc;
  }
  return typeValues(checker, checker.getTypeAtLocation(e));
}

const DOTTED = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** The function a parameter belongs to, by name (`function f(…)`, `const f = (…) =>`), and the parameter's index. */
function parameterOf(decl: ts.Declaration): { name: string; index: number } | null {
  if (!ts.isParameter(decl)) return null;
  const fn = decl.parent;
  const index = fn.parameters.indexOf(decl);
  if (ts.isFunctionDeclaration(fn) && fn.name) return { name: fn.name.text, index };
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name))
    return { name: fn.parent.name.text, index };
  return null;
}

function scanAuditActions(root = SERVER_SRC): ScanResult {
  const files = sourceFiles(root);
  // The server's own compiler options (module resolution of @onex/shared included), so action types resolve.
  const configPath = join(root, '..', 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(files, { ...(config?.options ?? {}), noEmit: true });
  const checker = program.getTypeChecker();
  const sources = files.map((f) => program.getSourceFile(f)).filter((sf): sf is ts.SourceFile => !!sf);
  const walk = (fn: (node: ts.Node, sf: ts.SourceFile) => void) => {
    for (const sf of sources) {
      const visit = (node: ts.Node): void => {
        fn(node, sf);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  };
  const declOf = (e: ts.Expression) => {
    if (!ts.isIdentifier(e)) return undefined;
    const sym = ts.isShorthandPropertyAssignment(e.parent)
      ? checker.getShorthandAssignmentValueSymbol(e.parent)
      : checker.getSymbolAtLocation(e);
    return sym?.valueDeclaration;
  };
  /** An action handed down as a parameter (`audit('fund_budget.create', …)`): the values of every call's argument. */
  const viaCalls = (e: ts.Expression): string[] | null => {
    const decl = declOf(e);
    const param = decl && parameterOf(decl);
    if (!param) return null;
    const out: string[] = [];
    let ok = true;
    walk((node) => {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (name !== param.name) return;
      const arg = node.arguments[param.index];
      const v = arg ? values(checker, arg) : null;
      if (v) out.push(...v);
      else ok = false;
    });
    return ok && out.length > 0 ? out : null;
  };
  /** An action returned by a callback and destructured (`const { action } = await fn(…)`): the dotted literals the file returns as `action`. */
  const viaFile = (sf: ts.SourceFile): string[] => {
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'action') {
        const v = values(checker, node.initializer);
        for (const x of v ?? []) if (DOTTED.test(x)) out.push(x);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return out;
  };
  const isDestructured = (e: ts.Expression) => {
    const decl = declOf(e);
    return !!decl && ts.isBindingElement(decl);
  };
  const byAction = new Map<string, ScannedAction>();
  const unresolved: string[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf || !/\baction\b/.test(sf.text)) continue;
    const visit = (node: ts.Node): void => {
      const kind = ts.isObjectLiteralExpression(node) ? auditInputKind(node) : null;
      if (ts.isObjectLiteralExpression(node) && kind) {
        const where = `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const expr = property(node, 'action')!;
        const found = values(checker, expr) ?? viaCalls(expr) ?? (isDestructured(expr) ? viaFile(sf) : null);
        const target = property(node, 'targetType');
        const targets = (target && values(checker, target)) ?? [];
        if (kind === 'shaped' && !found?.every((a) => DOTTED.test(a))) {
          ts.forEachChild(node, visit);
          return;
        }
        if (!found) unresolved.push(where);
        for (const action of found ?? []) {
          const entry = byAction.get(action) ?? { action, targetTypes: [], where };
          for (const t of targets) if (!entry.targetTypes.includes(t)) entry.targetTypes.push(t);
          byAction.set(action, entry);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { actions: [...byAction.values()].sort((a, b) => a.action.localeCompare(b.action)), unresolved };
}

describe('audit labels (R1.6, issue 21)', () => {
  const scan = scanAuditActions();

  it('R1.6 finds the audit writers of the server, including newer ones', () => {
    const found = scan.actions.map((a) => a.action);
    // A sample that must be found, so that a broken scanner cannot pass by finding nothing.
    for (const a of [
      'filing.approve',
      'filing.municipal_approve',
      'certificate.revoke',
      'certificate.wallet_copy',
      'credential.resign',
      'exam_results.template_download',
      'fund_budget.create',
      'fund_entry.refuse_prohibited',
      'inspection.order_rectification',
      'complaint.reply',
      'report_duty.accept',
      'department.create',
    ])
      expect(found).toContain(a);
    expect(found.length).toBeGreaterThan(100);
  });

  it('R1.6 reads every action as a finite set of strings (no writer it cannot follow)', () => {
    expect(scan.unresolved).toEqual([]);
  });

  it('R1.6 every action the server writes has a Chinese and an English label', () => {
    const missing = scan.actions.filter((a) => !AUDIT_ACTION_LABELS[a.action]?.zh || !AUDIT_ACTION_LABELS[a.action]?.en);
    expect(missing.map((a) => `${a.action} (${a.where})`)).toEqual([]);
  });

  it('R1.6 every object type the server writes, and every action group, has a label', () => {
    const types = new Set(scan.actions.flatMap((a) => [...a.targetTypes, a.action.split('.')[0]!]));
    expect([...types].filter((t) => !AUDIT_TARGET_LABELS[t])).toEqual([]);
  });
});
