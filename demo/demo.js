// A plain control-only client over Pexip's SDK; every text is set with textContent (never HTML).
const $ = (id) => document.getElementById(id);
const form = $('join-form');
let client;

function say(text) {
  $('status').textContent = text;
}

function renderRoster() {
  const list = $('roster');
  list.replaceChildren(
    ...client.getParticipants('main').map((p) => {
      const li = document.createElement('li');
      const badges = [p.isHost ? 'Host' : 'Guest', p.isWaiting ? 'waiting' : '', p.isMuted ? 'muted' : '']
        .filter(Boolean)
        .join(', ');
      li.textContent = `${p.displayName} (${badges})`;
      return li;
    }),
  );
}

function addChat(who, text) {
  const li = document.createElement('li');
  li.textContent = `${who}: ${text}`;
  $('chat').append(li);
}

async function join() {
  const data = new FormData(form);
  const conferenceAlias = String(data.get('conference')).trim();
  const displayName = String(data.get('name')).trim();
  say('Connecting…');
  if (!client) {
    const sdk = await import('/pex/pexip-infinity.js');
    const signals = sdk.createInfinityClientSignals([], { batchBufferSize: 500, batchScheduleTimeoutMS: 50 });
    client = sdk.createInfinityClient(signals, sdk.createCallSignals([]));

    signals.onPinRequired.add(({ hasGuestPin }) => {
      $('pin-row').hidden = false;
      say(
        hasGuestPin
          ? 'This meeting needs a PIN.'
          : 'Enter the Host PIN, or leave it empty to join as a Guest.',
      );
    });
    signals.onExtension.add(() => {
      $('ext-row').hidden = false;
      say('Enter the extension of the meeting you want to join.');
    });
    signals.onError.add(({ error }) => say(`Could not join: ${error}`));
    signals.onDisconnected.add(({ error }) => {
      $('call').hidden = true;
      $('join').hidden = false;
      say(`You left the meeting${error ? `: ${error}` : ''}.`);
    });
    for (const s of ['onParticipants', 'onParticipantJoined', 'onParticipantUpdated', 'onParticipantLeft']) {
      signals[s].add(() => renderRoster());
    }
    signals.onServiceType.add((t) =>
      say(t === 'waiting_room' ? 'The meeting is locked: waiting for a Host to let you in…' : ''),
    );
    signals.onMessage.add((m) => addChat(m.displayName, m.message));
    signals.onAuthenticatedWithConference.add(({ conferenceName }) => {
      $('conf-name').textContent = conferenceName;
      $('join').hidden = true;
      $('call').hidden = false;
      say('');
    });
  }
  const pin = String(data.get('pin') ?? '').trim();
  const extension = String(data.get('extension') ?? '').trim();
  await client.call({
    conferenceAlias,
    displayName,
    bandwidth: 0,
    callType: 0, // ClientCallType.None: conference control only
    ...($('pin-row').hidden ? {} : { pin: pin || 'none' }),
    ...(extension ? { conferenceExtension: extension } : {}),
  });
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  join().catch((err) => say(`Could not join: ${err.message}`));
});
$('chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = e.target.elements.message;
  const text = input.value.trim();
  if (!text) return;
  client.sendMessage({ payload: text }).then(
    () => {
      addChat('You', text);
      input.value = '';
    },
    () => say('The message could not be sent.'),
  );
});
$('leave').addEventListener('click', () => {
  void client.disconnect({ reason: 'User initiated disconnect' }).then(() => {
    $('call').hidden = true;
    $('join').hidden = false;
  });
});
addEventListener('beforeunload', () => client?.disconnect({ reason: 'Browser closed' }));
