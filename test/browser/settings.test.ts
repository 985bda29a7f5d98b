/**
 * The settings service (seed: "About Infinity Connect client settings"): defaults, validation,
 * persistence, administrator defaults and hidden settings, snapshots, subscriptions, the media history
 * and device fallback.
 */
import { expect } from '@open-wc/testing';
import {
  DEFAULT_DEVICE_ID,
  DEFAULT_SETTINGS,
  MEDIA_HISTORY_LIMIT,
  parseAdminConfig,
  parseHiddenAttribute,
  resolveDevice,
  SETTING_KEYS,
  type Settings,
  SETTINGS_STORAGE_KEY,
  SETTINGS_STORAGE_VERSION,
  SettingsError,
  type SettingsResult,
  type SettingsStorage,
  SettingsStore,
  validateSetting,
  validateSettings,
} from '../../src/services/settings.js';
import { loadAdminConfig } from '../../src/services/admin-config.js';

function value<T>(r: SettingsResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code} (${r.error.key ?? ''}): ${r.error.message}`);
  return r.value;
}

function error<T>(r: SettingsResult<T>): SettingsError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** An in-memory Storage that records writes. */
class MemoryStorage implements SettingsStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.writes++;
    this.items.delete(key);
  }
}

/** A storage where everything throws, like Safari private mode or a full quota. */
class ThrowingStorage implements SettingsStorage {
  calls = 0;
  getItem(): string | null {
    this.calls++;
    throw new DOMException('denied', 'SecurityError');
  }
  setItem(): void {
    this.calls++;
    throw new DOMException('full', 'QuotaExceededError');
  }
  removeItem(): void {
    this.calls++;
    throw new DOMException('denied', 'SecurityError');
  }
}

const stored = (storage: MemoryStorage, key = SETTINGS_STORAGE_KEY): Record<string, unknown> =>
  JSON.parse(storage.getItem(key) ?? 'null') as Record<string, unknown>;

describe('settings', () => {
  describe('defaults', () => {
    it('follow the seed where it gives one', () => {
      const s = new SettingsStore({ storage: null }).get();
      expect(s.bandwidth).to.equal(576);
      expect(s.previewBeforeJoining).to.equal(true);
      expect(s.fullMotionPresentation).to.equal(false); // "initially received as still images"
      expect(s.defaultDialOutProtocol).to.equal('sip'); // "SIP (the default)"
      expect(s.cameraId).to.equal('default');
      expect(s.microphoneId).to.equal('default');
      expect(s.speakerId).to.equal('default');
    });

    it('cover every Web App setting in the seed table and nothing secret', () => {
      expect([...SETTING_KEYS].sort()).to.deep.equal(
        [
          'displayName',
          'cameraId',
          'microphoneId',
          'speakerId',
          'bandwidth',
          'muteMicrophoneOnJoin',
          'previewBeforeJoining',
          'confirmOnDisconnect',
          'fullMotionPresentation',
          'screenshareFrameRate',
          'sendUsageStatistics',
          'language',
          'defaultDomain',
          'defaultDialOutProtocol',
        ].sort(),
      );
      for (const key of SETTING_KEYS) expect(key).not.to.match(/pin|token|password|secret/i);
    });

    it('equal DEFAULT_SETTINGS, which is frozen', () => {
      expect(new SettingsStore({ storage: null }).get()).to.deep.equal(DEFAULT_SETTINGS);
      expect(Object.isFrozen(DEFAULT_SETTINGS)).to.equal(true);
    });
  });

  describe('validation', () => {
    const bad: [keyof Settings, unknown][] = [
      ['displayName', 42],
      ['displayName', 'x'.repeat(101)],
      ['displayName', 'Bob\u0000'],
      ['displayName', '\u202eboB'],
      ['cameraId', ''],
      ['cameraId', 7],
      ['cameraId', 'x'.repeat(257)],
      ['microphoneId', null],
      ['speakerId', 'dev\nice'],
      ['bandwidth', 255],
      ['bandwidth', 1865],
      ['bandwidth', 576.5],
      ['bandwidth', '576'],
      ['bandwidth', Number.NaN],
      ['bandwidth', Infinity],
      ['muteMicrophoneOnJoin', 'true'],
      ['previewBeforeJoining', 1],
      ['confirmOnDisconnect', null],
      ['fullMotionPresentation', 'yes'],
      ['sendUsageStatistics', 0],
      ['screenshareFrameRate', 0],
      ['screenshareFrameRate', 31],
      ['screenshareFrameRate', 2.5],
      ['language', 'not a language'],
      ['language', ''],
      ['language', 12],
      ['defaultDomain', 'exa mple.com'],
      ['defaultDomain', '@example.com'],
      ['defaultDomain', ' example.com'],
      ['defaultDialOutProtocol', 'xmpp'],
      ['defaultDialOutProtocol', 'SIP'],
    ];
    for (const [key, v] of bad) {
      it(`refuses ${key} = ${JSON.stringify(v) ?? String(v)}`, () => {
        const store = new SettingsStore({ storage: null });
        const before = store.get();
        const e = error(store.set({ [key]: v } as Partial<Settings>));
        expect(e.code).to.equal('invalid-value');
        expect(e.key).to.equal(key);
        expect(e).to.be.instanceOf(SettingsError);
        expect(e.message).to.be.a('string').and.not.equal('');
        expect(store.get()).to.equal(before);
      });
    }

    it('accepts valid values of every kind', () => {
      const store = new SettingsStore({ storage: null });
      const s = value(
        store.set({
          displayName: 'Åse 山田 ',
          cameraId: 'a1b2c3',
          microphoneId: 'communications',
          speakerId: 'headset',
          bandwidth: 1864,
          muteMicrophoneOnJoin: true,
          previewBeforeJoining: false,
          confirmOnDisconnect: true,
          fullMotionPresentation: true,
          screenshareFrameRate: 30,
          sendUsageStatistics: true,
          language: 'nb',
          defaultDomain: 'example.com',
          defaultDialOutProtocol: 'auto',
        }),
      );
      expect(s.displayName).to.equal('Åse 山田 '); // not trimmed: the field may be mid-edit
      expect(s.bandwidth).to.equal(1864);
      expect(s.defaultDialOutProtocol).to.equal('auto');
    });

    it('normalises language tags and accepts auto', () => {
      expect(value(validateSetting('language', 'zh-hans'))).to.equal('zh-Hans');
      expect(value(validateSetting('language', 'EN-gb'))).to.equal('en-GB');
      expect(value(validateSetting('language', 'auto'))).to.equal('auto');
    });

    it('refuses unknown settings, such as a PIN', () => {
      const store = new SettingsStore({ storage: null });
      const e = error(store.set({ pin: '1234' } as unknown as Partial<Settings>));
      expect(e.code).to.equal('unknown-setting');
      expect(e.key).to.equal('pin');
      expect(error(validateSetting('token' as keyof Settings, 'x')).code).to.equal('unknown-setting');
    });

    it('is all or nothing', () => {
      const store = new SettingsStore({ storage: null });
      expect(error(store.set({ bandwidth: 1024, language: '!!' })).key).to.equal('language');
      expect(store.get().bandwidth).to.equal(576);
    });

    it('validateSettings refuses non-objects', () => {
      expect(error(validateSettings(null)).code).to.equal('invalid-value');
      expect(error(validateSettings([1])).code).to.equal('invalid-value');
      expect(value(validateSettings({ bandwidth: 1024 }))).to.deep.equal({ bandwidth: 1024 });
    });
  });

  describe('snapshots', () => {
    it('are frozen and replaced on change, never mutated', () => {
      const store = new SettingsStore({ storage: null });
      const first = store.get();
      expect(Object.isFrozen(first)).to.equal(true);
      expect(store.get()).to.equal(first);
      const second = value(store.set({ bandwidth: 1264 }));
      expect(second).not.to.equal(first);
      expect(store.get()).to.equal(second);
      expect(first.bandwidth).to.equal(576);
      expect(second.bandwidth).to.equal(1264);
      expect(() => {
        (second as Settings).bandwidth = 256;
      }).to.throw(TypeError);
    });

    it('keep their identity when a set changes nothing', () => {
      const store = new SettingsStore({ storage: null });
      const first = store.get();
      expect(value(store.set({ bandwidth: 576 }))).to.equal(first);
      expect(value(store.set({}))).to.equal(first);
      expect(value(store.set(store.get()))).to.equal(first);
    });
  });

  describe('subscriptions', () => {
    it('tell listeners about each change, with the new snapshot, until they unsubscribe', () => {
      const store = new SettingsStore({ storage: null });
      const seen: Readonly<Settings>[] = [];
      const off = store.subscribe((s) => seen.push(s));
      expect(seen).to.have.length(0); // not called on subscribe
      store.set({ bandwidth: 1024 });
      store.set({ bandwidth: 1024 }); // no change
      store.set({ bandwidth: 99 }); // invalid
      store.set({ language: 'fr' });
      expect(seen.map((s) => [s.bandwidth, s.language])).to.deep.equal([
        [1024, 'auto'],
        [1024, 'fr'],
      ]);
      expect(seen[1]).to.equal(store.get());
      off();
      off();
      store.set({ bandwidth: 256 });
      expect(seen).to.have.length(2);
    });

    it('are independent: unsubscribing one keeps the others, even for the same function', () => {
      const store = new SettingsStore({ storage: null });
      let calls = 0;
      const listener = () => calls++;
      const offA = store.subscribe(listener);
      store.subscribe(listener);
      store.set({ muteMicrophoneOnJoin: true });
      expect(calls).to.equal(2);
      offA();
      store.set({ muteMicrophoneOnJoin: false });
      expect(calls).to.equal(3);
    });

    it('tell listeners about reset and admin changes', () => {
      const store = new SettingsStore({ storage: null });
      store.set({ bandwidth: 1024 });
      const seen: number[] = [];
      store.subscribe((s) => seen.push(s.bandwidth));
      store.reset();
      value(store.setAdminConfig({ defaults: { bandwidth: 1264 } }));
      expect(seen).to.deep.equal([576, 1264]);
    });
  });

  describe('persistence', () => {
    it('survives into a second store on the same storage', () => {
      const storage = new MemoryStorage();
      const a = new SettingsStore({ storage });
      a.set({ displayName: 'Bob', bandwidth: 1264, language: 'ja', cameraId: 'cam-2' });
      const b = new SettingsStore({ storage });
      expect(b.get()).to.deep.equal({
        ...DEFAULT_SETTINGS,
        displayName: 'Bob',
        bandwidth: 1264,
        language: 'ja',
        cameraId: 'cam-2',
      });
    });

    it('uses one namespaced, versioned JSON key with only the participant’s choices', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage }).set({ bandwidth: 1024 });
      expect([...storage.items.keys()]).to.deep.equal([SETTINGS_STORAGE_KEY]);
      expect(SETTINGS_STORAGE_KEY).to.match(/^pex-/);
      expect(stored(storage)).to.deep.equal({
        v: SETTINGS_STORAGE_VERSION,
        settings: { bandwidth: 1024 },
        media: [],
      });
    });

    it('survives in real localStorage', () => {
      const key = `pex-test:settings:${Math.random()}`;
      try {
        new SettingsStore({ storageKey: key }).set({ fullMotionPresentation: true });
        expect(localStorage.getItem(key)).to.contain('fullMotionPresentation');
        expect(new SettingsStore({ storageKey: key }).get().fullMotionPresentation).to.equal(true);
      } finally {
        localStorage.removeItem(key);
      }
    });

    it('never stores secrets, even if asked through a cast or found in storage', () => {
      const storage = new MemoryStorage();
      storage.setItem(
        SETTINGS_STORAGE_KEY,
        JSON.stringify({ v: 1, settings: { pin: '1234', token: 'abc', bandwidth: 1024 }, media: [] }),
      );
      const store = new SettingsStore({ storage });
      expect(store.get()).not.to.have.property('pin');
      store.set({ pin: '5678' } as unknown as Partial<Settings>);
      store.set({ language: 'fr' });
      const text = storage.getItem(SETTINGS_STORAGE_KEY) ?? '';
      expect(text).not.to.contain('1234');
      expect(text).not.to.contain('5678');
      expect(text).not.to.contain('token');
      expect(stored(storage)['settings']).to.deep.equal({ bandwidth: 1024, language: 'fr' });
    });

    it('removes its key when nothing is left to store', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage });
      store.set({ bandwidth: 1024 });
      store.reset();
      expect(storage.getItem(SETTINGS_STORAGE_KEY)).to.equal(null);
    });

    it('two stores on one key do not undo each other’s changes', () => {
      const storage = new MemoryStorage();
      const a = new SettingsStore({ storage });
      const b = new SettingsStore({ storage });
      a.set({ bandwidth: 1024 });
      b.set({ language: 'fr' });
      b.rememberMedia('meet.alice', 'audio');
      a.set({ muteMicrophoneOnJoin: true });
      const c = new SettingsStore({ storage });
      expect(c.get()).to.deep.include({ bandwidth: 1024, language: 'fr', muteMicrophoneOnJoin: true });
      expect(c.lastMedia('meet.alice')).to.equal('audio');
    });

    const corrupt: [string, string][] = [
      ['not JSON', '{not json'],
      ['JSON null', 'null'],
      ['an array', '[1,2,3]'],
      ['a string', '"hello"'],
      ['a number', '42'],
      ['foreign JSON', '{"theme":"dark","bandwidth":1024}'],
      ['a future version', '{"v":2,"settings":{"bandwidth":1024}}'],
      ['settings that are not an object', '{"v":1,"settings":[1024],"media":"x"}'],
      ['a very deep document', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ];
    for (const [what, text] of corrupt) {
      it(`ignores ${what} in storage, using defaults`, () => {
        const storage = new MemoryStorage();
        storage.setItem(SETTINGS_STORAGE_KEY, text);
        const store = new SettingsStore({ storage });
        expect(store.get()).to.deep.equal(DEFAULT_SETTINGS);
        expect(value(store.set({ bandwidth: 256 })).bandwidth).to.equal(256);
        expect(stored(storage)).to.deep.include({ v: 1, settings: { bandwidth: 256 } });
      });
    }

    it('drops only the invalid values of a stored document', () => {
      const storage = new MemoryStorage();
      storage.setItem(
        SETTINGS_STORAGE_KEY,
        JSON.stringify({
          v: 1,
          settings: {
            bandwidth: 'lots',
            language: 'fr',
            screenshareFrameRate: 99,
            confirmOnDisconnect: true,
          },
          media: [['meet.alice', 'audio'], ['meet bob', 'video'], ['meet.carol', 'loud'], 'junk'],
        }),
      );
      const store = new SettingsStore({ storage });
      expect(store.get()).to.deep.equal({ ...DEFAULT_SETTINGS, language: 'fr', confirmOnDisconnect: true });
      expect(store.lastMedia('meet.alice')).to.equal('audio');
      expect(store.lastMedia('meet.carol')).to.equal(undefined);
    });

    it('works in memory when storage throws on every call (privacy mode, quota)', () => {
      const storage = new ThrowingStorage();
      const store = new SettingsStore({ storage });
      expect(store.get()).to.deep.equal(DEFAULT_SETTINGS);
      expect(value(store.set({ bandwidth: 1024 })).bandwidth).to.equal(1024);
      store.rememberMedia('meet.alice', 'none');
      expect(store.lastMedia('meet.alice')).to.equal('none');
      expect(store.reset().bandwidth).to.equal(576);
      store.clearMediaHistory();
      expect(storage.calls).to.be.greaterThan(0);
    });

    it('keeps working when only writes fail (quota exceeded)', () => {
      const storage = new MemoryStorage();
      storage.setItem(
        SETTINGS_STORAGE_KEY,
        JSON.stringify({ v: 1, settings: { language: 'fr' }, media: [] }),
      );
      storage.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      const store = new SettingsStore({ storage });
      expect(store.get().language).to.equal('fr');
      expect(value(store.set({ language: 'ja' })).language).to.equal('ja');
      expect(stored(storage)['settings']).to.deep.equal({ language: 'fr' });
    });

    it('works in memory when reading window.localStorage itself throws (sandboxed iframe)', () => {
      const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
      try {
        const store = new SettingsStore();
        expect(value(store.set({ bandwidth: 1024 })).bandwidth).to.equal(1024);
      } finally {
        if (original) Object.defineProperty(window, 'localStorage', original);
        else delete (window as unknown as Record<string, unknown>)['localStorage'];
      }
      expect(() => window.localStorage.length).not.to.throw();
    });

    it('tolerates a storage that returns non-strings', () => {
      const storage = { getItem: () => 42 as unknown as string, setItem() {}, removeItem() {} };
      expect(new SettingsStore({ storage }).get()).to.deep.equal(DEFAULT_SETTINGS);
    });

    it('works with no storage at all', () => {
      const store = new SettingsStore({ storage: null });
      expect(value(store.set({ bandwidth: 1024 })).bandwidth).to.equal(1024);
      expect(new SettingsStore({ storage: null }).get().bandwidth).to.equal(576);
    });

    it('reset forgets some or all choices, in storage too', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage });
      store.set({ bandwidth: 1024, language: 'fr', displayName: 'Bob' });
      expect(store.reset(['bandwidth']).bandwidth).to.equal(576);
      expect(store.get().language).to.equal('fr');
      expect(stored(storage)['settings']).to.deep.equal({ language: 'fr', displayName: 'Bob' });
      expect(store.reset()).to.deep.equal(DEFAULT_SETTINGS);
    });
  });

  describe('administrator defaults and hidden settings', () => {
    it('admin defaults apply where the participant has not chosen', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage, adminDefaults: { bandwidth: 1264, language: 'nb' } });
      expect(store.get()).to.deep.include({ bandwidth: 1264, language: 'nb' });
      store.set({ bandwidth: 512 });
      expect(store.get().bandwidth).to.equal(512);
      expect(store.reset().bandwidth).to.equal(1264);
      // Admin values are not copied into the participant's storage.
      expect(storage.getItem(SETTINGS_STORAGE_KEY)).to.equal(null);
    });

    it('a changed admin default reaches participants who never chose', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage, adminDefaults: { bandwidth: 1264 } }).set({ language: 'fr' });
      const later = new SettingsStore({ storage, adminDefaults: { bandwidth: 1864 } });
      expect(later.get()).to.deep.include({ bandwidth: 1864, language: 'fr' });
    });

    it('a hidden setting always reports the admin value, and set refuses it', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage }).set({ bandwidth: 512, language: 'fr' });
      const store = new SettingsStore({ storage, adminDefaults: { bandwidth: 1264 }, hidden: ['bandwidth'] });
      expect(store.get().bandwidth).to.equal(1264);
      expect(store.isHidden('bandwidth')).to.equal(true);
      expect(store.isHidden('language')).to.equal(false);
      expect(store.hidden).to.deep.equal(['bandwidth']);
      const e = error(store.set({ bandwidth: 256, language: 'ja' }));
      expect(e.code).to.equal('hidden-setting');
      expect(e.key).to.equal('bandwidth');
      expect(store.get()).to.deep.include({ bandwidth: 1264, language: 'fr' });
      // Setting it to the value it reports is harmless.
      expect(value(store.set({ bandwidth: 1264, language: 'ja' })).language).to.equal('ja');
    });

    it('a hidden setting without an admin value reports the built-in default', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage }).set({ confirmOnDisconnect: true });
      const store = new SettingsStore({ storage, hidden: ['confirmOnDisconnect'] });
      expect(store.get().confirmOnDisconnect).to.equal(false);
    });

    it('unhiding brings the participant’s own choice back', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage }).set({ bandwidth: 512 });
      const store = new SettingsStore({ storage, adminDefaults: { bandwidth: 1264 }, hidden: ['bandwidth'] });
      expect(store.get().bandwidth).to.equal(1264);
      value(store.setAdminConfig({ defaults: { bandwidth: 1264 }, hidden: [] }));
      expect(store.get().bandwidth).to.equal(512);
    });

    it('setAdminConfig refuses a bad configuration and changes nothing', () => {
      const store = new SettingsStore({ storage: null, adminDefaults: { bandwidth: 1024 } });
      const before = store.get();
      expect(error(store.setAdminConfig({ defaults: { bandwidth: 9 } })).code).to.equal(
        'invalid-admin-config',
      );
      expect(error(store.setAdminConfig({ hidden: ['pin' as keyof Settings] })).code).to.equal(
        'invalid-admin-config',
      );
      expect(store.get()).to.equal(before);
      expect(store.adminDefaults).to.deep.equal({ bandwidth: 1024 });
    });

    it('the constructor drops invalid admin entries instead of throwing', () => {
      const store = new SettingsStore({
        storage: null,
        adminDefaults: { bandwidth: 5, language: 'fr' },
        hidden: ['language', 'nonsense' as keyof Settings],
      });
      expect(store.get()).to.deep.include({ bandwidth: 576, language: 'fr' });
      expect(store.hidden).to.deep.equal(['language']);
    });
  });

  describe('administrator configuration files', () => {
    const json = (body: string, type = 'application/json') => URL.createObjectURL(new Blob([body], { type }));

    it('parseAdminConfig accepts defaults and hidden, ignoring other top-level keys', () => {
      const config = value(
        parseAdminConfig({
          $schema: 'x',
          defaults: { bandwidth: 1264, defaultDialOutProtocol: 'auto', language: 'zh-hans' },
          hidden: ['bandwidth', 'bandwidth', 'sendUsageStatistics'],
        }),
      );
      expect(config.defaults).to.deep.equal({
        bandwidth: 1264,
        defaultDialOutProtocol: 'auto',
        language: 'zh-Hans',
      });
      expect(config.hidden).to.deep.equal(['bandwidth', 'sendUsageStatistics']);
      expect(value(parseAdminConfig({}))).to.deep.equal({ defaults: {}, hidden: [] });
    });

    const badConfigs: [string, unknown, string | undefined][] = [
      ['null', null, undefined],
      ['an array', [], undefined],
      ['defaults that are not an object', { defaults: [1] }, 'defaults'],
      ['an unknown setting', { defaults: { bandwith: 1024 } }, 'bandwith'],
      ['an invalid value', { defaults: { bandwidth: 'high' } }, 'bandwidth'],
      ['hidden that is not a list', { hidden: 'bandwidth' }, 'hidden'],
      ['an unknown hidden setting', { hidden: ['pin'] }, 'pin'],
    ];
    for (const [what, config, key] of badConfigs) {
      it(`parseAdminConfig refuses ${what}`, () => {
        const e = error(parseAdminConfig(config));
        expect(e.code).to.equal('invalid-admin-config');
        expect(e.key).to.equal(key);
      });
    }

    it('loadAdminConfig fetches and validates', async () => {
      const url = json(
        '{"defaults":{"bandwidth":1864,"fullMotionPresentation":true},"hidden":["bandwidth"]}',
      );
      try {
        const config = value(await loadAdminConfig(url));
        const store = new SettingsStore({ storage: null });
        value(store.setAdminConfig(config));
        expect(store.get()).to.deep.include({ bandwidth: 1864, fullMotionPresentation: true });
        expect(error(store.set({ bandwidth: 256 })).code).to.equal('hidden-setting');
      } finally {
        URL.revokeObjectURL(url);
      }
    });

    it('loadAdminConfig: bad JSON is invalid-json', async () => {
      const url = json('{"defaults": {');
      expect(error(await loadAdminConfig(url)).code).to.equal('invalid-json');
      URL.revokeObjectURL(url);
    });

    it('loadAdminConfig: a bad configuration is invalid-admin-config', async () => {
      const url = json('{"defaults":{"bandwidth":99999}}');
      expect(error(await loadAdminConfig(url)).code).to.equal('invalid-admin-config');
      URL.revokeObjectURL(url);
    });

    it('loadAdminConfig: a missing file is http-error with the status', async () => {
      const fetch = (async () => new Response('Not found', { status: 404 })) as typeof globalThis.fetch;
      const e = error(await loadAdminConfig('/admin.json', { fetch }));
      expect(e.code).to.equal('http-error');
      expect(e.detail).to.equal('404');
      expect(e.message).to.contain('404');
    });

    it('loadAdminConfig: an unreachable server is network-error', async () => {
      expect(error(await loadAdminConfig('http://127.0.0.1:9/admin.json')).code).to.equal('network-error');
    });

    it('loadAdminConfig: an aborted download is aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(error(await loadAdminConfig('/admin.json', { signal: controller.signal })).code).to.equal(
        'aborted',
      );
    });

    it('loadAdminConfig never rejects, even if fetch throws synchronously', async () => {
      const fetch = (() => {
        throw new TypeError('boom');
      }) as unknown as typeof globalThis.fetch;
      expect(error(await loadAdminConfig('/x.json', { fetch })).code).to.equal('network-error');
    });

    it('parseHiddenAttribute reads names separated by spaces or commas', () => {
      expect(value(parseHiddenAttribute('bandwidth, language  defaultDomain'))).to.deep.equal([
        'bandwidth',
        'language',
        'defaultDomain',
      ]);
      expect(value(parseHiddenAttribute(null))).to.deep.equal([]);
      expect(value(parseHiddenAttribute(''))).to.deep.equal([]);
      expect(error(parseHiddenAttribute('bandwidth pin')).key).to.equal('pin');
    });
  });

  describe('last media choice per conference', () => {
    it('remembers the latest choice, matching aliases case-insensitively', () => {
      const store = new SettingsStore({ storage: null });
      expect(store.lastMedia('meet.alice')).to.equal(undefined);
      store.rememberMedia('meet.alice', 'audio');
      store.rememberMedia('Meet.Alice', 'none');
      expect(store.lastMedia('MEET.ALICE')).to.equal('none');
      expect(store.lastMedia('meet.bob')).to.equal(undefined);
    });

    it('persists across stores and is cleared on request', () => {
      const storage = new MemoryStorage();
      new SettingsStore({ storage }).rememberMedia('meet.alice', 'audio');
      const store = new SettingsStore({ storage });
      expect(store.lastMedia('meet.alice')).to.equal('audio');
      store.clearMediaHistory();
      expect(store.lastMedia('meet.alice')).to.equal(undefined);
      expect(new SettingsStore({ storage }).lastMedia('meet.alice')).to.equal(undefined);
    });

    it('is bounded, forgetting the least recently used first', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage, mediaHistoryLimit: 3 });
      store.rememberMedia('a', 'video');
      store.rememberMedia('b', 'audio');
      store.rememberMedia('c', 'none');
      store.rememberMedia('a', 'audio'); // a is now the most recent
      store.rememberMedia('d', 'video');
      expect(['a', 'b', 'c', 'd'].map((x) => store.lastMedia(x))).to.deep.equal([
        'audio',
        undefined,
        'none',
        'video',
      ]);
      expect((stored(storage)['media'] as unknown[]).length).to.equal(3);
      expect(MEDIA_HISTORY_LIMIT).to.be.within(1, 1000);
    });

    it('is bounded by default too', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage });
      for (let i = 0; i < MEDIA_HISTORY_LIMIT + 25; i++) store.rememberMedia(`room${i}`, 'video');
      expect((stored(storage)['media'] as unknown[]).length).to.equal(MEDIA_HISTORY_LIMIT);
      expect(store.lastMedia('room0')).to.equal(undefined);
      expect(store.lastMedia(`room${MEDIA_HISTORY_LIMIT + 24}`)).to.equal('video');
    });

    it('ignores invalid aliases and media', () => {
      const storage = new MemoryStorage();
      const store = new SettingsStore({ storage });
      store.rememberMedia('meet alice', 'video');
      store.rememberMedia('meet.alice', 'loud' as 'video');
      expect(storage.getItem(SETTINGS_STORAGE_KEY)).to.equal(null);
    });

    it('does not notify settings listeners', () => {
      const store = new SettingsStore({ storage: null });
      let calls = 0;
      store.subscribe(() => calls++);
      store.rememberMedia('meet.alice', 'audio');
      expect(calls).to.equal(0);
    });

    it('mediaForLink resolves a link’s "last used" with the history, else the fallback', () => {
      const store = new SettingsStore({ storage: null });
      store.rememberMedia('meet.alice', 'none');
      expect(store.mediaForLink('meet.alice', 'last-used')).to.equal('none');
      expect(store.mediaForLink('meet.bob', 'last-used')).to.equal('video');
      expect(store.mediaForLink('meet.bob', 'last-used', 'audio')).to.equal('audio');
      expect(store.mediaForLink(undefined, 'last-used')).to.equal('video');
      expect(store.mediaForLink('meet.alice', 'audio')).to.equal('audio');
    });
  });

  describe('resolveDevice', () => {
    it('keeps a device that is still there', () => {
      expect(resolveDevice('cam-2', ['default', 'cam-1', 'cam-2'])).to.equal('cam-2');
      expect(resolveDevice('cam-2', [{ deviceId: 'cam-2' }])).to.equal('cam-2');
    });

    it('falls back to "default" when the device has gone', () => {
      expect(resolveDevice('usb-cam', ['default', 'cam-1'])).to.equal(DEFAULT_DEVICE_ID);
      expect(resolveDevice('usb-cam', [])).to.equal('default');
      expect(resolveDevice('usb-cam', [{ deviceId: 'cam-1' }, { deviceId: '' }])).to.equal('default');
    });

    it('"default" and nothing saved are "default"', () => {
      expect(resolveDevice('default', ['cam-1'])).to.equal('default');
      expect(resolveDevice(undefined, ['cam-1'])).to.equal('default');
      expect(resolveDevice('', ['', 'cam-1'])).to.equal('default');
    });

    it('works with real enumerateDevices output', async () => {
      const devices = (await navigator.mediaDevices.enumerateDevices()).filter(
        (d) => d.kind === 'videoinput',
      );
      const first = devices.find((d) => d.deviceId !== '');
      if (first) expect(resolveDevice(first.deviceId, devices)).to.equal(first.deviceId);
      expect(resolveDevice('gone-camera', devices)).to.equal('default');
    });
  });
});
