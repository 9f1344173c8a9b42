-- Background jobs: a queue that workers claim with SELECT ... FOR UPDATE SKIP LOCKED, a lease that a crashed worker
-- loses, retries with backoff, dead jobs kept for platform admins; and the periodic schedules that every process
-- shares, so each periodic job is enqueued once per period however many schedulers run.

CREATE TABLE control.jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Which handler runs it (`mail.deliver`, `ledger.materialize_recurring`, ...).
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    payload jsonb NOT NULL DEFAULT '{}',
    -- queued → running → succeeded, or back to queued after a failure, or dead once attempts are used up.
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'dead')),
    -- Not before this instant: the first run, or the next try after a failure's backoff.
    run_at timestamptz NOT NULL DEFAULT now(),
    -- Claims so far; a claim counts even when its worker dies, so a job that crashes workers ends up dead too.
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
    -- The worker running it and until when its lease holds; another worker takes the job back after that.
    locked_by text CHECK (length(locked_by) <= 200),
    locked_until timestamptz,
    last_error text CHECK (length(last_error) <= 4000),
    -- At most one pending (queued or running) job per key: enqueueing a duplicate does nothing.
    unique_key text CHECK (length(unique_key) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK ((state = 'running') = (locked_until IS NOT NULL AND locked_by IS NOT NULL)),
    CHECK ((state IN ('succeeded', 'dead')) = (finished_at IS NOT NULL))
);
-- The claim: due queued jobs, oldest first.
CREATE INDEX jobs_due ON control.jobs (run_at, id) WHERE state = 'queued';
-- Taking back jobs whose lease ran out.
CREATE INDEX jobs_leases ON control.jobs (locked_until) WHERE state = 'running';
-- The admins' list by state, newest first, and the clean-up of old finished jobs.
CREATE INDEX jobs_state ON control.jobs (state, id DESC);
CREATE UNIQUE INDEX jobs_pending_unique ON control.jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');

-- Periodic work: what to enqueue is defined in code by name; this row is the shared clock. A scheduler locks the due
-- rows (SKIP LOCKED), enqueues their jobs and moves next_run_at forward in one transaction.
CREATE TABLE control.job_schedules (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    run_interval interval NOT NULL CHECK (run_interval >= interval '1 second'),
    next_run_at timestamptz NOT NULL,
    last_run_at timestamptz,
    last_job_id bigint REFERENCES control.jobs (id) ON DELETE SET NULL
);
CREATE INDEX job_schedules_due ON control.job_schedules (next_run_at);
