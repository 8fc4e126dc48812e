import { foldVietnamese, PLACE_TYPES, SECTORS } from '@phongdich/core';
import { newId } from '../../../../apps/server/src/context.js';
import { optimizeDatabase } from '../../../../apps/server/src/db/database.js';
import { unitTree } from '../../../../apps/server/src/modules/units/index.js';
import { percentile, round, timeEach, type Benchmark } from '../framework.js';
import { benchEnvironment, benchSession, type BenchEnvironment } from '../setup.js';

const WORDS = ['Chợ', 'Trường', 'Quán', 'Cửa hàng', 'Nhà hàng', 'Trạm', 'Công ty', 'Khách sạn', 'Bến xe', 'Đình', 'Siêu thị', 'Nhà văn hóa'];

/** Inserts `count` places spread over the home province's communes, as registrations would leave them. */
async function seedPlaces(env: BenchEnvironment, count: number): Promise<void> {
  const { ctx } = env;
  const communes = unitTree(ctx).communesWithin(ctx.config.homeUnit);
  const contactName = ctx.cipher.encrypt('places.contact_name', 'Nguyễn Văn An');
  const contactPhone = ctx.cipher.encrypt('places.contact_phone', '+84912345678');
  const now = ctx.clock.now();
  for (let start = 0; start < count; start += 5000) {
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + 5000); i += 250) {
        const rows = [];
        for (let j = i; j < Math.min(count, start + 5000, i + 250); j++) {
          const commune = communes[j % communes.length];
          const name = `${WORDS[j % WORDS.length]} ${commune?.shortName} số ${j}`;
          const address = `Số ${j % 300}, tổ ${j % 40}`;
          rows.push({
            id: newId(ctx),
            name,
            name_key: foldVietnamese(name),
            type: PLACE_TYPES[j % PLACE_TYPES.length] as string,
            sector: SECTORS[j % SECTORS.length] as string,
            province_code: ctx.config.homeUnit,
            district_code: null,
            commune_code: commune?.code ?? '',
            street_address: address,
            address_key: foldVietnamese(address),
            lat: 22 + (j % 1000) / 5000,
            lon: 105.8 + (j % 997) / 5000,
            contact_name_enc: contactName,
            contact_phone_enc: contactPhone,
            capacity: j % 500,
            opening_hours: null,
            requires_declaration: 0,
            status: j % 10 === 0 ? 'pending' : 'active',
            status_reason: null,
            registration_channel: 'import',
            registered_by: 'bench',
            approved_by: null,
            approved_at: null,
            created_at: now - j * 1000,
            updated_at: now,
          });
        }
        await trx.insertInto('places').values(rows).execute();
      }
    });
  }
}

export const placesListBenchmark: Benchmark = {
  name: 'places list',
  async run({ full }) {
    const count = 100_000;
    const requests = full ? 2000 : 600;
    const env = await benchEnvironment();
    try {
      await seedPlaces(env, count);
      // What the server's periodic optimize job does after data arrives.
      await optimizeDatabase(env.ctx.db, env.ctx.dialect);
      const headers = await benchSession(env, 'official', env.ctx.config.homeUnit);
      const commune = unitTree(env.ctx).communesWithin(env.ctx.config.homeUnit)[3]?.code ?? '';
      const urls = [
        '/api/v1/places?limit=50',
        `/api/v1/places?unit=${commune}&limit=50`,
        '/api/v1/places?type=school&status=active&limit=50',
        '/api/v1/places?q=cho%20bac&limit=50',
        '/api/v1/places?offset=50000&limit=50',
        '/api/v1/places?sector=health&sort=created&limit=50',
        `/api/v1/places?unit=${commune}&status=pending&sort=commune&limit=50`,
      ];
      for (const url of urls) {
        const response = await env.app.inject({ url, headers });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      }
      const listing = await timeEach(requests, (i) => env.app.inject({ url: urls[i % urls.length] as string, headers }));
      if (process.env.BENCH_DEBUG) urls.forEach((url, u) => process.stdout.write(`${url}: p50 ${round(percentile(listing.filter((_, i) => i % urls.length === u), 50))} ms\n`));
      const baseline = await timeEach(requests, () => env.app.inject({ url: '/healthz' }));
      const p95 = percentile(listing, 95);
      const baseP95 = percentile(baseline, 95);
      return [
        {
          name: `places list+filter p95 (${count.toLocaleString('en')} places, SQLite)`,
          figure: p95,
          unit: 'ms',
          baseline: baseP95,
          baselineLabel: 'no-op route p95',
          ratio: p95 / baseP95,
          target: 'p95 < 100 ms',
          pass: p95 < 100,
          details: { places: count, requests, p50: round(percentile(listing, 50)), p99: round(percentile(listing, 99)), max: round(Math.max(...listing)) },
        },
      ];
    } finally {
      await env.close();
    }
  },
};
