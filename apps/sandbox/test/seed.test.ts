// The seed: enough records that lists page, unique ids, and the hand-written ids unchanged.
import {
  DEVREV_CUSTOM_LINK_TYPES,
  DEVREV_OBJECTS,
  ONETRUST_ENTITIES,
  SEED,
  SandboxState,
  TRACKER_ENTITIES,
} from '../src/index.js';

const unique = (values: readonly unknown[]) => new Set(values).size === values.length;

describe('seed', () => {
  it('keeps the hand-written ids and derives the generated ones the same way every run', () => {
    expect(SEED.onetrust.entities.supportAssistant.id).toBe('0f79003f-b177-4f02-aa83-9bf11deec7c7');
    expect(SEED.yandexTracker.entities.websiteRedesign).toMatchObject({ id: '6582874de6db7f5f2c2ad6ba', shortId: 1 });
    expect(SEED.devrev.objects['ISS-1'].id).toBe('don:core:dvrv-us-1:devo/demo:issue/1');
    // Generated ids are hashes of stable labels: pinned here so a change is deliberate.
    expect(SEED.onetrust.entities.enterpriseKnowledgeAssistant.id).toBe('326fb783-693d-4521-9440-b95e55f18b63');
  });

  it('has 60+ OneTrust entities with unique UUIDs and per-type numbers 1..n', () => {
    expect(ONETRUST_ENTITIES.length).toBeGreaterThanOrEqual(60);
    expect(ONETRUST_ENTITIES.every((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(e.id))).toBe(true);
    expect(unique(ONETRUST_ENTITIES.map((e) => e.id))).toBe(true);
    expect(Object.keys(SEED.onetrust.entities)).toHaveLength(ONETRUST_ENTITIES.length);
    for (const type of Object.keys(SEED.onetrust.entityTypes)) {
      const numbers = ONETRUST_ENTITIES.filter((e) => e.entityType === type).map((e) => e.number);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('has 60+ Tracker entities over the three types, 24-hex ids and unique shortIds', () => {
    expect(TRACKER_ENTITIES.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(SEED.yandexTracker.entities)).toHaveLength(TRACKER_ENTITIES.length);
    for (const type of ['project', 'portfolio', 'goal']) expect(TRACKER_ENTITIES.filter((e) => e.entityType === type).length).toBeGreaterThanOrEqual(8);
    expect(unique(TRACKER_ENTITIES.map((e) => e.id))).toBe(true);
    expect(unique(TRACKER_ENTITIES.map((e) => e.shortId))).toBe(true);
  });

  it('has 120+ DevRev work items and a dozen custom link types, all unique', () => {
    const works = DEVREV_OBJECTS.filter((o) => o.type === 'issue' || o.type === 'ticket');
    expect(works.length).toBeGreaterThanOrEqual(120);
    expect(unique(DEVREV_OBJECTS.map((o) => o.id))).toBe(true);
    expect(unique(DEVREV_OBJECTS.map((o) => o.display_id))).toBe(true);
    expect(unique(works.map((o) => o.name))).toBe(true);
    expect(DEVREV_CUSTOM_LINK_TYPES).toHaveLength(12);
    expect(unique(DEVREV_CUSTOM_LINK_TYPES.map((t) => t.id))).toBe(true);
  });

  it('pre-existing links touch only generated records, so the hand-written ones start without links', () => {
    const state = new SandboxState();
    expect(state.links).toEqual({ onetrust: [], yandexTracker: [], devrev: [] });
    const otHand = new Set(['supportAssistant', 'fraudPlatform', 'intentClassifier', 'creditRiskModel', 'anomalyDetector', 'supportTranscripts', 'loanApplications', 'refundAgent', 'northwindVendor', 'contosoVendor'].map((k) => SEED.onetrust.entities[k as 'refundAgent'].id as string));
    for (const l of state.seededLinks.onetrust) expect([otHand.has(l.entity1.id), otHand.has(l.entity2.id)]).toEqual([false, false]);
    const ytHand = new Set(Object.values(SEED.yandexTracker.entities).filter((e) => e.shortId < 100).map((e) => e.id));
    for (const l of state.seededLinks.yandexTracker) expect([ytHand.has(l.source.id), ytHand.has(l.target.id)]).toEqual([false, false]);
    const hand = new Set(['ISS-1', 'ISS-2', 'ISS-3', 'ISS-4', 'ISS-5', 'TKT-1', 'TKT-2', 'TKT-3', 'ENH-1', 'PROD-1', 'CAPL-1', 'FEAT-1']);
    for (const l of state.seededLinks.devrev) expect([hand.has(l.source.display_id), hand.has(l.target.display_id)]).toEqual([false, false]);
    expect(state.seededLinks.onetrust.length).toBeGreaterThan(50);
    expect(state.seededLinks.devrev.length).toBeGreaterThan(100);
  });
});
