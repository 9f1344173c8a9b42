#!/usr/bin/env python3
"""Holds N idle graphql-transport-ws subscribers on one server and measures the fan-out of events to all of them.

Used by scripts/bench-realtime.sh. Every subscriber signs in with the same token and subscribes to
transactionChanged(workspaceId). Events are published straight to Redis on the workspace's channel (as a server
instance does after a write), so the figure is Redis -> server -> every WebSocket -> this client. The publisher and
the receivers share this process's clock.

    bench_subscribers.py URL TOKEN WORKSPACE REDIS_PORT SUBSCRIBERS EVENTS SERVER_PID
"""
import asyncio
import json
import statistics
import sys
import time
import uuid

import websockets

URL, TOKEN, WORKSPACE, REDIS_PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
SUBSCRIBERS, EVENTS, SERVER_PID = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
QUERY = "subscription($w: ID!) { transactionChanged(workspaceId: $w) { action transactionIds } }"
CHANNEL = f"budgetai:events:workspace.{WORKSPACE}.transactions"

received = {}  # event id -> list of receive times
subscribed = 0


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def subscriber(index, go):
    global subscribed
    async with websockets.connect(
        URL, subprotocols=["graphql-transport-ws"], open_timeout=120, ping_interval=None, max_queue=None, close_timeout=1
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {TOKEN}"}}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": QUERY, "variables": {"w": WORKSPACE}}}))
        subscribed += 1
        async for text in ws:
            now = time.perf_counter()
            message = json.loads(text)
            if message.get("type") == "next":
                event = message["payload"]["data"]["transactionChanged"]["transactionIds"][0]
                received.setdefault(event, []).append(now)
            elif message.get("type") == "error":
                raise RuntimeError(f"subscriber {index}: {message}")
            if go.is_set():
                return


def resp(*parts):
    out = f"*{len(parts)}\r\n".encode()
    for part in parts:
        data = part.encode()
        out += f"${len(data)}\r\n".encode() + data + b"\r\n"
    return out


async def main():
    done = asyncio.Event()
    rss_before = rss_kib(SERVER_PID)
    started = time.perf_counter()
    tasks = []
    for batch in range(0, SUBSCRIBERS, 500):
        tasks += [asyncio.create_task(subscriber(i, done)) for i in range(batch, min(batch + 500, SUBSCRIBERS))]
        while subscribed < min(batch + 500, SUBSCRIBERS):
            failed = [t for t in tasks if t.done() and t.exception()]
            if failed:
                raise failed[0].exception()
            await asyncio.sleep(0.05)
    connect_seconds = time.perf_counter() - started
    # Let the last subscriptions reach the server's bus before the first event.
    await asyncio.sleep(3)
    rss_idle = rss_kib(SERVER_PID)
    reader, writer = await asyncio.open_connection("127.0.0.1", REDIS_PORT)
    sent = {}
    for _ in range(EVENTS):
        event = str(uuid.uuid4())
        payload = json.dumps({"action": "DELETED", "transactionIDs": [event]})
        sent[event] = time.perf_counter()
        writer.write(resp("PUBLISH", CHANNEL, payload))
        await writer.drain()
        await reader.readline()
        deadline = time.perf_counter() + 30
        while len(received.get(event, [])) < SUBSCRIBERS and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
    latencies = sorted((t - sent[e]) * 1000 for e, times in received.items() for t in times)
    per_event_last = [(max(times) - sent[e]) * 1000 for e, times in received.items()]
    delivered = sum(len(times) for times in received.values())
    still_open = sum(1 for t in tasks if not t.done())
    done.set()
    for t in tasks:
        t.cancel()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else float("nan")

    print(json.dumps({
        "subscribers": SUBSCRIBERS,
        "connected_in_s": round(connect_seconds, 1),
        "still_open_after_events": still_open,
        "server_rss_mib_before": round(rss_before / 1024, 1),
        "server_rss_mib_idle": round(rss_idle / 1024, 1),
        "server_kib_per_subscriber": round((rss_idle - rss_before) / SUBSCRIBERS, 1),
        "events": EVENTS,
        "deliveries": delivered,
        "expected_deliveries": EVENTS * SUBSCRIBERS,
        "fanout_ms_p50": round(pct(50), 1),
        "fanout_ms_p99": round(pct(99), 1),
        "fanout_ms_max": round(latencies[-1], 1) if latencies else None,
        "last_delivery_ms_median": round(statistics.median(per_event_last), 1) if per_event_last else None,
    }))


asyncio.run(main())
