#!/usr/bin/python3
"""An independent reading of real cycler exports, for test/cycler-cross-check.test.ts (cycfile65).

Python's csv module only, no sacplate code: each file is parsed by its own layout (Neware flat, Neware three-level,
Arbin CSV, BDF CSV), then, by docs/cycler.md's definitions:
- each row's direction: +1 charge / strip, -1 discharge / plating, 0 rest, from the file's step labels (Neware), else
  the current's sign over the rest threshold (0.1 % of the decade the largest |I| falls in), a step whose non-rest rows
  are one-signed taking that sign for all its rows (BDF's step_index);
- pieces: runs of rows of one direction and one step; halves: consecutive pieces of one direction, rests between them
  ignored (physical half cycles);
- a piece's charge: the trapezoid of |I| over its own rows, in mAh; the file's own capacity column over it (per-step
  counters: their largest value; cumulative ones: their growth from the row before);
- a piece's |V| figures: mean and median of |V|, the plateau (median |V| over t >= t0 + 0.5 (t1 - t0)) and the peak
  (largest |V| before that window, and its time);
- a half's plateau over its whole time under current: the median |V| over the samples past half of the summed
  durations of its pieces (the rests left out).
Prints {basename: {...}} as JSON. Usage: cycler-reference.py FILE...
"""
import csv, json, math, os, statistics, sys


def hms(s):
    p = s.split(':')
    return int(p[0]) * 3600 + int(p[1]) * 60 + float(p[2]) if len(p) == 3 else float(s)


def label_dir(lbl):
    low = lbl.lower()
    if 'dchg' in low or 'discharge' in low:
        return -1
    if 'chg' in low or 'charge' in low:
        return 1
    return 0


def header_index(h):
    return {n: i for i, n in enumerate(h)}


def rows_neware_flat(f):
    r = csv.reader(f)
    ix = header_index(next(r))
    return [dict(t=hms(w[ix['Cumulative Time']]), I=float(w[ix['Current(A)']]), V=float(w[ix['Voltage(V)']]),
                 d=label_dir(w[ix['Step Type']]), step=(w[ix['Cycle Index']], w[ix['Step Index']]),
                 qc=float(w[ix['Chg. Cap.(Ah)']]), qd=float(w[ix['DChg. Cap.(Ah)']])) for w in r], 'per_step'


def rows_neware3(f):
    """cycle rows (a number in the first field; the first step row may follow on the same line), step rows (',' then
    the step index), record rows (',,' then DataPoint, Time, Total Time, Current(A), Voltage(V), Capacity(Ah))"""
    r = csv.reader(f)
    for _ in range(3):
        next(r)
    out, cyc, step, d = [], None, None, 0
    for w in r:
        if w[0] != '':
            cyc = int(w[0])
            if len(w) > 8 and w[8] != '':
                step, d = (cyc, w[9]), label_dir(w[10])
        elif w[1] != '':
            step, d = (cyc, w[2]), label_dir(w[3])
        else:
            cap = float(w[7])
            out.append(dict(t=hms(w[4]), I=float(w[5]), V=float(w[6]), d=d, step=step,
                            qc=cap if d > 0 else 0.0, qd=cap if d < 0 else 0.0))
    return out, 'per_step'


def rows_arbin(f):
    r = csv.reader(f)
    ix = header_index(next(r))
    return [dict(t=float(w[ix['Test_Time']]), I=float(w[ix['Current']]), V=float(w[ix['Voltage']]), d=None,
                 step=w[ix['Step_Index']] or None, qc=float(w[ix['Charge_Capacity']]),
                 qd=float(w[ix['Discharge_Capacity']])) for w in r], 'cumulative'


def rows_bdf(f):
    r = csv.reader(f)
    ix = header_index(next(r))
    return [dict(t=float(w[ix['test_time_second']]), I=float(w[ix['current_ampere']]), V=float(w[ix['voltage_volt']]),
                 d=None, step=w[ix['step_index']], qc=float(w[ix['charging_capacity_ah']]),
                 qd=float(w[ix['discharging_capacity_ah']])) for w in r], 'per_step'


