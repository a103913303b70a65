# Writes licu_plating_positive.csv: a constructed Li||Cu test (not an instrument's file) of known figures, as a cycler
# that signs a plating onto the working electrode > 0 exports it: BDF labels, no label column, no capacity column.
# 0.565 mA (0.5 mA/cm2 on 1.13 cm2); a 60 s rest at 2.95 V; 3 cycles of a 3600 s plating (0.565 mAh) from 0.5 V
# through 0 V to a dip, then an exponential relaxation (60 s) to its plateau (cycle 1: peak -150 mV at 30 s, plateau
# -40 mV; cycles 2-3: -70 mV at 20 s, -35 mV), a 60 s rest, a strip at +30 mV for CE x 3600 s (CE 0.90, 0.95, 0.97)
# then 60 s rising to 0.5 V, a 60 s rest. Samples every 20 s (every 1 s in the plating's first 40 s, every 5 s in the strip's last 60 s). Figures by
# construction: stripped charge (CE x 3600 + 60) s x 0.565 mA, i.e. CE 0.916667, 0.966667, 0.986667; nucleation
# overpotential of the first plating 150 - 40 = 110 mV. Run: python3 make-licu.py
import math
I = 0.565  # mA
rows, t = [], 0.0
def add(tt, v, i, c): rows.append(f'{tt:.1f},{v:.5f},{-i:.4f},{c}')  # the current written with the sign reversed
for k in range(0, 60, 10): add(t + k, 2.95, 0.0, 1)
t = 60.0
for c, ce in enumerate([0.90, 0.95, 0.97], start=1):
    peak, plat, tpk = (-0.150, -0.040, 30.0) if c == 1 else (-0.070, -0.035, 20.0)
    ts = [float(x) for x in range(0, 40)] + [float(x) for x in range(40, 3601, 20)]
    for tt in ts:
        v = 0.5 - 0.05 * tt if tt <= 10 else (peak * (tt - 10) / (tpk - 10) if tt <= tpk else plat + (peak - plat) * math.exp(-(tt - tpk) / 60.0))
        add(t + tt, v, -I, c)
    t += 3600 + 10
    for k in range(6): add(t + 10 * k, -0.002, 0.0, c)
    t += 60
    st = ce * 3600
    for tt in sorted(set([float(x) for x in range(0, int(st), 20)] + [st])) + [st + 5 * j for j in range(1, 13)]:
        add(t + tt, 0.030 if tt <= st else 0.030 + 0.47 * (tt - st) / 60, I, c)
    t += st + 60 + 10
    for k in range(6): add(t + 10 * k, 1.0, 0.0, c)
    t += 60
open('licu_plating_positive.csv', 'w').write('Test Time / s,Voltage / V,Current / mA,Cycle Count / 1\n' + '\n'.join(rows) + '\n')
