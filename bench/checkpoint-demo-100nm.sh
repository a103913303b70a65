#!/bin/bash
# bench/checkpoint-demo-100nm-results.json came from this script (paths under /tmp/rs). demo: the 100 nm standard protocol uninterrupted (A) and started/SIGTERM-cancelled after its first checkpoint/resumed (B), build 7a47923
# /tmp/rs/demo: a copy of bin/, dist/, package.json, data/ and examples/ of the worktree built at 7a47923 (node_modules linked), so that later builds did not touch the runs
cd /tmp/rs/demo
Y=examples/standard-protocol-100nm.yaml
rm -rf /tmp/rs/dA /tmp/rs/dB
( /usr/bin/time -v nice -n 10 node bin/sacplate.js simulate $Y --out /tmp/rs/dA --no-store --no-figures --json > /tmp/rs/A.json 2> /tmp/rs/A.err; echo "A done $(date -u +%T)" >> /tmp/rs/demo.log ) &
echo "start $(date -u +%T)" >> /tmp/rs/demo.log
nice -n 10 node bin/sacplate.js simulate $Y --out /tmp/rs/dB --checkpoint-every 120 --no-store --no-figures --json > /tmp/rs/B1.json 2> /tmp/rs/B1.err &
PB=$!
while [ ! -f /tmp/rs/dB/checkpoint.bin ]; do sleep 2; if ! kill -0 $PB 2>/dev/null; then echo "B ended before a checkpoint" >> /tmp/rs/demo.log; exit 1; fi; done
echo "first checkpoint $(date -u +%T) $(stat -c %s /tmp/rs/dB/checkpoint.bin) bytes" >> /tmp/rs/demo.log
sleep 1
kill -TERM $PB
wait $PB; echo "B1 exit $? $(date -u +%T)" >> /tmp/rs/demo.log
ls -la /tmp/rs/dB >> /tmp/rs/demo.log
( /usr/bin/time -v nice -n 10 node bin/sacplate.js simulate $Y --out /tmp/rs/dB --resume --checkpoint-every 120 --no-store --no-figures --json > /tmp/rs/B2.json 2> /tmp/rs/B2.err; echo "B2 exit $? $(date -u +%T)" >> /tmp/rs/demo.log )
wait
echo "all done $(date -u +%T)" >> /tmp/rs/demo.log
