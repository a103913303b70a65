/**
 * Nucleation page: "what nucleation overpotential will this SAC host give?" — `sacplate nucleation`
 * over the API (POST /api/nucleation). A form (metal, host, one or more SACs named from the
 * parameter sets or given by their DFT numbers, current), the atomistic stage's progress lines
 * while it runs (server-sent events), then eta(t) with the peak and the plateau marked, the
 * report's keys with their units, and where the numbers came from (which atomistic data, cached
 * or computed). "Against the review" runs the CLI's --against-literature.
 */
import { api, events, fmt, h, table } from '../api';
import { numberOrText } from '../form';
import { LinePlot, PALETTE, plotWidthIn } from '../plot';
import { ASSUMED_SAC_MOLAR_MASS } from '../../../src/nucleation/defaults';
import { NUCLEATION_LOADING_NOTE, jobAnswerIsCurrent } from '../../../src/server/page-readings';

interface Named { name: string; description: string; metals: string[] }
const BY_NUMBERS = '(by numbers)';
const NO_SAC = '(none: the plain host)';

export function mountNucleation(el: HTMLElement): () => void {
  let es: EventSource | undefined;
  const formBox = h('div', { class: 'panel', id: 'nuc-form' }, h('h3', { text: 'Nucleation overpotential from DFT numbers' }), h('p', { class: 'hint', text: 'loading the parameter sets…' }));
  const out = h('div', { class: 'panel', id: 'nuc-out' }, h('p', { class: 'hint', text: 'Pick a host and a SAC and press Compute. The first call for a new SAC runs the atomistic stage (minutes; cached in the store, as for the CLI); later calls take about a second.' }));
  const recent = h('div', { class: 'panel runs-list', id: 'nuc-recent' });
  // a job opened from the list refills the form from its request (GET /api/nucleation/:id `request`, kept since mends62)
  const refillNote = h('p', { class: 'hint', id: 'nuc-refill' });
  let fillForm: ((req: Record<string, unknown>) => string[]) | undefined;
  const refillFrom = (v: any) => {
    if (!fillForm) return;
    if (!v.request || typeof v.request !== 'object') {
      refillNote.textContent = `${v.id} was kept without its request (a job from before mends62): the form is left as it was`;
      return;
    }
    const left = fillForm(v.request);
    const lit = v.request.against_literature === true;
    // review71: a request with parts the form cannot hold (a parameters block's host or SAC set, ...) said "(Compute runs it
    // again)" beside its "not in the form" list, and Compute ran the form's other host or the built-in set of the name
    refillNote.textContent = left.length === 0
      ? `the form holds ${v.id}'s request${lit ? ' (against the review: its capacity and settings; Against the review runs it again)' : ' (Compute runs it again)'}`
      : `the form holds part of ${v.id}'s request${lit ? ' (against the review: its capacity and settings)' : ''}: ${lit ? 'Against the review' : 'Compute'} runs the form as shown, not that request; not in the form: ${left.join('; ')}`;
  };
  el.append(h('div', { class: 'cols' }, h('div', {}, formBox, recent), out));

  let shown: { id?: unknown; status?: unknown } | undefined; // the job view drawn last (mends113: a stale answer is not drawn over it)
  const show = (v: any) => {
    shown = v;
    const status = h('div', { id: 'nuc-status', 'data-status': v.status, text: statusText(v) });
    const parts: Node[] = [h('h3', { text: v.id }), status];
    // what reading the request said without refusing it (a set of its parameters block no case names: mends86), one a line
    if (Array.isArray(v.notes) && v.notes.length) parts.push(h('pre', { class: 'hint', id: 'nuc-notes', style: 'white-space: pre-wrap', text: v.notes.join('\n') }));
    if (v.status === 'queued' || v.status === 'running') {
      const cancel = h('button', { type: 'button', text: 'Cancel', id: 'nuc-cancel' });
      cancel.onclick = async () => { try { await api(`nucleation/${v.id}/cancel`, { method: 'POST' }); } catch (e) { status.textContent = (e as Error).message; } };
      parts.push(cancel);
    }
    if (v.progress.log.length) parts.push(h('pre', { class: 'hint', id: 'nuc-log', text: v.progress.log.slice(-12).join('\n') }));
    const done = v.results.map((r: any, i: number) => (r ? { r, c: v.cases[i] } : null)).filter(Boolean) as { r: any; c: any }[];
    if (done.length) parts.push(...results(done, v.literature, plotWidthIn(out, 640)));
    out.replaceChildren(...parts);
  };

  // a job outlives the page (and, once ended, the server): reopen one from the list
  const refreshRecent = async () => {
    const { jobs } = await api('nucleation', { query: { limit: '10' } });
    recent.replaceChildren(h('h3', { text: 'Recent nucleation jobs' }), jobs.length ? table(['job', 'status', 'cases'], jobs.map((j: any) => {
      const a = h('a', { href: '#/nucleation', text: j.id.slice(4, 19), 'data-job': j.id });
      a.onclick = async (e) => {
        e.preventDefault();
        const v = await api(`nucleation/${j.id}`);
        show(v);
        refillFrom(v);
        if (v.status === 'queued' || v.status === 'running') follow(v.id);
      };
      return [a, String(j.status), j.cases.map((c: any) => c.name).join('; ')];
    })) : h('p', { class: 'hint', text: 'none yet' }));
  };

  const follow = (id: string) => {
    es?.close();
    let last: any;
    // mends113 (review85 M7): an answer asked at a `case` event and arriving after the `finished` status event (the stream
    // then closed) drew "running" with Cancel for good; one behind the shown status (or of another job) is not drawn
    const refresh = async () => {
      const got = await api(`nucleation/${id}`);
      if (!jobAnswerIsCurrent(shown, got)) return;
      last = got;
      show(last);
    };
    es = events(`nucleation/${id}/events`);
    es.addEventListener('status', (e) => {
      last = JSON.parse((e as MessageEvent).data);
      show(last);
      if (last.status !== 'queued' && last.status !== 'running') { es?.close(); void refreshRecent(); }
    });
    es.addEventListener('progress', (e) => {
      const d = JSON.parse((e as MessageEvent).data);
      if (!last) return;
      last.progress.log.push(d.message);
      last.progress.lines++;
      if (typeof d.wall_s === 'number') last.wall_s = d.wall_s; // the job's time so far (it read 0.0 s until the end)
      const log = document.getElementById('nuc-log');
      const status = document.getElementById('nuc-status');
      if (log && status) { log.textContent = last.progress.log.slice(-12).join('\n'); status.textContent = statusText(last); } else show(last);
    });
    es.addEventListener('case', () => { void refresh(); });
  };

  void (async () => {
    const sys = await api<{ metals: Named[]; hosts: Named[]; sacs: Named[] }>('nucleation/systems');
    const msg = h('div', { class: 'error', id: 'nuc-error' });
    const metal = h('select', { name: 'nuc-metal' }, ...sys.metals.map((m) => h('option', { value: m.name, text: m.name })));
    const host = h('select', { name: 'nuc-host' });
    // a host of one's own by its DFT numbers, the text `sacplate nucleation --host` takes ("binding -1.25 eV, reference
    // -1.2 eV, refhost graphene", src/nucleation/system.ts hostFromNumbers; the server reads it with the same reader)
    const hostNum = (k: string, hint: string) => h('label', {}, h('span', { class: 'name', text: k }), h('input', { name: `nuc-host-${k}`, size: 24, placeholder: hint }));
    const refhost = h('select', { name: 'nuc-host-refhost' });
    const hostNumbers = h('fieldset', { class: 'by-numbers', id: 'nuc-host-numbers', hidden: true },
      hostNum('binding', 'e.g. -1.25 (eV)'), hostNum('reference', 'e.g. -1.2 (eV)'),
      h('label', {}, h('span', { class: 'name', text: 'refhost' }), refhost),
      h('small', { class: 'hint', text: 'DFT adsorption energy of one metal atom on the new host (binding) and, in the same study, on refhost (reference), sign as printed. The model\'s host binding is refhost\'s model binding + (|binding| - |reference|); refhost left as is: the metal\'s own surface, whose model binding is the bond (docs/nucleation.md).' }));
    const hostField = (k: string) => (hostNumbers.querySelector(`[name="nuc-host-${k}"]`) as HTMLInputElement);
    const syncHost = () => { hostNumbers.hidden = host.value !== BY_NUMBERS; };
    host.onchange = syncHost;
    /** the host as the body's `host`: its name, or its numbers as the CLI's --host text (a bare number gets eV) */
    const hostValue = (): string => {
      if (host.value !== BY_NUMBERS) return host.value;
      const e = (k: string) => { const x = hostField(k).value.trim(); return x === '' ? '' : `${k} ${/^[-+.\d]+(e[-+]?\d+)?$/i.test(x) ? x + ' eV' : x}`; };
      // nothing typed: "binding" alone, which the reader refuses naming host.binding and the form it takes
      return [e('binding'), e('reference'), refhost.value ? `refhost ${refhost.value}` : ''].filter(Boolean).join(', ') || 'binding ,';
    };
    const current = h('input', { name: 'nuc-current', value: '1 mA/cm2', size: 12 });
    const capacity = h('input', { name: 'nuc-capacity', placeholder: '0.02 mAh/cm2 (default)', size: 22 });
    // nucl64: the cell temperature, as a run file's ("-20 degC"); Compute only (the review's systems run at 25 degC)
    const temperature = h('input', { name: 'nuc-temperature', placeholder: '25 degC (default)', size: 18 });
    const rows = h('div', { id: 'nuc-sacs' });
    const sacRows: { el: HTMLElement; value: () => { sac?: string; loading?: string }; set: (sac: string | undefined, loading: string | undefined) => string[] }[] = [];
    const sacOptions = () => [NO_SAC, BY_NUMBERS, ...sys.sacs.filter((s) => s.metals.includes(metal.value)).map((s) => s.name)];

    const addSac = (initial: string) => {
      const i = sacRows.length;
      const pick = h('select', { name: `nuc-sac-${i}` }, ...sacOptions().map((n) => h('option', { value: n, text: n })));
      pick.value = sacOptions().includes(initial) ? initial : NO_SAC;
      const num = (k: string, hint: string) => h('label', {}, h('span', { class: 'name', text: k }), h('input', { name: `nuc-${k}-${i}`, size: 24, placeholder: hint }));
      const numbers = h('fieldset', { class: 'by-numbers', hidden: true },
        num('binding', 'e.g. -2.29 (eV)'), num('reference', 'plain support, eV (optional)'), num('desolvation', 'eV (optional)'), num('element', 'e.g. Co (for wt%)'),
        h('small', { class: 'hint', text: `DFT binding of M0 at the SAC and on the plain support, as the paper reports them (sign as printed). Element: its molar mass turns a wt% loading into sites; without it ${ASSUMED_SAC_MOLAR_MASS} g/mol is taken (the middle of Mn-Zn: sites within +-8.7 %), and the result says so.` }));
      const loading = h('input', { name: `nuc-loading-${i}`, size: 22, placeholder: '1 wt% (default, by mass)' });
      // the migration barrier applies to a named SAC too ("Zn-N4, migration 1.5 eV")
      const migration = h('input', { name: `nuc-migration-${i}`, size: 12, placeholder: 'eV (optional)' });
      const sync = () => { numbers.hidden = pick.value !== BY_NUMBERS; loading.disabled = pick.value === NO_SAC; migration.disabled = pick.value === NO_SAC; };
      pick.onchange = sync;
      sync();
      const row = h('div', { class: 'row' }, h('label', {}, h('span', { class: 'name', text: `SAC ${i + 1}` }), pick), numbers,
        h('label', {}, h('span', { class: 'name', text: 'loading' }), loading, h('small', { class: 'loading-units', text: NUCLEATION_LOADING_NOTE })),
        h('label', { title: 'the barrier for M0 to leave the SAC for a host site (kinetic only: it moves the saddle both ways; at least the binding difference to the host; docs/nucleation.md)' },
          h('span', { class: 'name', text: 'migration' }), migration, h('small', { text: 'barrier out of the SAC, eV (optional)' })));
      const input = (k: string) => (k === 'migration' ? migration : numbers.querySelector(`[name="nuc-${k}-${i}"]`) as HTMLInputElement);
      const field = (k: string) => input(k).value.trim();
      const NUMBER_KEYS = ['binding', 'reference', 'desolvation', 'migration', 'element'];
      sacRows.push({
        el: row,
        // the row from a request's case: its sac text read back as value() writes it ("Zn-N4", "Zn-N4, migration 1.5 eV",
        // "binding -2.29 eV, reference ..., element Co": a number in eV goes back bare); what the row cannot hold is returned
        set: (sac, l) => {
          const left: string[] = [];
          for (const k of NUMBER_KEYS) input(k).value = '';
          const parts = (sac ?? '').split(',').map((x) => x.trim()).filter(Boolean);
          const keyed = (p: string) => { const m = /^(\w+)\s+(.+)$/.exec(p); return m && NUMBER_KEYS.includes(m[1]!) ? { k: m[1]!, v: m[2]! } : null; };
          let named: string | undefined;
          if (parts.length === 0) pick.value = NO_SAC;
          else if (keyed(parts[0]!)) pick.value = BY_NUMBERS;
          else {
            named = parts.shift()!;
            if (sacOptions().includes(named)) pick.value = named; else { left.push(`SAC "${sac}"`); pick.value = NO_SAC; parts.length = 0; }
          }
          for (const p of parts) {
            const kv = keyed(p);
            if (!kv || (named !== undefined && kv.k !== 'migration')) { left.push(`"${p}" of SAC "${sac}"`); continue; }
            input(kv.k).value = /^[-+.\d]+(e[-+]?\d+)?\s*eV$/i.test(kv.v) ? kv.v.replace(/\s*eV$/i, '') : kv.v;
          }
          loading.value = l ?? '';
          sync();
          return left;
        },
        value: () => {
          const l = loading.value.trim();
          if (pick.value === NO_SAC) return {};
          let sac = pick.value;
          // the CLI's --sac text: "binding -2.29 eV, reference ..., element Co"; a bare number gets its unit (eV)
          const e = (k: string) => { const x = field(k); return x === '' ? '' : `${k} ${/^[-+.\d]+(e[-+]?\d+)?$/i.test(x) ? x + ' eV' : x}`; };
          if (pick.value === BY_NUMBERS) {
            sac = [e('binding'), e('reference'), e('desolvation'), e('migration'), field('element') ? `element ${field('element')}` : ''].filter(Boolean).join(', ') || 'binding';
          } else if (field('migration') !== '') sac = `${pick.value}, ${e('migration')}`; // a named SAC with a migration barrier
          return { sac, ...(l ? { loading: l } : {}) };
        },
      });
      rows.append(row);
    };
    const fillHosts = () => {
      const keep = host.value;
      const named = sys.hosts.filter((x) => x.metals.includes(metal.value));
      host.replaceChildren(...named.map((x) => h('option', { value: x.name, text: x.name, title: x.description })),
        h('option', { value: BY_NUMBERS, text: BY_NUMBERS, title: 'a host of one\'s own by its DFT numbers, as sacplate nucleation --host "binding ..., reference ..., refhost ..." takes it' }));
      if ([...host.options].some((o) => o.value === keep)) host.value = keep;
      const keepRef = refhost.value;
      refhost.replaceChildren(h('option', { value: '', text: `(${metal.value}: the metal's own surface)` }),
        ...named.filter((x) => x.name !== metal.value).map((x) => h('option', { value: x.name, text: x.name, title: x.description })));
      if ([...refhost.options].some((o) => o.value === keepRef)) refhost.value = keepRef;
      syncHost();
      for (const r of sacRows) {
        const pick = r.el.querySelector('select') as HTMLSelectElement;
        const was = pick.value;
        pick.replaceChildren(...sacOptions().map((n) => h('option', { value: n, text: n })));
        pick.value = sacOptions().includes(was) ? was : NO_SAC;
        pick.dispatchEvent(new Event('change'));
      }
    };
    metal.onchange = fillHosts;
    fillHosts();
    if ([...host.options].some((o) => o.value === 'N-graphene')) host.value = 'N-graphene';
    addSac('Zn-N4');
    const more = h('button', { type: 'button', text: '+ another SAC', id: 'nuc-more', title: 'several SACs on the same host: one case each, as the cases of a case file' });
    more.onclick = () => addSac(NO_SAC);

    const adv = (k: string, hint: string) => h('label', {}, h('span', { class: 'name', text: k }), h('input', { name: `nuc-${k}`, size: 10, placeholder: hint }));
    const plateau = h('select', { name: 'nuc-plateau' }, h('option', { value: '', text: 'flat (default)' }), h('option', { value: 'end', text: 'end (earlier reading)' }));
    const reduction = h('select', { name: 'nuc-host-reduction' }, h('option', { value: '', text: 'bronsted (default)' }), h('option', { value: 'metal-rate', text: 'metal-rate (earlier rule)' }));
    // the CLI's --sampler: left out, the server's default (mfpt+ffs, tail end electrode); mfpt the earlier default (about 10x less CPU)
    const sampler = h('select', { name: 'nuc-sampler' }, h('option', { value: '', text: 'mfpt+ffs, tail end electrode (default)' }), h('option', { value: 'mfpt', text: 'mfpt (earlier default; its law over-predicts J below its points)' }));
    const advanced = h('details', {}, h('summary', { text: 'atomistic stage and plateau (the CLI\'s --runs, --box, --target, --max-events, --sampler, --plateau, --host-reduction)' }),
      adv('runs', '12'), adv('box', '16 sites'), adv('target', '40 atoms'), adv('max_events', '200000'),
      h('label', {}, h('span', { class: 'name', text: 'sampler' }), sampler),
      h('label', {}, h('span', { class: 'name', text: 'plateau' }), plateau), h('label', {}, h('span', { class: 'name', text: 'host reduction' }), reduction),
      h('small', { class: 'hint', text: 'Other atomistic settings are other cached data: the defaults are what the docs measured.' }));
    const advValue = (k: string) => (advanced.querySelector(`[name="nuc-${k}"]`) as HTMLInputElement).value.trim();

    // the capacity, atomistic settings, plateau rule and host reduction, for Compute and Against the review alike;
    // a setting that is not a number goes as typed ("16 sites"), so the line names it (Number() made it null: "box: got null")
    const settings = (b: Record<string, unknown>): Record<string, unknown> => {
      if (capacity.value.trim()) b.capacity = capacity.value.trim();
      for (const k of ['runs', 'box', 'target', 'max_events']) if (advValue(k)) b[k] = numberOrText(advValue(k));
      if (sampler.value) b.sampler = sampler.value;
      if (plateau.value) b.plateau = plateau.value;
      if (reduction.value) b.host_reduction = reduction.value;
      return b;
    };
    const body = (): Record<string, unknown> => {
      // no names: the server names each case as a case file's (metal on host + sac), and two rows of one SAC by their loadings
      const cases = sacRows.map((r) => ({ host: hostValue(), ...r.value() }));
      return settings({ metal: metal.value, current: current.value.trim(), ...(temperature.value.trim() ? { temperature: temperature.value.trim() } : {}), cases });
    };
    // webaudit65: the box a refusal names, marked (aria-invalid, a red frame) and focused, its fold opened, as the Run
    // page does (mends114): the line names the API's path (`cases[0].loading`), which the form does not show
    const markInvalid = (message: string | undefined) => {
      for (const x of formBox.querySelectorAll('[aria-invalid="true"]')) { x.removeAttribute('aria-invalid'); x.removeAttribute('aria-describedby'); }
      const name = message === undefined ? undefined : nucleationField(message);
      const box = name === undefined ? null : formBox.querySelector<HTMLElement>(`[name="${name}"]`);
      if (!box) return;
      box.setAttribute('aria-invalid', 'true');
      box.setAttribute('aria-describedby', 'nuc-error');
      for (let d = box.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      box.focus();
    };
    const submit = async (b: Record<string, unknown>) => {
      msg.textContent = '';
      markInvalid(undefined);
      try {
        const v = await api('nucleation', { body: b });
        show(v);
        if (v.status === 'queued' || v.status === 'running') follow(v.id);
        void refreshRecent();
      } catch (e) { msg.className = 'error'; msg.textContent = (e as Error).message; markInvalid(msg.textContent); }
    };
    fillForm = (req) => {
      const left: string[] = [];
      const text = (x: unknown) => (x === undefined || x === null ? '' : String(x));
      const choose = (sel: HTMLSelectElement, k: string) => {
        const x = text(req[k]);
        if ([...sel.options].some((o) => o.value === x)) sel.value = x; else { sel.value = ''; left.push(`${k} ${x}`); }
      };
      if (req.against_literature !== true) {
        // a request of the form (cases, one per SAC row) or the CLI's flags (metal, host, sac): one host for all rows
        const cases = (Array.isArray(req.cases) ? req.cases : [{ host: req.host, sac: req.sac }]) as Record<string, unknown>[];
        if ([...metal.options].some((o) => o.value === req.metal)) { metal.value = String(req.metal); fillHosts(); } else left.push(`metal ${text(req.metal)}`);
        const hostName = text(cases[0]?.host);
        if (/^\s*(binding|reference|refhost)\s+\S/i.test(hostName)) {
          // a host by its numbers (src/nucleation/system.ts isHostNumbers): its parts back into the fields
          host.value = BY_NUMBERS;
          for (const k of ['binding', 'reference']) hostField(k).value = '';
          refhost.value = '';
          for (const p of hostName.split(',').map((x) => x.trim()).filter(Boolean)) {
            const m = /^(\w+)\s+(.+)$/.exec(p);
            const k = m?.[1]?.toLowerCase();
            if (m && (k === 'binding' || k === 'reference')) hostField(k).value = /^[-+.\d]+(e[-+]?\d+)?\s*eV$/i.test(m[2]!) ? m[2]!.replace(/\s*eV$/i, '') : m[2]!;
            else if (m && k === 'refhost' && [...refhost.options].some((o) => o.value === m[2])) refhost.value = m[2]!;
            else left.push(`"${p}" of host "${hostName}"`);
          }
          syncHost();
        } else if ([...host.options].some((o) => o.value === hostName)) { host.value = hostName; syncHost(); } else left.push(`host ${hostName} (the form's host stays ${host.value === BY_NUMBERS ? `"${hostValue()}"` : host.value})`);
        while (sacRows.length < Math.max(1, cases.length)) addSac(NO_SAC);
        while (sacRows.length > Math.max(1, cases.length)) sacRows.pop()!.el.remove();
        cases.forEach((c, i) => {
          if (text(c.host) !== hostName) left.push(`cases[${i}].host ${text(c.host)} (the form has one host)`);
          if (c.name !== undefined) left.push(`cases[${i}].name ${text(c.name)}`);
          if (c.temperature !== undefined) left.push(`cases[${i}].temperature ${text(c.temperature)} (the form has one temperature)`);
          const l = c.loading ?? req.loading; // a body's loading is every case's that gives none
          left.push(...sacRows[i]!.set(c.sac === undefined ? undefined : String(c.sac), l === undefined ? undefined : String(l)));
        });
        current.value = text(req.current) || '1 mA/cm2'; // the server's default when the body gives none
      }
      temperature.value = text(req.temperature);
      capacity.value = text(req.capacity);
      for (const k of ['runs', 'box', 'target', 'max_events']) (advanced.querySelector(`[name="nuc-${k}"]`) as HTMLInputElement).value = text(req[k]);
      choose(sampler, 'sampler'); choose(plateau, 'plateau'); choose(reduction, 'host_reduction');
      for (const k of ['plain', 'capture', 'tail_end', 'ffs_repetitions']) if (req[k] !== undefined) left.push(`${k} ${text(req[k])}`);
      // a parameters block sent by a script (mends83): the form has no box for it, so Compute runs the named sets without it
      if (req.parameters !== undefined) {
        // its sets by name: a SAC named as a built-in one runs the built-in set from the form (review71)
        const p = (req.parameters ?? {}) as Record<string, unknown>;
        const names = (k: string) => (p[k] && typeof p[k] === 'object' ? Object.keys(p[k] as object) : []);
        const sets = [...names('sacs').map((n) => `SAC ${n}`), ...names('hosts').map((n) => `host ${n}`)];
        left.push(`parameters (a block of SAC and host sets${sets.length ? `: ${sets.join(', ')}` : ''}; the form runs the built-in sets of its names)`);
      }
      return left;
    };
    const go = h('button', { type: 'button', text: 'Compute', id: 'nuc-go' });
    go.onclick = () => void submit(body());
    const lit = h('button', { type: 'button', text: 'Against the review', id: 'nuc-literature', title: 'sacplate nucleation --against-literature: the review\'s systems at their reported currents, the model beside the reported values (nothing fitted to them), with the capacity and the settings below; computes the atomistic data of each system not yet in the store' });
    lit.onclick = () => {
      // the review's systems at their own currents (the form's current is not sent); the form's
      // capacity, atomistic settings, plateau rule and host reduction as for Compute (the plateau
      // and host-reduction choices were dropped here: the table read the default rules)
      void submit(settings({ against_literature: true }));
    };
    const label = (k: string, node: Node, hint?: string) => h('label', {}, h('span', { class: 'name', text: k }), node, hint ? h('small', { text: hint }) : null);
    // webaudit65: Enter in a text box is Compute, as on the Run page (mends115); it did nothing (the page has no <form>).
    // Not in a choice list or a box being composed
    formBox.onkeydown = (e) => {
      const t = e.target as HTMLInputElement | null;
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || !t || t.tagName !== 'INPUT' || (t.type !== 'text' && t.type !== '')) return;
      e.preventDefault();
      go.click();
    };
    formBox.replaceChildren(h('h3', { text: 'Nucleation overpotential from DFT numbers' }),
      label('metal', metal), label('host', host), hostNumbers, rows, more, label('current', current, 'plating current density, e.g. "1 mA/cm2"'), label('capacity', capacity),
      label('temperature', temperature, 'cell temperature, e.g. "-20 degC" (Compute; the review\'s systems run at 25 degC)'),
      advanced, h('p', {}, go, ' ', lit), msg, refillNote);
  })();
  void refreshRecent();
  return () => { es?.close(); };
}

