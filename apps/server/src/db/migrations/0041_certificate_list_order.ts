/**
 * The certificate list in its own order for every scope (national, province, city, school, organization): newest
 * first, then by number. With a million certificates the national administrator's first page sorted the whole table
 * (about one page a second); an index in the list's order reads only the page. The old single-column scope indexes
 * are prefixes of the new ones and go. (On a large live table, build these with CREATE INDEX CONCURRENTLY first.)
 */
export const sql = /* sql */ `
DROP INDEX certificates_org_idx;
DROP INDEX certificates_school_idx;
DROP INDEX certificates_province_idx;
DROP INDEX certificates_city_idx;
CREATE INDEX certificates_list_idx ON certificates (issued_on DESC, number);
CREATE INDEX certificates_province_list_idx ON certificates (province_code, issued_on DESC, number);
CREATE INDEX certificates_city_list_idx ON certificates (city_code, issued_on DESC, number);
CREATE INDEX certificates_school_list_idx ON certificates (school_id, issued_on DESC, number);
CREATE INDEX certificates_org_list_idx ON certificates (org_id, issued_on DESC, number);
`;
