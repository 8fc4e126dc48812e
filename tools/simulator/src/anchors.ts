import { TYPE_INDEX, PROFILES } from './profiles.js';
import type { Neighbourhood } from './nearby.js';
import type { Places } from './places.js';
import { peopleByCommune, type People } from './population.js';
import { cumulative, type Prng } from './prng.js';

const SCHOOL = TYPE_INDEX.school;
/** Adults whose workplace is a registered place; the rest farm, work at home or outside the lists. */
const EMPLOYED_AT_PLACE = 0.45;
const KINDERGARTEN_ENROLMENT = 0.85;
const JOB_WEIGHTS = cumulative(PROFILES.map((p) => p.jobs));

/** The school band of an age: kindergarten, primary, lower and upper secondary (0–3). */
function schoolBand(age: number): number {
  if (age < 6) return 0;
  if (age < 11) return 1;
  if (age < 15) return 2;
  return 3;
}

/** Gives pupils their school (by age band, in or near their commune) and some adults a workplace. */
export function assignAnchors(rng: Prng, people: People, nearby: Neighbourhood): void {
  for (let p = 0; p < people.count; p++) {
    const age = people.age[p] ?? 0;
    const commune = people.commune[p] ?? 0;
    if (age >= 3 && age < 18) {
      if (age < 6 && !rng.chance(KINDERGARTEN_ENROLMENT)) continue;
      people.anchor[p] = nearby.nth(commune, SCHOOL, schoolBand(age));
    } else if ((age >= 18 && age < 60 && rng.chance(EMPLOYED_AT_PLACE)) || (age >= 60 && age < 65 && rng.chance(0.1))) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const place = nearby.choose(rng, commune, rng.pickCumulative(JOB_WEIGHTS), p);
        if (place >= 0) {
          people.anchor[p] = place;
          break;
        }
      }
    }
  }
}

/**
 * Each place's owner account: its first adult employee, or else an adult living in its commune
 * (the shopkeeper of a small shop, the head of a religious site).
 */
export function assignOwners(rng: Prng, places: Places, people: People, communes: number): void {
  for (let p = 0; p < people.count; p++) {
    const anchor = people.anchor[p] ?? -1;
    if (anchor >= 0 && (people.age[p] ?? 0) >= 18 && places.owner[anchor] === -1) places.owner[anchor] = p;
  }
  const { order, offsets } = peopleByCommune(people, communes);
  for (let i = 0; i < places.count; i++) {
    if (places.owner[i] !== -1) continue;
    const c = places.commune[i] ?? 0;
    const start = offsets[c] ?? 0;
    const n = (offsets[c + 1] ?? 0) - start;
    let owner = n > 0 ? (order[start + rng.int(n)] ?? -1) : rng.int(people.count);
    for (let attempt = 0; attempt < 20 && n > 0 && (people.age[owner] ?? 0) < 18; attempt++) owner = order[start + rng.int(n)] ?? owner;
    places.owner[i] = people.count > 0 ? owner : -1;
  }
}