/**
 * The form's box a refusal of POST /api/nucleation names (the line's leading path): `cases[i].sac.binding` the SAC row's
 * number box (`nuc-binding-i`), `cases[i].sac` its picker, `cases[i].loading` its loading, `cases[i].host.binding` the
 * host's number box, `cases[i].host` the host picker, a top-level key its own box (`current`, `box`, `host_reduction` as
 * `nuc-host-reduction`); undefined for a line without a path
 */
export function nucleationField(message: string): string | undefined {
  const m = /^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*)\s*:/.exec(message);
  if (!m) return undefined;
  const c = /^cases\[(\d+)\]\.(\w+)(?:\.(\w+))?/.exec(m[1]!);
  if (c) {
    const [, i, key, sub] = c;
    if (key === 'host') return sub ? `nuc-host-${sub}` : 'nuc-host';
    if (key === 'sac') return sub ? `nuc-${sub}-${i}` : `nuc-sac-${i}`;
    return `nuc-${key}-${i}`;
  }
  const top = /^(\w+)/.exec(m[1]!)![1]!;
  return `nuc-${top.replace(/_/g, top === 'max_events' ? '_' : '-')}`;
}

function statusText(v: any): string {
  const src = v.cases.map((c: any) => c.atomistic);
  const what = src.every((s: string) => s === 'cached' || s === 'own-metal') ? 'atomistic data from the store' : `atomistic stage: ${src.filter((s: string) => s === 'compute' || s === 'host-cached').length} of ${src.length} case(s) to compute`;
  const t = v.wall_s !== null && v.wall_s !== undefined ? `, ${v.wall_s.toFixed(1)} s` : '';
  return `${v.status}${t} — ${v.progress.done} of ${v.cases.length} case(s) done; ${what}${v.error ? ' — ' + v.error : ''}`;
}

