"""What this process read from the shared cache lately, under keys whose value never changes.

A stored page or a shared fragment is kept under a key that names the publish generation (and
the page's own stamp), so the value under a key is never replaced: a publish on any host makes
new keys instead. A process may therefore keep what it read and answer from memory next time,
with nothing to invalidate and no message between hosts; it saves the round trip that moves the
value out of the shared cache, which on a busy host waits for the cache server to be scheduled
as well.
"""

import threading
from collections import OrderedDict


class LocalCopies:
    """Values by key, the least recently used dropped first past `budget` bytes."""

    def __init__(self, budget):
        self.budget = budget
        self.used = 0
        self.copies = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.copies.get(key)
            if found is None:
                return None
            self.copies.move_to_end(key)
            return found[0]

    def put(self, key, value, size):
        if size > self.budget:
            return
        with self.lock:
            if key in self.copies:
                return
            self.copies[key] = (value, size)
            self.used += size
            while self.used > self.budget:
                _key, (_value, dropped) = self.copies.popitem(last=False)
                self.used -= dropped
