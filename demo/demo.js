// Applies the Web App link parameters of this page's URL to <pex-call> (conference, name, join, …).
const call = document.getElementById('call');
const params = new URLSearchParams(location.search);
const media = params.get('media') ?? (params.get('audioonly') === '1' ? 'audio' : null);
if (params.get('conference')) call.conference = params.get('conference');
if (params.get('name')) call.name = params.get('name');
if (media === 'video' || media === 'audio' || media === 'none') call.media = media;
if (params.get('pin')) call.pin = params.get('pin');
if (params.get('join') === '1') call.autoJoin = true;
