import type { Kysely } from 'kysely';
import * as q from '../../modules/notices/notices.queries';
import { sanitizeNoticeHtml } from '../../modules/notices/notices.rules';
import type { DB } from '../schema';

const DAY = 86_400_000;

/**
 * Notices (issue 14 #7): a national policy notice on the public page, and 广东's notice to its cities (000 三(二))
 * forwarded by 广东 to every city and by 广州 to its three schools: 广州 and 广州市轻工职业学校 have read it, the
 * other cities and schools have not. Idempotent: nothing is written when a notice exists.
 */
export async function seedDemoNotices(db: Kysely<DB>, now: Date): Promise<void> {
  if (await db.selectFrom('notices').select('id').limit(1).executeTakeFirst()) return;
  const user = (username: string) =>
    db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const [national, gd, gz, zzAdmin] = await Promise.all([user('national'), user('gd-admin'), user('gz-admin'), user('zz-admin')]);
  await q.insertNotice(db, {
    level: 'national',
    province_code: null,
    org_id: null,
    certificate_type_id: null,
    category: 'policy',
    title: '关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案',
    body_html: sanitizeNoticeHtml(
      '<p>为贯彻落实《国家职业教育改革实施方案》，教育部、国家发展改革委、财政部、市场监管总局制订了《关于在院校实施“学历证书+若干职业技能等级证书”制度试点方案》。</p>' +
        '<h3>一、试点内容</h3><p>培育培训评价组织，开发职业技能等级标准，融入专业人才培养方案，实施高质量职业培训，严格考核颁证。</p>' +
        '<h3>二、试点范围</h3><p>试点工作从 2019 年开始，首批在部分地区和院校开展。</p>',
    ),
    is_public: true,
    audience_roles: [],
    audience_province_codes: [],
    publisher_name: '教育部职业教育与成人教育司',
    published_at: new Date(now.getTime() - 10 * DAY),
    created_by: national,
  });
  const gdNotice = await q.insertNotice(db, {
    level: 'province',
    province_code: '440000',
    org_id: null,
    certificate_type_id: null,
    category: 'announcement',
    title: '关于做好本年度 1+X 证书制度试点工作的通知',
    body_html: sanitizeNoticeHtml(
      '<p>各地级以上市教育局：</p><p>请各地市将本通知转发至所属中等职业学校，组织做好试点申报、师资培训和考核站点建设工作，并于 6 月 30 日前报送典型案例。</p><p>广东省教育厅</p>',
    ),
    is_public: false,
    audience_roles: ['municipal_admin'],
    audience_province_codes: [],
    publisher_name: '广东省教育厅',
    published_at: new Date(now.getTime() - 5 * DAY),
    created_by: gd,
  });
  const forwardedAt = new Date(now.getTime() - 5 * DAY + 3_600_000);
  const cities = await q.citiesOf(db, '440000');
  await q.insertDeliveries(
    db,
    cities.map((c) => ({
      noticeId: gdNotice.id,
      kind: 'city',
      provinceCode: '440000',
      cityCode: c.code,
      schoolId: null,
      at: forwardedAt,
      by: gd,
    })),
  );
  const gzSchools = await db
    .selectFrom('schools')
    .select(['id', 'name', 'province_code', 'city_code'])
    .where('city_code', '=', '440100')
    .execute();
  const cityAt = new Date(now.getTime() - 4 * DAY);
  await q.insertDeliveries(
    db,
    gzSchools.map((s) => ({
      noticeId: gdNotice.id,
      kind: 'school',
      provinceCode: s.province_code,
      cityCode: s.city_code,
      schoolId: s.id,
      at: cityAt,
      by: gz,
    })),
  );
  const gzDelivery = await q.cityDelivery(db, gdNotice.id, '440100');
  if (gzDelivery) await q.markDeliveryRead(db, gzDelivery.id, gz, new Date(now.getTime() - 4 * DAY - 3_600_000));
  const zz = gzSchools.find((s) => s.name === '广州市轻工职业学校');
  const zzDelivery = zz && (await q.schoolDelivery(db, gdNotice.id, zz.id));
  if (zzDelivery) await q.markDeliveryRead(db, zzDelivery.id, zzAdmin, new Date(now.getTime() - 3 * DAY));
}
