"""`make bench`: seed a large database, serve it with the real server beside a minimal
Flask + Jinja floor, measure both with wrk and write docs/performance.md.

    bench/seed.py        the database: residents, conversations, answers, goals, ...
    bench/seed_plan.py   the plan part of the seed: items, goals, follow-ups, history
    bench/floor.py       the floor: one Jinja template with a loop, under gunicorn
    bench/servers.py     starting both servers and logging in through the real form
    bench/measure.py     wrk runs (bench/wrk/*.lua) and their JSON figures
    bench/report.py      the table, the targets and docs/performance.md
    bench/run.py         all of it in order (python -m bench.run)

Not part of `make test`; BENCH_SCALE=0.1 gives a quick, smaller run."""
