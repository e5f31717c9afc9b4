"""The same measurements as oprel's gateway kernel, through a minimal Python client: the Jupyter
server's REST API (urllib) and its kernel WebSocket (tornado), JSON messages as JupyterLab sends
them. Prints {"first_ms": [...], "roundtrip_ms": [...]} for bench/gateway.ts.

Usage: gateway_client.py URL TOKEN STARTS ROUNDTRIPS (URL ends in "/")."""

import asyncio
import json
import sys
import time
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


def rest(url, token, method):
    request = urllib.request.Request(
        url, method=method, data=b"{}" if method == "POST" else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        body = response.read()
        return json.loads(body) if body else None


async def one_plus_one(ws, session):
    msg_id = uuid.uuid4().hex
    await ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                   "username": "", "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": "1+1", "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
    }))
    replied = idle = False
    while not (replied and idle):
        message = json.loads(await ws.read_message())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["header"]["msg_type"]
        replied = replied or kind == "execute_reply"
        idle = idle or (kind == "status" and message["content"]["execution_state"] == "idle")


async def started(url, token):
    kernel = rest(f"{url}api/kernels", token, "POST")
    session = uuid.uuid4().hex
    ws_url = url.replace("http", "ws", 1) + f"api/kernels/{kernel['id']}/channels?session_id={session}"
    ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))
    return kernel["id"], ws, session


async def main(url, token, starts, roundtrips):
    first = []
    for _ in range(starts):
        t0 = time.perf_counter()
        kernel_id, ws, session = await started(url, token)
        await one_plus_one(ws, session)
        first.append((time.perf_counter() - t0) * 1000)
        ws.close()
        rest(f"{url}api/kernels/{kernel_id}", token, "DELETE")
    kernel_id, ws, session = await started(url, token)
    await one_plus_one(ws, session)
    trips = []
    for _ in range(roundtrips):
        t0 = time.perf_counter()
        await one_plus_one(ws, session)
        trips.append((time.perf_counter() - t0) * 1000)
    ws.close()
    rest(f"{url}api/kernels/{kernel_id}", token, "DELETE")
    print(json.dumps({"first_ms": first, "roundtrip_ms": trips}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