def read_rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        first = f.readline()
        f.seek(0)
        if first.startswith('DataPoint,'):
            return rows_neware_flat(f)
        if first.startswith('Cycle Index,'):
            return rows_neware3(f)
        if first.startswith('test_time_second,'):
            return rows_bdf(f)
        if first.startswith('Data_Point,'):
            return rows_arbin(f)
    raise SystemExit(f'{path}: a layout this reference does not read')


def set_directions(rows):
    imax = max(abs(w['I']) for w in rows)
    thr = 0.0 if imax == 0 else 1e-3 * 10 ** math.ceil(math.log10(imax))
    if rows[0]['d'] is not None:
        return thr
    for w in rows:
        w['d'] = 1 if w['I'] > thr else (-1 if w['I'] < -thr else 0)
    steps = {}
    for w in rows:
        if w['step'] is not None:
            steps.setdefault(w['step'], []).append(w)
    for ws in steps.values():
        signs = {w['d'] for w in ws} - {0}
        if len(signs) == 1:
            s = signs.pop()
            for w in ws:
                w['d'] = s
    return thr


def piece_figures(rows, idx, sign, kind):
    t = [rows[i]['t'] for i in idx]
    cur = [abs(rows[i]['I']) for i in idx]
    v = [abs(rows[i]['V']) for i in idx]
    q = sum(0.5 * (cur[k - 1] + cur[k]) * (t[k] - t[k - 1]) for k in range(1, len(idx))) / 3.6
    col = 'qc' if sign > 0 else 'qd'
    vals = [rows[i][col] for i in idx]
    if kind == 'per_step':
        qcol = max(vals) * 1000
    else:
        qcol = (vals[-1] - (rows[idx[0] - 1][col] if idx[0] > 0 else vals[0])) * 1000
    tw = t[0] + 0.5 * (t[-1] - t[0])
    before = [(vv, tt) for tt, vv in zip(t, v) if tt < tw]
    peak = max(before) if before else (None, None)
    return dict(sign=sign, t0_s=t[0], t1_s=t[-1], rows=len(idx), charge_mAh=q, column_mAh=qcol,
                mean_V=sum(v) / len(v), median_V=statistics.median(v),
                plateau_V=statistics.median([vv for tt, vv in zip(t, v) if tt >= tw]), max_V=max(v),
                peak_V=peak[0], peak_time_s=peak[1])


def analyse(path):
    rows, kind = read_rows(path)
    thr = set_directions(rows)
    pieces = []
    for i, w in enumerate(rows):
        if w['d'] == 0:
            continue
        if not pieces or pieces[-1]['end'] != i or pieces[-1]['sign'] != w['d'] or pieces[-1]['step'] != w['step']:
            pieces.append(dict(sign=w['d'], step=w['step'], idx=[], end=i))
        pieces[-1]['idx'].append(i)
        pieces[-1]['end'] = i + 1
    halves = []
    for p in pieces:
        if halves and halves[-1]['sign'] == p['sign']:
            halves[-1]['pieces'].append(p)
        else:
            halves.append(dict(sign=p['sign'], pieces=[p]))
    out_halves = []
    for h in halves:
        tau, v, acc = [], [], 0.0
        for p in h['pieces']:
            t0 = rows[p['idx'][0]]['t']
            for i in p['idx']:
                tau.append(acc + rows[i]['t'] - t0)
                v.append(abs(rows[i]['V']))
            acc += rows[p['idx'][-1]]['t'] - t0
        figs = [piece_figures(rows, p['idx'], p['sign'], kind) for p in h['pieces']]
        out_halves.append(dict(sign=h['sign'], charge_mAh=sum(f['charge_mAh'] for f in figs),
                               column_mAh=sum(f['column_mAh'] for f in figs),
                               plateau_V=statistics.median([x for s, x in zip(tau, v) if s >= 0.5 * acc]),
                               pieces=figs))
    return dict(rows=len(rows), rest_threshold_A=thr, halves=out_halves)


json.dump({os.path.basename(p): analyse(p) for p in sys.argv[1:]}, sys.stdout)
