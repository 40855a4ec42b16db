#!/usr/bin/env python3
"""Write load for the fault script (standard library only): N clients sign in through the balancer and create ledger people with
valid GB 11643 ID numbers (POST /api/people) until the time is up, each keeping its own cookies (the balancer's SRV stickiness)
and bearer token. Every write answered 2xx is recorded with its ID number and id; every other outcome is counted. Prints one line
per second and writes a JSON summary (--out) that faults.sh checks against the database.

  writeload.py --url http://127.0.0.1:8080 --user opsadmin --password '…' --village 419921001001 --clients 4 --seconds 20 --out acks.json
"""
import argparse, datetime, http.cookiejar, json, random, sys, threading, time, urllib.error, urllib.request

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
CHARS = "明华建国志强秀英桂兰海燕文杰丽娟春梅家豪子涵雨轩"


def id_number(county: str, n: int, base_day: int) -> str:
    """A valid 18-digit resident ID: county code, a birth date in 1960-1999, a sequence, the ISO 7064 check digit."""
    day = datetime.date(1960, 1, 1) + datetime.timedelta(days=(base_day + n // 900) % 14600)
    first17 = f"{county}{day:%Y%m%d}{100 + n % 900:03d}"
    return first17 + CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


class Client(threading.Thread):
    def __init__(self, k, args, deadline, base_day, summary, lock):
        super().__init__(daemon=True)
        self.k, self.args, self.deadline, self.base_day, self.summary, self.lock = k, args, deadline, base_day, summary, lock
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = None
        self.servers = []  # the node that answered each acknowledged write, in order

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.args.url + path, data=data, method=method, headers={"Content-Type": "application/json", "Accept-Language": "en"})
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with self.opener.open(req, timeout=10) as r:
                return r.status, r.headers.get("X-Served-By"), json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("X-Served-By"), None
        except Exception as e:  # connection reset or refused, timeout: not acknowledged
            return 0, None, type(e).__name__

    def count(self, key):
        with self.lock:
            self.summary["outcomes"][key] = self.summary["outcomes"].get(key, 0) + 1

    def run(self):
        while time.time() < self.deadline and self.token is None:
            status, _, body = self.call("POST", "/api/auth/login", {"userName": self.args.user, "password": self.args.password})
            if status == 200:
                self.token = body["accessToken"]
            else:
                self.count(f"login {status}")
                time.sleep(0.5)
        i = 0
        while time.time() < self.deadline:
            n = self.k * 1_000_000 + i
            i += 1
            idn = id_number(self.args.county, n, self.base_day)
            name = "压测" + CHARS[n % len(CHARS)] + CHARS[(n // len(CHARS)) % len(CHARS)]
            status, server, body = self.call("POST", "/api/people", {"idNumber": idn, "name": name, "villageCode": self.args.village})
            if 200 <= status < 300:
                with self.lock:
                    self.summary["acknowledged"].append({"idNumber": idn, "id": (body or {}).get("id"), "server": server, "client": self.k, "t": time.time()})
                if not self.servers or self.servers[-1] != server:
                    self.servers.append(server)
                self.count("2xx")
            else:
                self.count(f"{status or body}")
                time.sleep(0.05)
        with self.lock:
            self.summary["clients"].append({"client": self.k, "servers": self.servers, "signedIn": self.token is not None})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--village", required=True, help="a village code (12 digits) the user may write")
    p.add_argument("--county", default="419980", help="the ID numbers' area code (6 digits)")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    summary = {"acknowledged": [], "outcomes": {}, "clients": []}
    lock = threading.Lock()
    deadline = time.time() + args.seconds
    base_day = random.randrange(0, 14600)
    clients = [Client(k, args, deadline, base_day, summary, lock) for k in range(args.clients)]
    for c in clients:
        c.start()
    started = time.time()
    while any(c.is_alive() for c in clients):
        time.sleep(1)
        with lock:
            o = dict(summary["outcomes"])
        print(f"  load t={time.time() - started:4.0f}s " + " ".join(f"{k}:{v}" for k, v in sorted(o.items())), flush=True)
    for c in clients:
        c.join(timeout=15)
    with open(args.out, "w") as f:
        json.dump(summary, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
