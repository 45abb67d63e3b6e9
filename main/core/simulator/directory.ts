import type { CustomerRecord } from '../ingest/events';
import { SEGMENTS, type Segment } from './profile';
import { createRng, hashSeed, type Rng } from './random';

/**
 * The simulated customer base. Names come from the cultures the product is used in (Estonian,
 * Persian, Chinese, English, Indian), so screens and exports get exercised with non-Latin-1
 * characters and family-name-first names.
 */
interface Culture {
  given: readonly string[];
  family: readonly string[];
  familyFirst?: boolean;
}

export const CULTURES: Record<'et' | 'fa' | 'zh' | 'en' | 'in', Culture> = {
  et: {
    given: ['Kadri', 'Mart', 'Liis', 'Tõnu', 'Kristjan', 'Maarja', 'Kaur', 'Triin', 'Andres', 'Piret', 'Jaan', 'Kertu', 'Rasmus', 'Helen', 'Jüri', 'Ülle', 'Siim', 'Merle'],
    family: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Koppel', 'Lepik', 'Kuusk', 'Oja', 'Raudsepp', 'Kõiv', 'Luik'],
  },
  fa: {
    given: ['Reza', 'Sara', 'Ali', 'Maryam', 'Dariush', 'Shirin', 'Kaveh', 'Niloufar', 'Arash', 'Parisa', 'Mehdi', 'Leila', 'Babak', 'Roya'],
    family: ['Hosseini', 'Ahmadi', 'Karimi', 'Rahimi', 'Moradi', 'Jafari', 'Rostami', 'Tehrani', 'Farahani', 'Kazemi', 'Sadeghi'],
  },
  zh: {
    given: ['Wei', 'Fang', 'Jing', 'Lei', 'Min', 'Xin', 'Yan', 'Hao', 'Jun', 'Mei', 'Ying', 'Tao'],
    family: ['Li', 'Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun'],
    familyFirst: true,
  },
  en: {
    given: ['Emma', 'James', 'Olivia', 'Oliver', 'Sophie', 'Harry', 'Charlotte', 'Jack', 'Amelia', 'George', 'Grace', 'Thomas'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker', 'Wright'],
  },
  in: {
    given: ['Sathish', 'Priya', 'Arjun', 'Ananya', 'Rahul', 'Deepa', 'Vikram', 'Kavya', 'Sanjay', 'Lakshmi', 'Rohan', 'Meera'],
    family: ['Kumar', 'Sharma', 'Iyer', 'Reddy', 'Patel', 'Nair', 'Gupta', 'Rao', 'Menon', 'Singh', 'Das'],
  },
};

/** Estonia-based site: most customers are local, the rest reflect its international clientele. */
const CULTURE_MIX: readonly [keyof typeof CULTURES, number][] = [
  ['et', 0.45],
  ['fa', 0.12],
  ['zh', 0.12],
  ['en', 0.16],
  ['in', 0.15],
];

/** Directory share of each segment, in SEGMENTS order. */
const SEGMENT_MIX = [0.04, 0.18, 0.6, 0.18] as const;
const SOCIAL_SHARE = 0.4;
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export interface Customer {
  index: number;
  ref: string;
  name: string;
  segment: Segment;
  /** E.164 mobile number: +372 5 followed by seven digits. */
  phone: string;
  email: string;
  social: string | null;
}

export interface Directory {
  customers: readonly Customer[];
  /** Per segment (SEGMENTS order): all customers, and those with a social handle. */
  bySegment: readonly (readonly Customer[])[];
  socialBySegment: readonly (readonly Customer[])[];
  records(): CustomerRecord[];
}

export const DIRECTORY_SIZE = 9000;

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function personName(rng: Rng): { given: string; family: string; display: string } {
  const key = CULTURE_MIX[rng.weighted(CULTURE_MIX.map(([, w]) => w))]?.[0] ?? 'et';
  const culture = CULTURES[key];
  const given = rng.pick(culture.given);
  const family = rng.pick(culture.family);
  return { given, family, display: culture.familyFirst ? `${family} ${given}` : `${given} ${family}` };
}

function unique(taken: Set<string>, make: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const value = make(attempt);
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

export function createDirectory(seed: number, size = DIRECTORY_SIZE): Directory {
  // Own stream: the directory is the same whatever the traffic does.
  const rng = createRng(hashSeed(seed, 0xd1ec));
  const taken = new Set<string>();
  const customers: Customer[] = [];
  for (let index = 0; index < size; index++) {
    const name = personName(rng);
    const segment = SEGMENTS[rng.weighted(SEGMENT_MIX)] ?? 'Consumer';
    const phone = unique(taken, () => `+3725${rng.int(0, 9_999_999).toString().padStart(7, '0')}`);
    const base = `${fold(name.given)}.${fold(name.family)}`;
    const domain = rng.pick(EMAIL_DOMAINS);
    const email = unique(taken, (n) => `${base}${n === 0 ? '' : n + 1}@${domain}`);
    const social = rng.chance(SOCIAL_SHARE)
      ? unique(taken, () => `@${fold(name.given)}${fold(name.family)}${rng.int(1, 999)}`)
      : null;
    customers.push({
      index,
      ref: `C${(index + 1).toString().padStart(5, '0')}`,
      name: name.display,
      segment,
      phone,
      email,
      social,
    });
  }
  const bySegment = SEGMENTS.map((s) => customers.filter((c) => c.segment === s));
  const socialBySegment = bySegment.map((list) => list.filter((c) => c.social !== null));
  return {
    customers,
    bySegment,
    socialBySegment,
    records: () =>
      customers.flatMap((c) => {
        const entry = { segment: c.segment, name: c.name, ref: c.ref };
        const out: CustomerRecord[] = [
          { caller: c.phone, ...entry },
          { caller: c.email, ...entry },
        ];
        if (c.social) out.push({ caller: c.social, ...entry });
        return out;
      }),
  };
}