/** eta(t) with peak and plateau marked, the report's keys with units, provenance; the review's value beside the model's. */
function results(done: { r: any; c: any }[], literature: boolean, width: number): Node[] {
  const plot = new LinePlot('time since the current was switched on (s, log)', 'overpotential (mV)', width, 300, true);
  plot.el.dataset.testid = 'nuc-eta';
  const series = done.flatMap(({ r, c }, i) => {
    const color = PALETTE[(2 * i) % PALETTE.length];
    const t = r.trace.map((p: any) => p.t_s);
    const tEnd = t.length ? t[t.length - 1] : 0;
    return [
      { label: c.name, x: t, y: r.trace.map((p: any) => p.eta_mV), color },
      { label: `peak ${fmt(r.peak_overpotential_mV, 3)} mV`, x: [r.peak_time_s], y: [r.peak_overpotential_mV], color: '#000', points: true },
      // the plateau is eta's time-weighted mean over the last 10 % of the run (its reading window, solid); dashed from the peak on, so that it shows on a log axis
      { label: `plateau ${fmt(r.plateau_overpotential_mV, 3)} mV`, x: [r.peak_time_s, 0.9 * tEnd], y: [r.plateau_overpotential_mV, r.plateau_overpotential_mV], color: PALETTE[(2 * i + 1) % PALETTE.length], dash: [6, 4] },
      { label: 'plateau window (last 10 %)', x: [0.9 * tEnd, tEnd], y: [r.plateau_overpotential_mV, r.plateau_overpotential_mV], color: PALETTE[(2 * i + 1) % PALETTE.length] },
    ];
  });
  plot.set(series);
  const keys: [string, (r: any) => string][] = [
    ['nucleation overpotential, peak minus plateau (mV)', (r) => fmt(r.nucleation_overpotential_mV, 3)],
    ['peak overpotential (mV)', (r) => `${fmt(r.peak_overpotential_mV, 3)} at ${fmt(r.peak_time_s, 3)} s`],
    ['plateau overpotential (mV)', (r) => `${fmt(r.plateau_overpotential_mV, 3)} (rule ${r.plateau_rule}, read at ${fmt(r.plateau_capacity_mAh_per_cm2, 2)} mAh/cm2, stop: ${r.plateau_stop}, drift ${fmt(r.plateau_drift_mV, 2)} mV)`],
    ['nucleus density at the peak (per um2)', (r) => fmt(r.nucleus_density_per_um2.at_peak, 3)],
    ['nucleus density at the end (per um2)', (r) => fmt(r.nucleus_density_per_um2.at_end, 3)],
    ['mean nucleus radius at the end (nm)', (r) => fmt(r.mean_nucleus_radius_nm, 3)],
    ['metal area at the end (per electrode area)', (r) => fmt(r.metal_area_end, 3)],
    ['SAC sites (per nm2)', (r) => (r.sac_sites_per_nm2 === null ? '–' : `${fmt(r.sac_sites_per_nm2, 3)} (${r.sac_loading}${r.sac_loading_assumption ? '; SAC element not given: molar mass assumed, see below' : ''})`)],
    ['current (mA/cm2), temperature (K)', (r) => `${fmt(r.current_mA_per_cm2)}, ${fmt(r.temperature_K, 6)}`],
    ['J(eta) on the host', (r) => lawText(r.J_eta.host)],
    ['J(eta) at a SAC site', (r) => (r.J_eta.sac === null ? '–' : r.J_eta.sac.note ?? lawText(r.J_eta.sac))],
    ['capture factor E that J was divided by (host, per overpotential)', (r) => (r.atomistic ? (r.atomistic.capture_factor ? `${r.atomistic.capture_factor.host.map((p: { eta_mV: number; E: number }) => `${fmt(p.E, 3)} at ${fmt(p.eta_mV, 3)} mV`).join(', ')}; ${r.atomistic.capture_residual_measured}` : 'off (the elimination\'s own J)') : '–')],
    ['uncorrected elimination\'s overestimate (continuum estimate)', (r) => (r.atomistic ? `${fmt(r.atomistic.rate_overestimate_bound, 3)} (diffusion length ${fmt(r.atomistic.adatom_diffusion_length_sites, 3)} sites)${r.atomistic.capture ? '; removed by the capture factor' : '; still in J'}` : '–')],
  ];
  const nodes: Node[] = [h('h4', { text: 'electrode overpotential eta(t) during the first plating' }), plot.el,
    h('h4', { text: 'result (sacplate nucleation --json keys)' }),
    table(['quantity', ...done.map(({ c }) => c.name)], keys.map(([k, f]) => [k, ...done.map(({ r }) => f(r))]), { id: 'nuc-table' })];
  if (literature) {
    nodes.push(h('h4', { text: 'model beside the review (nothing fitted to the reported values)' }),
      table(['system', 'model (mV)', 'reported (mV)', 'reference'], done.map(({ r, c }) => [c.name, fmt(r.nucleation_overpotential_mV, 3),
        // as the CLI's table: the quantity when not a nucleation overpotential, and a cell the review does not name
        c.reported ? `${c.reported.value_mV}${((w: string[]) => (w.length ? ` (${w.join(', ')})` : ''))([c.reported.quantity !== 'nucleation_overpotential' ? c.reported.quantity : '', /^not stated\b/i.test(c.reported.cell ?? '') ? 'cell not stated' : ''].filter(Boolean))}` : '–',
        c.reported ? `${c.reported.record}, review ref ${c.reported.ref}, at ${c.reported.current}` : 'control: the metal\'s own foil']), { id: 'nuc-literature-table' }));
  }
  nodes.push(h('h4', { text: 'where the numbers came from' }));
  for (const { r, c } of done) {
    const a = r.atomistic;
    const line = r.own_metal ? 'the metal\'s own foil: no atomistic stage (no nucleus needed)'
      : `atomistic data ${a.cache_key}: ${a.cached ? 'read from the store (cached)' : `computed in ${fmt(a.wall_s, 3)} s${a.host_from_cache ? ' (the host\'s scan read from the store)' : ''}`}; ${a.events.toLocaleString('en')} events, ${a.options.runs} runs per overpotential, ${a.options.L} x ${a.options.L} sites, stop at ${a.options.target} atoms, ${a.options.reservoir ? `lone adatoms eliminated, capture correction ${a.options.capture ? 'on' : 'off'}` : 'plain kMC'}, sampler ${a.options.sampler ?? 'mfpt'}${a.options.tailEnd ? ' (tail end electrode)' : ''}; host rule ${r.host_reduction.rule}`;
    nodes.push(h('div', { class: 'provenance' }, h('strong', { text: `${c.name}: ` }), line, h('ul', { class: 'hint' }, ...r.provenance.map((p: string) => h('li', { text: p })))));
  }
  return nodes;
}

function lawText(l: any): string {
  if (!l) return '–';
  const unit = String(l.form).startsWith('2D') ? 'V' : 'V^2';
  return `${l.form}, B = ${fmt(l.B, 3)} ${unit} [${fmt(l.BLo, 3)}, ${fmt(l.BHi, 3)}], r2 ${fmt(l.r2, 3)}; ${l.points.length} points, ${fmt(l.etaMin_V * 1e3, 3)}-${fmt(l.etaMax_V * 1e3, 3)} mV`;
}
