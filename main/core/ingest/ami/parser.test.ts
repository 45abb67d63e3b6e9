import { describe, expect, it } from 'vitest';
import { AmiFormatError, AmiMessage, formatAmi } from './message';
import { createAmiParser, type AmiFrame } from './parser';

const messages = (frames: AmiFrame[]) => frames.flatMap((f) => (f.kind === 'message' ? [f.message] : []));
const parseAll = (text: string) => {
  const p = createAmiParser();
  return [...p.push(text), ...p.end()];
};

const SESSION =
  'Asterisk Call Manager/2.10.3\r\n' +
  'Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n' +
  'Event: PeerStatus\r\nPrivilege: system,all\r\nPeer: SIP/777\r\nAddress: 192.168.254.253:60182\r\n\r\n' +
  'Event: QueueCallerJoin\r\nCallerIDName: Eugène R\r\nUniqueid: 1514295827.372\r\nQueue: Q1\r\n\r\n';

describe('AMI parser', () => {
  it('reads the greeting and CRLF messages; values keep their colons', () => {
    const frames = parseAll(SESSION);
    expect(frames[0]).toEqual({ kind: 'greeting', text: 'Asterisk Call Manager/2.10.3', version: '2.10.3', line: 1 });
    const [login, peer, join] = messages(frames);
    expect(login!.response).toBe('Success');
    expect(peer!.event).toBe('PeerStatus');
    expect(peer!.get('Address')).toBe('192.168.254.253:60182');
    expect(join!.get('CallerIDName')).toBe('Eugène R');
    expect(messages(frames)).toHaveLength(3);
  });

  it('gives the same messages however the bytes are chunked, CR/LF and UTF-8 split included', () => {
    const bytes = Buffer.from(SESSION, 'utf8');
    const expected = messages(parseAll(SESSION)).map((m) => m.headers);
    for (let size = 1; size <= 9; size++) {
      const p = createAmiParser();
      const frames: AmiFrame[] = [];
      for (let i = 0; i < bytes.length; i += size) frames.push(...p.push(bytes.subarray(i, i + size)));
      frames.push(...p.end());
      expect(messages(frames).map((m) => m.headers)).toEqual(expected);
    }
  });

  it('accepts LF line endings, double blank lines and a last message without its blank line', () => {
    const ms = messages(parseAll('Event: A\nX: 1\n\n\n\nEvent: B\nY: 2'));
    expect(ms.map((m) => m.event)).toEqual(['A', 'B']);
    expect(ms[1]!.get('y')).toBe('2');
  });

  it('looks keys up in any case and keeps them as sent', () => {
    const [m] = messages(parseAll('Event: AgentConnect\r\nHoldtime: 9\r\nRingtime: 3\r\n\r\n'));
    expect(m!.get('HoldTime')).toBe('9');
    expect(m!.get('RINGTIME')).toBe('3');
    expect(Object.keys(m!.fields)).toEqual(['Event', 'Holdtime', 'Ringtime']);
  });

  it('keeps a header named __proto__ as a plain key', () => {
    const [m] = messages(parseAll('Event: X\n__proto__: polluted\nconstructor: y\n\n'));
    expect(m!.get('__proto__')).toBe('polluted');
    expect(Object.getPrototypeOf(m!.fields)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('joins repeated keys but keeps them apart in headers', () => {
    const [m] = messages(parseAll('Event: Newchannel\nChanVariable: a=1\nChanVariable: b=2\n\n'));
    expect(m!.get('ChanVariable')).toBe('a=1\nb=2');
    expect(m!.headers.filter(([k]) => k === 'ChanVariable')).toHaveLength(2);
  });

  it('skips console output between messages and ends a message at a debug marker', () => {
    const text = [
      '  == Manager \'callme\' logged on from 10.100.111.249',
      '<-- Examining AMI event: -->',
      'Event: Newchannel',
      'Uniqueid: 1',
      '<-- Examining AMI event: -->',
      'Event: Hangup',
      'Uniqueid: 1',
      '',
      '    -- Executing [h@eeivr:1] Set("SIP/toOurAster-000000bb", "CallMeDURATION=24") in new stack',
      'Dumping Info For Channel: SIP/777-000000bc:',
      'Info:',
      'Name=               SIP/777-000000bc',
      '[Dec 26 14:43:50] NOTICE[9404]: chan_sip.c:24592 handle_response_peerpoke: Peer \'777\' is now Reachable.',
      '',
    ].join('\n');
    const p = createAmiParser();
    const ms = messages([...p.push(text), ...p.end()]);
    expect(ms.map((m) => m.event)).toEqual(['Newchannel', 'Hangup']);
    expect(p.stats.skippedLines).toBe(6);
  });

  it('drops a message cut by a capture gap and resyncs on the next Event line', () => {
    const text = 'Event: VarSet\nVariable: A\n[218 bytes missing in capture file]Event: Newexten\nExtension: *30402\n\nUniqueid: 3\n[9 bytes missing in capture file]Uniqueid: 4\nEvent: Stray\n\nEvent: Next\n\n';
    const p = createAmiParser();
    const ms = messages([...p.push(text), ...p.end()]);
    // `Uniqueid: 4` is the tail of a message whose head was lost: skipped until `Event: Stray`.
    expect(ms.map((m) => m.event)).toEqual(['Newexten', 'Stray', 'Next']);
    expect(ms[0]!.get('Extension')).toBe('*30402');
    expect(p.stats.gaps).toBe(2);
    expect(p.stats.dropped).toBe(1);
  });

  it('splits two events whose blank line was lost, but not an event carrying Response or Action', () => {
    const ms = messages(
      parseAll('Event: A\nX: 1\nEvent: B\n\nEvent: OriginateResponse\nResponse: Success\n\nEvent: UserEvent\nAction: UserEvent\n\nResponse: Success\nResponse: Error\n\n'),
    );
    expect(ms.map((m) => m.event ?? m.response)).toEqual(['A', 'B', 'OriginateResponse', 'UserEvent', 'Success', 'Error']);
    expect(ms[2]!.get('Response')).toBe('Success');
    expect(ms[2]!.response).toBeUndefined();
  });

  it('reads client actions in captures, lower-case keys included', () => {
    const [m] = messages(parseAll('action: login\nusername: x\nsecret: y\nevents: off\n\n'));
    expect(m!.action).toBe('login');
    expect(m!.get('Username')).toBe('x');
  });

  it('keeps Response: Follows command output whole, blank lines included', () => {
    const text = 'Response: Follows\nPrivilege: Command\nHTTP Server Status:\nPrefix: \n\nEnabled URI\'s:\n/httpstatus => Asterisk HTTP General Status\n--END COMMAND--\n\nEvent: After\n\n';
    const ms = messages(parseAll(text));
    expect(ms).toHaveLength(2);
    expect(ms[0]!.response).toBe('Follows');
    expect(ms[0]!.get('Privilege')).toBe('Command');
    expect(ms[0]!.get('Output')).toBe('HTTP Server Status:\nPrefix: \n\nEnabled URI\'s:\n/httpstatus => Asterisk HTTP General Status');
    expect(ms[1]!.event).toBe('After');
  });

  it('drops an over-long line with its message and keeps going', () => {
    const p = createAmiParser({ maxLineLength: 50 });
    const text = `Event: Big\nValue: ${'x'.repeat(200)}\nMore: 1\n\nEvent: Small\n\n`;
    const frames: AmiFrame[] = [];
    for (let i = 0; i < text.length; i += 7) frames.push(...p.push(text.slice(i, i + 7)));
    frames.push(...p.end());
    expect(messages(frames).map((m) => m.event)).toEqual(['Small']);
    expect(p.stats.dropped).toBe(1);
  });

  it('does not grow without bound on a peer that never ends its line', () => {
    const p = createAmiParser({ maxLineLength: 1000 });
    p.push('Event: A\n');
    for (let i = 0; i < 100; i++) p.push('y'.repeat(500));
    const ms = messages([...p.push('\n\nEvent: B\n\n'), ...p.end()]);
    expect(ms.map((m) => m.event)).toEqual(['B']);
  });
});

describe('AMI wire format', () => {
  it('writes CRLF headers and a blank line', () => {
    expect(formatAmi({ Action: 'Login', Username: 'u', Secret: 's:1' })).toBe('Action: Login\r\nUsername: u\r\nSecret: s:1\r\n\r\n');
  });

  it('refuses line breaks that would inject headers', () => {
    expect(() => formatAmi({ Action: 'Login', Secret: 'x\r\nAction: Originate' })).toThrow(AmiFormatError);
    expect(() => formatAmi([['Bad Key', 'x']])).toThrow(AmiFormatError);
  });

  it('round-trips a message through the parser', () => {
    const m = new AmiMessage([
      ['Event', 'QueueMemberStatus'],
      ['Queue', 'Q1'],
      ['PausedReason', ''],
    ]);
    const [back] = messages(parseAll(formatAmi(m.headers)));
    expect(back!.headers).toEqual(m.headers);
    expect(m.with('actionid', '7').get('ActionID')).toBe('7');
  });
});
