import { describe, expect, it } from 'vitest';
import { exportFileName, exportFilters, exportsAsJob, rowsToWrite } from './exports.rules';

describe('export job rules (R10.2)', () => {
  it('R10.2 keeps the filters of the list request, not format, page or pageSize', () => {
    expect(exportFilters('/api/v1/schools?format=xlsx&provinceCode=440000&page=3&pageSize=20&q=%E5%B9%BF')).toBe(
      'provinceCode=440000&q=%E5%B9%BF',
    );
    expect(exportFilters('/api/v1/schools')).toBe('');
    expect(exportFilters('/api/v1/schools?format=xlsx')).toBe('');
    expect(exportFilters('/api/v1/x?level=junior&level=senior')).toBe('level=junior&level=senior');
  });

  it('R10.2 only a signed-in export of more rows than the threshold becomes a job', () => {
    expect(exportsAsJob(50_001, 50_000, 'session', undefined)).toBe(true);
    expect(exportsAsJob(50_000, 50_000, 'session', undefined)).toBe(false);
    expect(exportsAsJob(90_000, 50_000, null, 'respond-async')).toBe(false);
  });

  it('R10.2 an API-token client gets the file as api-v1 says, unless it prefers an asynchronous answer', () => {
    expect(exportsAsJob(90_000, 50_000, 'token', undefined)).toBe(false);
    expect(exportsAsJob(90_000, 50_000, 'token', 'return=minimal')).toBe(false);
    expect(exportsAsJob(90_000, 50_000, 'token', 'respond-async, wait=10')).toBe(true);
    expect(exportsAsJob(90_000, 50_000, 'token', ['return=minimal', 'Respond-Async'])).toBe(true);
    expect(exportsAsJob(10, 50_000, 'token', 'respond-async')).toBe(false);
  });

  it('R10.2 names the file after the route’s last fixed segment and caps the rows', () => {
    expect(exportFileName('/api/v1/exam-sessions/:id/registrations')).toBe('registrations.xlsx');
    expect(exportFileName('/api/v1/schools')).toBe('schools.xlsx');
    expect(rowsToWrite(250_000, 200_000)).toBe(200_000);
    expect(rowsToWrite(12, 200_000)).toBe(12);
  });
});
