import type { Db } from '../db/types';

/** Ids of the demo records tests bind accounts to. */
export async function demoIds(db: Db) {
  const schools = await db.selectFrom('schools').select(['id', 'name']).execute();
  const depts = await db
    .selectFrom('departments')
    .innerJoin('schools', 'schools.id', 'departments.school_id')
    .select(['departments.id', 'schools.name as school'])
    .execute();
  const orgs = await db.selectFrom('evaluation_orgs').select(['id', 'code']).execute();
  const school = (name: string) => schools.find((s) => s.name === name)!.id;
  const dept = (schoolName: string) => depts.find((d) => d.school === schoolName)!.id;
  const org = (code: string) => orgs.find((o) => o.code === code)!.id;
  return {
    gdst: school('广东生态工程职业学院'),
    gzcp: school('广州城市职业学院'),
    whvc: school('武汉职业技术学院'),
    gdstDept: dept('广东生态工程职业学院'),
    whvcDept: dept('武汉职业技术学院'),
    orgBim: org('ORG-BIM'),
    orgWeb: org('ORG-WEB'),
  };
}

export function auditCount(db: Db) {
  return db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
