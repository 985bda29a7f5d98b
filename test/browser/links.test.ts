/**
 * Preconfigured links (seed: "Creating preconfigured links to launch conferences via Infinity
 * Connect"): every example in the seed, the parameter rules, malformed links with their error codes,
 * and round trips through the builders.
 */
import { expect } from '@open-wc/testing';
import {
  applyDefaultDomain,
  BANDWIDTH_DEFAULT,
  buildLink,
  buildPexipLink,
  buildWebAppLink,
  type JoinLink,
  type JoinLinkValues,
  LinkError,
  type LinkErrorCode,
  type LinkResult,
  MAX_LINK_LENGTH,
  parseLink,
  parsePexipLink,
  parseWebAppLink,
  validateAlias,
  validateDisplayName,
  validateDomain,
  validatePin,
} from '../../src/services/links.js';

function value<T>(r: LinkResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code} (${r.error.param ?? ''}): ${r.error.message}`);
  return r.value;
}

function error<T>(r: LinkResult<T>): LinkError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

const EMPTY: Omit<JoinLink, 'source'> = {
  node: undefined,
  alias: undefined,
  displayName: undefined,
  bandwidth: undefined,
  access: { kind: 'unspecified' },
  autoJoin: false,
  media: 'last-used',
  escalate: false,
  extension: undefined,
  forceGuest: false,
};
const webapp = (v: Partial<JoinLink>): JoinLink => ({ ...EMPTY, source: 'webapp', ...v });
const pexip = (v: Partial<JoinLink>): JoinLink => ({ ...EMPTY, source: 'pexip', ...v });

describe('links', () => {
  describe('the seed examples (copied verbatim)', () => {
    it('Bob joins meet.alice (no PIN) directly', () => {
      const link = value(
        parseLink('https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1'),
      );
      expect(link).to.deep.equal(
        webapp({
          node: 'https://conference.example.com',
          alias: 'meet.alice',
          displayName: 'Bob',
          autoJoin: true,
        }),
      );
    });

    it('Bob joins directly as a Host with the Host PIN 1234', () => {
      const link = value(
        parseLink('https://conference.example.com/webapp/?conference=meet.alice&name=Bob&pin=1234&join=1'),
      );
      expect(link.access).to.deep.equal({ kind: 'pin', pin: '1234' });
      expect(link.autoJoin).to.equal(true);
      expect(link.media).to.equal('last-used');
    });

    it('Bob joins directly as an audio-only guest', () => {
      const link = value(
        parseLink(
          'https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1&role=guest&audioonly=1',
        ),
      );
      expect(link).to.deep.equal(
        webapp({
          node: 'https://conference.example.com',
          alias: 'meet.alice',
          displayName: 'Bob',
          autoJoin: true,
          access: { kind: 'guest' },
          media: 'audio',
        }),
      );
    });

    it('email footer: pexip://meet.alice@example.com pre-fills the alias only', () => {
      expect(value(parseLink('pexip://meet.alice@example.com'))).to.deep.equal(
        pexip({ alias: 'meet.alice@example.com' }),
      );
    });

    it('guest PIN: pexip://meet.alice@example.com?pin=1234 joins instantly', () => {
      expect(value(parseLink('pexip://meet.alice@example.com?pin=1234'))).to.deep.equal(
        pexip({ alias: 'meet.alice@example.com', access: { kind: 'pin', pin: '1234' }, autoJoin: true }),
      );
    });

    it('always check camera and mic: pexip://meet.alice@example.com?pin=1234&escalate=1', () => {
      expect(value(parseLink('pexip://meet.alice@example.com?pin=1234&escalate=1'))).to.deep.equal(
        pexip({
          alias: 'meet.alice@example.com',
          access: { kind: 'pin', pin: '1234' },
          autoJoin: true,
          media: 'none',
          escalate: true,
        }),
      );
    });

    it('the example as the seed marked it up (a mailto: href) is refused', () => {
      expect(error(parseLink('mailto:pexip://meet.alice@example.com?pin=1234&escalate=1')).code).to.equal(
        'unsupported-scheme',
      );
    });

    it('the Web App format line with its placeholders is refused', () => {
      const template =
        'https://<address>/webapp/?conference=<alias>&name=<name>&bw=<br/>bandwidth>&pin=<PIN>&join=<join>&role=<role>&media=<media>&audioonly=<audioonly>&escalate=<escalate>&extension=<extension>';
      expect(error(parseLink(template)).code).to.equal('malformed-url');
    });

    it('the release notes forms: pexip://<alias>, pexip://<alias>?<pin>, pexip://<alias>?pin=none', () => {
      expect(value(parseLink('pexip://meet.alice')).alias).to.equal('meet.alice');
      expect(value(parseLink('pexip://meet.alice?1234')).access).to.deep.equal({ kind: 'pin', pin: '1234' });
      const none = value(parseLink('pexip://meet.alice?pin=none'));
      expect(none.access).to.deep.equal({ kind: 'guest' });
      expect(none.autoJoin).to.equal(true);
    });

    it('the client format line, filled in: pin, media, escalate, audioonly', () => {
      const link = value(parseLink('pexip://meet.alice?pin=1234&media=1&escalate=&audioonly='));
      // "media … is ignored if escalate is specified"; "escalate= … presentation and control mode only".
      expect(link.media).to.equal('none');
      expect(link.escalate).to.equal(false);
    });
  });

  describe('Web App parameters', () => {
    it('accepts a full URL, a query string with or without ?, URLSearchParams and a URL', () => {
      const expected = webapp({ alias: 'meet.alice', displayName: 'Bob', autoJoin: true });
      expect(value(parseLink('?conference=meet.alice&name=Bob&join=1'))).to.deep.equal(expected);
      expect(value(parseLink('conference=meet.alice&name=Bob&join=1'))).to.deep.equal(expected);
      expect(value(parseLink(new URLSearchParams('conference=meet.alice&name=Bob&join=1')))).to.deep.equal(
        expected,
      );
      expect(
        value(parseLink(new URL('https://rp.example.com/webapp/?conference=meet.alice&name=Bob&join=1'))),
      ).to.deep.equal({ ...expected, node: 'https://rp.example.com' });
    });

    it('a Web App address with no parameters is an empty, valid link', () => {
      expect(value(parseLink('https://rp.example.com/webapp/'))).to.deep.equal(
        webapp({ node: 'https://rp.example.com' }),
      );
    });

    it('accepts http: for local development and keeps the port in the node', () => {
      expect(value(parseLink('http://localhost:8080/?conference=meet.alice')).node).to.equal(
        'http://localhost:8080',
      );
    });

    it('bandwidth: 256 and 1864 are the bounds; absent means "saved value, else 576"', () => {
      expect(value(parseLink('?bw=256')).bandwidth).to.equal(256);
      expect(value(parseLink('?bw=1864')).bandwidth).to.equal(1864);
      expect(value(parseLink('?bw=1024')).bandwidth).to.equal(1024);
      expect(value(parseLink('?conference=x')).bandwidth).to.equal(undefined);
      expect(value(parseLink('?bw=')).bandwidth).to.equal(undefined);
      expect(BANDWIDTH_DEFAULT).to.equal(576);
    });

    it('a PIN decides the role: role is ignored next to a PIN', () => {
      expect(value(parseLink('?pin=1234&role=guest')).access).to.deep.equal({ kind: 'pin', pin: '1234' });
      expect(value(parseLink('?pin=1234&role=host')).access).to.deep.equal({ kind: 'pin', pin: '1234' });
    });

    it('role=host without a PIN still asks for the Host PIN; role=guest joins as a Guest', () => {
      expect(value(parseLink('?role=host')).access).to.deep.equal({ kind: 'host' });
      expect(value(parseLink('?role=guest')).access).to.deep.equal({ kind: 'guest' });
      expect(value(parseLink('?role=GUEST')).access).to.deep.equal({ kind: 'guest' });
      expect(value(parseLink('?conference=x')).access).to.deep.equal({ kind: 'unspecified' });
    });

    it('pin=none joins as a Guest here too', () => {
      expect(value(parseLink('?pin=none&role=host')).access).to.deep.equal({ kind: 'guest' });
    });

    it('PINs keep leading zeros and lose an optional trailing #', () => {
      expect(value(parseLink('?pin=0123')).access).to.deep.equal({ kind: 'pin', pin: '0123' });
      expect(value(parseLink('?pin=1234%23')).access).to.deep.equal({ kind: 'pin', pin: '1234' });
      expect(value(parseLink('?pin=12345678901234567890')).access).to.deep.equal({
        kind: 'pin',
        pin: '12345678901234567890',
      });
    });

    it('join=1 with no media option reuses the last media choice', () => {
      expect(value(parseLink('?conference=meet.alice&join=1')).media).to.equal('last-used');
    });

    it('media=1 is audio and video, media= is control-only, audioonly=1 is audio-only', () => {
      expect(value(parseLink('?media=1')).media).to.equal('video');
      expect(value(parseLink('?media=')).media).to.equal('none');
      expect(value(parseLink('?media')).media).to.equal('none');
      expect(value(parseLink('?media=0')).media).to.equal('none');
      expect(value(parseLink('?audioonly=1')).media).to.equal('audio');
      expect(value(parseLink('?audioonly=0')).media).to.equal('video');
    });

    it('escalate, forceguest and join are flags: 1 on, 0 or empty off', () => {
      const on = value(parseLink('?escalate=1&forceguest=1&join=1'));
      expect([on.escalate, on.forceGuest, on.autoJoin]).to.deep.equal([true, true, true]);
      const off = value(parseLink('?escalate=0&forceguest=&join=0'));
      expect([off.escalate, off.forceGuest, off.autoJoin]).to.deep.equal([false, false, false]);
      // escalate does not choose the media for a Web App link; it applies if the choice is control-only.
      expect(value(parseLink('?escalate=1')).media).to.equal('last-used');
    });

    it('extension: a Virtual Reception extension or a Lync conference ID', () => {
      expect(value(parseLink('?conference=reception&extension=12345')).extension).to.equal('12345');
      expect(value(parseLink('?extension=meet.bob')).extension).to.equal('meet.bob');
    });

    it('decodes names: percent-encoding, + as space, any script; trims the ends', () => {
      expect(value(parseLink('?name=Bob+Smith')).displayName).to.equal('Bob Smith');
      expect(value(parseLink('?name=%C3%85se%20%E5%B1%B1%E7%94%B0')).displayName).to.equal('Åse 山田');
      expect(value(parseLink('?name=%20%20Bob%20')).displayName).to.equal('Bob');
      expect(value(parseLink('?name=')).displayName).to.equal(undefined);
      // Names are rendered as text, so markup is just characters.
      expect(value(parseLink('?name=%3Cb%3EBob%3C%2Fb%3E')).displayName).to.equal('<b>Bob</b>');
    });

    it('accepts aliases with a domain, a sip: prefix or an E.164 number', () => {
      expect(value(parseLink('?conference=meet.alice@example.com')).alias).to.equal('meet.alice@example.com');
      expect(value(parseLink('?conference=sip:meet.alice@example.com')).alias).to.equal(
        'sip:meet.alice@example.com',
      );
      expect(value(parseLink('?conference=%2B4712345678')).alias).to.equal('+4712345678');
      expect(value(parseLink('?conference=m%C3%B8te@eksempel.no')).alias).to.equal('møte@eksempel.no');
    });

    it('ignores unknown parameters, even repeated ones, and the fragment', () => {
      const link = value(
        parseLink('https://rp.example.com/webapp/?utm=a&utm=b&conference=meet.alice&theme=dark#pin=99'),
      );
      expect(link).to.deep.equal(webapp({ node: 'https://rp.example.com', alias: 'meet.alice' }));
    });

    it('matches parameter names case-insensitively', () => {
      expect(value(parseLink('?Conference=meet.alice&PIN=1234&Join=1'))).to.deep.equal(
        webapp({ alias: 'meet.alice', access: { kind: 'pin', pin: '1234' }, autoJoin: true }),
      );
    });

    it('trims a pasted link', () => {
      expect(value(parseLink('  https://rp.example.com/webapp/?conference=meet.alice\n')).alias).to.equal(
        'meet.alice',
      );
    });

    it('returns frozen values', () => {
      const link = value(parseLink('?pin=1234'));
      expect(Object.isFrozen(link)).to.equal(true);
      expect(Object.isFrozen(link.access)).to.equal(true);
    });
  });

  describe('pexip:// links', () => {
    it('keeps + in the alias path (E.164) and decodes percent-encoding', () => {
      expect(value(parseLink('pexip://+4712345678')).alias).to.equal('+4712345678');
      expect(value(parseLink('pexip://m%C3%B8te@eksempel.no')).alias).to.equal('møte@eksempel.no');
    });

    it('accepts an upper-case scheme, pexip: without //, and a trailing slash', () => {
      expect(value(parseLink('PEXIP://meet.alice')).alias).to.equal('meet.alice');
      expect(value(parseLink('pexip:meet.alice?pin=1234')).access).to.deep.equal({
        kind: 'pin',
        pin: '1234',
      });
      expect(value(parseLink('pexip://meet.alice/')).alias).to.equal('meet.alice');
    });

    it('media and audioonly choose the media when escalate is absent', () => {
      expect(value(parseLink('pexip://meet.alice?media=1')).media).to.equal('video');
      expect(value(parseLink('pexip://meet.alice?media=')).media).to.equal('none');
      expect(value(parseLink('pexip://meet.alice?audioonly=1')).media).to.equal('audio');
      expect(value(parseLink('pexip://meet.alice?audioonly=')).media).to.equal('video');
      expect(value(parseLink('pexip://meet.alice')).media).to.equal('last-used');
    });

    it('escalate overrides media', () => {
      expect(value(parseLink('pexip://meet.alice?media=1&escalate=1'))).to.deep.include({
        media: 'none',
        escalate: true,
      });
    });

    it('ignores Web App parameters it does not carry', () => {
      expect(value(parseLink('pexip://meet.alice?name=Bob&bw=9999&join=1'))).to.deep.equal(
        pexip({ alias: 'meet.alice' }),
      );
    });

    it('parsePexipLink refuses other schemes; parseWebAppLink refuses pexip://', () => {
      expect(value(parsePexipLink('pexip://meet.alice')).alias).to.equal('meet.alice');
      expect(error(parsePexipLink('https://rp.example.com/webapp/?conference=a')).code).to.equal(
        'unsupported-scheme',
      );
      expect(error(parseWebAppLink('pexip://meet.alice')).code).to.equal('unsupported-scheme');
      expect(value(parseWebAppLink('?conference=meet.alice')).alias).to.equal('meet.alice');
    });
  });

  describe('malformed links', () => {
    const long = (n: number) => 'a'.repeat(n);
    const cases: [string, LinkErrorCode][] = [
      ['javascript:alert(1)', 'unsupported-scheme'],
      ['JavaScript:alert(document.cookie)//?conference=meet.alice', 'unsupported-scheme'],
      ['data:text/html,<script>alert(1)</script>', 'unsupported-scheme'],
      ['vbscript:msgbox(1)', 'unsupported-scheme'],
      ['file:///etc/passwd?conference=meet.alice', 'unsupported-scheme'],
      ['ftp://conference.example.com/webapp/?conference=meet.alice', 'unsupported-scheme'],
      ['sip:meet.alice@example.com', 'unsupported-scheme'],
      ['java\tscript:alert(1)', 'control-characters'],
      ['https://conference.example.com/webapp/?conference=meet.alice\nx', 'control-characters'],
      ['https://', 'malformed-url'],
      ['https://conference.example.com@evil.example/webapp/?conference=meet.alice', 'malformed-url'],
      ['https://[::1/webapp/', 'malformed-url'],
      ['', 'malformed-url'],
      ['   ', 'malformed-url'],
      ['meet.alice', 'malformed-url'],
      ['//conference.example.com/webapp/', 'malformed-url'],
      ['?conference=meet.alice&name=%E0%A4%A', 'malformed-url'],
      ['?name=%ZZ', 'malformed-url'],
      ['?name=%C3', 'malformed-url'],
      [`https://x.example/webapp/?${'utm=1&'.repeat(MAX_LINK_LENGTH / 6 + 1)}`, 'link-too-long'],
      ['?bw=100', 'invalid-bandwidth'],
      ['?bw=255', 'invalid-bandwidth'],
      ['?bw=1865', 'invalid-bandwidth'],
      ['?bw=fast', 'invalid-bandwidth'],
      ['?bw=576.5', 'invalid-bandwidth'],
      ['?bw=-576', 'invalid-bandwidth'],
      ['?bw=0x240', 'invalid-bandwidth'],
      ['?bw=5e2', 'invalid-bandwidth'],
      ['?bw=576kbps', 'invalid-bandwidth'],
      ['?pin=12a4', 'invalid-pin'],
      ['?pin=123', 'invalid-pin'],
      ['?pin=123456789012345678901', 'invalid-pin'],
      ['?pin=12%2034', 'invalid-pin'],
      ['?pin=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94', 'invalid-pin'], // full-width digits
      ['?pin=1234##', 'invalid-pin'],
      ['?conference=meet+alice', 'invalid-alias'],
      ['?conference=meet%20alice', 'invalid-alias'],
      ['?conference=a@b@c.example', 'invalid-alias'],
      ['?conference=meet.alice@', 'invalid-alias'],
      ['?conference=@example.com', 'invalid-alias'],
      ['?conference=meet.alice@exa_mple.com', 'invalid-alias'],
      ['?conference=meet.alice@-example.com', 'invalid-alias'],
      ['?conference=%3Cscript%3E', 'invalid-alias'],
      ['?conference=meet.alice%2F..%2Fadmin', 'invalid-alias'],
      ['?conference=meet%09alice', 'control-characters'],
      ['?name=Bob%00', 'control-characters'],
      ['?name=Bob%0A', 'control-characters'],
      ['?name=%E2%80%AEevil', 'control-characters'],
      ['?name=%C2%85', 'control-characters'],
      [`?name=${long(101)}`, 'value-too-long'],
      [`?conference=${long(255)}`, 'value-too-long'],
      [`?extension=${long(65)}`, 'value-too-long'],
      [`?utm=1&pin=${'1'.repeat(600)}`, 'value-too-long'],
      ['?role=admin', 'invalid-role'],
      ['?pin=1234&role=owner', 'invalid-role'],
      ['?join=yes', 'invalid-flag'],
      ['?join=true', 'invalid-flag'],
      ['?forceguest=2', 'invalid-flag'],
      ['?escalate=true', 'invalid-flag'],
      ['?audioonly=yes', 'invalid-flag'],
      ['?media=video', 'unknown-media'],
      ['?media=2', 'unknown-media'],
      ['?media=&audioonly=1', 'conflicting-media'],
      ['?media=1&audioonly=1', 'conflicting-media'],
      ['?conference=a&conference=b', 'duplicate-parameter'],
      ['?pin=1234&PIN=5678', 'duplicate-parameter'],
      ['?join=1&join=1', 'duplicate-parameter'],
      ['?extension=12%2034', 'invalid-extension'],
      ['?extension=%3Cx%3E', 'invalid-extension'],
      ['pexip://', 'missing-alias'],
      ['pexip://?pin=1234', 'missing-alias'],
      ['pexip:// ', 'missing-alias'],
      ['pexip://meet alice', 'invalid-alias'],
      ['pexip://meet%20alice', 'invalid-alias'],
      ['pexip://meet.alice/extra/path', 'invalid-alias'],
      ['pexip://meet.alice@@example.com', 'invalid-alias'],
      ['pexip://meet.alice?pin=abcd', 'invalid-pin'],
      ['pexip://meet.alice?12ab', 'invalid-pin'],
      ['pexip://meet.alice?pin=1234&pin=5678', 'duplicate-parameter'],
      ['pexip://meet.alice?pin=1234&escalate=1&audioonly=1', 'conflicting-media'],
      ['pexip://meet.alice?media=&audioonly=1', 'conflicting-media'],
      ['pexip://meet.alice?media=yes', 'unknown-media'],
      ['pexip://meet.alice?escalate=yes', 'invalid-flag'],
      ['pexip://meet%E0%A4', 'malformed-url'],
      ['pexip://meet%0Aalice', 'control-characters'],
      ['pexip://meet.alice\u0000', 'control-characters'],
      ['pexip://meet.alice\u202e', 'control-characters'],
    ];

    it('has more than 30 cases', () => {
      expect(cases.length).to.be.greaterThan(30);
    });

    for (const [link, code] of cases) {
      it(`${JSON.stringify(link.length > 70 ? `${link.slice(0, 70)}…` : link)} → ${code}`, () => {
        const e = error(parseLink(link));
        expect(e.code).to.equal(code);
        expect(e).to.be.instanceOf(LinkError);
        expect(e.message).to.be.a('string').and.not.equal('');
      });
    }

    it('names the parameter at fault', () => {
      expect(error(parseLink('?bw=99')).param).to.equal('bw');
      expect(error(parseLink('?forceguest=x')).param).to.equal('forceguest');
      expect(error(parseLink('?a=1&name=%00')).param).to.equal('name');
    });

    it('never puts the PIN in the error or its message', () => {
      const e = error(parseLink('?pin=98765x'));
      expect(e.message).not.to.contain('98765');
      expect(JSON.stringify(e)).not.to.contain('98765');
      expect(e.detail).to.equal(undefined);
    });

    it('explains the bandwidth range in the message', () => {
      expect(error(parseLink('?bw=5000')).message)
        .to.contain('256')
        .and.contain('1864');
    });

    it('never throws, whatever it is given', () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const alphabet = [
        '%',
        '?',
        '&',
        '=',
        '#',
        ':',
        '/',
        '@',
        '+',
        'a',
        '1',
        'é',
        '\u0000',
        ' ',
        'pexip:',
        'https://',
      ];
      for (let i = 0; i < 2000; i++) {
        let s = '';
        const n = Math.floor(random() * 40);
        for (let j = 0; j < n; j++) s += alphabet[Math.floor(random() * alphabet.length)];
        const r = parseLink(s);
        expect(r.ok === true || r.error instanceof LinkError).to.equal(true);
      }
      for (const bad of [null, undefined, 42, {}, [], Symbol('x')]) {
        expect(error(parseLink(bad as unknown as string)).code).to.equal('malformed-url');
      }
    });
  });

  describe('building links', () => {
    it('builds the seed examples exactly', () => {
      const base = 'https://conference.example.com/webapp/';
      expect(
        value(buildWebAppLink({ alias: 'meet.alice', displayName: 'Bob', autoJoin: true }, base)),
      ).to.equal('https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1');
      expect(
        value(
          buildWebAppLink(
            { alias: 'meet.alice', displayName: 'Bob', access: { kind: 'pin', pin: '1234' }, autoJoin: true },
            base,
          ),
        ),
      ).to.equal('https://conference.example.com/webapp/?conference=meet.alice&name=Bob&pin=1234&join=1');
      expect(
        value(
          buildWebAppLink(
            {
              alias: 'meet.alice',
              displayName: 'Bob',
              autoJoin: true,
              access: { kind: 'guest' },
              media: 'audio',
            },
            base,
          ),
        ),
      ).to.equal(
        'https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1&role=guest&audioonly=1',
      );
      expect(value(buildPexipLink({ alias: 'meet.alice@example.com' }))).to.equal(
        'pexip://meet.alice@example.com',
      );
      expect(
        value(buildPexipLink({ alias: 'meet.alice@example.com', access: { kind: 'pin', pin: '1234' } })),
      ).to.equal('pexip://meet.alice@example.com?pin=1234');
      expect(
        value(
          buildPexipLink({
            alias: 'meet.alice@example.com',
            access: { kind: 'pin', pin: '1234' },
            media: 'none',
            escalate: true,
          }),
        ),
      ).to.equal('pexip://meet.alice@example.com?pin=1234&escalate=1');
    });

    it('without a base or node, builds a query string', () => {
      expect(value(buildWebAppLink({ alias: 'meet.alice', bandwidth: 1024 }))).to.equal(
        '?conference=meet.alice&bw=1024',
      );
    });

    it('uses the node when there is no base, and replaces the base query and fragment', () => {
      expect(value(buildWebAppLink({ node: 'https://rp.example.com', alias: 'a' }))).to.equal(
        'https://rp.example.com/webapp/?conference=a',
      );
      expect(value(buildWebAppLink({ alias: 'a' }, 'https://rp.example.com/join?x=1#top'))).to.equal(
        'https://rp.example.com/join?conference=a',
      );
    });

    const webAppValues: JoinLinkValues[] = [
      {},
      { alias: 'meet.alice' },
      { alias: 'meet.alice@example.com', displayName: 'Bob Smith', bandwidth: 1864, autoJoin: true },
      { alias: '+4712345678', displayName: 'Åse & Ola = 100% <glad>', access: { kind: 'pin', pin: '0012' } },
      { alias: 'sip:meet.alice@example.com', access: { kind: 'host' }, media: 'video', forceGuest: true },
      { alias: 'reception', extension: '4711', access: { kind: 'guest' }, media: 'none', escalate: true },
      { displayName: '山田 太郎', media: 'audio', bandwidth: 256 },
      { node: 'https://conference.example.com', alias: 'meet.alice', autoJoin: true },
    ];
    for (const v of webAppValues) {
      it(`Web App round trip ${JSON.stringify(v)}`, () => {
        const link = value(buildWebAppLink(v));
        const parsed = value(parseLink(link));
        expect(parsed).to.deep.equal(webapp(v));
        expect(value(buildLink(parsed))).to.equal(link);
      });
    }

    const pexipValues: JoinLinkValues[] = [
      { alias: 'meet.alice' },
      { alias: 'meet.alice@example.com', access: { kind: 'pin', pin: '1234' }, autoJoin: true },
      { alias: 'meet.alice', access: { kind: 'guest' }, autoJoin: true, media: 'audio' },
      { alias: '+4712345678', media: 'video' },
      { alias: 'møte@eksempel.no', media: 'none' },
      { alias: 'meet.alice', media: 'none', escalate: true },
    ];
    for (const v of pexipValues) {
      it(`pexip:// round trip ${JSON.stringify(v)}`, () => {
        const link = value(buildPexipLink(v));
        const parsed = value(parseLink(link));
        expect(parsed).to.deep.equal(pexip(v));
        expect(value(buildLink(parsed))).to.equal(link);
      });
    }

    it('round-trips every seed example through parse → build → parse', () => {
      for (const link of [
        'https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1',
        'https://conference.example.com/webapp/?conference=meet.alice&name=Bob&pin=1234&join=1',
        'https://conference.example.com/webapp/?conference=meet.alice&name=Bob&join=1&role=guest&audioonly=1',
        'pexip://meet.alice@example.com',
        'pexip://meet.alice@example.com?pin=1234',
        'pexip://meet.alice@example.com?pin=1234&escalate=1',
      ]) {
        const parsed = value(parseLink(link));
        expect(value(buildLink(parsed))).to.equal(link);
      }
    });

    it('refuses values the parser would refuse', () => {
      expect(error(buildWebAppLink({ bandwidth: 100 })).code).to.equal('invalid-bandwidth');
      expect(error(buildWebAppLink({ bandwidth: 576.5 })).code).to.equal('invalid-bandwidth');
      expect(error(buildWebAppLink({ alias: 'meet alice' })).code).to.equal('invalid-alias');
      expect(error(buildWebAppLink({ access: { kind: 'pin', pin: '12ab' } })).code).to.equal('invalid-pin');
      expect(error(buildWebAppLink({ displayName: 'Bob\u0000' })).code).to.equal('control-characters');
      expect(error(buildWebAppLink({ extension: 'a b' })).code).to.equal('invalid-extension');
      expect(error(buildWebAppLink({ alias: 'a' }, 'javascript:alert(1)')).code).to.equal(
        'unsupported-scheme',
      );
      expect(error(buildWebAppLink({ alias: 'a' }, 'https://')).code).to.equal('malformed-url');
      expect(error(buildWebAppLink({ media: 'loud' as never })).code).to.equal('unknown-media');
    });

    it('refuses what a pexip:// link cannot carry', () => {
      expect(error(buildPexipLink({})).code).to.equal('missing-alias');
      expect(error(buildPexipLink({ alias: 'a', displayName: 'Bob' })).code).to.equal('unrepresentable');
      expect(error(buildPexipLink({ alias: 'a', bandwidth: 576 })).code).to.equal('unrepresentable');
      expect(error(buildPexipLink({ alias: 'a', extension: '1' })).code).to.equal('unrepresentable');
      expect(error(buildPexipLink({ alias: 'a', forceGuest: true })).code).to.equal('unrepresentable');
      expect(error(buildPexipLink({ alias: 'a', access: { kind: 'host' } })).code).to.equal(
        'unrepresentable',
      );
      expect(error(buildPexipLink({ alias: 'a', escalate: true, media: 'video' })).code).to.equal(
        'conflicting-media',
      );
    });
  });

  describe('applyDefaultDomain', () => {
    it('appends @domain to an alias without one', () => {
      expect(value(applyDefaultDomain('meet.alice', 'example.com'))).to.equal('meet.alice@example.com');
      expect(value(applyDefaultDomain(' meet.sales ', 'example.com'))).to.equal('meet.sales@example.com');
    });

    it('leaves an alias with a domain alone ("the preconfigured domain will be ignored")', () => {
      expect(value(applyDefaultDomain('meet.bob@other.example', 'example.com'))).to.equal(
        'meet.bob@other.example',
      );
    });

    it('leaves the alias alone when there is no default domain', () => {
      expect(value(applyDefaultDomain('meet.alice', undefined))).to.equal('meet.alice');
      expect(value(applyDefaultDomain('meet.alice', ''))).to.equal('meet.alice');
    });

    it('refuses invalid aliases and domains', () => {
      expect(error(applyDefaultDomain('meet alice', 'example.com')).code).to.equal('invalid-alias');
      expect(error(applyDefaultDomain('', 'example.com')).code).to.equal('invalid-alias');
      expect(error(applyDefaultDomain('meet.alice@', 'example.com')).code).to.equal('invalid-alias');
      expect(error(applyDefaultDomain('meet\u0007', 'example.com')).code).to.equal('control-characters');
      expect(error(applyDefaultDomain('meet.alice', '@example.com')).code).to.equal('invalid-domain');
      expect(error(applyDefaultDomain('meet.alice', 'exa mple.com')).code).to.equal('invalid-domain');
      expect(error(applyDefaultDomain('meet.alice', 'example.com.')).code).to.equal('invalid-domain');
      expect(error(applyDefaultDomain('a'.repeat(250), 'example.com')).code).to.equal('value-too-long');
    });
  });

  describe('validators', () => {
    it('validateAlias, validateDomain, validatePin and validateDisplayName', () => {
      expect(value(validateAlias(' meet.alice '))).to.equal('meet.alice');
      expect(error(validateAlias('a/b')).code).to.equal('invalid-alias');
      expect(value(validateDomain('eksempel.no'))).to.equal('eksempel.no');
      expect(value(validateDomain('10.0.0.1'))).to.equal('10.0.0.1');
      expect(error(validateDomain('example..com')).code).to.equal('invalid-domain');
      expect(value(validatePin('0001#'))).to.equal('0001');
      expect(error(validatePin('1 234')).code).to.equal('invalid-pin');
      expect(value(validateDisplayName(' Bob '))).to.equal('Bob');
      expect(error(validateDisplayName('x'.repeat(101))).code).to.equal('value-too-long');
    });
  });
});
