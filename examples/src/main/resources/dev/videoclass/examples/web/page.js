// The example service's page: uploads a video through the asynchronous API, shows its verdict as
// pictures, and searches the service's scene index. Talks to its own origin only. Everything that
// comes from a verdict or a search (tags, ids, messages) is inserted as text, never as HTML.
'use strict';

(function () {
  const POLL_MS = 250;
  const STAGES = {queued: 'Waiting for a worker', probe: 'Opening the video', sampling: 'Finding scenes',
    scoring: 'Scoring keyframes', done: 'Done'};

  const $ = (id) => document.getElementById(id);

  /** A new element with text content (never HTML) and optional class. */
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  const seconds = (s) => Number(s).toFixed(2) + ' s';
  const score = (s) => Number(s).toFixed(2);

  function setStatus(text) {
    $('upload-status').textContent = text;
  }

  // ---------- upload ----------

  function chosenFile() {
    const files = $('video-file').files;
    return files && files.length > 0 ? files[0] : null;
  }

  async function upload(file) {
    $('classify-button').disabled = true;
    $('progress-box').hidden = false;
    showProgress('Uploading ' + file.name, 0);
    setStatus('Uploading ' + file.name + '…');
    try {
      // the raw bytes; a JSON type would ask the service for {"video_base64": ...}
      const type = file.type && !file.type.includes('json') ? file.type : 'application/octet-stream';
      const r = await fetch('/classify-video', {method: 'POST', headers: {'Content-Type': type}, body: file});
      const body = await r.json();
      if (r.status !== 202) {
        showRejection(r.status, body.error || ('the service answered ' + r.status));
        return;
      }
      if (body.content_hash) {
        ownJobs.set(body.content_hash, body.job_id); // search hits of this video show its thumbnails
      }
      await follow(body.job_id);
    } catch (e) {
      showRejection(0, 'the service could not be reached: ' + e.message);
    } finally {
      $('classify-button').disabled = false;
    }
  }

  function showRejection(status, message) {
    $('progress-box').hidden = true;
    setStatus((status === 413 ? 'Too large: ' : status === 503 ? 'Busy, try again soon: ' : 'Not accepted: ') + message);
  }

  function showProgress(label, value) {
    $('progress-label').textContent = label;
    if (value === null) {
      $('progress').removeAttribute('value'); // indeterminate
    } else {
      $('progress').value = value;
    }
  }

  function progressOf(p) {
    const stage = p && p.stage ? p.stage : 'queued';
    let label = STAGES[stage] || stage;
    let value = {queued: 0, probe: 5, sampling: null, scoring: 70, done: 100}[stage];
    if (stage === 'sampling') {
      label += ': ' + p.frames_decoded + ' frames decoded';
    } else if (stage === 'scoring' && p.keyframes_total > 0) {
      label += ': ' + p.keyframes_scored + ' of ' + p.keyframes_total;
      value = 70 + 30 * p.keyframes_scored / p.keyframes_total;
    }
    return [label, value === undefined ? null : value];
  }

  async function follow(jobId) {
    for (;;) {
      const r = await fetch('/jobs/' + encodeURIComponent(jobId));
      const job = await r.json();
      if (r.status !== 200) {
        showRejection(r.status, job.error || 'the job is gone');
        return;
      }
      if (job.verdict) {
        showProgress('Done', 100);
        setStatus('Done: ' + (job.verdict.status === 'done' ? 'classified.' : 'failed.'));
        showVerdict(job);
        return;
      }
      const [label, value] = progressOf(job.progress);
      showProgress(label, value);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // ---------- the verdict ----------

  function showVerdict(job) {
    const v = job.verdict;
    const section = $('verdict');
    section.hidden = false;
    section.dataset.state = v.status;
    section.dataset.jobId = job.job_id;
    $('raw-json').textContent = JSON.stringify(v, null, 2);
    const failed = v.status !== 'done';
    $('failure').hidden = !failed;
    $('result').hidden = failed;
    if (failed) {
      $('error-code').textContent = v.error ? v.error.code : 'unknown';
      $('error-message').textContent = v.error ? v.error.message : '';
    } else {
      showDone(v, job.keyframe_thumbnails || []);
    }
    $('verdict-title').focus();
  }

  function showDone(v, thumbnails) {
    const poster = $('poster');
    if (typeof v.poster_b64 === 'string' && /^[A-Za-z0-9+/=]+$/.test(v.poster_b64)) {
      poster.src = 'data:image/jpeg;base64,' + v.poster_b64;
      poster.hidden = false;
    } else {
      poster.removeAttribute('src');
      poster.hidden = true;
    }
    const explicit = $('explicit');
    explicit.textContent = (v.is_explicit ? '⚠ Explicit' : '✓ Not explicit') + ' (score ' + score(v.explicit_score) + ')';
    explicit.className = 'badge ' + (v.is_explicit ? 'explicit' : 'safe');
    const q = Number(v.quality_score);
    $('quality-meter').value = q;
    $('quality').textContent = score(q) + ' — ' + (q >= 0.67 ? 'good' : q >= 0.34 ? 'fair' : 'poor');
    const tags = $('tags');
    tags.replaceChildren();
    (v.scene_tags || []).forEach((t) => tags.append(el('li', t, 'tag')));
    if (tags.children.length === 0) {
      tags.append(el('li', 'none', 'tag none'));
    }
    const video = v.video || {};
    $('video-facts').textContent = [seconds(v.duration_s), video.width && (video.width + '×' + video.height),
      video.codec, v.sampler && ('sampler ' + v.sampler)].filter(Boolean).join(' · ');
    showTimeline(v, thumbnails);
  }

  /** What a keyframe decided, by the evidence: "explicit" first, then the tags it carries. */
  function decisions(v, pts) {
    const e = v.evidence || {};
    const why = [];
    if ((e.explicit || []).some((t) => Math.abs(t - pts) < 1e-6)) {
      why.push('explicit');
    }
    Object.entries(e.tags || {}).forEach(([tag, times]) => {
      if (times.some((t) => Math.abs(t - pts) < 1e-6)) {
        why.push(tag);
      }
    });
    return why;
  }

  function showTimeline(v, thumbnails) {
    const timeline = $('timeline');
    timeline.querySelectorAll('.keyframe, .cut').forEach((n) => n.remove());
    const duration = Number(v.duration_s) > 0 ? Number(v.duration_s) : 1;
    const at = (t) => Math.min(100, Math.max(0, 100 * t / duration)) + '%';
    const cuts = [];
    (v.keyframes || []).forEach((k) => {
      if (k.scene && k.scene[0] > 0) {
        cuts.push(k.scene[0]);
      }
    });
    cuts.forEach((t) => {
      const cut = el('span', null, 'cut');
      cut.style.left = at(t);
      cut.setAttribute('aria-hidden', 'true');
      timeline.append(cut);
    });
    $('cuts').textContent = cuts.length > 0 ? 'Cuts at ' + cuts.map(seconds).join(', ') + ' (dashed lines).' : '';
    (v.keyframes || []).forEach((k, i) => {
      const why = decisions(v, k.pts_s);
      const button = el('button', null, 'keyframe row-' + (i % 2) + (why.length > 0 ? ' decided' : '')
        + (why[0] === 'explicit' ? ' decided-explicit' : ''));
      button.type = 'button';
      button.dataset.index = String(i);
      button.dataset.pts = String(k.pts_s);
      button.style.left = at(k.pts_s);
      button.setAttribute('aria-label', 'Keyframe ' + (i + 1) + ' at ' + seconds(k.pts_s) + ', explicit score '
        + score(k.explicit_score) + ', quality ' + score(k.quality_score)
        + (why.length > 0 ? ', decided the verdict: ' + why.join(', ') : ''));
      button.setAttribute('aria-describedby', 'keyframe-details');
      button.append(el('span', null, 'tick'));
      if (thumbnails[i]) {
        const img = el('img', null, 'thumbnail');
        img.alt = '';
        img.src = thumbnails[i];
        button.append(img);
      }
      button.append(el('span', seconds(k.pts_s), 'time'));
      if (why.length > 0) {
        button.append(el('span', '★ ' + why.join(', '), 'mark'));
      }
      button.addEventListener('focus', () => showKeyframe(k, i, why));
      button.addEventListener('mouseenter', () => showKeyframe(k, i, why));
      button.addEventListener('click', () => showKeyframe(k, i, why));
      timeline.append(button);
    });
  }

  function showKeyframe(k, i, why) {
    const box = $('keyframe-details');
    box.replaceChildren();
    box.append(el('h4', 'Keyframe ' + (i + 1) + ' at ' + seconds(k.pts_s)
      + (why.length > 0 ? ' — ★ decided the verdict: ' + why.join(', ') : '')));
    const list = el('dl', null, 'scores');
    list.append(el('dt', 'explicit score'), el('dd', score(k.explicit_score) + (k.is_explicit ? ' (explicit)' : ' (not explicit)')));
    list.append(el('dt', 'quality score'), el('dd', score(k.quality_score)));
    list.append(el('dt', 'tags'), el('dd', (k.tags || []).length > 0 ? k.tags.join(', ') : 'none'));
    box.append(list);
    const labels = el('dl', null, 'scores labels');
    Object.entries(k.scores || {}).forEach(([label, s]) => {
      labels.append(el('dt', label), el('dd', score(s)));
    });
    box.append(el('h5', 'Score per rubric label'), labels);
  }

  // ---------- search ----------

  const jobCache = new Map();
  // content hash -> job id of the videos uploaded from this page: the service's search names no jobs
  const ownJobs = new Map();

  async function jobOf(id) {
    if (!jobCache.has(id)) {
      jobCache.set(id, fetch('/jobs/' + encodeURIComponent(id)).then((r) => (r.ok ? r.json() : null)).catch(() => null));
    }
    return jobCache.get(id);
  }

  /** The thumbnail of the keyframe nearest a hit's time, when this page uploaded its video; else null. */
  async function thumbnailOf(hit) {
    const own = ownJobs.get(hit.content_hash);
    for (const id of own ? [own] : []) {
      const job = await jobOf(id);
      if (!job || !job.verdict || !job.keyframe_thumbnails) {
        continue;
      }
      let best = -1;
      (job.verdict.keyframes || []).forEach((k, i) => {
        if (best < 0 || Math.abs(k.pts_s - hit.pts_s) < Math.abs(job.verdict.keyframes[best].pts_s - hit.pts_s)) {
          best = i;
        }
      });
      if (best >= 0 && job.keyframe_thumbnails[best]) {
        return job.keyframe_thumbnails[best];
      }
    }
    return null;
  }

  async function search(query) {
    const status = $('search-status');
    const hits = $('hits');
    hits.replaceChildren();
    status.textContent = 'Searching…';
    try {
      const r = await fetch('/search?top=10&q=' + encodeURIComponent(query));
      const body = await r.json();
      if (r.status !== 200) {
        status.textContent = 'No search: ' + (body.error || ('the service answered ' + r.status));
        return;
      }
      status.textContent = body.hits.length === 0 ? 'No scene fits "' + query + '".'
        : body.hits.length + ' scenes, best first.';
      for (const [i, hit] of body.hits.entries()) {
        const item = el('li', null, 'hit');
        item.dataset.rank = String(i + 1);
        item.dataset.pts = String(hit.pts_s);
        item.dataset.sceneStart = String(hit.scene[0]);
        const src = await thumbnailOf(hit);
        if (src) {
          const img = el('img', null, 'thumbnail');
          img.alt = 'Scene at ' + seconds(hit.pts_s);
          img.src = src;
          item.append(img);
        }
        const text = el('div', null, 'hit-text');
        text.append(el('strong', 'Score ' + score(hit.score)));
        text.append(el('span', 'at ' + seconds(hit.pts_s) + ', scene ' + seconds(hit.scene[0]) + ' to ' + seconds(hit.scene[1])));
        text.append(el('span', (hit.paths || []).join(', '), 'paths'));
        item.append(text);
        hits.append(item);
      }
    } catch (e) {
      status.textContent = 'The service could not be reached: ' + e.message;
    }
  }

  // ---------- wiring ----------

  document.addEventListener('DOMContentLoaded', () => {
    $('upload-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const file = chosenFile();
      if (file) {
        upload(file);
      } else {
        setStatus('Choose a video first.');
        $('video-file').focus();
      }
    });
    $('video-file').addEventListener('change', () => {
      const file = chosenFile();
      if (file) {
        upload(file);
      }
    });
    const zone = $('drop-zone');
    document.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    document.addEventListener('dragleave', () => zone.classList.remove('over'));
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer.files.length > 0) {
        upload(e.dataTransfer.files[0]);
      }
    });
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const q = $('query').value.trim();
      if (q) {
        search(q);
      }
    });
  });
})();
