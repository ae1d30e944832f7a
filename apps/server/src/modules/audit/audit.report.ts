import type { AuditVerification, AnchorProblem } from './audit.service';

/** What audit:verify prints: one line per finding, Chinese first; `ok` is false on any finding. */
export function verificationReport(v: AuditVerification): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  if (v.broken)
    lines.push(
      `审计日志链在第 ${v.broken.id} 行断开（${v.broken.reason}）；此前 ${v.checked} 行完好。audit chain broken at row id=${v.broken.id} (${v.broken.reason}) after ${v.checked} good rows`,
    );
  for (const p of v.anchorProblems) lines.push(problemLine(p, v.checked));
  if (lines.length > 0) return { ok: false, lines };
  return {
    ok: true,
    lines: [
      `审计日志完整：共 ${v.checked} 行，与 ${v.anchors} 个签名检查点一致。audit chain intact: ${v.checked} rows, consistent with ${v.anchors} signed checkpoints`,
      '（最新检查点之后写入的记录只受哈希链保护：末尾的删除要到下一个检查点才能发现。rows after the newest checkpoint are protected by the chain only.）',
    ],
  };
}

function problemLine(p: AnchorProblem, rows: number): string {
  const cp = p.checkpoint;
  switch (p.reason) {
    case 'unreadable':
      return `检查点 ${p.source} 无法读取。unreadable checkpoint ${p.source}`;
    case 'signature_invalid':
      return `检查点 ${p.source} 的签名无效（被篡改，或以其他密钥签名）。checkpoint ${p.source}: invalid signature`;
    case 'not_reached':
      return (
        `审计日志被截断：检查点 ${p.source} 记录了 ${cp?.rowCount} 行（至第 ${cp?.lastId} 行），现存审计链只有 ${rows} 行且不含该行。` +
        `audit log truncated: checkpoint ${p.source} covers ${cp?.rowCount} rows up to id=${cp?.lastId}; the chain has ${rows} rows and no longer reaches it`
      );
    case 'hash_mismatch':
      return `第 ${cp?.lastId} 行的哈希与检查点 ${p.source} 不符。row id=${cp?.lastId} differs from checkpoint ${p.source}`;
    case 'count_mismatch':
      return `至第 ${cp?.lastId} 行的行数与检查点 ${p.source} 记录的 ${cp?.rowCount} 行不符。row count up to id=${cp?.lastId} differs from checkpoint ${p.source}`;
  }
}
